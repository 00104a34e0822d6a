"""The bid evaluation calculator in Chromium: keyboard only (bids added and removed too), equal to the
command line, a bids CSV imported in the browser and never uploaded, permalinks with outcome lines,
errors beside their fields, axe-core, downloads and the printed moderation record."""

from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import Axe

from calculators import file_reading, registry
from calculators.permalink import encode as permalink

from accessibility import axe_problems
from calculator_page import (cli as run_cli, focused_id, opened, ready, result_of, tab_to, tab_until, try_example,
                             type_into, wait_for_result)

PAGE = "calculators/evaluation/"
IMG = '<img src=x onerror="window.__ran = true">'
EXAMPLE_BIDS = [
    {"name": "A", "score": 3, "panel_scores": [3, 3, 4], "offer": 120000, "price": 1000000},
    {"name": "B", "score": 4, "panel_scores": [4, 2, 4], "offer": 90000, "price": 950000},
    {"name": "C", "score": 2, "panel_scores": [2, 2, 3], "offer": 45000, "price": 900000},
]
RULES = {"weighting": 10, "qualitative_share": 50, "score_max": 5, "method": "relative", "basis": "value"}


def cli(inputs: dict) -> dict:
    return run_cli("evaluation", inputs)


def bid_count(page) -> int:
    return page.locator("[data-calculator] [data-line]").count()


def ids_are_unique(page) -> bool:
    return page.evaluate("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
                         " return ids.length === new Set(ids).size; }")


def test_keyboard_only_flow_with_bids_added_and_removed_equals_the_command_line(server, visit):
    v = visit()
    v.page.goto(server + PAGE)
    ready(v.page)
    try_example(v.page)  # the form starts empty: this test starts from the example
    assert bid_count(v.page) == 3
    type_into(v.page, "evaluation-weighting", "15")
    type_into(v.page, "evaluation-bids-1-score", "5")
    # Remove the third bid: focus moves to the bid before it.
    tab_until(v.page, "[data-line]:nth-child(3) [data-action='remove-line']")
    v.page.keyboard.press("Enter")
    assert bid_count(v.page) == 2
    assert focused_id(v.page) == "evaluation-bids-1-name"
    assert "Bid removed." in v.page.inner_text("[data-engine-status]")
    # Add a bid: focus moves to its first box, which has its own numbered id.
    tab_until(v.page, "[data-action='add-line']")
    v.page.keyboard.press("Enter")
    assert bid_count(v.page) == 3 and focused_id(v.page) == "evaluation-bids-2-name"
    assert "Bid 3 added." in v.page.inner_text("[data-engine-status]")
    assert ids_are_unique(v.page)
    v.page.keyboard.type(IMG)
    type_into(v.page, "evaluation-bids-2-score", "4")
    type_into(v.page, "evaluation-bids-2-panel-scores", "4, 4, 5")
    type_into(v.page, "evaluation-bids-2-offer", "100,000")
    type_into(v.page, "evaluation-bids-2-price", "500000")
    type_into(v.page, "evaluation-bids-2-notes", "Good plan")
    v.page.keyboard.press("Enter")
    wait_for_result(v.page, "r.inputs.bids.length === 3 && r.inputs.bids[2].notes === 'Good plan' && "
                            "r.inputs.weighting === 15 && r.inputs.bids[1].score === 5")
    shown = result_of(v.page)
    expected = cli({**RULES, "weighting": 15, "bids": [
        EXAMPLE_BIDS[0], {**EXAMPLE_BIDS[1], "score": 5},
        {"name": IMG, "score": 4, "panel_scores": [4, 4, 5], "offer": 100000, "price": 500000, "notes": "Good plan"}]})
    assert shown == expected
    # By hand: W_qual = W_quant = 7.5. The new bid: 4 ÷ 5 × 7.5 + 100,000 ÷ 120,000 × 7.5 = 6 + 6.25 = 12.25;
    # B: 7.5 + 5.625 = 13.125 -> 13.13 (rank 1); A: 4.5 + 7.5 = 12 (rank 3). Its offer is 20% of its price.
    assert [(b["marks"], b["rank"]) for b in shown["bids"]] == [(12, 3), (13.13, 1), (12.25, 2)]
    assert [f["code"] for f in shown["bids"][2]["flags"]] == ["offer_high_share"]
    # The name is shown as text, and nothing in it ran; the flag is beside the bid.
    region = v.page.locator("[data-calculator-result]")
    assert IMG in region.inner_text() and region.locator("img").count() == 0
    assert v.page.evaluate("window.__ran === undefined")
    assert "High share of price" in region.locator("tbody tr").nth(2).inner_text()
    assert v.page.url.endswith(shown["permalink"])
    assert not axe_problems(Axe(), v.page)
    assert not v.errors and not v.foreign_requests()


