"""Hosted as a council would host it (issue 15): the site served with exactly the headers of its
``_headers`` file and its precompressed copies, under /toolkit/. Its strict Content-Security-Policy
is never violated, every calculator works under it, and a calculator opened once keeps working
offline through the service worker, which drops an old wheel when a new one is deployed. A revisit
starts the runtime from the memory snapshot the first visit kept."""

from __future__ import annotations

import functools
import gzip
import re
import shutil
import threading

import brotli
import pytest

from calculators import api, registry
from calculators.permalink import encode as permalink

from conftest import PREFIX, HostedHandler, Visit, headers_for, html_pages, read_headers, serve
from calculator_page import ready, result_of, wait_for_result

VALUATION = "calculators/valuation/"
# Every securitypolicyviolation in a page, from its first script on.
VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));"""


def policy_of(site_dir) -> dict[str, list[str]]:
    text = headers_for(read_headers(site_dir), "/")["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in text.split(";"))}


# --- the files a host is given -----------------------------------------------------------------

def test_the_policy_is_the_strict_one_with_a_hash_for_every_inline_script(site_dir):
    policy = policy_of(site_dir)
    assert policy["default-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert policy["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(value.startswith("'sha256-") for value in policy["script-src"][2:])
    assert "'unsafe-inline'" not in sum(policy.values(), []) and "'unsafe-eval'" not in sum(policy.values(), [])
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
    scripts = {body for page in site_dir.rglob("*.html") for body in inline.findall(page.read_text(encoding="utf-8"))}
    assert len(policy["script-src"]) - 2 == len(scripts) >= 4  # __md_scope at each depth, palette, tabs


def test_every_path_gets_the_security_headers_and_the_runtime_is_immutable(site_dir):
    rules = read_headers(site_dir)
    (wheel,) = (site_dir / "assets" / "core").glob("calculators-*.whl")
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    assert re.fullmatch(r"\d+\.\d+\.\d+", runtime.name)  # a versioned folder
    for path in ("/", "/calculators/valuation/", "/assets/engine/worker.mjs", f"/assets/pyodide/{runtime.name}/"
                 "pyodide.asm.wasm", f"/assets/core/{wheel.name}", "/sw.js"):
        found = headers_for(rules, path)
        assert "Content-Security-Policy" in found and found["X-Content-Type-Options"] == "nosniff", path
        assert found["Referrer-Policy"] == "no-referrer" and "camera=()" in found["Permissions-Policy"], path
    for path in (f"/assets/pyodide/{runtime.name}/pyodide.asm.wasm", f"/assets/core/{wheel.name}"):
        assert headers_for(rules, path)["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Cache-Control" not in headers_for(rules, "/calculators/valuation/")


def test_the_large_files_have_compressed_copies_equal_to_them(site_dir):
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    (wheel,) = (site_dir / "assets" / "core").glob("calculators-*.whl")
    (bundle,) = (site_dir / "assets" / "javascripts").glob("bundle.*.min.js")
    for path in (runtime / "pyodide.asm.wasm", runtime / "pyodide.asm.mjs", bundle, site_dir / "assets/engine/calculator.mjs",
                 site_dir / "assets/stylesheets/toolkit.css", site_dir / "search/search_index.json",
                 site_dir / "calculators/valuation/index.html"):
        original = path.read_bytes()
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == original, path
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original, path
    # The standard library and the wheel are zips of stored files, compressed together by brotli.
    (stdlib,) = runtime.glob("python_stdlib-*.zip")
    for path in (stdlib, wheel):
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == path.read_bytes(), path
        assert path.with_name(path.name + ".br").stat().st_size < 0.4 * path.stat().st_size, path


# --- the policy in the browser -----------------------------------------------------------------

def policy_problems(v) -> list[str]:
    """The page's securitypolicyviolation events, and the policy messages of the page's workers."""
    found = v.page.evaluate("window.__violations")
    return found + [error for error in v.errors if "Content Security Policy" in error]


def test_no_page_violates_the_policy(server, visit, site_dir):
    problems = []
    for path in html_pages(site_dir):
        v = visit(service_workers="allow")
        v.context.add_init_script(VIOLATIONS)
        response = v.page.goto(server + path)
        assert response.headers["content-security-policy"] == headers_for(read_headers(site_dir), "/")[
            "Content-Security-Policy"]
        if v.page.locator("[data-calculator]").count():
            ready(v.page)
        problems += [f"{path}: {problem}" for problem in policy_problems(v)]
        v.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", registry.names())
def test_every_calculator_computes_under_the_policy(server, visit, name):
    v = visit(service_workers="allow")
    v.context.add_init_script(VIOLATIONS)
    v.page.goto(server + f"calculators/{name}/")
    ready(v.page)
    computed = v.page.evaluate("""() => new Promise((resolve) => {
        const root = document.querySelector("[data-calculator]");
        root.addEventListener("sv:result", () => resolve(true), { once: true });
        root.querySelector("[data-action='example']").click(); })""")  # the form starts empty
    assert computed
    shown = result_of(v.page)
    assert shown == api.run(name, shown["inputs"])
    assert not policy_problems(v)
    assert v.page.evaluate("navigator.serviceWorker.controller !== null")  # and under the worker's own policy


# --- offline, through the service worker -------------------------------------------------------

CACHED = "async () => (await (await caches.open('runtime')).keys()).map((request) => request.url)"


def stored_until(page, script: str, check):
    """What the async script reads from the browser's storage, once check(it) holds (the service
    worker stores each file as its download ends, and the engine its snapshot once ready). Polled
    here: wait_for_function does not wait for an async function's promise."""
    for _ in range(600):
        found = page.evaluate(script)
        if check(found):
            return found
        page.wait_for_timeout(100)
    raise AssertionError(f"the browser's storage never held what was expected: {found}")


