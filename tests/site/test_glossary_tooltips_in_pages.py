"""Issue 27, finding 13, the build's half: the core's copy of the glossary is the glossary page's
own terms, and the built calculator pages carry the tooltips in their worked examples and in each
measure's defaults (where the SROI filter scale is named)."""

from __future__ import annotations

import re

from conftest import ROOT


def test_the_cores_glossary_is_made_from_the_glossary_page():
    from sitebuild.glossary import GLOSSARY, core_terms

    committed = (ROOT / "calculators" / "data" / "glossary.toml").read_text(encoding="utf-8")
    assert committed == core_terms(GLOSSARY.read_text(encoding="utf-8"))


def test_the_valuation_page_marks_the_sroi_filter_scale_in_a_measures_defaults(site_dir):
    page = (site_dir / "calculators" / "valuation" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="A five-step scale for deadweight, attribution and displacement[^"]*">'
                     r'SROI filter scale</abbr>', page)


def test_the_monitoring_pages_worked_example_marks_its_terms(site_dir):
    page = (site_dir / "calculators" / "monitoring" / "index.html").read_text(encoding="utf-8")
    result = page[page.index("sv-result--monitoring"):]
    assert re.search(r'<abbr title="Full-time equivalent[^"]*">FTE</abbr>', result)
