"""JSON text as the core accepts it: no NaN or Infinity, no key named twice in one object, and
no deeper nesting than any real input needs. Problems are plain messages (InvalidInput)."""

from __future__ import annotations

import json

from .inputs import InvalidInput

MAX_DEPTH = 20  # a calculator's inputs nest 3 deep (bids, their lines, a line's fields)


def _fail(field: str, message: str):
    raise InvalidInput([{"field": field, "message": message}])


def _object(pairs: list[tuple[str, object]]) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            _fail(key, f"The input names '{key[:40]}' twice. Give each value once")
        result[key] = value
    return result


def _constant(name: str):
    raise ValueError(f"{name} is not a number")


def _depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings (checked before parsing, so a crafted input
    of thousands of brackets never reaches the parser's recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def loads(text: str, field: str = ""):
    """Parse JSON input; InvalidInput (on ``field``) if it is not JSON the core accepts."""
    if _depth(text) > MAX_DEPTH:
        _fail(field, f"The input is nested more than {MAX_DEPTH} levels deep, so it cannot be a calculator's inputs")
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except (ValueError, RecursionError) as problem:
        _fail(field, f"The input is not valid JSON: {str(problem)[:120]}")


def dumps(value, **options) -> str:
    """JSON text with no NaN or Infinity in it, ever."""
    return json.dumps(value, allow_nan=False, ensure_ascii=False, **options)
