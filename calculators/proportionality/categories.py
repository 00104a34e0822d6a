"""The contract types the Procurement Act's thresholds tell apart, with their labels."""

from __future__ import annotations

CATEGORY_LABELS = {"goods": "Goods", "services": "Services", "works": "Works", "light_touch": "Light touch"}
CATEGORIES = tuple(CATEGORY_LABELS)


def in_sentence(category: str) -> str:
    """A contract type as a sentence reads it: "light touch"."""
    return CATEGORY_LABELS[category].lower()