def test_a_bids_csv_is_read_in_the_browser_and_fills_the_form(server, visit):
    v = opened(visit, server + PAGE)
    methods = []
    v.page.on("request", lambda request: methods.append(request.method))
    text = ("name,score,offer,panel_scores,weighting,qualitative_share\n"
            "North Ltd,4,80000,4; 3; 4,12,40\nSouth CIC,3,20000,,12,40\nEast & Co,5,50000,5 5 3,12,40\n"
            "West <b>plc</b>,1,0,,12,40\n")
    v.page.set_input_files("#evaluation-import", files=[{"name": "bids.csv", "mimeType": "text/csv",
                                                          "buffer": text.encode("utf-8")}])
    wait_for_result(v.page, "r.inputs.bids.length === 4 && r.inputs.weighting === 12")
    inputs, problems = file_reading.read_file(registry.get("evaluation"), text)[:2]
    assert problems == []
    assert result_of(v.page) == cli(inputs)
    assert bid_count(v.page) == 4 and ids_are_unique(v.page)
    assert v.page.input_value("#evaluation-bids-0-name") == "North Ltd"
    assert v.page.input_value("#evaluation-bids-2-panel-scores") == "5 5 3"
    # The example's prices are cleared: the file gives none.
    assert v.page.input_value("#evaluation-bids-0-price") == ""
    assert v.page.input_value("#evaluation-qualitative-share") == "40"
    assert "West <b>plc</b>" in v.page.inner_text("[data-calculator-result]")
    assert all(method == "GET" for method in methods), methods  # nothing was uploaded
    assert not v.errors and not v.foreign_requests()


def test_a_bad_csv_row_is_named_beside_its_field(server, visit):
    v = opened(visit, server + PAGE)
    text = "name,score,offer,weighting\nA,3,100,10\nB,9,50,10\n"
    v.page.set_input_files("#evaluation-import", files=[{"name": "bids.csv", "mimeType": "text/csv",
                                                          "buffer": text.encode("utf-8")}])
    v.page.wait_for_selector(".sv-error-summary")
    assert "Bid 2: Agreed score must be between 0 and 5, the top of the scale" in v.page.inner_text(".sv-error-summary")
    assert v.page.is_visible("#evaluation-bids-1-score-error")
    assert bid_count(v.page) == 2 and v.page.input_value("#evaluation-bids-1-score") == "9"
    type_into(v.page, "evaluation-bids-1-score", "4")
    wait_for_result(v.page, "r.inputs.bids[1].score === 4 && r.inputs.bids.length === 2")
    assert v.page.locator(".sv-error-summary").count() == 0


def test_a_permalink_with_outcome_lines_is_refused_and_the_form_holds_only_what_it_shows(server, visit):
    # Issue 31, finding 7: the lines had no place on the form, so a bid ranked on lines nobody could
    # see or remove. The core refuses them; the bids the form shows are in it, to be finished there.
    lines = [{"measure": "apprenticeships", "quantity": 2, "years": 3},
             {"measure": "work-placements", "quantity": 4, "years": 1}]
    inputs = {**RULES, "bids": [{"name": "A", "score": 3, "offer": 50000},
                                {"name": "B", "score": 4, "offer": 20000, "panel_scores": [4, 2]},
                                {"name": "Lines Ltd", "score": 2, "lines": lines}]}
    v = opened(visit, server + PAGE + permalink(inputs))
    v.page.wait_for_selector(".sv-error-summary")
    summary = v.page.inner_text(".sv-error-summary")
    assert "This link is damaged" in summary
    assert "Bid 3 in this link has outcome lines, which this page cannot show." in summary
    assert v.page.locator("input[type=hidden]").count() == 0
    assert v.page.locator("[name*='lines']").count() == 0
    assert bid_count(v.page) == 3 and v.page.input_value("#evaluation-bids-2-name") == "Lines Ltd"
    assert v.page.input_value("#evaluation-bids-1-panel-scores") == "4, 2"
    type_into(v.page, "evaluation-bids-2-offer", "1000")
    wait_for_result(v.page, "r.bids.length === 3 && r.inputs.bids[2].offer === 1000")
    shown = result_of(v.page)
    assert all(bid["offer_from"] == "offer" for bid in shown["bids"])
    bids = [inputs["bids"][0], inputs["bids"][1], {"name": "Lines Ltd", "score": 2, "offer": 1000}]
    assert shown == cli({**RULES, "bids": bids})
    assert not v.errors


def test_two_bids_are_the_fewest(server, visit):
    v = opened(visit, server + PAGE)
    v.page.click("[data-line]:last-child [data-action='remove-line']")
    assert bid_count(v.page) == 2
    v.page.click("[data-line]:last-child [data-action='remove-line']")
    assert bid_count(v.page) == 2
    assert "You need at least 2 bids." in v.page.inner_text("[data-engine-status]")


