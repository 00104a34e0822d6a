"""Issue 30: past delivery informs the next decision. The report's benchmarks file (its figures, checked
against Python's ``statistics``; measures with too few contracts left out; no identifying text), read
back by the bid evaluation's realism check and the proportionality calculator."""

from __future__ import annotations

import base64
import copy
import json
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import api, benchmarks
from calculators.benchmark_file import carried, from_browser, read_benchmarks
from calculators.benchmarks import COLUMNS, build_benchmarks, default_benchmarks, quartiles, shown
from calculators.data_files import SettingsError
from calculators.exact import half_up
from calculators.invalid_input import InvalidInput
from calculators.measures import catalogue
from calculators.monitoring.settings import default_monitoring
from calculators.report import CALCULATOR as REPORT
from calculators.report.example import EXAMPLE

SCALES = ("1", "2", "3")


def portfolio(copies=SCALES, without_value: tuple[str, ...] = ()) -> dict:
    """The report's worked example, its six contracts reported again under other references with their
    quantities scaled: every measure is given by as many contracts as there are copies."""
    reports = []
    for number, scale in enumerate(copies):
        for one in copy.deepcopy(EXAMPLE["reports"]):
            one["contract_reference"] = f"{one['contract_reference']}-{number}"
            one["provider"] = f"{one['provider']} number {number}"
            if one["contract_reference"] in without_value:
                one.pop("contract_value")
            for line in one["commitments"]:
                for key in ("quantity", "delivered", "verified"):
                    if key in line:
                        line[key] = str(Decimal(str(line[key])) * Decimal(scale))
            reports.append(one)
    return {"price_year": EXAMPLE["price_year"], "reports": reports}


@pytest.fixture(scope="module")
def report():
    return api.run("report", portfolio())


@pytest.fixture(scope="module")
def file_rows(report):
    return read_benchmarks(REPORT.download_texts(report)["benchmarks"], "benchmarks.csv")


def latest(inputs: dict) -> list[dict]:
    """Each contract's latest report, worked out here from the inputs."""
    found = {}
    for one in inputs["reports"]:
        if one["contract_reference"] not in found or one["quarter_end"] > found[one["contract_reference"]]["quarter_end"]:
            found[one["contract_reference"]] = one
    return list(found.values())


# --- the quartiles --------------------------------------------------------------------------------

@settings(max_examples=60)
@given(st.lists(st.fractions(min_value=0, max_value=10_000), min_size=2, max_size=40))
def test_quartiles_are_pythons_inclusive_quartiles(figures):
    lower, median, upper = quartiles(figures)
    assert [lower, median, upper] == statistics.quantiles(figures, n=4, method="inclusive")
    assert median == statistics.median(figures)
    assert min(figures) <= lower <= median <= upper <= max(figures)  # never beyond the contracts


def test_the_file_says_which_quartiles():
    assert benchmarks.QUARTILE_METHOD == "inclusive"
    assert "inclusive" in benchmarks.__doc__ and "population" in benchmarks.__doc__


def test_each_figure_is_the_quartile_of_the_contracts_figures(report):
    inputs = portfolio()
    for measure_id in ("apprenticeships", "carbon-avoided", "spend-local-sme"):
        committed, delivered = [], []
        for one in latest(inputs):
            lines = [line for line in one["commitments"] if line["measure"] == measure_id]
            if not lines:
                continue
            total = sum(Fraction(line["quantity"]) * line["years"] for line in lines)
            committed.append(total * 1_000_000 / Fraction(one["contract_value"]))
            due = [Fraction(line["quantity"]) * min(one["months_elapsed"], 12 * line["years"]) / 12 for line in lines]
            if sum(due):
                done = sum(min(Fraction(line["delivered"]), d) for line, d in zip(lines, due))
                delivered.append(done / sum(due) * 100)
        row = next(row for row in report["benchmarks"] if row["measure"] == measure_id and row["value_from"] is None)
        low, middle, high = statistics.quantiles(committed, n=4, method="inclusive")
        assert (row["committed_lower_quartile"], row["committed_median"], row["committed_upper_quartile"]) == \
            tuple(float(shown(figure)) for figure in (low, middle, high))
        low, middle, _ = statistics.quantiles(delivered, n=4, method="inclusive")
        assert (row["delivered_lower_quartile"], row["delivered_median"]) == \
            (float(half_up(low, 1)), float(half_up(middle, 1)))
        assert row["contracts"] == row["committed_contracts"] == row["delivered_contracts"] == len(committed)
        assert (row["period_from"], row["period_to"]) == ("2026-04-01", "2027-03-31")


