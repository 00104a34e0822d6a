"""MkDocs hooks: changes to each built page that Markdown alone cannot make.

Wide tables scroll inside their own box (WCAG 1.4.10 Reflow): on a 320 px phone a table of bands or
templates must not make the whole page wider than the screen. The box is a named region that the
keyboard can reach, so someone who cannot swipe can still scroll it (axe: scrollable-region-focusable).

A learner's answers to the training exercises are folded on screen and left out of print; they stay
out of the search index too, or a search would give them away.
"""

from __future__ import annotations

import html
import re

TABLE = re.compile(r'(<div class="sv-table-scroll"[^>]*>\s*)?(<table\b.*?</table>)', re.S)
HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)
CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
LEARNER_ANSWER = re.compile(r'<details class="[^"]*\bsv-learner-answer\b[^"]*"')


def _text(markup: str) -> str:
    """The words of a heading or caption, without its permalink sign."""
    words = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", markup)))
    return " ".join(words.split())


def scrolling_tables(page_html: str) -> str:
    """Every table not already in a scrolling region goes into one, named by its caption or else by the
    heading above it, numbered when a heading has several, so that each region's name is unique."""
    used: dict[str, int] = {}

    def wrap(match: re.Match) -> str:
        if match.group(1):  # the core's own result tables are wrapped already
            return match.group(0)
        table = match.group(2)
        caption = CAPTION.search(table)
        headings = HEADING.findall(page_html, 0, match.start())
        name = _text(caption.group(1)) if caption else f"Table: {_text(headings[-1])}" if headings else "Table"
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:
            name = f"{name} ({used[name]})"
        return (f'<div class="sv-table-scroll" role="region" tabindex="0" aria-label="{html.escape(name)}">'
                f"{table}</div>")

    return TABLE.sub(wrap, page_html)


def unsearched_learner_answers(page_html: str) -> str:
    """Marks each learner's answer box for sitebuild.search to leave out of the index."""
    return LEARNER_ANSWER.sub(lambda match: match.group(0) + " data-search-exclude", page_html)


def on_page_content(page_html: str, page, config, files) -> str:
    return unsearched_learner_answers(scrolling_tables(page_html))
