"""One QR function for print (calculators/qr_code.py): the handouts' codes at build time and a printed
record's in the browser (api.qr_code, once the page has installed the "qr" extra). segno is needed only
when a code is drawn: the core imports without it (under Pyodide these tests skip)."""

from __future__ import annotations

import json

import pytest

from calculators import api

segno = pytest.importorskip("segno")


def test_a_links_code_is_one_svg_of_squares_hidden_from_screen_readers():
    reply = json.loads(api.qr_code("https://example.org/toolkit/calculators/valuation/#inputs=eyJhIjoxfQ"))
    assert reply["ok"] and reply["svg"].startswith('<svg aria-hidden="true" focusable="false" ')
    assert reply["svg"].count("<svg") == 1 and reply["svg"].endswith("</svg>")


def test_nothing_typed_reaches_the_svg():
    # Only the code's squares: the address itself, whatever it holds, is never written into the SVG.
    reply = json.loads(api.qr_code('https://example.org/#inputs="><script>alert(1)</script>'))
    assert reply["ok"] and "script" not in reply["svg"] and "example.org" not in reply["svg"]


def test_a_link_too_long_for_any_code_says_so_and_never_raises():
    assert json.loads(api.qr_code("https://example.org/#inputs=" + "A" * 5000)) == {
        "ok": False, "message": api.NO_QR_CODE}
    assert json.loads(api.qr_code(None))["ok"] is False
