"""``InvalidInput``: every problem with a calculation's inputs at once, each a ``{field, message}``
named by the field's path, so a form can show them all together."""

from __future__ import annotations

import re

MAX_ERRORS = 50  # a form or a terminal shows this many problems, then says how many more
# A field's path, as errors name it and the browser sends it: "bids[2].lines[0].proxy".
FIELD_PATH = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class InvalidInput(Exception):
    """Raised with every error found (up to MAX_ERRORS), so a form can show them all at once."""

    def __init__(self, errors: list[dict]):
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            errors = errors[:MAX_ERRORS] + [{"field": "", "message": f"and {more:,} more problem{'s' * (more > 1)}"}]
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors[:5]))
        self.errors = errors
