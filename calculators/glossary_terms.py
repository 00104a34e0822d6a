"""The site's glossary inside results: the first time a result uses a glossary term (WELLBY,
drop-off, SROI filter scale), it is wrapped in <abbr title="..."> with the glossary's meaning, as
the guidance pages' short forms are. Results are made in the browser after the page is built, so
the build's own tooltips never reach them.

The terms come from data/glossary.toml, which the build makes from docs/toolkit/glossary.md (see
sitebuild/glossary.py): the glossary stays the one place they are written."""

from __future__ import annotations

import re
from functools import lru_cache

from .data_files import DataFile
from .html import esc

# Text inside these is never marked: links and existing tooltips, the chart, and form controls.
SKIPPED = {"a", "abbr", "svg", "script", "style", "title", "textarea", "option", "select", "button"}
# The opening and closing tags of those elements (a tag holds no ">": the core escapes its text).
SKIPPED_TAG = re.compile(r"<(/?)\s*(" + "|".join(sorted(SKIPPED)) + r")(?![a-zA-Z0-9])[^>]*>", re.I)


class Terms:
    """Every name of every term (longest first, so "SROI filter scale" wins over "SROI"), and the
    term each name belongs to."""

    def __init__(self, terms: list[dict]):
        self.owner = {name.casefold(): term for term in terms for name in term["names"]}
        self.names = sorted(((name, term["exact_case"]) for term in terms for name in term["names"]),
                            key=lambda item: -len(item[0]))
        self.pattern = lru_cache(maxsize=None)(self._pattern)

    def _pattern(self, used: frozenset) -> tuple[re.Pattern, tuple[tuple[str, bool], ...]] | None:
        """The names still to find once the terms ``used`` are marked: their pattern, and each name as
        plain text to look for (in lower case where its case does not matter), which is far quicker
        than the pattern over a long text. A used term's name stays while it holds a name still to
        find ("SROI filter scale" after it is marked, while "SROI" is not), so that its later uses are
        still passed over whole, as when every name is sought."""
        left = [name for name, _ in self.names if self.owner[name.casefold()]["anchor"] not in used]
        kept = [(name, exact) for name, exact in self.names
                if self.owner[name.casefold()]["anchor"] not in used
                or any(other.casefold() in name.casefold() for other in left)]
        if not left:
            return None
        alternatives = "|".join(re.escape(name) if exact else f"(?i:{re.escape(name)})" for name, exact in kept)
        return (re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"),
                tuple((name if exact else name.lower(), exact) for name, exact in kept))


def build_terms(raw: dict, path=None) -> Terms:
    return Terms(raw.get("terms", []))


GLOSSARY = DataFile("glossary.toml", build_terms)


def _skipped_until(fragment: str, start: int, end: int, open_tags: list[str]) -> None:
    """Follows the skipped elements opened and closed between ``start`` and ``end``."""
    for tag in SKIPPED_TAG.finditer(fragment, start, end):
        _follow(tag, open_tags)


def _follow(tag: re.Match, open_tags: list[str]) -> None:
    if tag.group(0).endswith("/>"):
        return
    name = tag.group(2).lower()
    if not tag.group(1):
        open_tags.append(name)
    elif name in open_tags:
        open_tags.remove(name)


class _Finder:
    """What ``pattern.search(fragment, position)`` finds, found faster: each name's next place as
    plain text gives where a match may start, and the pattern decides there. The places found are
    kept from one search to the next: the searches move forward through the text."""

    def __init__(self, fragment: str):
        self.fragment = fragment
        self.lower = fragment.lower()
        self.places: dict[tuple[str, bool], int] = {}
        if len(self.lower) != len(fragment):  # a letter whose lower case is longer: use the pattern alone
            self.lower = None

    def _find(self, needle: str, exact: bool, position: int) -> int:
        place = (self.fragment if exact else self.lower).find(needle, position)
        return len(self.fragment) if place < 0 else place

    def search(self, patterns, position: int) -> re.Match | None:
        pattern, needles = patterns
        if self.lower is None:
            return pattern.search(self.fragment, position)
        places = {key: self.places.get(key, -1) for key in needles}
        while True:
            for (needle, exact), place in places.items():
                if place < position:
                    places[needle, exact] = self._find(needle, exact, position)
            start = min(places.values())
            if start >= len(self.fragment):
                self.places = places
                return None
            match = pattern.match(self.fragment, start)
            if match:
                self.places = places
                return match
            position = start + 1


def mark(fragment: str) -> str:
    """``fragment`` with the first use of each glossary term in its text wrapped in <abbr>. A search
    from one use to the next, not a pass over every piece of text: a 1,000-line result is 2 MB."""
    terms = GLOSSARY.default()
    used: set[str] = set()
    open_tags: list[str] = []  # the skipped elements the search is inside
    out = []
    done = scanned = position = 0  # fragment[:done] is in out; tags before scanned are followed
    finder = _Finder(fragment)
    patterns = terms.pattern(frozenset())
    while patterns is not None and (found := finder.search(patterns, position)):
        start = found.start()
        if fragment.rfind("<", 0, start) > fragment.rfind(">", 0, start):  # inside a tag: its attributes
            position = fragment.find(">", start) + 1
            if not position:
                break
            continue
        _skipped_until(fragment, scanned, start, open_tags)
        scanned = position = start
        if open_tags:  # inside a link or a tooltip: go on after it
            for tag in SKIPPED_TAG.finditer(fragment, start):
                _follow(tag, open_tags)
                if not open_tags:
                    scanned = position = tag.end()
                    break
            else:
                break
            continue
        term = terms.owner[found.group(0).casefold()]
        position = found.end()
        if term["anchor"] in used:
            continue
        used.add(term["anchor"])
        out += [fragment[done:start], f'<abbr title="{esc(term["meaning"])}">{found.group(0)}</abbr>']
        done = scanned = position
        patterns = terms.pattern(frozenset(used))
    out.append(fragment[done:])
    return "".join(out)
