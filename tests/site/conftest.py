"""Fixtures for the built site: one strict build per test run, served on loopback under /toolkit/,
and Debian's Chromium driven by Playwright for Python."""

from __future__ import annotations

import functools
import html
import http.server
import os
import random
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/toolkit/"
# The address the test build gives itself. Material's instant navigation only takes over links to
# pages in the sitemap, matched by port and path (it puts the current host in), so the server must
# listen on port 8000 under /toolkit/. It does so on another loopback address (127.0.0.x), so that
# it never meets `make serve` on 127.0.0.1:8000.
SITE_URL = "http://127.0.0.1:8000" + PREFIX
PORT = 8000
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


def build_site(target: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` into the target folder (the tests' and the benchmark's build)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                          cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site built into a temporary folder; the build itself is the first test."""
    target = tmp_path_factory.mktemp("site")
    done = build_site(target)
    assert done.returncode == 0, done.stderr[-4000:]
    return target


def html_pages(site: Path) -> list[str]:
    """Every page of the site, as a path under the site root ("policy/principles/")."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        if relative.startswith("assets"):
            continue
        pages.append("" if relative == "." else relative + "/")
    return pages


def plain_text(markup: str) -> str:
    """The words of some HTML: inline tags (links, abbreviations) joined without a space, block
    tags as spaces, scripts and styles dropped, entities decoded, whitespace collapsed."""
    markup = re.sub(r"<script.*?</script>|<style.*?</style>", " ", markup, flags=re.S)
    markup = re.sub(r"</?(?:strong|em|b|i|a|abbr|span|code)\b[^>]*>", "", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /toolkit/ only, as a host with a sub-path would."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".wasm": "application/wasm", ".whl": "application/zip"}

    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return "/nonexistent/"
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, *args):
        pass


def read_headers(site: Path) -> list[tuple[str, dict[str, str]]]:
    """The rules of ``site/_headers`` (Netlify and Cloudflare Pages format): a path pattern, then
    its headers indented below it."""
    rules = []
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith((" ", "\t")):
            rules.append((line.strip(), {}))
        elif line.strip():
            name, value = line.strip().split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(rules, path: str) -> dict[str, str]:
    """The headers every matching rule gives this path (relative to the site's root), in order."""
    found = {}
    for pattern, values in rules:
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found.update(values)
    return found


class HostedHandler(SubPathHandler):
    """As a council's host would serve the site: with exactly the headers in ``site/_headers``, and the
    precompressed .br or .gz copy of a file when the browser accepts it (nginx brotli_static and
    gzip_static)."""

    rules: list = []

    def end_headers(self):
        if self.path.startswith(PREFIX):
            for name, value in headers_for(self.rules, "/" + self.path[len(PREFIX):].split("?")[0]).items():
                self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix):
                body = open(path + suffix, "rb")  # noqa: SIM115 - the base class closes it after sending
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return super().send_head()


def serve(site: Path, handler_class=HostedHandler):
    """Serves the site on port 8000 of a free loopback address (see SITE_URL), as it is hosted; returns
    the server and the site's base URL."""
    handler_class = type(handler_class.__name__, (handler_class,), {"rules": read_headers(site)})
    handler = functools.partial(handler_class, directory=str(site))
    hosts = [f"127.0.0.{n}" for n in random.sample(range(2, 255), 40)]
    for host in hosts:
        try:
            httpd = http.server.ThreadingHTTPServer((host, PORT), handler)
        except OSError:
            continue  # another test run has this address
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        return httpd, f"http://{host}:{PORT}{PREFIX}"
    raise OSError(f"port {PORT} is taken on every loopback address tried: is a server listening on 0.0.0.0:{PORT}?")


@pytest.fixture(scope="session")
def server(site_dir):
    httpd, base = serve(site_dir)
    yield base
    httpd.shutdown()


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate:
            return candidate
    pytest.fail("No Chromium found: run 'make test', which installs Debian's chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Visit:
    """A page opened in a fresh context, recording console errors and every request made."""

    def __init__(self, browser, base: str, service_workers: str = "block"):
        self.base = base
        # Service workers are blocked unless a test is about them (tests/site/test_hosting.py): one
        # would serve later requests from its cache, out of reach of the tests' routes.
        self.context = browser.new_context(service_workers=service_workers)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self) -> list[str]:
        origin = self.base.split(PREFIX)[0]
        return [url for url in self.requests
                if not (url.startswith(origin + "/") or url.startswith(("data:", "blob:", "about:")))]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened = []

    def open_visit(**options) -> Visit:
        opened.append(Visit(browser, server, **options))
        return opened[-1]

    yield open_visit
    for item in opened:
        item.close()


@pytest.fixture
def screen(browser, server):
    """A page in a fresh context at a given width; the contexts close after the test."""
    contexts = []

    def open_page(width: int):
        contexts.append(browser.new_context(viewport={"width": width, "height": 800}, service_workers="block"))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()