def test_apprenticeships_by_hand(report):
    """The worked example: WE-01 commits 2 apprentices a year for 3 years on £2.4m: 2.5 per £1m a year;
    WE-02 3 for 5 years on £12m: 1.25; WE-05 2 for 4 years on £6.5m: 16/13 (1.2308). By March WE-01
    delivered 2 of the 2 due (100%), WE-02 2 of 3 (66.7%), WE-05 1.5 of 2 (75%)."""
    row = next(row for row in api.run("report", EXAMPLE)["benchmarks"] if row["measure"] == "apprenticeships")
    assert row["contracts"] == 3 and row["value_from"] is None
    # Inclusive quartiles of three figures: halfway between the first two, the middle, halfway between the last two.
    assert row["committed_lower_quartile"] == 1.24  # (16/13 + 5/4) / 2 = 129/104 = 1.2404
    assert row["committed_median"] == 1.25
    assert row["committed_upper_quartile"] == 1.88  # (5/4 + 5/2) / 2 = 1.875, half up
    assert row["delivered_lower_quartile"] == 70.8 and row["delivered_median"] == 75  # (66.67 + 75) / 2 = 70.83
    # Three copies at 1, 2 and 3 times the quantities: nine figures, the median the fifth.
    row = next(row for row in report["benchmarks"] if row["measure"] == "apprenticeships" and row["value_from"] is None)
    figures = sorted(figure * k for figure in (Fraction(16, 13), Fraction(5, 4), Fraction(5, 2)) for k in (1, 2, 3))
    assert figures[4] == Fraction(5, 2) and row["committed_median"] == 2.5
    assert (row["committed_lower_quartile"], row["committed_upper_quartile"]) == (2.46, 3.75)  # 32/13 and 15/4
    assert row["contracts"] == 9


# --- measures with too few contracts are left out --------------------------------------------------

def test_measures_that_fewer_than_the_minimum_reported_are_left_out():
    least = default_benchmarks().min_contracts
    assert least == 3
    contracts_of = {}
    for one in EXAMPLE["reports"]:
        for line in one["commitments"]:
            contracts_of.setdefault(line["measure"], set()).add(one["contract_reference"])
    # In the worked example, three measures are in 3 of the six contracts; every other is in one only.
    shared = {"apprenticeships", "spend-local-sme", "volunteering-hours"}
    assert {key for key, found in contracts_of.items() if len(found) >= least} == shared
    assert all(len(found) == 1 for key, found in contracts_of.items() if key not in shared)
    assert [row["measure"] for row in api.run("report", EXAMPLE)["benchmarks"]] == sorted(shared)
    # With two copies, the others are in 2 contracts: still too few.
    assert {row["measure"] for row in api.run("report", portfolio(("1", "2")))["benchmarks"]} == shared
    rows = api.run("report", portfolio())["benchmarks"]
    every = {line["measure"] for one in EXAMPLE["reports"] for line in one["commitments"]}
    assert {row["measure"] for row in rows if row["value_from"] is None} == every
    assert all(row["contracts"] >= least for row in rows)


def test_a_band_of_similar_value_needs_the_minimum_too(report):
    bands = {(row["measure"], row["value_from"]) for row in report["benchmarks"]}
    # WE-01 (£2.4m) and WE-06 (£1.2m) are in £1m to £5m, three copies each: their measures have a band row.
    assert ("apprenticeships", 1000000) in bands and ("regular-volunteers", 1000000) in bands
    # apprenticeships is in WE-01 and WE-02 only: 3 contracts in each band, never in the band below £1m.
    assert ("apprenticeships", 0) not in bands


def test_a_figure_resting_on_too_few_contracts_is_blank_and_says_how_many():
    no_value = ("WE-02-0", "WE-02-1", "WE-05-0")
    rows = api.run("report", portfolio(without_value=no_value))["benchmarks"]
    carbon = next(row for row in rows if row["measure"] == "carbon-avoided" and row["value_from"] is None)
    assert (carbon["contracts"], carbon["committed_contracts"], carbon["delivered_contracts"]) == (3, 1, 3)
    assert carbon["committed_median"] is None and carbon["delivered_median"] is not None
    training = next(row for row in rows if row["measure"] == "training-hours" and row["value_from"] is None)
    assert training["committed_contracts"] == 2 and training["committed_upper_quartile"] is None  # WE-05's, less one