def cached_until(page, check) -> list[str]:
    """The service worker's runtime cache, once check(urls) holds."""
    return stored_until(page, CACHED, check)


def runtime_cached(page) -> list[str]:
    return cached_until(page, lambda urls: all(any(url.endswith(end) for url in urls)
                                               for end in ("pyodide.asm.wasm", ".zip", ".whl")))


def test_a_calculator_opened_once_works_offline(server, visit):
    v = visit(service_workers="allow")
    v.page.goto(server + VALUATION)
    ready(v.page)
    runtime_cached(v.page)
    v.context.set_offline(True)
    v.page.goto("about:blank")  # so that the next visit loads the page afresh
    inputs = {"price_year": 2026, "lines": [{"measure": "apprenticeships", "quantity": 2, "years": 1}]}
    v.page.goto(server + VALUATION + permalink(inputs))
    ready(v.page)
    wait_for_result(v.page, "r.inputs.lines[0].quantity === 2")
    assert result_of(v.page) == api.run("valuation", inputs)
    # And it computes what is typed.
    v.page.locator("#valuation-lines-0-quantity").fill("5")
    wait_for_result(v.page, "r.inputs.lines[0].quantity === 5")
    assert result_of(v.page) == api.run("valuation", {**inputs, "lines": [{**inputs["lines"][0], "quantity": 5}]})
    assert not v.page.evaluate("navigator.onLine")


def test_guidance_pages_install_no_service_worker(server, visit):
    v = visit(service_workers="allow")
    v.page.goto(server + "policy/principles/")
    v.page.wait_for_load_state("load")
    assert v.page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0


def test_instant_navigation_and_permalinks_work_under_the_service_worker(server, visit):
    v = visit(service_workers="allow")
    v.page.goto(server + "calculators/proportionality/")
    ready(v.page)
    v.page.evaluate("window.__kept = 'still here'")
    v.page.locator("nav a", has_text="Outcome valuation").first.click()
    v.page.wait_for_url("**/calculators/valuation/")
    ready(v.page)
    assert v.page.evaluate("window.__kept") == "still here"  # no full page load
    v.page.locator("[data-action='example']").click()  # the form starts empty
    wait_for_result(v.page, "r.lines.length === 4")
    v.page.locator("#valuation-lines-0-quantity").fill("9")
    wait_for_result(v.page, "r.inputs.lines[0].quantity === 9")
    assert v.page.url.endswith(result_of(v.page)["permalink"])


