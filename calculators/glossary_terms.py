"""The site's glossary inside results: the first time a result uses a glossary term (WELLBY,
drop-off, SROI filter scale), it is wrapped in <abbr title="..."> with the glossary's meaning, as
the guidance pages' short forms are. Results are made in the browser after the page is built, so
the build's own tooltips never reach them.

The terms come from data/glossary.toml, which the build makes from docs/toolkit/glossary.md (see
sitebuild/glossary.py): the glossary stays the one place they are written."""

from __future__ import annotations

import re

from .data_files import DataFile
from .html import esc

TAG = re.compile(r"(<[^>]*>)")
# Text inside these is never marked: links and existing tooltips, the chart, and form controls.
SKIPPED = {"a", "abbr", "svg", "script", "style", "title", "textarea", "option", "select", "button"}


def build_terms(raw: dict, path=None) -> tuple[re.Pattern, dict]:
    """One pattern for every name (longest first, so "SROI filter scale" wins over "SROI"), and the
    term each name belongs to."""
    terms = raw.get("terms", [])
    owner, patterns = {}, []
    for term in terms:
        for name in term["names"]:
            owner[name.casefold()] = term
            patterns.append((name, term["exact_case"]))
    patterns.sort(key=lambda item: -len(item[0]))
    alternatives = "|".join(re.escape(name) if exact else f"(?i:{re.escape(name)})" for name, exact in patterns)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), owner


GLOSSARY = DataFile("glossary.toml", build_terms)


def mark(fragment: str) -> str:
    """``fragment`` with the first use of each glossary term in its text wrapped in <abbr>."""
    pattern, owner = GLOSSARY.default()
    used: set[str] = set()
    skipping: list[str] = []
    out = []

    def wrap(found: re.Match) -> str:
        term = owner[found.group(0).casefold()]
        if term["anchor"] in used:
            return found.group(0)
        used.add(term["anchor"])
        return f'<abbr title="{esc(term["meaning"])}">{found.group(0)}</abbr>'

    for part in TAG.split(fragment):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in SKIPPED and not part.endswith("/>"):
                if part.startswith("</"):
                    if tag in skipping:
                        skipping.remove(tag)
                else:
                    skipping.append(tag)
            out.append(part)
        else:
            out.append(part if skipping else pattern.sub(wrap, part))
    return "".join(out)
