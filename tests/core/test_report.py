"""Issue 26: the report calculator. The worked example, each rule, each warning, each kind of bad
input, its files, and the properties: the totals are the sum of the contracts, the priority rows add
up to the totals, the order of the files does not change the result, and a contract alone gives the
monitoring calculator's own figures."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from calculators import api, batch, commitments, measures, registry
from calculators.data_files import SettingsError
from calculators.invalid_input import InvalidInput
from calculators.report.compute import is_stale
from calculators.report.example import CONTRACTS, EXAMPLE, example_csv
from calculators.report.settings import RATINGS, build_report, default_report

REPORT = registry.get("report")
MONEY = ("value_due_to_date", "value_delivered", "value_verified", "shortfall")


def line(**given) -> dict:
    return {"ref": "K1", "measure": "custom", "quantity": 12, "years": 2, "proxy": 100, "delivered": 3, **given}


def report(reference="C1", quarter_end="2026-06-30", months_elapsed=3, commitments=None, **given) -> dict:
    return {"contract_reference": reference, "contract_months": 24, "quarter_end": quarter_end,
            "months_elapsed": months_elapsed, "commitments": commitments or [line()], **given}


def run(*reports, **top) -> dict:
    return api.run("report", {"price_year": 2026, "reports": list(reports), **top})


def errors_of(*reports, **top) -> list[dict]:
    with pytest.raises(InvalidInput) as caught:
        run(*reports, **top)
    return caught.value.errors


def codes(result: dict) -> list[str]:
    return [warning["code"] for warning in result["warnings"]]


def monitoring_of(one: dict, price_year=2026) -> dict:
    inputs = {key: value for key, value in one.items() if key != "file"}
    inputs["commitments"] = [{key: value for key, value in item.items() if key not in ("objectives", "row")}
                             for item in one["commitments"]]
    return api.run("monitoring", {**inputs, "price_year": price_year})


# --- the worked example ------------------------------------------------------------------------

def test_the_worked_example_uses_real_catalogue_measures_over_four_quarters():
    ids = {measure.id for measure in measures.catalogue()}
    assert len(CONTRACTS) == 6
    assert all(line["measure"] in ids for one in EXAMPLE["reports"] for line in one["commitments"])
    assert sorted({one["quarter_end"] for one in EXAMPLE["reports"]}) == [
        "2026-06-30", "2026-09-30", "2026-12-31", "2027-03-31"]
    # Three measures are in three contracts each, so the example's benchmarks file has rows (issue 30).
    contracts_of = {}
    for one in EXAMPLE["reports"]:
        for line in one["commitments"]:
            contracts_of.setdefault(line["measure"], set()).add(one["contract_reference"])
    assert {key for key, found in contracts_of.items() if len(found) >= 3} == {
        "apprenticeships", "spend-local-sme", "volunteering-hours"}


def test_the_worked_example():
    result = api.run("report", EXAMPLE)
    totals = result["totals"]
    assert (totals["contracts"], totals["lines"], totals["contract_value"]) == (6, 17, 23350000)
    assert result["period_end"] == "2027-03-31"
    contracts = {contract["contract_reference"]: contract for contract in result["contracts"]}
    # WE-06 stopped reporting after September: by March its latest report is stale.
    assert [ref for ref, contract in contracts.items() if contract["stale"]] == ["WE-06"]
    # Contracts worth more than £5m carry the Procurement Act's duties (sections 52 and 71).
    assert {ref for ref, contract in contracts.items() if contract["duties"]} == {"WE-02", "WE-05"}
    assert "section 52" in json.dumps(contracts["WE-02"]["duties"]) and \
        "section 71" in json.dumps(contracts["WE-02"]["duties"])
    # WE-05 claims delivery and has nothing verified.
    assert any(w["code"] == "nothing_verified" and w["contract"] == "WE-05" for w in result["warnings"])
    assert all(contract["rating"] in RATINGS for contract in contracts.values())
    # Every contract's row is the monitoring calculator's result on its latest report.
    for one in EXAMPLE["reports"]:
        contract = contracts[one["contract_reference"]]
        if one["quarter_end"] == contract["quarter_end"]:
            alone = monitoring_of(one)
            assert all(contract[key] == alone["totals"][key] for key in MONEY + ("progress", "status"))
    # The trend: four quarter ends, value due and delivered rising.
    assert [point["quarter_end"] for point in result["trend"]] == ["2026-06-30", "2026-09-30", "2026-12-31",
                                                                  "2027-03-31"]
    due = [point["value_due_to_date"] for point in result["trend"]]
    assert due == sorted(due) and result["trend"][-1]["value_delivered"] == totals["value_delivered"]
    assert result["sme_vcse"] == {"sme": {"contracts": 2, "contract_value": 3200000},
                                  "vcse": {"contracts": 2, "contract_value": 1650000},
                                  "large": {"contracts": 1, "contract_value": 12000000},
                                  "not_given": {"contracts": 1, "contract_value": 6500000}}


def test_the_output_keeps_the_issues_names():
    result = api.run("report", EXAMPLE)
    assert {"totals", "by_priority", "by_objective", "by_measure", "contracts", "trend", "sme_vcse",
            "warnings"} <= set(result)
    assert {"contracts", "contract_value", "lines", "value_committed", "value_due_to_date", "value_delivered",
            "value_verified", "shortfall", "progress", "status", "counts"} <= set(result["totals"])
    assert [row["priority"] for row in result["by_priority"]] == ["Safe", "Clean", "Healthy", "Prosperous",
                                                                  "Excellent"]
    for row in result["by_priority"] + result["by_objective"]:
        assert {"lines", "value_due_to_date", "value_delivered", "value_verified", "progress", "status"} <= set(row)
    assert [row["objective"] for row in result["by_objective"]] == list(range(1, 11))
    assert {"contract_reference", "contract_title", "provider", "provider_type", "quarter_end", "months_elapsed",
            "contract_months", "contract_value", "value_due_to_date", "value_delivered", "value_verified",
            "shortfall", "progress", "status", "counts", "stale", "duties", "rating"} <= set(result["contracts"][0])
    assert {"measure", "unit", "committed", "due_to_date", "delivered", "verified",
            "value_delivered"} <= set(result["by_measure"][0])


# --- each rule ---------------------------------------------------------------------------------

def test_a_contracts_state_is_its_latest_report_up_to_period_end():
    early, late = report(months_elapsed=3), report(quarter_end="2026-09-30", months_elapsed=6,
                                                     commitments=[line(delivered=6)])
    assert run(early, late)["contracts"][0]["quarter_end"] == "2026-09-30"
    held = run(early, late, period_end="2026-07-31")
    assert held["contracts"][0]["quarter_end"] == "2026-06-30"
    assert held["totals"]["value_delivered"] == 300  # 3 × £100, from the June report
    after = [w for w in held["warnings"] if w["code"] == "after_period_end"]
    assert len(after) == 1 and "30 September 2026" in after[0]["message"] and "left out" in after[0]["message"]


def test_over_delivery_never_offsets_a_shortfall_and_is_shown_apart():
    # Contract A: 12 a year, 3 due at month 3, 6 delivered (3 beyond). Contract B: 3 due, 0 delivered.
    result = run(report("A", commitments=[line(delivered=6)]), report("B", commitments=[line(delivered=0)]))
    totals = result["totals"]
    assert totals["value_due_to_date"] == 600 and totals["value_delivered"] == 600
    assert totals["progress"] == 50 and totals["value_beyond_due"] == 300 and totals["shortfall"] == 300


def test_a_report_in_another_price_year_is_reindexed_and_said_once():
    from calculators import prices
    older = [report(f"C{n}", price_year=2015, commitments=[line(proxy=100)]) for n in range(3)]
    result = run(*older)
    expected = (Decimal(100) * prices.factor(2015, 2026)).quantize(Decimal("0.01"))
    assert result["contracts"][0]["value_delivered"] == float(expected * 3)
    assert codes(result).count("reindexed") == 1
    assert "2015 prices" in next(w["message"] for w in result["warnings"] if w["code"] == "reindexed")


def test_a_custom_line_counts_under_its_own_priority_and_named_objectives():
    result = run(report(commitments=[line(priority="Clean", objectives="6, 10"),
                                     line(ref="K2", measure="apprenticeships", proxy=None, quantity=2, delivered=1)]))
    clean = next(row for row in result["by_priority"] if row["priority"] == "Clean")
    assert clean["lines"] == 1 and clean["value_delivered"] == 300
    by_objective = {row["objective"]: row["lines"] for row in result["by_objective"]}
    # Apprenticeships serve objectives 5 and 8 in the catalogue; the custom line names 6 and 10.
    assert by_objective == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 1, 7: 0, 8: 1, 9: 0, 10: 1}


def test_a_custom_line_with_no_priority_has_a_row_of_its_own():
    result = run(report(commitments=[line()]))
    assert result["by_priority"][-1]["priority"] == "No priority given"
    assert result["by_priority"][-1]["lines"] == 1


def test_by_measure_never_adds_different_units():
    result = run(report(commitments=[line(label="Tea", unit="cup"), line(ref="K2", label="Tea", unit="pot"),
                                     line(ref="K3", label="Tea", unit="cup", delivered=1)]))
    rows = {(row["label"], row["unit"]): row for row in result["by_measure"]}
    assert set(rows) == {("Tea", "cup"), ("Tea", "pot")}
    assert rows[("Tea", "cup")]["delivered"] == 4 and rows[("Tea", "cup")]["lines"] == 2


def test_stale_is_more_than_one_quarter_before_period_end():
    import datetime as dt
    assert not is_stale(dt.date(2026, 6, 30), dt.date(2026, 9, 30))
    assert is_stale(dt.date(2026, 6, 30), dt.date(2026, 10, 1))
    assert not is_stale(dt.date(2026, 2, 28), dt.date(2026, 5, 31))


def test_sme_and_vcse_counts_with_not_given():
    result = run(report("A", provider_type="sme", contract_value=100), report("B", provider_type="vcse"),
                 report("C"))
    assert result["sme_vcse"]["sme"] == {"contracts": 1, "contract_value": 100}
    assert result["sme_vcse"]["vcse"]["contracts"] == 1 and result["sme_vcse"]["not_given"]["contracts"] == 1


@pytest.mark.parametrize("delivered, rating", [(3, "Good"), (2.7, "Approaching target"),
                                               (2, "Requires improvement"), (1, "Inadequate")])
def test_the_rating_follows_the_thresholds_in_policy_toml(delivered, rating):
    # 3 due: 100%, 90%, 66.7%, 33.3% against 95, 85 and 60 (this Toolkit's proposal).
    assert run(report(commitments=[line(delivered=delivered)]))["contracts"][0]["rating"] == rating


def test_nothing_due_gets_no_rating():
    assert run(report(months_elapsed=0))["contracts"][0]["rating"] is None


def test_the_rating_thresholds_are_labelled_as_this_toolkits_proposal_with_the_guidance_as_source():
    result = run(report())
    assert "Proposal of this Toolkit" in result["thresholds"]["status"]
    assert result["thresholds"]["source"]["url"].startswith("https://www.gov.uk/")
    assert [row["rating"] for row in result["thresholds"]["ratings"]] == list(RATINGS)


def test_rating_settings_are_checked():
    good = {"report": {"status": "x", "source": {"title": "t", "url": "https://example.org"},
                       "ratings": [{"rating": name, "at_least": at} for name, at in zip(RATINGS, (95, 85, 60, 0))]}}
    assert build_report(good).rating(Decimal(90)) == "Approaching target"
    bad = copy.deepcopy(good)
    bad["report"]["ratings"][1]["at_least"] = 99
    with pytest.raises(SettingsError, match="must fall"):
        build_report(bad)
    with pytest.raises(SettingsError, match="report"):
        build_report({})
    assert default_report().ratings[-1] == ("Inadequate", 0)


# --- warnings ----------------------------------------------------------------------------------

def test_the_same_contract_twice_for_the_same_quarter_is_a_warning():
    result = run(report(file="a.csv"), report(file="b.csv"))
    found = [w for w in result["warnings"] if w["code"] == "same_quarter_twice"]
    assert len(found) == 1 and "a.csv" in found[0]["message"] and "b.csv" in found[0]["message"]
    assert result["totals"]["contracts"] == 1


def test_a_quantity_delivered_that_goes_down_is_a_warning():
    result = run(report(commitments=[line(delivered=3)]),
                 report(quarter_end="2026-09-30", months_elapsed=6, commitments=[line(delivered=2)]))
    found = [w for w in result["warnings"] if w["code"] == "delivered_went_down"]
    assert len(found) == 1 and "from 3 to 2" in found[0]["message"]


def test_claims_with_nothing_verified_is_a_warning_and_verified_clears_it():
    assert "nothing_verified" in codes(run(report()))
    assert "nothing_verified" not in codes(run(report(commitments=[line(verified=1)])))
    assert "nothing_verified" not in codes(run(report(commitments=[line(delivered=0)])))


def test_months_elapsed_that_do_not_fit_the_quarters_dates_is_a_warning():
    fits = run(report(), report(quarter_end="2026-09-30", months_elapsed=6, commitments=[line(delivered=6)]))
    assert "months_do_not_fit" not in codes(fits)
    off = run(report(), report(quarter_end="2026-09-30", months_elapsed=9, commitments=[line(delivered=6)]))
    assert "months_do_not_fit" in codes(off)


# --- bad input ---------------------------------------------------------------------------------

def test_the_same_commitment_reference_twice_in_one_contract_and_quarter_is_an_error():
    errors = errors_of(report(commitments=[line(), line(delivered=1)]))
    assert errors[0]["field"] == "reports[0].commitments[1].ref"
    assert errors[0]["message"].startswith("Reference K1 is given twice")
    assert "contract C1" in errors[0]["message"] and "quarter ending 2026-06-30" in errors[0]["message"]


def test_a_price_year_with_no_deflator_is_an_error():
    errors = errors_of(report(price_year=1985))
    assert errors == [{"field": "reports[0].price_year",
                       "message": "There is no GDP deflator for 1985: the series starts in 1990. Use a price year "
                                  "from 1990 on (contract C1, quarter ending 2026-06-30)"}]


def test_no_reports_is_an_error():
    assert errors_of()[0]["message"] == "Add at least 1 delivery report"


def test_monitorings_own_rules_apply_to_each_report():
    errors = errors_of(report(commitments=[line(verified=5)]), report("C2", months_elapsed=30))
    assert [e["field"] for e in errors] == ["reports[0].commitments[0].verified", "reports[1].months_elapsed"]


def test_objectives_are_for_custom_lines_only():
    errors = errors_of(report(commitments=[line(measure="apprenticeships", proxy=None, objectives="1")]))
    assert errors[0]["field"] == "reports[0].commitments[0].objectives"


# --- files -------------------------------------------------------------------------------------

CSV = ("contract_reference,provider_type,contract_months,quarter_end,months_elapsed,ref,measure,quantity,years,proxy,"
       "delivered,verified,objectives\n"
       "A,sme,24,2026-06-30,3,K1,custom,12,2,100,3,3,\"5, 6\"\n"
       "A,sme,24,2026-06-30,3,K2,apprenticeships,2,2,,0.5,,\n"
       "B,vcse,24,2026-06-30,3,K1,custom,12,2,100,1,,\n")


def opened(files: list[tuple[str, str]]) -> dict:
    return json.loads(api.open_files("report", json.dumps([{"name": name, "text": text} for name, text in files])))


def test_a_file_may_hold_many_contracts_told_apart_by_contract_reference():
    reply = opened([("q1.csv", CSV)])
    assert reply["ok"], reply["errors"]
    assert [c["contract_reference"] for c in reply["result"]["contracts"]] == ["A", "B"]
    assert "does not use" not in reply["message"]
    objectives = {row["objective"]: row["lines"] for row in reply["result"]["by_objective"]}
    assert objectives[6] == 1 and objectives[5] == 2  # K1's own 5 and 6; apprenticeships' 5 and 8


def test_a_file_with_no_contract_reference_is_one_contract_named_after_its_file():
    text = "contract_months,quarter_end,months_elapsed,measure,quantity,years,proxy,delivered\n" \
           "24,2026-06-30,3,custom,12,2,100,3\n"
    reply = opened([("folder/home-care.csv", text), ("street.csv", text)])
    assert reply["ok"], reply["errors"]
    assert [c["contract_reference"] for c in reply["result"]["contracts"]] == ["home-care", "street"]


def test_a_problem_in_a_file_names_the_file_row_and_column():
    reply = opened([("q1.csv", CSV.replace("B,vcse,24,2026-06-30,3,K1,custom,12,2,100,1",
                                           "B,vcse,24,2026-06-30,3,K1,custom,12,2,100,-1"))])
    assert not reply["ok"]
    assert reply["errors"][0]["message"] == ("Delivered to date cannot be negative (q1.csv, row 4, column 'delivered', "
                                             "contract B, quarter ending 2026-06-30)")


def test_the_contract_must_agree_on_every_row_of_its_quarter():
    reply = opened([("q1.csv", CSV.replace("A,sme,24,2026-06-30,3,K2", "A,large,24,2026-06-30,3,K2"))])
    assert not reply["ok"] and reply["errors"][0]["message"].startswith("q1.csv, contract A: Every row that gives")


def test_no_files_and_too_many_files():
    assert opened([])["errors"][0]["message"] == "Choose a file to open"
    many = opened([(f"c{n}.csv", CSV) for n in range(1000)])
    assert not many["ok"] and many["errors"][0]["message"].startswith("You chose 1,000 files")


def test_a_file_over_the_size_limit_is_named():
    from calculators.file_reading import MAX_FILE_CHARACTERS
    reply = opened([("q1.csv", CSV), ("huge.csv", CSV + "x" * MAX_FILE_CHARACTERS)])
    assert not reply["ok"] and reply["errors"][0]["message"].startswith("huge.csv: The file is too large")


def test_the_command_line_opens_several_files():
    result = batch.open_files("report", [("q1.csv", CSV), ("q2.csv", CSV.replace("2026-06-30,3", "2026-09-30,6"))])
    assert [point["quarter_end"] for point in result["trend"]] == ["2026-06-30", "2026-09-30"]


def test_the_worked_example_file_gives_the_worked_example():
    reply = opened([("report-worked-example.csv", example_csv())])
    assert reply["ok"], reply["errors"]
    direct = api.run("report", EXAMPLE)
    for key in ("totals", "by_priority", "by_objective", "by_measure", "trend", "sme_vcse"):
        assert reply["result"][key] == direct[key], key
    assert [c["contract_reference"] for c in reply["result"]["contracts"]] == \
        [c["contract_reference"] for c in direct["contracts"]]


def test_the_worked_example_file_is_the_delivery_report_format():
    assert example_csv().splitlines()[0] == "\ufeff" + ",".join(commitments.DELIVERY_REPORT_COLUMNS)


def test_downloads_by_contract_and_by_measure():
    reply = api.respond("report", EXAMPLE)
    assert reply["ok"]
    by_contract = reply["downloads"]["by-contract"].lstrip("\ufeff").splitlines()
    assert by_contract[0].startswith("contract_reference,contract_title,provider") and len(by_contract) == 7
    assert reply["downloads"]["by-measure"].lstrip("\ufeff").splitlines()[0].startswith("measure,title,label,unit")
    assert "<script" not in api.respond("report", {"reports": [report("<script>")]})["html"]


# --- properties --------------------------------------------------------------------------------

IDS = [m.id for m in measures.catalogue()]
commitment = st.fixed_dictionaries({
    "measure": st.sampled_from(IDS + ["custom"]),
    "quantity": st.decimals(min_value=0, max_value=1000, places=2),
    "years": st.integers(1, 4),
    "delivered": st.decimals(min_value=0, max_value=5000, places=2),
}, optional={"proxy": st.decimals(min_value=1, max_value=10000, places=2),
             "priority": st.sampled_from(["Safe", "Clean", "Healthy", "Prosperous", "Excellent"]),
             "verified": st.decimals(min_value=0, max_value=1, places=2)})


def _fix(item: dict, index: int) -> dict:
    item = {key: str(value) if isinstance(value, Decimal) else value for key, value in item.items()}
    item["ref"] = f"K{index}"
    if item["measure"] == "custom":
        item.setdefault("proxy", "100")
    else:
        item.pop("priority", None)
    if "verified" in item:  # a share of what was delivered, so never more than it
        item["verified"] = str((Decimal(item["delivered"]) * Decimal(item["verified"])).quantize(Decimal("0.01"),
                                                                                              rounding="ROUND_DOWN"))
    return item


@st.composite
def portfolios(draw):
    count = draw(st.integers(1, 4))
    reports = []
    for number in range(count):
        lines = [_fix(item, index) for index, item in enumerate(draw(st.lists(commitment, min_size=1, max_size=4)))]
        quarters = draw(st.integers(1, 3))
        for quarter in range(quarters):
            reports.append(report(f"C{number}", quarter_end=("2026-06-30", "2026-09-30", "2026-12-31")[quarter],
                                  months_elapsed=3 * (quarter + 1), commitments=lines,
                                  contract_value=draw(st.none() | st.integers(1, 10_000_000)),
                                  provider_type=draw(st.none() | st.sampled_from(["sme", "vcse", "large"]))))
    return reports


PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(reports=portfolios())
def test_the_totals_are_the_sum_of_the_contracts(reports):
    result = run(*reports)
    totals = result["totals"]
    assert totals["contracts"] == len(result["contracts"])
    assert totals["lines"] == sum(contract["lines"] for contract in result["contracts"])
    for key in MONEY:
        assert round(sum(contract[key] for contract in result["contracts"]), 2) == totals[key]
    for status, count in totals["counts"].items():
        assert count == sum(contract["counts"][status] for contract in result["contracts"])
    assert sum(row["contracts"] for row in result["sme_vcse"].values()) == totals["contracts"]


@PROPERTY
@given(reports=portfolios())
def test_the_priority_rows_add_up_to_the_totals(reports):
    result = run(*reports)
    for key in ("lines", "value_due_to_date", "value_delivered", "value_verified"):
        assert round(sum(row[key] for row in result["by_priority"]), 2) == result["totals"][key], key


@PROPERTY
@given(reports=portfolios(), data=st.data())
def test_the_order_of_the_files_does_not_change_the_result(reports, data):
    shuffled = data.draw(st.permutations(reports))
    first, second = run(*reports), run(*shuffled)
    for key in ("totals", "by_priority", "by_objective", "by_measure", "contracts", "trend", "sme_vcse"):
        assert first[key] == second[key], key
    assert sorted(map(json.dumps, first["warnings"])) == sorted(map(json.dumps, second["warnings"]))


@PROPERTY
@given(reports=portfolios())
def test_a_contract_alone_gives_monitorings_own_figures(reports):
    latest = [one for one in reports if one["contract_reference"] == "C0"][-1]
    alone = run(latest)
    monitoring = monitoring_of(latest)
    contract = alone["contracts"][0]
    for key in MONEY + ("progress", "status", "counts"):
        assert contract[key] == monitoring["totals"][key], key
    assert alone["totals"]["value_committed"] == monitoring["totals"]["value_committed"]


def test_a_file_from_another_calculator_is_refused_by_name():
    bids = opened([("bids.csv", "name,score,offer,price\nAcme,4,100000,900000\n")])
    assert bids["errors"] == [{"field": "", "message": "bids.csv: This file is a bids file for the bid evaluation "
                                                        "calculator, not a delivery report. Open it in its own "
                                                        "calculator"}]
    result = json.dumps(api.run("valuation", {"lines": [{"measure": "apprenticeships", "quantity": 1, "years": 1}]}))
    refused = opened([("valuation.json", result)])["errors"][0]["message"]
    assert refused.startswith("valuation.json: This is the outcome valuation calculator's result file")
    kpis = "ref,measure,quantity,years\nSV1,apprenticeships,2,3\n"
    assert "a commitments file, not a delivery report" in opened([("kpis.csv", kpis)])["errors"][0]["message"]


def test_a_json_file_of_rows_opens_like_its_csv():
    rows = [{"contract_reference": "A", "contract_months": 24, "quarter_end": "2026-06-30", "months_elapsed": 3,
             "ref": "K1", "measure": "custom", "quantity": 12, "years": 2, "proxy": 100, "delivered": 3}]
    reply = opened([("a.json", json.dumps(rows))])
    assert reply["ok"], reply["errors"]
    assert reply["result"]["contracts"][0]["value_delivered"] == 300


def test_a_report_too_large_for_a_link_says_so():
    from calculators import permalink
    many = [report(f"C{n}", commitments=[line(ref=f"K{k}", label="x" * 80, comments="y" * 1000) for k in range(40)])
            for n in range(40)]
    result = run(*many)
    assert result["permalink"] == "" and result["permalink_note"] == permalink.TOO_LARGE
    small = run(report())
    assert small["permalink"].startswith(permalink.PREFIX) and "permalink_note" not in small


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None)
@given(where=st.sampled_from(["top", "report", "line"]),
       name=st.sampled_from(["price_year", "period_end", "reports", "contract_reference", "quarter_end",
                             "months_elapsed", "price_year", "file", "commitments", "objectives", "row", "verified",
                             "delivered", "unknown"]),
       raw=json_values)
def test_any_json_anywhere_gives_a_result_or_errors(where, name, raw):
    inputs = {"price_year": 2026, "reports": [report(), report("C2")]}
    if where == "top":
        inputs[name] = raw
    elif where == "report":
        inputs["reports"][1][name] = raw
    else:
        inputs["reports"][1]["commitments"] = [line(), {**line(ref="K2"), name: raw}]
    reply = api.respond("report", inputs)
    assert "Something went wrong" not in json.dumps(reply.get("errors", []))
    if reply["ok"]:
        json.dumps(reply["result"], allow_nan=False)
    else:
        assert all(set(error) == {"field", "message"} for error in reply["errors"])


def test_a_period_end_before_every_report_is_an_error():
    errors = errors_of(report(), period_end="2026-01-01")
    assert errors == [{"field": "period_end", "message": "Every delivery report ends after 1 January 2026, so the "
                                                         "report would be empty. Choose a later date, or leave it "
                                                         "blank for the latest quarter end"}]


def test_a_file_is_named_without_its_folders():
    long_path = "/" + "folder/" * 60 + "q1.csv"
    result = batch.open_files("report", [(long_path, CSV)])
    assert {contract["file"] for contract in result["contracts"]} == {"q1.csv"}
