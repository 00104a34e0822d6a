"""The Toolkit guidance: plain English (Flesch reading ease), two clicks from the home page for each
audience, headings in order, tables with headers, no placeholders, figures from the data files and
never typed in twice, working trainer permalinks and downloadable templates."""

from __future__ import annotations

import csv
import html
import re
from collections import deque
from decimal import Decimal
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from calculators import api, permalink
from calculators import discounting
from calculators.registry import SPECS
from calculators.measures import catalogue, default_catalogue
from calculators.proportionality.settings import default_policy, thresholds
from conftest import html_pages, plain_text
from readability import article_text, flesch_reading_ease

ROOT = Path(__file__).resolve().parents[2]
# GOV.UK-style writing scores 60 or more ("plain English" on Flesch's scale); every page must.
MIN_FLESCH = 60
# GOV.UK's style guide: sentences of 25 words at most; an average of 20 leaves room for a few long ones.
MAX_WORDS_PER_SENTENCE = 20
# The catalogue page is generated from calculators/data/measures.toml: its text is the data's
# definitions (units, evidence, reasons), checked figure by figure in test_catalogue_page.py.
NOT_PROSE = {"toolkit/measures/"}
PLACEHOLDERS = re.compile(r"\b(TODO|TBC|TBD|FIXME|lorem ipsum|placeholder|coming soon)\b|XXX", re.I)

AUDIENCES = {
    "providers": ["toolkit/providers/", "toolkit/providers/answering/", "toolkit/providers/evidence-and-reporting/",
                  "toolkit/providers/small-organisations/", "toolkit/providers/supply-chains/",
                  "toolkit/providers/examples/", "calculators/valuation/", "toolkit/measures/", "toolkit/faq/"],
    "officers": ["toolkit/commissioning/", *[f"toolkit/commissioning/{step}/" for step in (
                 "1-plan-and-engage", "2-agree-outcomes", "3-specify", "4-evaluate", "5-contract",
                 "6-manage-and-report", "7-review-and-learn")],
                 "toolkit/evaluation/", "toolkit/templates/", "toolkit/legislation/", "toolkit/equality/",
                 "toolkit/measuring/", "calculators/proportionality/", "calculators/valuation/",
                 "calculators/evaluation/", "calculators/monitoring/", "calculators/report/",
                 "toolkit/publishing-your-report/"],
    "trainers": ["toolkit/training/", "toolkit/training/internal-session/", "toolkit/training/provider-event/",
                 "toolkit/training/provider-hour/",
                 "toolkit/training/exercises/", "toolkit/training/exercises-with-answers/", "toolkit/glossary/"],
}


@pytest.fixture(scope="module")
def guidance(site_dir) -> dict[str, str]:
    return {path: (site_dir / path / "index.html").read_text(encoding="utf-8")
            for path in html_pages(site_dir) if path.startswith("toolkit/")}


def article(page_html: str) -> str:
    return page_html.split("<article", 1)[1].split("</article>", 1)[0]


def test_every_guidance_page_is_plain_english(guidance):
    import textstat

    problems, scores = [], {}
    for path, page in guidance.items():
        if path in NOT_PROSE:
            continue
        text = article_text(page)
        assert len(text.split()) >= 150, f"{path} has almost no text"
        scores[path] = score = flesch_reading_ease(text)
        words = textstat.words_per_sentence(text)
        if score < MIN_FLESCH:
            problems.append(f"{path}: Flesch reading ease {score:.1f} < {MIN_FLESCH}")
        if words > MAX_WORDS_PER_SENTENCE:
            problems.append(f"{path}: {words:.1f} words per sentence > {MAX_WORDS_PER_SENTENCE}")
    assert len(scores) >= 25
    assert not problems, "\n".join(problems)


def test_readability_measure_tells_plain_from_dense_text():
    plain_text = "You can ask for social value in every contract. Start early. Talk to local groups."
    dense = ("Notwithstanding the aforementioned considerations, contracting authorities should institutionalise "
             "comprehensive proportionality assessments incorporating organisational capability determinations.")
    assert flesch_reading_ease(plain_text) >= MIN_FLESCH > flesch_reading_ease(dense)


def test_no_placeholders_on_any_page(site_dir):
    for path in html_pages(site_dir):
        text = plain_text(article((site_dir / path / "index.html").read_text(encoding="utf-8")))
        found = PLACEHOLDERS.search(text)
        assert not found, f"{path}: {found.group(0)!r}"