def test_custom_lines_are_no_benchmark():
    inputs = portfolio()
    for one in inputs["reports"]:
        one["commitments"].append({"ref": "C1", "measure": "custom", "label": "Beach cleans", "unit": "clean",
                                   "quantity": 4, "years": 1, "delivered": 1, "priority": "Clean", "proxy": 10})
    assert all(row["measure"] != "custom" for row in api.run("report", inputs)["benchmarks"])


# --- no identifying text -------------------------------------------------------------------------

def test_the_file_holds_no_contract_reference_provider_or_other_identifying_text(report):
    inputs = portfolio()
    texts = {str(one.get(key)) for one in inputs["reports"] for key in ("contract_reference", "contract_title",
                                                                        "provider", "file") if one.get(key)}
    texts |= {str(line.get(key)) for one in inputs["reports"] for line in one["commitments"]
              for key in ("ref", "label", "evidence", "comments") if line.get(key)}
    written = REPORT.download_texts(report)["benchmarks"]
    assert not [text for text in texts if text in written]
    units = {item.unit for item in catalogue()}
    ids = {item.id for item in catalogue()}
    for row in report["benchmarks"]:
        assert tuple(row) == COLUMNS
        assert row["measure"] in ids and row["unit"] in units
        for column in COLUMNS[2:]:
            value = row[column]
            assert value is None or isinstance(value, (int, float)) or column.startswith("period_"), (column, value)


# --- the settings ----------------------------------------------------------------------------------

def test_the_settings_are_this_toolkits_proposal_and_are_checked():
    shipped = default_benchmarks()
    assert "Proposal of this Toolkit" in shipped.status
    assert shipped.realism_factor == 2 and shipped.value_from[0] == 0
    good = {"benchmarks": {"status": "x", "min_contracts": 3, "realism_factor": 2, "similar_value_from": [0, 10]}}
    assert build_benchmarks(good).min_contracts == 3
    for key, bad in (("min_contracts", 1), ("min_contracts", True), ("realism_factor", 0.5),
                     ("similar_value_from", [10, 20]), ("similar_value_from", [0, 20, 10]), ("status", "")):
        with pytest.raises(SettingsError, match=f"benchmarks.{key}"):
            build_benchmarks({"benchmarks": {**good["benchmarks"], key: bad}})
    with pytest.raises(SettingsError):
        build_benchmarks({})


# --- reading the file back ------------------------------------------------------------------------

def test_the_file_reads_back_as_csv_and_as_json(report, file_rows):
    as_json = read_benchmarks(benchmarks.file_text(report["benchmarks"], "b.json"), "b.json")
    assert as_json.rows == file_rows.rows
    assert file_rows.row("apprenticeships")["committed_median"] == Decimal("2.5")
    assert file_rows.row("apprenticeships", 2_000_000)["value_from"] == 1_000_000
    assert file_rows.row("apprenticeships", 500_000) is None


def test_the_file_reads_back_from_the_report_pages_excel_download(report, file_rows):
    pytest.importorskip("openpyxl")
    reply = json.loads(api.download_xlsx("report", json.dumps(report["inputs"]), "benchmarks"))
    data = base64.b64decode(reply["base64"])
    assert read_benchmarks(data, reply["filename"]).rows == file_rows.rows
    # As the page sends a workbook: its bytes in base64.
    sent = json.dumps({"name": reply["filename"], "base64": reply["base64"]})
    assert from_browser(sent).rows == file_rows.rows and from_browser(sent).name == "report-benchmarks.xlsx"


@pytest.mark.parametrize("text, words", [
    ("name,score,offer\nA,3,1000\nB,2,500\n", "is not a benchmarks file: it has no 'measure' column"),
    ("measure,quantity,years\napprenticeships,2,3\n", "is not a benchmarks file"),
    ("", "is not a benchmarks file"),
    ('{"calculator": "report"}', "is not a benchmarks file"),
    ('[{"name": "A", "score": 3, "offer": 100}]', "is not a benchmarks file"),
])
def test_a_file_that_is_not_benchmarks_is_refused_and_never_read_as_bids(text, words):
    with pytest.raises(InvalidInput) as refused:
        read_benchmarks(text, "bids.csv")
    assert words in refused.value.errors[0]["message"]
    assert refused.value.errors[0]["field"] == "benchmarks"