def redeployed(site_dir, target):
    """A copy of the site whose core's wheel has a new hash, as the next deployment would have."""
    shutil.copytree(site_dir, target)
    (old,) = (target / "assets" / "core").glob("calculators-*.whl")
    new = old.with_name("calculators-000000000000.whl")
    old.rename(new)
    for path in [target / "sw.js", *target.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        if old.name in text:
            path.write_text(text.replace(old.name, new.name), encoding="utf-8")
            for suffix in (".br", ".gz"):  # stale copies: the host serves the file itself
                path.with_name(path.name + suffix).unlink(missing_ok=True)
    return old.name, new.name


def holding_handler():
    """A host whose ``held`` address answers only once the test lets it go (``released.set()``):
    another tab's request, which keeps the old service worker busy, so that the next one waits."""
    arrived, released = threading.Event(), threading.Event()

    class HoldingHandler(HostedHandler):
        def do_GET(self):
            if self.path != PREFIX + "held":
                return super().do_GET()
            arrived.set()
            released.wait(120)
            self.send_response(204)
            self.end_headers()
            return None

    return HoldingHandler, arrived, released


WAITING = "async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)"


def test_a_new_wheel_replaces_the_old_one_in_the_cache(site_dir, tmp_path, browser):
    old, new = redeployed(site_dir, tmp_path / "next")
    handler, arrived, released = holding_handler()
    httpd, base = serve(site_dir, handler)
    try:
        v = Visit(browser, base, service_workers="allow")
        v.page.goto(base + VALUATION)
        ready(v.page)
        assert any(url.endswith(old) for url in runtime_cached(v.page))
        # The same origin, now serving the next deployment, while this tab waits on a request.
        httpd.RequestHandlerClass = functools.partial(httpd.RequestHandlerClass.func, directory=str(tmp_path / "next"))
        v.page.evaluate("url => { fetch(url); }", base + "held")
        assert arrived.wait(30)
        # A second tab opens the calculator. Its engine starts at once, through the old service worker,
        # while the next one waits for the old one to finish (it used to wait for it, and hang).
        revisit = v.context.new_page()
        revisit.goto(base + VALUATION)
        ready(revisit)
        assert revisit.get_attribute("[data-calculator]", "data-wheel").endswith(new)
        assert stored_until(revisit, WAITING, bool)
        # The old wheel's snapshot goes at once: only the new one's is kept.
        snapshots_until(revisit, lambda kept: len(kept) == 1 and new in kept[0][0] and kept[0][1] > 10_000_000)
        # Once the request is answered and both tabs have left, the next service worker takes over
        # and drops the old wheel.
        released.set()
        v.page.goto("about:blank")
        revisit.goto("about:blank")
        revisit.goto(base + "policy/principles/")
        urls = cached_until(revisit, lambda urls: any(url.endswith(new) for url in urls)
                            and not any(url.endswith(old) for url in urls))
        assert sum(url.endswith("pyodide.asm.wasm") for url in urls) == 1  # the runtime stays, once
        assert not revisit.evaluate(WAITING)
        v.close()
    finally:
        released.set()
        httpd.shutdown()


# --- a revisit starts from the runtime's snapshot ------------------------------------------------

SNAPSHOTS = """async () => { const cache = await caches.open('runtime-snapshot');
    return Promise.all((await cache.keys()).map(async (request) =>
        [request.url, (await (await cache.match(request)).arrayBuffer()).byteLength])); }"""


def snapshots_until(page, check) -> list[list]:
    """The kept snapshots, [url, bytes] each, once check(snapshots) holds."""
    return stored_until(page, SNAPSHOTS, check)


def one_whole_snapshot(page) -> list[list]:
    return snapshots_until(page, lambda kept: len(kept) == 1 and kept[0][1] > 10_000_000)


def how_the_runtime_started(page) -> list[str]:
    (engine,) = [worker for worker in page.workers if worker.url.endswith("/worker.mjs")]
    return engine.evaluate("performance.getEntriesByType('mark').map((mark) => mark.name)")


def computes_a_valuation(page):
    inputs = {"price_year": 2026, "lines": [{"measure": "apprenticeships", "quantity": 3, "years": 2}]}
    page.goto(page.url.split("#")[0] + permalink(inputs))
    ready(page)
    wait_for_result(page, "r.inputs.lines[0].quantity === 3")
    assert result_of(page) == api.run("valuation", inputs)


def test_a_revisit_starts_from_the_snapshot_the_first_visit_kept(server, visit):
    v = visit()
    v.page.goto(server + VALUATION)
    ready(v.page)
    assert how_the_runtime_started(v.page) == ["runtime started afresh"]
    ((url, _),) = one_whole_snapshot(v.page)
    wheel = v.page.get_attribute("[data-calculator]", "data-wheel").rsplit("/", 1)[1]
    assert url.split("?")[0].endswith("/assets/core/" + wheel)  # kept for this wheel
    v.page.goto("about:blank")
    v.page.goto(server + VALUATION)
    ready(v.page)
    assert how_the_runtime_started(v.page) == ["runtime restored from a snapshot"]
    computes_a_valuation(v.page)
    assert not v.errors


def test_a_damaged_snapshot_is_replaced_and_the_calculator_still_starts(server, visit):
    v = visit()
    v.page.goto(server + VALUATION)
    ready(v.page)
    ((url, _),) = one_whole_snapshot(v.page)
    v.page.evaluate("""async (url) => (await caches.open('runtime-snapshot'))
        .put(url, new Response(new Uint8Array(4096).fill(7)))""", url)
    v.page.goto("about:blank")
    v.page.goto(server + VALUATION)
    ready(v.page)
    assert how_the_runtime_started(v.page) == ["runtime started afresh"]
    computes_a_valuation(v.page)
    assert one_whole_snapshot(v.page)[0][0] == url
    assert not v.errors
