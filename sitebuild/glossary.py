"""The site-wide tooltips, made from the glossary: the one place the short forms are written."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "toolkit" / "glossary.md"
SNIPPETS = ROOT / ".cache" / "snippets"


def abbreviations(glossary: str) -> str:
    """The site-wide tooltips, made from the glossary's short forms: each term with the first
    sentence of its definition. The glossary is the one place they are written."""
    section = glossary.split("## Short forms", 1)[1].split("\n## ", 1)[0]
    lines = []
    # A definition may have several terms, one a line (SME, then SMEs): each gets the tooltip.
    for terms, definition in re.findall(r"((?:^[^\s:][^\n]*\n)+):   ([^\n]+)", section, re.M):
        text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", definition)  # links -> their text
        meaning = re.split(r"(?<=[a-z0-9)])\.\s", text, maxsplit=1)[0].rstrip(".")
        lines += [f"*[{term}]: {meaning}" for term in terms.split()]
    return "\n".join(lines) + "\n"


def write_abbreviations() -> Path:
    """Writes the tooltips where pymdownx.snippets appends them to every page (see mkdocs.yml)."""
    target = SNIPPETS / "abbreviations.md"
    text = abbreviations(GLOSSARY.read_text(encoding="utf-8"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target