def test_each_bad_cell_is_named_by_file_row_and_column(report):
    lines = REPORT.download_texts(report)["benchmarks"].splitlines()
    header, first = lines[0], lines[1].split(",")
    bad = list(first)
    bad[COLUMNS.index("committed_median")] = "lots"
    unknown = list(first)
    unknown[0] = "moonbeams"
    text = "\n".join([header, ",".join(bad), ",".join(unknown), lines[1], lines[1]]) + "\n"
    with pytest.raises(InvalidInput) as refused:
        read_benchmarks(text, "past.csv")
    messages = [error["message"] for error in refused.value.errors]
    assert "past.csv, row 2, column 'committed_median': 'lots' is not a number like 2.5" in messages
    assert "past.csv, row 3, column 'measure': 'moonbeams' is not a measure in the catalogue" in messages
    assert "past.csv, row 5: this measure and value band is given twice" in messages


# --- the evaluation's realism check ---------------------------------------------------------------

def bids(quantity, price=1_000_000, measure="apprenticeships", years=3) -> dict:
    return {"weighting": 10, "bids": [
        {"name": "A", "score": 3, "price": price, "lines": [{"measure": measure, "quantity": quantity, "years": years}]},
        {"name": "B", "score": 4, "price": 2_000_000, "lines": [{"measure": "apprenticeships", "quantity": 1,
                                                                "years": 3}]},
        {"name": "C", "score": 2, "offer": 5000}]}


def realism(result: dict, name: str) -> list[dict]:
    return [flag for bid in result["bids"] if bid["name"] == name for flag in bid["flags"] if flag["code"] == "realism"]


def test_an_offer_more_than_the_factor_above_the_upper_quartile_is_flagged(file_rows):
    upper = file_rows.row("apprenticeships")["committed_upper_quartile"]  # 3.75 per £1m a year
    factor = default_benchmarks().realism_factor
    at_limit = upper * factor  # for 1 year on a £1m price: exactly factor × the upper quartile
    assert realism(api.run("evaluation", bids(str(at_limit), years=1), benchmarks=file_rows), "A") == []
    assert realism(api.run("evaluation", bids(str(at_limit + Decimal("0.01")), years=1), benchmarks=file_rows), "A")
    flagged = realism(api.run("evaluation", bids(4), benchmarks=file_rows), "A")
    assert len(flagged) == 1
    message = flagged[0]["message"]
    assert "realism" in message.lower()
    assert "this bid offers 12 per £1m a year" in message
    assert "Past contracts committed 2.46 to 3.75 per £1m a year and delivered 75% of what was due" in message
    assert "delivery plan" in message and "Do not mark the bid down for ambition alone" in message


def test_a_measure_past_contracts_delivered_below_amber_is_flagged(report):
    rows = [dict(row) for row in report["benchmarks"]]
    for row in rows:
        if row["measure"] == "apprenticeships":
            row["delivered_median"] = 60
    low = read_benchmarks(benchmarks.file_text(rows, "b.csv"), "b.csv")
    assert default_monitoring().amber == 75
    flagged = realism(api.run("evaluation", bids(1), benchmarks=low), "A")
    assert len(flagged) == 1 and "delivered 60% of what was due" in flagged[0]["message"]
    assert "below the 75% that contract monitoring rates amber" in flagged[0]["message"]
    # B offers apprenticeships too: flagged for past delivery even with an ordinary quantity.
    assert realism(api.run("evaluation", bids(1), benchmarks=low), "B")


@settings(max_examples=15)
@given(st.integers(min_value=0, max_value=40), st.integers(min_value=100_000, max_value=20_000_000))
def test_a_flag_never_changes_a_score(quantity, price):
    file_rows = read_benchmarks(REPORT.download_texts(api.run("report", portfolio()))["benchmarks"], "b.csv") \
        if not hasattr(test_a_flag_never_changes_a_score, "rows") else test_a_flag_never_changes_a_score.rows
    test_a_flag_never_changes_a_score.rows = file_rows
    without = api.run("evaluation", bids(quantity, price))
    with_file = api.run("evaluation", bids(quantity, price), benchmarks=file_rows)
    for one, other in zip(without["bids"], with_file["bids"]):
        assert {key: value for key, value in one.items() if key != "flags"} == \
            {key: value for key, value in other.items() if key != "flags"}
        assert [flag for flag in other["flags"] if flag["code"] != "realism"] == one["flags"]
    assert without["ranking"] == with_file["ranking"]


