"""The Corporate Plan's five priorities, which the measures, the valuation and the proportionality's
suggestions all name (data/priorities.toml describes each)."""

from __future__ import annotations

from functools import lru_cache

from .data_files import DATA, read_toml

PRIORITIES = ("Safe", "Clean", "Healthy", "Prosperous", "Excellent")


@lru_cache(maxsize=None)
def corporate_priorities() -> tuple[dict, ...]:
    return tuple(read_toml(DATA / "priorities.toml")["priorities"])
