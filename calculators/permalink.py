"""Permalinks: ``#inputs=`` followed by the base64url text of the UTF-8 JSON inputs.

Trainers put these links in slides, so the core makes them (and tests carry them) and the browser
only reads them back.
"""

from __future__ import annotations

import base64
import binascii
import json

PREFIX = "#inputs="


def encode(inputs: dict) -> str:
    text = json.dumps(inputs, separators=(",", ":"), ensure_ascii=False)
    return PREFIX + base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode(fragment: str):
    """The inputs in a permalink (padding optional). Raises ValueError with a plain message."""
    text = fragment[len(PREFIX):] if fragment.startswith(PREFIX) else fragment.lstrip("#")
    text = text.strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ValueError("This link is damaged: its inputs could not be read. Check it was copied in full.") from None