def links_from(site_dir: Path, path: str) -> set[str]:
    """Pages linked from the page's own content (not the site navigation), as site paths."""
    page = (site_dir / path / "index.html").read_text(encoding="utf-8")
    out = set()
    for href in re.findall(r'href="([^"]+)"', article(page)):
        target, _ = urldefrag(urljoin("http://x/" + path, html.unescape(href)))
        if target.startswith("http://x/"):
            out.add(target[len("http://x/"):].replace("index.html", ""))
    return out


@pytest.mark.parametrize("audience", sorted(AUDIENCES))
def test_each_audience_reaches_its_pages_within_two_clicks_of_home(site_dir, audience):
    depth = {"": 0}
    queue = deque([""])
    while queue:
        path = queue.popleft()
        if depth[path] == 2:
            continue
        for target in links_from(site_dir, path):
            if target not in depth and (site_dir / target / "index.html").exists():
                depth[target] = depth[path] + 1
                queue.append(target)
    far = [page for page in AUDIENCES[audience] if page not in depth]
    assert not far, f"more than two clicks from the home page for {audience}: {far}"


def test_headings_are_in_order_and_tables_have_headers(site_dir):
    problems = []
    for path in html_pages(site_dir):
        body = article((site_dir / path / "index.html").read_text(encoding="utf-8"))
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", body)]
        if levels and levels[0] != 1:
            problems.append(f"{path}: first heading is h{levels[0]}")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"{path}: h{before} followed by h{after}")
        for table in re.findall(r"<table\b.*?</table>", body, re.S):
            headers = [plain_text(cell) for cell in re.findall(r"<th\b[^>]*>(.*?)</th>", table, re.S)]
            if not headers or not any(headers):
                problems.append(f"{path}: a table without headers")
    assert not problems, "\n".join(problems)


def money_text(value) -> str:
    return f"£{Decimal(str(value)):,.0f}"


def test_threshold_and_band_figures_on_guidance_pages_equal_the_data(guidance):
    legislation = plain_text(article(guidance["toolkit/legislation/"]))
    periods, _ = thresholds()
    for period in periods:
        for amount in period.amounts.values():
            assert money_text(amount) in legislation
    for path in ("toolkit/commissioning/2-agree-outcomes/", "toolkit/providers/evidence-and-reporting/"):
        text = plain_text(article(guidance[path]))
        for band in default_policy().bands:
            low, high = band.weighting
            assert f"{low}% to {high}%" in text, path
            if isinstance(band.lower, Decimal) and band.lower:
                assert money_text(band.lower) in text, path
    rate = discounting.schedule(discounting.STANDARD).bands[0].rate  # the Green Book's first 30 years
    for path in ("toolkit/measuring/", "toolkit/faq/"):
        assert f"{Decimal(str(rate)).normalize()}% a year" in plain_text(article(guidance[path])), path


def data_figures() -> set[str]:
    """Every £ figure the calculators read from data, as a page would show it."""
    figures = set()
    periods, _ = thresholds()
    for period in periods:
        figures |= {money_text(amount) for amount in period.amounts.values()}
    figures |= {money_text(band.lower) for band in default_policy().bands if isinstance(band.lower, Decimal) and band.lower}
    for item in catalogue():
        if item.proxy:
            figures |= {money_text(v) for v in (item.proxy.low, item.proxy.central, item.proxy.high) if v >= 1000}
    return figures


# The same amount in a different sense, each with its reason.
NOT_DATA = {
    ("docs/toolkit/measuring.md", "£10,000"): "an invented teaching proxy, and the page says so",
    ("docs/toolkit/legislation.md", "£30,000"): "the Procurement Act's below-threshold notice figure, quoted from its source",
}


def test_no_data_figure_is_typed_into_a_page_by_hand():
    figures = data_figures()
    assert len(figures) >= 10
    problems = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        for figure in figures:
            if (source.relative_to(ROOT).as_posix(), figure) in NOT_DATA:
                continue
            if re.search(re.escape(figure) + r"(?![\d,])", text):
                problems.append(f"{source.relative_to(ROOT)}: {figure} is typed in; use a macro")
    assert not problems, "\n".join(problems)


