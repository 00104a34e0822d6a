"""The search index: calculators' forms and prerendered results stay out of it, each glossary term
has its own entry, and a search in the browser lists the best match first."""

from __future__ import annotations

import html
import json
import re

import pytest

from calculators.registry import SPECS
from conftest import plain_text


@pytest.fixture(scope="module")
def index(site_dir) -> list[dict]:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def words(entry: dict) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"])).split())


def test_the_parser_skips_a_whole_excluded_block_however_its_tags_nest():
    from sitebuild.search import Parser

    parser = Parser()
    parser.feed('<h1 id="top">Top</h1><p>Before.</p><div data-search-exclude><div>Label</div>Hidden'
                '<h2 id="result">Result</h2><table><tr><td>Quantity a year</td></tr></table><svg><rect/></svg></div>'
                '<p>After.</p><h2 id="next">Next</h2><p>More.</p>')
    parser.close()
    sections = [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]
    assert sections == [(None, "Top", "<p>Before.</p><p>After.</p>"), ("next", "Next", "<p>More.</p>")]


def test_forms_and_prerendered_results_are_not_in_the_search_index(site_dir, index):
    everything = " ".join(words(entry) for entry in index)
    assert "Line and measureQuantity a year" not in everything  # the run-together text once found
    for name in SPECS:
        page = (site_dir / "calculators" / name / "index.html").read_text(encoding="utf-8")
        block = page.split('class="sv-calculator"', 1)[1]
        # Captions of result tables, hints of fields and the status line: text found only in the calculator.
        phrases = {plain_text(found) for pattern in (r"<caption\b[^>]*>(.*?)</caption>",
                                                     r'<div class="sv-hint"[^>]*>(.*?)</div>',
                                                     r'<p class="sv-status"[^>]*>(.*?)</p>')
                   for found in re.findall(pattern, block, re.S)}
        assert len(phrases) >= 5, name
        # A phrase of one or two words ("Bids", a table caption) is ordinary text on other pages too.
        leaked = sorted(phrase for phrase in phrases if len(phrase.split()) > 2 and phrase in everything)
        assert not leaked, f"{name}: form or result text in the search index: {leaked}"
        entries = {entry["location"]: entry for entry in index if entry["location"].startswith(f"calculators/{name}/")}
        assert not [location for location in entries if "result" in location], name
        # What follows the calculator is still found.
        assert words(entries[f"calculators/{name}/#use-it-on-the-command-line"]).count(f"calculators {name}"), name


def test_each_glossary_term_has_its_own_anchor_and_search_entry(site_dir, index):
    from sitebuild.glossary import GLOSSARY, terms

    found = terms(GLOSSARY.read_text(encoding="utf-8"))
    assert len(found) >= 40 and len({term.anchor for term in found}) == len(found)
    page = (site_dir / "toolkit" / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = {entry["location"]: entry for entry in index}
    for term in found:
        heading = re.search(rf'<h3 id="{term.anchor}">(.*?)</h3>', page, re.S)
        assert heading and plain_text(heading.group(1).split('<a class="headerlink"')[0]) == (", ".join(term.names)), term.anchor
        entry = entries.get(f"toolkit/glossary/#{term.anchor}")
        assert entry, f"no search entry lands on #{term.anchor}"
        assert entry["title"].startswith(term.names[0]) and words(entry).count(" ".join(term.definition.split()[:3])), term


def search_results(visit, server, query: str) -> list[str]:
    """Types the query into Material's search box, as a person would, and reads the results' links
    in the order shown: each page, then its sections."""
    v = visit()
    v.page.set_viewport_size({"width": 1366, "height": 900})
    v.page.goto(server + "toolkit/")
    box = v.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    v.page.wait_for_selector(".md-search-result__item", timeout=30000)
    v.page.wait_for_function(f"document.querySelector('.md-search-result__meta')?.textContent.match(/\\d/)")
    links = v.page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    return [link.split(server, 1)[-1].replace(f"?h={query}", "").replace("?h=", "") for link in links]


def test_a_search_for_apprenticeship_lists_the_measure_before_other_training(server, visit):
    links = search_results(visit, server, "apprenticeship")
    assert links[0] == "toolkit/measures/", links[:5]
    measure = links.index("toolkit/measures/#apprenticeships")
    assert measure < links.index("toolkit/measures/#training-hours"), links[:5]
    assert measure == 1, links[:5]


def test_a_learners_answers_are_not_in_the_search_index(site_dir, index):
    """Folded on screen and left out of print, they would be given away by a search. (The trainer's
    version, the same exercises with the answers open, is left out of search as a duplicate.)"""
    page = (site_dir / "toolkit" / "training" / "exercises" / "index.html").read_text(encoding="utf-8")
    answers = re.findall(r'<details class="[^"]*sv-learner-answer[^"]*"[^>]*>(.*?)</details>', page, re.S)
    assert len(answers) >= 5
    sentences = [sentence for answer in answers for sentence in re.split(r"(?<=\.) ", plain_text(answer))
                 if len(sentence.split()) >= 8]  # shorter ones ("See measuring and valuing social value.") recur
    assert len(sentences) >= 10
    everything = " ".join(words(entry) for entry in index)
    assert not [sentence for sentence in sentences if sentence in everything]
    # The exercises themselves are found, and the same way of comparing finds their text.
    scenario = plain_text(re.search(r"<p><strong>Scenario\.</strong>(.*?)</p>", page, re.S).group(1))
    assert len(scenario.split()) >= 6 and scenario in everything