def test_a_bid_given_as_one_offer_in_pounds_or_a_measure_without_a_benchmark_is_not_flagged(file_rows):
    result = api.run("evaluation", bids(1, measure="local-employment"), benchmarks=file_rows)
    assert realism(result, "C") == []
    assert result["benchmarks"]["measures"] == 11 and result["benchmarks"]["realism_factor"] == 2


def test_the_moderation_record_prints_the_flag_with_a_line_for_the_panels_note(file_rows):
    reply = api.respond("evaluation", bids(4), benchmarks=file_rows)
    html = reply["html"]
    record = html[html.index("Moderation record"):]
    assert "<strong>Check realism.</strong>" in record and "this bid offers 12 per £1m a year" in record
    assert "Panel&#x27;s note on this flag" in record or "Panel's note on this flag" in record
    assert "A benchmarks file from the Policy report was opened" in html
    assert "realism" in reply["csv"]


# --- proportionality ------------------------------------------------------------------------------

def test_proportionality_shows_what_past_contracts_of_a_similar_value_committed(file_rows):
    inputs = {"contract_value": 2_000_000, "category": "services", "duration_months": 36,
              "procurement_date": "2026-03-01", "labour_intensive": True}
    plain = api.run("proportionality", inputs)
    assert "past_delivery" not in plain
    result = api.run("proportionality", inputs, benchmarks=file_rows)
    past = result["past_delivery"]
    assert (past["value_from"], past["value_to"]) == (1_000_000, 5_000_000)
    assert "£1,000,000 up to £5,000,000" in past["similar_value"]
    measures = {row["measure"]: row for row in past["measures"]}
    assert set(measures) <= {item.id for item in catalogue() if item.priority in result["priorities"]}
    apprenticeships = measures["apprenticeships"]
    band = file_rows.row("apprenticeships", 2_000_000)
    assert apprenticeships["lower_quartile"] == float(band["committed_lower_quartile"])  # 3.75
    assert apprenticeships["contract_low"] == 7.5 and apprenticeships["contract_high"] == 12.5  # × £2m
    assert apprenticeships["a_year_low"] == 2.5  # over 3 years
    # The rest is as without the file; the inputs carry the file on (so does the link), for the same ranges again.
    assert result["inputs"] == {**plain["inputs"], "benchmarks": carried(file_rows)}
    assert {key: value for key, value in result.items() if key not in ("past_delivery", "inputs", "permalink")} == \
        {key: value for key, value in plain.items() if key not in ("inputs", "permalink")}
    html = api.respond("proportionality", inputs, benchmarks=file_rows)["html"]
    assert "What past contracts of a similar value committed" in html and "3.75 to 6.25" in html
    assert "This Toolkit proposes these bands of similar value" in html


def test_the_realism_flag_is_shown_by_its_label_not_its_code(file_rows):
    from calculators.evaluation.result_html import FLAG_LABELS

    reply = api.respond("evaluation", bids(4), benchmarks=file_rows)
    assert FLAG_LABELS["realism"] == "Check realism"
    flag_lists = reply["html"].split('class="sv-flags">')[1:]
    assert "<li>Check realism</li>" in flag_lists[0].split("</ul>")[0]


# --- the page: a benchmarks file chosen beside the bids, through the worker's entry points ----------

def test_a_bids_file_can_give_each_bid_a_measure_to_check(file_rows):
    bids_csv = ("weighting,name,score,offer,price,measure,quantity,years\n"
                "10,A,3,100000,1000000,apprenticeships,4,3\n10,B,4,90000,2000000,apprenticeships,1,3\n")
    text = file_rows_text(file_rows)
    reply = json.loads(api.open_files("evaluation", json.dumps([{"name": "bids.csv", "text": bids_csv}]), "",
                                      benchmarks_json=json.dumps({"name": "benchmarks.csv", "text": text})))
    assert reply["ok"], reply["errors"]
    assert reply["form"]["bids[0].measure"] == "apprenticeships"
    assert [flag["code"] for flag in reply["result"]["bids"][0]["flags"]] == ["realism"]
    assert "this bid offers 12 per £1m a year" in reply["html"]
    form = {**reply["form"]}
    again = json.loads(api.respond_form("evaluation", json.dumps(form), "", json.dumps({"name": "b.csv", "text": text})))
    assert again["result"]["bids"] == reply["result"]["bids"]
    without = json.loads(api.respond_form("evaluation", json.dumps(form), ""))
    assert without["ok"] and not any(flag["code"] == "realism" for bid in without["result"]["bids"]
                                     for flag in bid["flags"])


