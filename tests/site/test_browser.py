"""Every page in real Chromium, served under /toolkit/: HTTP 200, no console errors, zero axe
violations (WCAG 2.2 AA), no request to another origin, and every internal link and anchor resolves."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from accessibility import axe_problems
from conftest import PREFIX, html_pages

@pytest.fixture(scope="session")
def pages(site_dir):
    return html_pages(site_dir)


def test_the_site_has_its_pages(pages):
    assert "" in pages and "policy/aims-and-objectives/" in pages and "calculators/proportionality/" in pages
    assert len(pages) >= 20


def check_links(page, base: str, current: str, anchors_of) -> list[str]:
    """Every link to this site resolves to a built page, and its anchor exists there."""
    broken = []
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    for href in hrefs:
        absolute = urljoin(current, href)
        if not absolute.startswith(base) or href.startswith(("mailto:", "javascript:")):
            continue
        target, fragment = urldefrag(absolute)
        anchors = anchors_of(target)
        if anchors is None:
            broken.append(f"{href} (no page)")
        elif fragment and not fragment.startswith("inputs=") and fragment not in anchors:
            broken.append(f"{href} (no #{fragment})")
    return broken


@pytest.fixture(scope="session")
def anchors_cache(site_dir, server):
    import re

    cache: dict[str, set[str] | None] = {}

    def anchors_of(url: str):
        if url not in cache:
            path = urlparse(url).path[len(PREFIX):]
            file = site_dir / path / "index.html" if path.endswith("/") or path == "" else site_dir / path
            if not file.exists():
                cache[url] = None
            else:
                text = file.read_text(encoding="utf-8", errors="replace") if file.suffix == ".html" else ""
                cache[url] = set(re.findall(r'\bid="([^"]+)"', text))
        return cache[url]

    return anchors_of


def test_every_page_in_chromium(site_dir, server, visit, pages, anchors_cache):
    axe = Axe()
    problems = []
    for path in pages:
        v = visit()
        url = server + path
        response = v.page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            problems.append(f"{path}: HTTP {response and response.status}")
            continue
        # Calculator pages start the engine; let it settle so its requests and errors are seen.
        if v.page.locator("[data-calculator]").count():
            v.page.wait_for_selector("[data-engine-status][data-state='ready']", timeout=60000)
        problems += [f"{path}: {problem}" for problem in axe_problems(axe, v.page)]
        if v.errors:
            problems.append(f"{path}: console errors {v.errors}")
        if v.foreign_requests():
            problems.append(f"{path}: requests to other origins {v.foreign_requests()}")
        for broken in check_links(v.page, server, url, anchors_cache):
            problems.append(f"{path}: broken link {broken}")
        if not path.startswith("calculators/") or path == "calculators/":
            runtime = [r for r in v.requests if "/assets/pyodide/" in r or "/assets/core/" in r]
            if runtime:
                problems.append(f"{path}: a guidance page fetched the runtime {runtime[:2]}")
        v.close()
    assert not problems, "\n".join(problems)


def test_dark_mode_has_no_contrast_problems(server, visit):
    axe = Axe()
    v = visit()
    v.page.emulate_media(color_scheme="dark")
    problems = []
    for path in ("", "policy/principles/", "calculators/proportionality/", "calculators/valuation/",
                 "toolkit/measures/"):
        v.page.goto(server + path)
        if path.startswith("calculators/"):
            v.page.wait_for_selector("[data-engine-status][data-state='ready']", timeout=60000)
        problems += [f"{path}: {problem}" for problem in axe_problems(axe, v.page)]
    assert not problems, problems


def test_training_pages_print_as_handouts(server, visit):
    v = visit()
    v.page.emulate_media(media="print")
    for path in ("toolkit/training/internal-session/", "toolkit/training/provider-event/", "toolkit/training/exercises/",
                 "toolkit/training/exercises-with-answers/", "toolkit/templates/"):
        v.page.goto(server + path)
        for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
            assert not v.page.locator(chrome).first.is_visible(), f"{path}: {chrome} prints"
        assert v.page.locator("article h1").is_visible()
        # Folded sections open in print, so a handout has everything (but a learner's answers).
        for details in v.page.locator("article details:not(.sv-learner-answer)").all():
            assert all(part.is_visible() for part in details.locator(":scope > :not(summary)").all()), path


def test_learners_exercises_hide_the_answers_and_the_trainers_version_shows_them(server, visit):
    v = visit()
    answers = "article details:has(> summary:text-is('What you should find'))"
    v.page.goto(server + "toolkit/training/exercises/")
    boxes = v.page.locator(answers)
    assert boxes.count() >= 5
    # On screen: each answer is closed, its title shows, and it opens when you select it.
    for box in boxes.all():
        assert box.get_attribute("open") is None and box.locator("summary").is_visible()
        assert not box.locator(":scope > :not(summary)").first.is_visible()
    boxes.first.locator("summary").click()
    assert boxes.first.locator(":scope > :not(summary)").first.is_visible()
    # In print: no answers at all, even the one opened; the exercises themselves print.
    v.page.emulate_media(media="print")
    assert not any(box.is_visible() for box in boxes.all())
    assert "Why it matters" not in v.page.locator("article").inner_text()
    assert v.page.locator("article h2").first.is_visible()
    assert v.page.get_by_text("What to do.").first.is_visible()
    # The trainer's version: every answer open, on screen and in print.
    v.page.goto(server + "toolkit/training/exercises-with-answers/")
    boxes = v.page.locator(answers)
    assert boxes.count() >= 5
    for box in boxes.all():
        assert box.get_attribute("open") is not None
        assert all(part.is_visible() for part in box.locator(":scope > :not(summary)").all())
    v.page.emulate_media(media="screen")
    assert all(box.locator(":scope > :not(summary)").first.is_visible() for box in boxes.all())
