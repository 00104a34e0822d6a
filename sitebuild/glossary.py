"""The site-wide tooltips, made from the glossary: the one place the short forms are written."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "toolkit" / "glossary.md"
SNIPPETS = ROOT / ".cache" / "snippets"
CORE_TERMS = ROOT / "calculators" / "data" / "glossary.toml"

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


def meaning(term: Term) -> str:
    """The first sentence of a term's definition, in plain text: what its tooltip says."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", term.definition)  # links -> their text
    return re.split(r"(?<=[a-z0-9)])\.\s", text, maxsplit=1)[0].rstrip(".")


def abbreviations(glossary: str) -> str:
    """The site-wide tooltips, made from the glossary's short forms: each term with the first
    sentence of its definition. The glossary is the one place they are written."""
    lines = []
    for term in terms(glossary, "Short forms"):
        # A term may have several forms (SME, SMEs): each gets the tooltip.
        lines += [f"*[{name}]: {meaning(term)}" for name in term.names]
    return "\n".join(lines) + "\n"


# The terms of art a result uses, marked besides every short form. Plain words such as "social
# value" or "outcome" are in nearly every sentence of a result and need no tooltip there.
RESULT_TERMS = ("attribution", "deadweight", "discounting", "displacement", "drop-off", "sroi-filter-scale")


def core_terms(glossary: str) -> str:
    """The glossary as the core's data file (calculators/data/glossary.toml), so that results, made
    by the core in the browser after the page is built, get the same tooltips: every short form,
    matched as written, and the terms of art in RESULT_TERMS, in any case."""
    lines = ["# Made from docs/toolkit/glossary.md by sitebuild/glossary.py at every build: edit the glossary, not this.",
             ""]
    chosen = {"Short forms": lambda term: True, "Terms": lambda term: term.anchor in RESULT_TERMS}
    for section, exact in (("Short forms", True), ("Terms", False)):
        for term in filter(chosen[section], terms(glossary, section)):
            lines += ["[[terms]]", f"names = {json.dumps(term.names, ensure_ascii=False)}",
                      f"anchor = {json.dumps(term.anchor)}", f"meaning = {json.dumps(meaning(term), ensure_ascii=False)}",
                      f"exact_case = {'true' if exact else 'false'}", ""]
    return "\n".join(lines)


def write_core_terms() -> Path:
    """Keeps the core's copy of the glossary in step, before the core's wheel is built."""
    target = CORE_TERMS
    text = core_terms(GLOSSARY.read_text(encoding="utf-8"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def write_abbreviations() -> Path:
    """Writes the tooltips where pymdownx.snippets appends them to every page (see mkdocs.yml)."""
    target = SNIPPETS / "abbreviations.md"
    text = abbreviations(GLOSSARY.read_text(encoding="utf-8"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target
