"""The site-wide tooltips, made from the glossary: the one place the short forms are written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "toolkit" / "glossary.md"
SNIPPETS = ROOT / ".cache" / "snippets"

# A term is a heading with a stable anchor, then its definition:
#   ### SME, SMEs { #sme }
#
#   Small or medium-sized enterprise. ...
# Its own heading makes it its own section in the search index, so a search lands on the term.
TERM = re.compile(r"^### (?P<names>[^{\n]+?) \{ #(?P<anchor>[a-z0-9-]+) \}\n\n(?P<definition>[^\n]+)", re.M)


class Term(NamedTuple):
    names: list[str]   # the term and its other forms: ["SME", "SMEs"]
    anchor: str        # its id on the glossary page: "sme"
    definition: str    # the first paragraph of its definition, as written


def terms(glossary: str, section: str | None = None) -> list[Term]:
    """The glossary's terms, in order; only those under the heading ``## {section}`` if given."""
    if section is not None:
        glossary = glossary.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [Term([name.strip() for name in found["names"].split(",")], found["anchor"], found["definition"])
            for found in TERM.finditer(glossary)]


def abbreviations(glossary: str) -> str:
    """The site-wide tooltips, made from the glossary's short forms: each term with the first
    sentence of its definition. The glossary is the one place they are written."""
    lines = []
    for term in terms(glossary, "Short forms"):
        text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", term.definition)  # links -> their text
        meaning = re.split(r"(?<=[a-z0-9)])\.\s", text, maxsplit=1)[0].rstrip(".")
        # A term may have several forms (SME, SMEs): each gets the tooltip.
        lines += [f"*[{name}]: {meaning}" for name in term.names]
    return "\n".join(lines) + "\n"


def write_abbreviations() -> Path:
    """Writes the tooltips where pymdownx.snippets appends them to every page (see mkdocs.yml)."""
    target = SNIPPETS / "abbreviations.md"
    text = abbreviations(GLOSSARY.read_text(encoding="utf-8"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target
