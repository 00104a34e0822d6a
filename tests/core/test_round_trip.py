"""Issue 25: every download of every calculator, in each of its formats, opened again in its
calculator: in the page's file box (``api.open_files``) and on the command line (``--open``,
``batch.open_files``). A file a calculator writes to be opened (its "Download JSON", a commitments
file, a delivery report) gives the same result; a result CSV ("Download CSV") holds figures worked
out, not inputs, so it is refused with a sentence that says which file to open instead."""

from __future__ import annotations

import json

import pytest

from calculators import api, batch, file_kinds, registry
from calculators.invalid_input import InvalidInput

# Each calculator's worked example, and one that fills every box a file carries.
CASES = {name: [registry.get(name).example] for name in registry.names()}
CASES["valuation"].append({
    "price_year": 2025, "discount_rate": "", "contract_value": "£2,400,000", "contract_reference": "SSC-2026-014",
    "contract_title": "Home support, \"north\"", "provider": "Example Care Ltd", "provider_type": "vcse",
    "contract_months": 36,
    "lines": [{"measure": "ltu-into-work", "quantity": 4, "years": 3, "deadweight": 10, "ref": "SV1",
               "label": "=Care workers", "evidence": "Payroll, monthly", "due": "31/03/2029"},
              {"measure": "custom", "quantity": 2.5, "years": 2, "proxy": "£1,250.50", "unit": "event",
               "priority": "Safe", "objectives": "5; 8", "drop_off": 20, "label": "Café trips"}]})
CASES["monitoring"].append({**registry.get("monitoring").example, "contract_value": 950000})
CASES["evaluation"].append({**registry.get("evaluation").example, "method": "target", "target": 150000,
                            "tender": "Home support"})

EVERY_CASE = [(name, index) for name, cases in sorted(CASES.items()) for index in range(len(cases))]


def reply_for(name: str, index: int) -> dict:
    reply = api.respond(name, CASES[name][index])
    assert reply["ok"], reply.get("errors")
    return reply


def the_page_downloads(reply: dict) -> dict[str, str]:
    """Every file the page saves for a result, by its button: the texts the page keeps
    (browser/result-actions.mjs saves the result's JSON as JSON.stringify(result, null, 2))."""
    files = {"Download CSV": reply["csv"], "Download JSON": json.dumps(reply["result"], indent=2, ensure_ascii=False)}
    files.update(reply["downloads"])
    return files


def opened_in_the_page(name: str, text: str) -> dict:
    return json.loads(api.open_files(name, json.dumps([{"name": "download", "text": text}])))


def opened_on_the_command_line(name: str, text: str) -> dict:
    return batch.open_files(name, [("download", text)])


@pytest.mark.parametrize("name, index", EVERY_CASE)
def test_every_download_opens_again_to_the_same_result(name, index):
    reply = reply_for(name, index)
    calculator = registry.get(name)
    for button, text in the_page_downloads(reply).items():
        if button == "Download CSV" or file_kinds.result_csv(text.lstrip("\ufeff").split("\n", 1)[0].split(",")):
            continue  # a result CSV (the report's tables too): see the next test
        if button == "benchmarks":
            continue  # the report's benchmarks file opens beside the bids, and in proportionality (test_benchmarks)
        on_the_command_line = opened_on_the_command_line(name, text)
        assert on_the_command_line == reply["result"], button
        if calculator.files.in_form:
            in_the_page = opened_in_the_page(name, text)
            assert in_the_page["ok"], (button, in_the_page["errors"])
            assert in_the_page["result"] == reply["result"], button


@pytest.mark.parametrize("name, index", EVERY_CASE)
def test_a_result_csv_is_refused_with_which_file_to_open_instead(name, index):
    result_csv = reply_for(name, index)["csv"]
    with pytest.raises(InvalidInput) as refused:
        opened_on_the_command_line(name, result_csv)
    message = refused.value.errors[0]["message"]
    if registry.get(name).files.in_form:
        # A calculator that opens several files names the file first.
        named = message.split(": ", 1)[1] if registry.get(name).files.several else message
        assert named.startswith(f"This is the {registry.get(name).title.lower()} calculator's "
                                                     f"result file ('Download CSV')")
        assert opened_in_the_page(name, result_csv)["errors"][0]["message"] == message
    assert "'Download JSON'" in message


@pytest.mark.parametrize("name", sorted(registry.names()))
def test_a_download_from_another_calculator_is_named_and_refused(name):
    reply = reply_for(name, 0)
    for other in registry.names():
        if other == name or not registry.get(other).files.in_form:
            continue
        for button, text in the_page_downloads(reply).items():
            refused = opened_in_the_page(other, text)
            if not refused["ok"] and "result file" in refused["errors"][0]["message"]:
                assert f"the {registry.get(name).title.lower()} calculator's result file" in \
                    refused["errors"][0]["message"]
            elif button.startswith("Download"):
                pytest.fail(f"{name}'s {button} opened in {other}: {refused}")


def test_every_result_csv_is_known_by_its_header():
    known = {row.calculator for row in file_kinds.RESULT_CSVS}
    assert known == set(registry.names())
    for name in registry.names():
        header = reply_for(name, 0)["csv"].lstrip("\ufeff").split("\n", 1)[0].split(",")
        assert file_kinds.result_csv(header) == name
