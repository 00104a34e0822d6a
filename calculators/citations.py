"""Citations of the draft Policy by stable anchor (see data/policy_refs.toml)."""

from __future__ import annotations

from .data_files import policy_refs


def cite(anchor: str) -> dict:
    """{id, label, href}; href is relative to the site root."""
    ref = policy_refs()[anchor]
    return {"id": anchor, "label": ref["label"], "href": f"{ref['page']}#{anchor}"}


def cites(anchors) -> list[dict]:
    return [cite(anchor) for anchor in anchors]
