"""JSON text as the core accepts it: no NaN or Infinity (nor numbers so large they read as
infinity), no key named twice in one object, and no deeper nesting than any real input needs.
Problems are plain messages (InvalidInput). The command line and permalinks both read through it."""

from __future__ import annotations

import json
import math
import re

from .cleantext import shown
from .invalid_input import InvalidInput

MAX_DEPTH = 20  # a calculator's inputs nest 3 deep (bids, their lines, a line's fields)


def _fail(field: str, message: str):
    raise InvalidInput([{"field": field, "message": message}])


def _object(pairs: list[tuple[str, object]]) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            _fail(shown(key), f"The input names '{shown(key)[:40]}' twice. Give each value once")
        result[key] = value
    return result


def _constant(name: str):
    raise ValueError(f"{name} is not a number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise ValueError(f"{text[:20]} is too large to be a number")
    return value


# Once its escapes are gone, a string is a quote, anything but a quote, and a quote: a pattern that
# never backtracks, so a 10 MB string costs about its own size in memory (a pattern with an
# alternation inside a repeat kept some 120 bytes a character).
STRING_OR_BRACKET = re.compile(r'"[^"]*"|[\[\]{}]')


def too_deep(text: str, max_depth: int) -> bool:
    """Whether JSON text nests lists and objects deeper than ``max_depth`` (brackets inside strings
    aside). Checked before parsing, so thousands of brackets never reach the parser's recursion."""
    # Backslashes pair off from the left, as the parser reads them; then an escaped quote is no quote.
    depth, unescaped = 0, text.replace("\\\\", "").replace('\\"', "")
    for token in STRING_OR_BRACKET.finditer(unescaped):
        first = unescaped[token.start()]  # not token.group(): that would copy a long string
        if first == '"':
            continue
        depth += 1 if first in "[{" else -1
        if depth > max_depth:
            return True
    return False


def loads(text: str, field: str = "", max_depth: int = MAX_DEPTH):
    """Parse JSON input; InvalidInput (on ``field``) if it is not JSON the core accepts."""
    if too_deep(text, max_depth):
        _fail(field, f"The input is nested more than {max_depth} levels deep, so it cannot be a calculator's inputs")
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant, parse_float=_finite)
    except (ValueError, RecursionError) as problem:
        _fail(field, f"The input is not valid JSON: {str(problem)[:120]}")


def dumps(value, **options) -> str:
    """JSON text with no NaN or Infinity in it, ever."""
    return json.dumps(value, allow_nan=False, ensure_ascii=False, **options)
