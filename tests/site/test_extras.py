"""Extras (sitebuild/extra_wheels.py): libraries the browser loads only when a page asks for them, from
wheels the build makes out of the installed distributions. The wheels are valid and importable; the
site holds them and tells the page where; a first visit downloads none; asking twice installs once."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import zipfile

import pytest

from sitebuild import extra_wheels
from sitebuild.extra_wheels import EXTRAS, EXTRAS_PATH, build_wheel, extra_paths

from calculator_page import ready

IMPORTED = {"segno": "segno", "openpyxl": "openpyxl", "et_xmlfile": "et_xmlfile", "defusedxml": "defusedxml"}


@pytest.mark.parametrize("distribution", [name for names in EXTRAS.values() for name in names])
def test_each_extra_wheel_is_a_valid_pure_python_wheel_that_imports(distribution, tmp_path):
    name, data = build_wheel(distribution)
    assert name.endswith("-py3-none-any.whl") and name.count("-") == 4
    assert build_wheel(distribution) == (name, data)  # repeatable bytes
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        (dist_info,) = {path.split("/")[0] for path in names if path.split("/")[0].endswith(".dist-info")}
        assert dist_info.startswith(name.split("-")[0] + "-")
        assert {"METADATA", "WHEEL", "RECORD"} <= {path.split("/")[-1] for path in names if path.startswith(dist_info)}
        assert "Root-Is-Purelib: true" in archive.read(f"{dist_info}/WHEEL").decode()
        assert not [path for path in names if path.endswith((".pyc", ".so")) or "__pycache__" in path]
        # RECORD names every other file with its hash and size.
        record = {}
        for line in archive.read(f"{dist_info}/RECORD").decode().splitlines():
            path, digest, size = line.rsplit(",", 2)
            record[path] = (digest, size)
        assert set(record) == set(names)
        for path in names:
            if path.endswith("/RECORD"):
                continue
            body = archive.read(path)
            expected = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=").decode()
            assert record[path] == (expected, str(len(body))), path
        archive.extractall(tmp_path)
    # Installed on its own (unpacked, as Pyodide does), it imports from there.
    module = IMPORTED[distribution]
    done = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r}); "
                           f"import {module}; print({module}.__file__)"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(str(tmp_path))


def test_the_site_holds_each_extras_wheels_and_the_pages_know_where(site_dir):
    paths = extra_paths()
    assert set(paths) == {"qr", "xlsx"} and len(paths["xlsx"]) == 3
    for extra, wheels in paths.items():
        for path in wheels:
            assert path.startswith(EXTRAS_PATH) and (site_dir / path).is_file(), path
            # Named by content: the folder is the wheel's hash, so it is cached for ever.
            assert path.split("/")[-2] == hashlib.sha256((site_dir / path).read_bytes()).hexdigest()[:12]
    page = (site_dir / "calculators" / "valuation" / "index.html").read_text(encoding="utf-8")
    (attribute,) = re.findall(r'data-extras="([^"]*)"', page)
    assert json.loads(html.unescape(attribute)) == {extra: ["../../" + path for path in wheels]
                                                    for extra, wheels in paths.items()}
    service_worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    build = json.loads(service_worker.split("\n", 1)[0].removeprefix("const BUILD = ").removesuffix(";"))
    assert EXTRAS_PATH in build["immutable"]
    assert not [path for path in build["shell"] if "extras" in path]  # never stored ahead


def engine_module(page) -> None:
    """The page's own worker-client module, as window.engine (the same instance the page uses)."""
    page.evaluate("""async () => { window.engine = await import(
        new URL(document.querySelector('[data-calculator]').dataset.worker, document.baseURI).href
            .replace('worker.mjs', 'worker-client.mjs')); }""")


@pytest.mark.browser
def test_a_first_visit_downloads_no_extra_and_one_asked_for_twice_downloads_once(server, visit):
    v = visit(service_workers="allow")
    requests = []
    v.context.on("request", lambda request: requests.append(request.url))  # the service worker's too
    v.page.goto(server + "calculators/valuation/")
    ready(v.page)
    v.page.wait_for_timeout(1500)  # the service worker storing the site's files
    assert not [url for url in requests if f"/{EXTRAS_PATH}" in url]
    page_requests = []
    v.page.on("request", lambda request: page_requests.append(request.url))
    engine_module(v.page)
    replies = v.page.evaluate("Promise.all([engine.loadExtra('qr'), engine.loadExtra('qr')])")
    assert replies == ["ready", "ready"]
    assert v.page.evaluate("engine.loadExtra('qr')") == "ready"
    (segno,) = [url for url in page_requests if f"/{EXTRAS_PATH}" in url]
    assert segno.endswith(extra_paths()["qr"][0]) and "/toolkit/" in segno  # under the site's sub-path
    reply = json.loads(v.page.evaluate("engine.call({op: 'qr', address: 'https://example.org/a'})"))
    assert reply["ok"] and reply["svg"].startswith('<svg aria-hidden="true"')


@pytest.mark.browser
def test_an_extra_that_cannot_be_downloaded_says_so_in_words_and_can_be_tried_again(server, visit):
    v = visit()
    v.page.goto(server + "calculators/proportionality/")
    ready(v.page)
    v.page.route(f"**/{EXTRAS_PATH}**", lambda route: route.abort())
    engine_module(v.page)
    said = v.page.evaluate("engine.loadExtra('qr').then(() => 'loaded', (error) => error.message)")
    assert said == "its qr files could not be downloaded. Check your internet connection"
    assert v.page.evaluate("engine.loadExtra('nothing').catch((error) => error.message)") == "this site has no nothing files"
    v.page.unroute(f"**/{EXTRAS_PATH}**")
    assert v.page.evaluate("engine.loadExtra('qr')") == "ready"


def test_the_extras_are_built_from_what_is_installed_without_the_network(monkeypatch):
    # importlib.metadata only: a build with no network makes the same wheels.
    import socket

    def refuse(*args, **kwargs):
        raise OSError("no network at build time")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    extra_wheels.extra_wheels.cache_clear()
    assert extra_wheels.extra_wheels()