def test_errors_show_beside_their_fields_and_recover(server, visit):
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    type_into(v.page, "evaluation-bids-0-score", "7")
    type_into(v.page, "evaluation-bids-2-offer", "-5")
    v.page.keyboard.press("Enter")
    v.page.wait_for_function("() => document.querySelectorAll('.sv-error-summary a').length === 2")
    # The score above the scale (a rule between two fields) comes with the negative offer (a field's
    # own check), in the order of the form, each beside its field.
    assert [link.inner_text() for link in v.page.locator(".sv-error-summary a").all()] == [
        "Bid 1: Agreed score must be between 0 and 5, the top of the scale",
        "Bid 3: Quantified offer cannot be negative"]
    for field in ("evaluation-bids-0-score", "evaluation-bids-2-offer"):
        assert v.page.get_attribute(f"#{field}", "aria-invalid") == "true"
        assert v.page.is_visible(f"#{field}-error")
    type_into(v.page, "evaluation-bids-2-offer", "5")
    v.page.keyboard.press("Enter")
    v.page.wait_for_function("() => document.querySelectorAll('.sv-error-summary a').length === 1")
    assert v.page.get_attribute("#evaluation-bids-2-offer", "aria-invalid") != "true"
    type_into(v.page, "evaluation-bids-0-score", "5")
    wait_for_result(v.page, "r.inputs.bids[0].score === 5 && r.inputs.bids[2].offer === 5")
    assert v.page.locator(".sv-error-summary").count() == 0


def test_downloads_and_the_printed_moderation_record(server, visit):
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    type_into(v.page, "evaluation-bids-1-notes", "Strong partners, vague dates")
    v.page.keyboard.press("Enter")
    wait_for_result(v.page, "r.bids[1].notes === 'Strong partners, vague dates'")
    with v.page.expect_download() as download:
        v.page.click("[data-action='download-csv']")
    assert download.value.suggested_filename == "evaluation.csv"
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("\ufeffRank,Bidder name,Agreed score") and "panel_spread" in text
    with v.page.expect_download() as download:
        v.page.click("[data-action='download-json']")
    assert json.loads(open(download.value.path(), encoding="utf-8").read()) == result_of(v.page)
    v.page.emulate_media(media="print")
    for selector in ("[data-action='add-line']", "[data-action='remove-line']", "[data-action='print']",
                     ".sv-calculate", "#evaluation-import"):
        assert not v.page.locator(selector).first.is_visible(), selector
    record = v.page.locator(".sv-record-bid").nth(1)
    assert record.is_visible()
    assert "Strong partners, vague dates" in record.locator(".sv-record-reasons").inner_text()
    assert "4, 2, 4" in record.inner_text() and "Panel scores differ" in record.inner_text()
    assert v.page.locator(".sv-record-reasons").nth(0).bounding_box()["height"] > 50  # room to write reasons


def test_dark_mode_and_a_320_pixel_screen(server, visit):
    v = visit()
    v.page.emulate_media(color_scheme="dark")
    v.page.set_viewport_size({"width": 320, "height": 800})
    v.page.goto(server + PAGE)
    ready(v.page)
    v.page.click("[data-action='add-line']")
    assert not axe_problems(Axe(), v.page)
    # Nothing is wider than the screen: the results table scrolls inside its own region.
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_printed_record_names_the_tender_and_has_a_line_for_each_member_to_sign(server, visit):
    tender = f"Home support {IMG}"
    v = opened(visit, server + PAGE + permalink({**RULES, "tender": tender, "bids": EXAMPLE_BIDS}))
    wait_for_result(v.page, f"r.inputs.tender === {json.dumps(tender)}")
    assert v.page.input_value("#evaluation-tender") == tender
    assert f"Tender\n{tender}" in v.page.locator("[data-calculator-result]").inner_text()  # as text
    # Edited like any other input, and kept in the link.
    type_into(v.page, "evaluation-tender", "Home support 2027")
    v.page.keyboard.press("Enter")
    wait_for_result(v.page, "r.inputs.tender === 'Home support 2027'")
    assert v.page.url.endswith(result_of(v.page)["permalink"])
    v.page.emulate_media(media="print")
    record = v.page.locator("[data-calculator-result]")
    assert "Tender\nHome support 2027" in record.inner_text()
    rows = v.page.locator(".sv-signatures tbody tr")
    assert [row.locator("th").inner_text() for row in rows.all()] == ["Panel chair", "Panel member 2", "Panel member 3"]
    assert all(row.is_visible() and row.bounding_box()["height"] >= 30 for row in rows.all())  # room to sign
    assert not v.page.evaluate("window.__ran === true")
    v.page.emulate_media(media="screen")
    assert axe_problems(Axe(), v.page) == []
