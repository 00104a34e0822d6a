"""Issue 30: a result's inputs carry the benchmarks file it used, so that its link and its saved JSON
("Download JSON", or --output on the command line) give the same realism flags and past-delivery
ranges when opened again, within the permalink's length limit. A file chosen in the box wins."""

from __future__ import annotations

import json
from decimal import Decimal

from calculators import api, benchmarks, permalink, registry
from calculators.benchmark_file import carried, read_benchmarks
from calculators.report.example import EXAMPLE

# The worked example's benchmarks file, as the report page downloads it (and the templates page ships it).
TEXT = registry.get("report").download_texts(api.run("report", EXAMPLE))["benchmarks"]
CHOSEN = json.dumps({"name": "past.csv", "text": TEXT})
BIDS = {"weighting": 10, "bids": [
    {"name": "A", "score": 3, "offer": 100000, "price": 1000000, "measure": "apprenticeships", "quantity": 4, "years": 3},
    {"name": "B", "score": 4, "offer": 90000, "price": 2000000, "measure": "volunteering-hours", "quantity": 100,
     "years": 3}]}
PROPORTIONALITY = {"contract_value": 12_000_000, "category": "works", "duration_months": 60,
                   "procurement_date": "2026-03-01", "labour_intensive": True}


def computed(name: str, inputs: dict, chosen: str = CHOSEN) -> dict:
    """What the page gets for its form with a benchmarks file chosen in the box."""
    reply = json.loads(api.respond_form(name, json.dumps(api.flatten(inputs)), "", chosen))
    assert reply["ok"], reply["errors"]
    return reply["result"]


def realism(result: dict) -> list[str]:
    return [flag["message"] for bid in result["bids"] for flag in bid["flags"] if flag["code"] == "realism"]


def test_a_link_gives_the_same_realism_flags_and_fills_no_box_with_the_file():
    shown = computed("evaluation", BIDS)
    assert len(realism(shown)) == 1 and "this bid offers 12 per £1m a year" in realism(shown)[0]
    assert shown["inputs"]["benchmarks"] == {"name": "past.csv", "text": carried(read_benchmarks(TEXT))["text"]}
    opened = json.loads(api.open_permalink("evaluation", shown["permalink"]))
    assert opened["ok"] and realism(opened["result"]) == realism(shown)
    assert opened["result"]["benchmarks"] == shown["benchmarks"]  # the file's name, period and measures
    assert opened["result"]["permalink"] == shown["permalink"]
    assert not [key for key in opened["form"] if key.startswith("benchmarks")]  # the box is no box of values


def test_a_saved_result_gives_the_same_flags_and_the_same_ranges():
    shown = computed("evaluation", BIDS)
    files = json.dumps([{"name": "evaluation-result.json", "text": json.dumps(shown)}])
    opened = json.loads(api.open_files("evaluation", files))
    assert opened["ok"] and realism(opened["result"]) == realism(shown)
    # The example's six contracts give no band of similar value 3 contracts; a larger portfolio's file does.
    rows = [dict(row) for row in read_benchmarks(TEXT).rows]
    banded = json.dumps({"name": "banded.csv", "text": TEXT + "".join(
        f"{row['measure']},{row['unit']},5000000,,3,3,1,2,3,3,80,90,2026-04-01,2027-03-31\n" for row in rows)})
    shown = computed("proportionality", PROPORTIONALITY, banded)
    past = shown["past_delivery"]
    assert [row["measure"] for row in past["measures"]] == ["apprenticeships", "spend-local-sme"]  # its priorities'
    assert api.run("proportionality", shown["inputs"])["past_delivery"] == past  # its saved JSON's inputs
    assert json.loads(api.open_permalink("proportionality", shown["permalink"]))["result"]["past_delivery"] == past


def test_a_file_chosen_in_the_box_wins_over_the_one_a_link_carries():
    shown = computed("evaluation", BIDS)
    rows = [dict(row) for row in api.run("report", EXAMPLE)["benchmarks"]]
    for row in rows:
        row["committed_upper_quartile"] = 1000  # A's 12 per £1m and B's 150 are within 2 × 1,000
    other = json.dumps({"name": "other.csv", "text": benchmarks.file_text(rows, "other.csv")})
    inputs = dict(shown["inputs"])
    reply = json.loads(api.respond_form("evaluation", json.dumps(api.flatten({**inputs, "benchmarks": None})), "", other))
    assert reply["ok"] and realism(reply["result"]) == [] and reply["result"]["benchmarks"]["file"] == "other.csv"
    assert api.run("evaluation", inputs, benchmarks=read_benchmarks(TEXT, "chosen.csv"))["inputs"]["benchmarks"][
        "name"] == "chosen.csv"


def test_the_page_gets_the_file_to_send_back_and_says_where_it_came_from():
    shown = computed("evaluation", BIDS)
    head = json.loads(api.open_permalink("evaluation", shown["permalink"], page=True).split("\n", 1)[0])
    assert json.loads(head["benchmarks"]) == shown["inputs"]["benchmarks"]
    assert head["benchmarks_summary"].startswith("past.csv is open: the link or saved result you opened holds it")
    plain = json.loads(api.respond_form("evaluation", json.dumps(api.flatten(BIDS)), "", "", page=True).split("\n", 1)[0])
    assert plain["benchmarks"] == "" and plain["benchmarks_summary"] == ""
    assert "benchmarks" not in json.loads(api.respond_form("valuation", "{}", page=True).split("\n", 1)[0])


def test_the_carried_text_reads_back_to_the_same_rows_even_for_tiny_figures():
    tiny = TEXT.replace(",1.24,", ",0.00000012,", 1)  # str() of its Decimal would be 1.2E-7, which reads as no number
    rows = read_benchmarks(tiny).rows
    assert rows[0]["committed_lower_quartile"] == Decimal("0.00000012")
    assert read_benchmarks(carried(read_benchmarks(tiny))["text"]).rows == rows


def test_a_damaged_file_in_a_link_is_named_and_never_a_crash():
    shown = computed("evaluation", BIDS)
    for broken in ({"name": "past.csv", "text": "name,score\nA,3\n"}, "past.csv", {"text": 3}):
        link = permalink.encode({**shown["inputs"], "benchmarks": broken})
        reply = json.loads(api.open_permalink("evaluation", link))
        assert not reply["ok"] and reply["errors"][0]["message"] == permalink.NOT_VALID
        assert reply["errors"][1]["field"] == "benchmarks"


def test_a_file_too_large_for_a_link_gives_no_link_and_says_why():
    # A row for each of 5 measures in each of 1,999 bands: 1.8 million characters, within a file's limit.
    huge = "".join([TEXT] + [
        f"{measure},{'a unit of this measure told at length ' * 3},{band * 1000},,3,3,1,2,3,3,80,90,2026-04-01,2027-03-31\n"
        for measure in ("apprenticeships", "spend-local-sme", "volunteering-hours", "training-hours", "carbon-avoided")
        for band in range(1, 2000)])
    result = api.run("evaluation", BIDS, benchmarks=read_benchmarks(huge, "huge.csv"))
    assert result["permalink"] == "" and result["permalink_note"] == permalink.TOO_LARGE
    assert realism(result)  # the flags are there all the same, and a saved result holds the file
    assert len(result["inputs"]["benchmarks"]["text"]) > 1_700_000