def test_every_permalink_on_the_site_opens_a_valid_calculation(site_dir):
    found = 0
    for path in html_pages(site_dir):
        page = (site_dir / path / "index.html").read_text(encoding="utf-8")
        for target, fragment in re.findall(r'href="([^"#]*)(#inputs=[^"]+)"', page):
            name = urljoin("http://x/" + path, target).rstrip("/").rsplit("/", 1)[-1]
            assert name in SPECS, f"{path}: a permalink to {target!r}, which is not a calculator"
            inputs = permalink.decode(html.unescape(fragment))
            reply = api.respond(name, inputs)
            assert reply["ok"], f"{path}: permalink gives errors {reply.get('errors')}"
            found += 1
    assert found >= 6


@pytest.mark.parametrize("version", ["exercises", "exercises-with-answers"])
def test_training_exercises_each_open_a_prefilled_calculator(guidance, version):
    exercises = article(guidance[f"toolkit/training/{version}/"])
    sections = re.split(r"<h2\b", exercises)[1:]
    with_links = [s for s in sections if "#inputs=" in s]
    assert len(with_links) >= 3
    for section in with_links:
        text = plain_text("<h2" + section)
        assert re.search(r"what (you|to) (should )?find|you should (find|see)|find out", text, re.I), text[:120]
        assert re.search(r"why it matters|\bwhy\b", text, re.I), text[:120]


def test_the_two_versions_of_the_exercises_differ_only_in_their_answer_boxes(guidance):
    learner, trainer = (article(guidance[f"toolkit/training/{v}/"]) for v in ("exercises", "exercises-with-answers"))
    folded = re.findall(r"<details ([^>]*)>\s*<summary>What you should find</summary>", learner)
    opened = re.findall(r"<details ([^>]*)>\s*<summary>What you should find</summary>", trainer)
    assert len(folded) == len(opened) == len(re.findall(r"<h2\b", learner)) >= 5
    assert all("sv-learner-answer" in attrs and "open" not in attrs for attrs in folded)
    assert all("open" in attrs and "sv-learner-answer" not in attrs for attrs in opened)
    # One source: from the first exercise on, the pages are the same apart from the boxes.
    body = [re.sub(r"<details [^>]*>", "<details>", page[page.index("<h2"):page.rindex("</details>")])
            for page in (learner, trainer)]
    assert body[0] == body[1]
    assert 'href="../exercises-with-answers/"' in learner and 'href="../exercises/"' in trainer


def test_template_downloads_are_linked_and_readable(site_dir):
    linked = links_from(site_dir, "toolkit/templates/")
    folder = ROOT / "docs" / "toolkit" / "templates"
    files = sorted(folder.iterdir())
    assert len(files) >= 4
    for file in files:
        assert f"toolkit/templates/{file.name}" in linked, f"{file.name} is not linked"
        built = site_dir / "toolkit" / "templates" / file.name
        assert built.read_bytes() == file.read_bytes()
        text = file.read_text(encoding="utf-8")
        assert len(text.split()) >= 40 and not PLACEHOLDERS.search(text)
        if file.suffix == ".csv":
            rows = list(csv.reader(text.splitlines()))
            assert len(rows) >= 3 and all(len(row) == len(rows[0]) for row in rows), file.name


@pytest.mark.parametrize("step", ["1-plan-and-engage", "2-agree-outcomes", "3-specify", "4-evaluate", "5-contract",
                                  "6-manage-and-report", "7-review-and-learn"])
def test_each_commissioning_step_has_its_parts(guidance, step):
    body = article(guidance[f"toolkit/commissioning/{step}/"])
    headings = [plain_text(h) for h in re.findall(r"<h2\b[^>]*>(.*?)</h2>", body, re.S)]
    for part in ("What to do", "Who does it", "Checklist"):
        assert any(h.startswith(part) for h in headings), f"{step}: no '{part}' section"
    assert re.search(r"Policy objectives and principles", " ".join(headings)), step
    assert "sv-task-box" in body, f"{step}: the checklist has no boxes"
    assert re.search(r'href="[^"]*policy/aims-and-objectives/#objective-\d+"', body), f"{step}: no objective linked"
    assert re.search(r'href="[^"]*policy/principles/#[a-z-]+"', body), f"{step}: no principle linked"
    assert re.search(r'href="[^"]*calculators/(proportionality|valuation|monitoring)/', body), f"{step}: no calculator linked"


