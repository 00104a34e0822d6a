"""The worker's replies as the page reads them (api._page_text, browser/reply-text.mjs): a JSON head,
the result's JSON text, then the HTML; the CSV and the calculator's files only when asked for."""

from __future__ import annotations

import json

from calculators import api

LINES = {"price_year": 2026, "lines": [{"measure": "apprenticeships", "quantity": 2, "years": 3}]}


def read(text: str):
    head, result, html = text.split("\n", 2)
    return json.loads(head), json.loads(result), html


def test_a_result_for_the_page_is_its_head_its_json_and_its_html():
    whole = json.loads(api.respond_form("valuation", json.dumps(api.flatten(LINES))))
    head, result, html = read(api.respond_form("valuation", json.dumps(api.flatten(LINES)), page=True))
    assert head == {"ok": True, "permalink": whole["result"]["permalink"], "field_warnings": []}
    assert result == whole["result"] and html == whole["html"]
    exports = json.loads(api.export_texts("valuation", json.dumps(result)))
    assert exports == {"csv": whole["csv"], "downloads": whole["downloads"]}


def test_errors_and_opened_links_and_files_for_the_page():
    head, result, html = read(api.respond_form("valuation", json.dumps({"lines[0].quantity": "x"}), page=True))
    assert head["ok"] is False and head["errors"] and result is None and html
    link = api.run("valuation", LINES)["permalink"]
    head, result, _ = read(api.open_permalink("valuation", link, "", page=True))
    assert head["ok"] and head["form"]["lines[0].measure"] == "apprenticeships" and result["lines"]
    files = json.dumps([{"name": "lines.csv", "text": "measure,quantity,years\napprenticeships,2,3\n"}])
    head, result, _ = read(api.open_files("valuation", files, "", page=True))
    assert head["ok"] and head["message"].startswith("Opened a file") and len(result["lines"]) == 1


def test_every_calculators_exports_made_on_a_download_equal_those_made_with_the_result():
    from calculators import registry

    for name in registry.names():
        whole = api.respond(name, registry.get(name).example)
        assert whole["ok"], name
        exports = json.loads(api.export_texts(name, json.dumps(whole["result"])))
        assert exports == {"csv": whole["csv"], "downloads": whole["downloads"]}, name
