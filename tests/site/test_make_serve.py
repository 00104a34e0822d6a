"""Issue 28, finding 4: under `make serve` (mkdocs serve, with its live reload) no service worker
registers, so none holds the development server's live-reload requests, and a walk through the four
calculators and three training pages, twice, never leaves a page hanging. It hung for 51.6 s when
six held requests used up Chromium's six connections to one host."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

from conftest import ROOT

PAGES = ["calculators/proportionality/", "calculators/valuation/", "calculators/evaluation/",
         "calculators/monitoring/", "toolkit/training/internal-session/", "toolkit/training/provider-event/",
         "toolkit/training/exercises/"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_serve_pages_load_and_register_no_service_worker(browser, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    # The Makefile's serve target, on a free port (its site_url to match, as make serve's default does).
    # Its log goes to a file: a pipe nobody reads would fill and stall the server itself.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=base)
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and server.poll() is None and "Serving on" not in log.read_text():
            time.sleep(1)  # the strict build comes first
        assert "Serving on" in log.read_text(), log.read_text()[-3000:]
        context = browser.new_context(service_workers="allow")
        page = context.new_page()
        live_reload = []
        page.on("request", lambda request: "/livereload/" in request.url and live_reload.append(request.url))
        for path in PAGES + PAGES:
            # Generous: a page that loads at all loads in well under a second; a hung one took 51.6 s.
            response = page.goto(base + path, wait_until="load", timeout=20000)
            assert response is not None and response.status == 200, path
            if path.startswith("calculators/"):
                assert page.get_attribute("[data-calculator]", "data-service-worker") is None, path
                page.wait_for_selector("[data-engine-status][data-state]", timeout=20000)
            registered = page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)")
            assert registered == 0, f"{path}: a service worker registered under mkdocs serve"
        assert live_reload, "the live-reload script did not run: this walk would not have tested it"
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_built_site_still_registers_its_service_worker(site_dir):
    page = (site_dir / "calculators" / "valuation" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'data-service-worker="(\.\./)+sw\.js"', page)