def test_the_glossary_feeds_the_tooltips_on_every_page(site_dir):
    import tomllib

    from sitebuild.glossary import abbreviations

    tooltips = dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", abbreviations(
        (ROOT / "docs" / "toolkit" / "glossary.md").read_text(encoding="utf-8")), re.M))
    # Results and a measure's defaults also mark the glossary's terms of art, in any case (issue 27).
    terms_of_art = {name.casefold(): term["meaning"] for term in tomllib.loads(
        (ROOT / "calculators" / "data" / "glossary.toml").read_text(encoding="utf-8"))["terms"]
        if not term["exact_case"] for name in term["names"]}
    assert len(tooltips) >= 20 and tooltips["SME"] == "Small or medium-sized enterprise"
    glossary = (site_dir / "toolkit" / "glossary" / "index.html").read_text(encoding="utf-8")
    used = set()
    for path in html_pages(site_dir):
        body = article((site_dir / path / "index.html").read_text(encoding="utf-8"))
        for title, term in re.findall(r'<abbr title="([^"]*)">([^<]+)</abbr>', body):
            expected = tooltips.get(term, terms_of_art.get(term.casefold()))
            assert expected == html.unescape(title), f"{path}: {term} has the tooltip {title!r}"
            used.add(term)
    assert {"SME", "VCSE", "KPI", "FTE", "SROI"} <= used
    headings = [plain_text(heading.split('<a class="headerlink"')[0])
                for heading in re.findall(r"<h3\b[^>]*>(.*?)</h3>", glossary, re.S)]
    for term in tooltips:
        assert any(term in heading.split(", ") for heading in headings), f"{term} not in the glossary"


def test_the_own_proxy_guide_named_in_the_catalogue_is_built(site_dir):
    guide = default_catalogue().meta["own_proxy_guide"]
    assert (ROOT / "docs" / guide).is_file()
    assert (site_dir / guide.removesuffix(".md") / "index.html").is_file()


def test_step_6_works_the_monitoring_example_through_with_the_cores_figures(guidance):
    from calculators.monitoring.figures import monitoring_example
    from calculators.money import format_money, format_number

    body = article(guidance["toolkit/commissioning/6-manage-and-report/"])
    assert 'href="../../../calculators/monitoring/"' in body
    text = plain_text(body)
    assert "Worked example" in text and "This is a worked example." in text
    report = monitoring_example(run=api.run)
    jobs, befriending = report["lines"][0], report["lines"][3]
    assert (f"so {format_number(jobs['due_to_date'])} are due by now. It has delivered "
            f"{format_number(jobs['delivered'])}. That is {format_number(jobs['progress'])}% of what is due, so the "
            f"status is {jobs['status']}.") in text
    assert f"That is {format_number(befriending['progress'])}%, so the status is {befriending['status']}." in text
    totals = report["totals"]
    assert (f"delivered {format_money(totals['value_delivered_within_due'], pence_shown=False)} of the "
            f"{format_money(totals['value_due_to_date'], pence_shown=False)} of social value due so far. That is "
            f"{format_number(totals['progress'])}%, so the overall status is {totals['status']}.") in text


def test_the_evaluation_guidance_shows_the_issue_13_example_from_the_core(guidance):
    """Weighting 10, split 50/50, relative: A 3 and £120,000 -> 8.00; B 4 and £90,000 -> 7.75;
    C 2 and £45,000 -> 3.88 (3.875 unrounded). The built page shows these, and the core's sentence on
    whether one offer decides the ranking."""
    from calculators.evaluation.figures import evaluation_example

    body = article(guidance["toolkit/evaluation/"])
    table = next(t for t in re.findall(r"<table.*?</table>", body, flags=re.S) if "Social value marks" in t)
    rows = [[plain_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)]
    rows = [row for row in rows if row]
    assert [(row[0], row[1], row[3], row[-1]) for row in rows] == [
        ("A", "3", "£120,000", "8.00"), ("B", "4", "£90,000", "7.75"), ("C", "2", "£45,000", "3.88")]
    result = api.run("evaluation", evaluation_example())
    assert result["ranking_sensitive"] is True and result["sensitivity"] in plain_text(body)
    assert 'href="../../calculators/evaluation/#inputs=' in body
