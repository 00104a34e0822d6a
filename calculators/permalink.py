"""Permalinks: ``#inputs=`` followed by the base64url text of the UTF-8 JSON inputs.

Trainers put these links in slides, so the core makes them (and tests carry them) and the browser
only reads them back. Anyone can craft a link, so decoding is bounded: a link longer than any
calculation's, nested deeper than any calculation's inputs, or holding NaN or Infinity is damaged.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re

PREFIX = "#inputs="
DAMAGED = "This link is damaged: its inputs could not be read. Check it was copied in full."
NOT_VALID = "This link is damaged: some of its inputs are not valid. Fix the problems below, or ask for a new link."
# The longest valid link (1,000 outcome lines, every text field full of 4-byte characters) is about
# 0.9 million characters; anything much longer is not a link this site made.
MAX_LENGTH = 2_000_000
# Calculators' inputs nest three deep (inputs -> lines -> line); deeper text is not theirs, and
# would only make the JSON parser recurse.
MAX_DEPTH = 10
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
BRACKET = re.compile(r"[\[\]{}]")


def encode(inputs: dict) -> str:
    text = json.dumps(inputs, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return PREFIX + base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a number a calculation can use")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise ValueError("an infinite number")
    return value


def too_deep(text: str) -> bool:
    """Whether JSON text nests lists and objects deeper than MAX_DEPTH (brackets in strings aside)."""
    depth = 0
    for bracket in BRACKET.finditer(STRING.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def decode(fragment: str):
    """The inputs in a permalink (padding optional). Raises ValueError with a plain message."""
    if len(fragment) > MAX_LENGTH:
        raise ValueError(DAMAGED)
    text = fragment[len(PREFIX):] if fragment.startswith(PREFIX) else fragment.lstrip("#")
    text = text.strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
        if too_deep(raw):
            raise ValueError("nested too deeply")
        return json.loads(raw, parse_constant=_reject_constant, parse_float=_finite)
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        raise ValueError(DAMAGED) from None
