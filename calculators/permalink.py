"""Permalinks: ``#inputs=`` followed by the base64url text of the UTF-8 JSON inputs.

Trainers put these links in slides, so the core makes them (and tests carry them) and the browser
only reads them back. Anyone can craft a link, so decoding is bounded: a link longer than any
calculation's, nested deeper than any calculation's inputs, or holding NaN or Infinity is damaged.
"""

from __future__ import annotations

import base64
import binascii
import json

from . import jsontext
from .invalid_input import InvalidInput

PREFIX = "#inputs="
DAMAGED = "This link is damaged: its inputs could not be read. Check it was copied in full."
NOT_VALID = "This link is damaged: some of its inputs are not valid. Fix the problems below, or ask for a new link."
# The longest valid link (1,000 outcome lines, every text field full of 4-byte characters) is about
# 0.9 million characters; anything much longer is not a link this site made.
MAX_LENGTH = 2_000_000
# A calculation whose link would be longer (the report of a large portfolio) has no link, and says why.
TOO_LARGE = ("This calculation is too large to share as a link. Share its files, or its downloads, instead.")
# Calculators' inputs nest three deep (inputs -> lines -> line); deeper text is not theirs, and
# would only make the JSON parser recurse.
MAX_DEPTH = 10


def compact(inputs):
    """The inputs without blank values (None or ""): a blank box means the same as a missing one, and
    a link read out of a printed page should be as short as it can be."""
    if isinstance(inputs, dict):  # only a dict or a list needs a call: a large report has a million values
        return {key: compact(value) if isinstance(value, (dict, list)) else value for key, value in inputs.items()
                if value is not None and value != ""}
    if isinstance(inputs, list):
        return [compact(value) if isinstance(value, (dict, list)) else value for value in inputs]
    return inputs


def encode(inputs: dict) -> str:
    text = json.dumps(compact(inputs), separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return PREFIX + base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode(fragment: str):
    """The inputs in a permalink (padding optional). Raises ValueError with a plain message."""
    if len(fragment) > MAX_LENGTH:
        raise ValueError(DAMAGED)
    text = fragment[len(PREFIX):] if fragment.startswith(PREFIX) else fragment.lstrip("#")
    text = text.strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
        return jsontext.loads(raw, max_depth=MAX_DEPTH)
    except (binascii.Error, ValueError, UnicodeDecodeError, InvalidInput):
        raise ValueError(DAMAGED) from None