def file_rows_text(file_rows) -> str:
    return REPORT.download_texts(api.run("report", portfolio()))["benchmarks"]


def test_a_measure_to_check_needs_its_quantity_and_years_and_never_comes_with_lines():
    base = {"weighting": 10, "bids": [{"name": "A", "score": 3, "offer": 1, "measure": "apprenticeships"},
                                      {"name": "B", "score": 3, "offer": 1, "quantity": 2, "years": 1,
                                       "measure": "custom"}]}
    reply = api.respond("evaluation", base)
    fields = {error["field"]: error["message"] for error in reply["errors"]}
    assert fields["bids[0].quantity"].startswith("Enter the quantity a year of that measure")
    assert fields["bids[0].years"].startswith("Enter the years of that measure")
    assert fields["bids[1].measure"] == "Select a measure from the catalogue"
    lines = {"weighting": 10, "bids": [{"name": "A", "score": 3, "measure": "apprenticeships", "quantity": 1,
                                        "years": 1, "lines": [{"measure": "apprenticeships", "quantity": 1,
                                                               "years": 1}]},
                                       {"name": "B", "score": 3, "offer": 1}]}
    assert "not both" in api.respond("evaluation", lines)["errors"][0]["message"]


@pytest.mark.parametrize("sent, words", [
    ("not json", "could not be read"),
    (json.dumps({"name": "bids.csv", "text": "name,score,offer\nA,3,1\n"}), "bids.csv is not a benchmarks file"),
    (json.dumps({"name": "b.csv", "text": "measure,contracts,committed_contracts,committed_upper_quartile,"
                                          "delivered_contracts,delivered_median\napprenticeships,x,3,4,3,80\n"}),
     "b.csv, row 2, column 'contracts': 'x' is not a number like 2.5"),
])
def test_a_bad_benchmarks_file_is_an_error_beside_its_box_never_a_crash(sent, words):
    form = {"weighting": "10", "bids[0].name": "A", "bids[0].score": "3", "bids[0].offer": "1",
            "bids[1].name": "B", "bids[1].score": "3", "bids[1].offer": "2"}
    for reply in (json.loads(api.respond_form("evaluation", json.dumps(form), "", sent)),
                  json.loads(api.open_files("evaluation", json.dumps([{"name": "x.csv", "text": "name,score,offer\nA,3,1\nB,2,1\n"}]),
                                            "", benchmarks_json=sent))):
        assert reply["ok"] is False
        assert reply["errors"][0]["field"] == "benchmarks" and words in reply["errors"][0]["message"]
        assert 'href="#evaluation-benchmarks"' in reply["html"]


def test_the_benchmarks_box_is_on_the_forms_that_read_one_and_is_none_of_their_values():
    from calculators import forms

    runtime = {"pyodide": "p/", "stdlib": "p/s.zip", "wheel": "w.whl", "worker": "w.mjs", "bytes": 1}
    for name in ("evaluation", "proportionality"):
        html = forms.calculator(name, registry_example(name), "", runtime)
        box = html[html.index('data-field="benchmarks"'):]
        box = box[:box.index("</div></form>") if "</div></form>" in box else 2000]
        assert f'id="{name}-benchmarks"' in box and "data-benchmarks" in box and "name=" not in box.split("<input")[1]
        assert html.index("data-benchmarks") > html.index("<form")
    assert "data-benchmarks" not in forms.calculator("valuation", registry_example("valuation"), "", runtime)


def registry_example(name: str) -> dict:
    from calculators import registry

    return registry.get(name).example


def test_a_benchmarks_file_opened_as_bids_is_refused_by_name(file_rows):
    text = file_rows_text(file_rows)
    reply = json.loads(api.open_files("evaluation", json.dumps([{"name": "benchmarks.csv", "text": text}])))
    assert reply["ok"] is False and reply["form"] == {}
    assert "This file is a benchmarks file, not a bids file" in reply["errors"][0]["message"]
    as_json = benchmarks.file_text(api.run("report", portfolio())["benchmarks"], "b.json")
    reply = json.loads(api.open_files("evaluation", json.dumps([{"name": "b.json", "text": as_json}])))
    assert "is a benchmarks file" in reply["errors"][0]["message"]
