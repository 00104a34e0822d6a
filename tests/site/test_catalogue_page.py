"""Every figure on the measures catalogue page equals calculators/data/measures.toml, read here
directly (not through the core), so a change to the data or to the macros that drops or bends a
figure fails."""

from __future__ import annotations

import html
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import plain_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data() -> dict:
    with open(ROOT / "calculators" / "data" / "measures.toml", "rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def page(site_dir) -> str:
    return (site_dir / "toolkit" / "measures" / "index.html").read_text(encoding="utf-8")


def section(page: str, measure_id: str) -> str:
    start = page.index(f'<h3 id="{measure_id}">')
    end = min((i for i in (page.find("<h3 ", start + 1), page.find("<h2 ", start + 1), page.find("</article>", start))
               if i != -1))
    return page[start:end]


def row(text: str, name: str) -> str:
    found = re.search(rf"<td>{re.escape(name)}</td>\s*<td>(.*?)</td>", text, re.S)
    assert found, f"no row {name!r}"
    return found.group(1)


def pounds(text: str) -> list[Decimal]:
    return [Decimal(value.replace(",", "")) for value in re.findall(r"£([\d,]+(?:\.\d+)?)", text)]


def test_every_measure_is_on_the_page_with_its_figures(page, data):
    sources = {source["id"]: source for source in data["sources"]}
    for item in data["measures"]:
        text = section(page, item["id"])
        assert plain_text(text.split("</h3>")[0]).startswith(item["title"])
        assert plain_text(row(text, "Unit (per year)")) == item["unit"]
        assert plain_text(row(text, "Evidence to keep")) == item["evidence"]
        assert re.findall(r"#objective-(\d+)", row(text, "Policy objectives")) == [str(n) for n in item["objectives"]]
        for name in ("deadweight", "attribution", "displacement", "drop_off"):
            cell = plain_text(row(text, f"Default {name.replace('_', '-')}"))
            shown, reason = cell.split("%: ", 1)
            assert Decimal(shown) == Decimal(str(item[name])), (item["id"], name)
            assert reason == item[f"{name}_reason"]
        proxy_cell = row(text, "Proxy value")
        proxy = item.get("proxy")
        if not proxy:
            assert "No open source gives a value" in proxy_cell and "£" not in proxy_cell.split(".")[0]
            continue
        figures = pounds(proxy_cell.split(" Source:")[0])
        expected = [proxy["central"]] if proxy["low"] == proxy["central"] == proxy["high"] else \
            [proxy["central"], proxy["low"], proxy["high"]]
        assert figures == [Decimal(str(v)) for v in expected], item["id"]
        assert f"in {proxy['price_year']} prices" in proxy_cell
        assert f'href="{html.escape(sources[proxy["source"]]["url"])}"' in proxy_cell


def test_counts_and_overlaps_match_the_data(page, data):
    for priority in ("Safe", "Clean", "Healthy", "Prosperous", "Excellent"):
        count = sum(1 for item in data["measures"] if item["priority"] == priority)
        assert f"{count} measures support the " in page.split(f'id="priority-{priority.lower()}"', 1)[1][:600]
    overlaps = page.split('id="overlaps"', 1)[1].split("<h2 ", 1)[0]
    pairs = re.findall(r'<td><a href="#([a-z0-9-]+)">.*?</a></td>\s*<td><a href="#([a-z0-9-]+)">', overlaps)
    assert pairs == [tuple(pair["measures"]) for pair in data["overlaps"]]


def test_the_measure_picker_is_grouped_by_priority(site_dir, data):
    page = (site_dir / "calculators" / "valuation" / "index.html").read_text(encoding="utf-8")
    picker = re.search(r'<select[^>]+id="valuation-lines-0-measure".*?</select>', page, re.S).group(0)
    # The form starts empty: first a prompt to choose, then Custom measure, then the groups.
    assert re.search(r"<select[^>]*>\s*<option value=\"\" selected>Choose a measure</option><option value=\"custom\"", picker)
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', picker, re.S)
    assert [label for label, _ in groups] == ["Safe", "Clean", "Healthy", "Prosperous", "Excellent"]
    for label, options in groups:
        expected = [item["id"] for item in data["measures"] if item["priority"] == label]
        assert re.findall(r'<option value="([^"]+)"', options) == expected


def test_each_proxy_is_shown_indexed_with_its_terms(page, data):
    """The indexed figure is worked out here from deflators.toml directly (index[2024] ÷ index[year]),
    with the licence, conditions and what the value counts, for every valued measure."""
    with open(ROOT / "calculators" / "data" / "deflators.toml", "rb") as handle:
        deflators = tomllib.load(handle)
    index = {int(year): Decimal(str(value)) for year, value in deflators["index"].items()}
    last = max(index)
    sources = {source["id"]: source for source in data["sources"]}
    for item in data["measures"]:
        text = section(page, item["id"])
        proxy = item.get("proxy")
        if not proxy:
            assert item["no_proxy_reason"] in plain_text(row(text, "Proxy value"))
            assert "build-your-own-proxy" in row(text, "Proxy value")
            continue
        factor = index[last] / index[proxy["price_year"]]
        expected = [Decimal(str(proxy[key])) * factor for key in ("central", "low", "high")]
        expected = [value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP") for value in expected]
        shown = pounds(row(text, f"In {last} prices"))
        assert shown == (expected[:1] if proxy["low"] == proxy["central"] == proxy["high"] else expected), item["id"]
        assert plain_text(row(text, "When to use it")) == proxy["conditions"]
        assert ("An input" if proxy["counts"] == "input" else "An outcome") in row(text, "What it values")
        licence = row(text, "Licence")
        source = sources[proxy["source"]]
        assert f'href="{html.escape(source["licence_url"])}"' in licence
        assert plain_text(licence).endswith(source["licence_note"])


def test_no_working_notes_in_the_catalogue(page):
    text = plain_text(page).lower()
    for note in ("confirm terms", "before publication", "check them against", "todo", "unconfirmed"):
        assert note not in text
