"""Material's search index, made to honour ``data-search-exclude`` on any block.

Material (9.8) documents ``data-search-exclude`` for leaving a block out of the search index, but its
parser compares elements by tag name only. An excluded ``<div>`` therefore stops being excluded at
its first inner ``</div>``, and a heading with an id inside it still starts a search section. The
calculators' forms and prerendered results are such blocks: their labels and result tables came up
as run-together text ("Line and measureQuantity a yearUnit...").

This parser skips everything inside an excluded element, however deeply its tags nest, until that
element closes. ``tests/site/test_search.py`` checks the built index, so a change in Material shows.
"""

from __future__ import annotations

from material.plugins.search import plugin as search

MATERIAL_PARSER = getattr(search.Parser, "material_parser", search.Parser)


class Parser(MATERIAL_PARSER):
    material_parser = MATERIAL_PARSER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.excluded_depth = 0  # inside an excluded element: the depth of its tag; 0 outside

    def handle_starttag(self, tag, attrs):
        if self.excluded_depth:
            # Inside an excluded block: follow the nesting only, so no text and no heading counts.
            if tag not in search.void:
                self.context.append(search.Element(tag))
            return
        super().handle_starttag(tag, attrs)
        if any(name == "data-search-exclude" for name, _ in attrs) and tag not in search.void:
            self.excluded_depth = len(self.context)

    def handle_endtag(self, tag):
        if self.excluded_depth and len(self.context) > self.excluded_depth:
            if self.context[-1].tag == tag:
                self.context.pop()
            return
        if self.excluded_depth and self.context and self.context[-1].tag == tag:
            self.excluded_depth = 0  # the excluded element itself closes
        super().handle_endtag(tag)


def honour_search_exclude() -> None:
    """Makes Material's search plugin use this parser for every page built after the call."""
    search.Parser = Parser
