"""Reading and checking the data files in calculators/data.

The council can edit these files, so each is checked when loaded and every problem is reported in
plain words (``SettingsError``), rather than surfacing later as a wrong answer. A ``DataFile``
reads one: ``load(path)`` a copy being tried out (``--settings``), ``default()`` the one shipped,
read once.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


class SettingsError(ValueError):
    """A data file breaks a rule; ``problems`` lists every one found."""

    def __init__(self, path, problems: list[str]):
        super().__init__(f"{path}: " + "; ".join(problems))
        self.problems = problems


TOO_DEEP = "the file nests lists or tables too deeply to be read: no settings file needs more than a few levels"
# A key of 50 or more dotted parts (a.b.c...): tomllib's time grows with the square of the parts.
DEEP_DOTTED_KEY = re.compile(r"(?:\.[ \t]*[A-Za-z0-9_-]+[ \t]*){50}")


def read_toml(path: Path) -> dict:
    with open(path, "rb") as handle:
        data = handle.read()
    if DEEP_DOTTED_KEY.search(data.decode("utf-8", "replace")):
        raise SettingsError(path, [TOO_DEEP])
    try:
        return tomllib.loads(data.decode("utf-8"))
    except RecursionError:  # tomllib reads nested lists and tables by recursion
        raise SettingsError(path, [TOO_DEEP]) from None


class DataFile:
    """One data file and the function that checks it and builds what it holds: ``build(raw, path=...)``
    raises SettingsError listing every problem, each with its key path in the file."""

    def __init__(self, name: str, build):
        self.name = name
        self._build = build
        self.default = lru_cache(maxsize=None)(self.load)

    def load(self, path: Path | str | None = None):
        """Read the file (or another copy the council is trying out) and check it."""
        path = Path(path) if path else DATA / self.name
        return self._build(read_toml(path), path=path)


def check_cites(cites, where: str, refs: dict, problems: list[str]) -> None:
    if not isinstance(cites, (list, tuple)) or not all(isinstance(cite, str) for cite in cites):
        problems.append(f"{where}: 'cites' must be a list of Policy anchors, like [\"objective-3\"]")
        return
    for cite in cites:
        if cite not in refs:
            problems.append(f"{where} cites '{cite}', which is not a Policy anchor in policy_refs.toml")


@lru_cache(maxsize=None)
def policy_refs() -> dict:
    return read_toml(DATA / "policy_refs.toml")["refs"]
