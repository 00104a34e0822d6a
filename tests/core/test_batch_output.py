"""The CSV batch writes, row by row, what ``api.run`` gives for that row on its own, though it skips
the work it never writes (the whole result as JSON, the permalink, proportionality's reasons): its
cells are compared here with cells made from ``api.run``'s full result, for files with bad rows,
custom lines, cells that look like formulas and rows that compare with those before them."""

import csv
import io
import random

from calculators import api, batch, column_names, csvtext, file_reading, registry
from calculators.invalid_input import InvalidInput
from calculators.measures import catalogue
from calculators.proportionality.compute import compute
from calculators.proportionality.settings import default_policy


def _proportionality_file(count: int) -> str:
    pick = random.Random(29).choice
    rows = [["ref", "Estimated contract value", "category", "duration_months", "procurement_date", "labour_intensive",
             "local_supply_chain", "note"]]
    for i in range(count):
        rows.append([f"R{i}", pick(["250000", "£1,200,000.50", "207720", "5372609", "90", "-5", "", "=1+1"]),
                     pick(["goods", "services", "works", "light_touch", "Works", "bad"]),
                     pick(["1", "36", "84", "600", "12.5"]),
                     pick(["2026-03-01", "2024-01-01", "2025-01-01", "2024-10-28", "01/02/2026", "nope"]),
                     pick(["yes", "no", "", "maybe"]), pick(["yes", "", "1"]), pick(["", "@x", "-3", "a\tb"])])
    return _csv(rows)


def _valuation_file(count: int) -> str:
    pick = random.Random(29).choice
    ids, titles = [m.id for m in catalogue()], [m.title for m in catalogue()]
    rows = [["contract", "measure", "quantity", "years", "deadweight", "drop_off", "proxy", "label", "price_year",
             "discount_rate", "contract_value", "extra"]]
    for _ in range(count):
        measure = pick([*ids, "custom", "custom", "nope"])
        rows.append([pick(["A", "B", ""]), measure, pick(["1", "2.5", "10", "-1"]), pick(["1", "3", "10", "0"]),
                     pick(["", "0", "25", "101"]), pick(["", "0", "10", "50"]),
                     "250" if measure == "custom" else pick(["", "", "12.5"]),
                     pick(["", pick(titles), pick(titles).upper(), pick(ids), "=cmd"]),
                     pick(["", "2026", "2020"]), pick(["", "3.5", "abc"]), pick(["", "1000", "100000000"]),
                     pick(["", "+x"])])
    return _csv(rows)


def _csv(rows: list[list[str]]) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue()


def _from_api_run(name: str, text: str, inputs_of, field_name) -> list[dict]:
    """Each row's cells as they come from ``api.run``'s whole result (the batch before it skipped work)."""
    calculator = registry.get(name)
    reader = csv.DictReader(io.StringIO(text))
    given, _ = column_names.match(calculator, reader.fieldnames)
    compare = calculator.batch_comparison()
    expected = []
    for number, row in enumerate(reader, start=2):
        present = column_names.renamed({key: value for key, value in row.items() if value}, given)
        out = {**dict.fromkeys(calculator.result_columns, ""), **row}
        batch_options = {"row": number} if name == "valuation" else {}
        try:
            result = api.run(name, inputs_of(present), **batch_options)
        except InvalidInput as invalid:
            messages = "; ".join(f"{field_name(e['field']) or 'row'}: {e['message']}" for e in invalid.errors)
            out["errors"] = f"Row {number}: {messages}"
        else:
            out.update({column: csvtext.cell(value) for column, value in calculator.batch_cells(result).items()})
            out["errors"] = ""
            notes = compare(number, out, result)
            if notes:
                out["warnings"] = "; ".join(item for item in (out.get("warnings"), *notes) if item)
        expected.append({key: str(csvtext.safe_cell(value)) for key, value in out.items()})
    return expected


def _batch(name: str, text: str) -> list[dict]:
    target = io.StringIO()
    batch.runner(name)(name, io.StringIO(text), target)
    return list(csv.DictReader(io.StringIO(target.getvalue())))


def test_a_proportionality_batch_writes_what_api_run_gives_each_row():
    text = _proportionality_file(120)
    known = {spec.name for spec in registry.get("proportionality").fields}
    expected = _from_api_run("proportionality", text, lambda present: {k: v for k, v in present.items() if k in known},
                             lambda field: field)
    written = _batch("proportionality", text)
    assert written == expected
    assert any(row["errors"] for row in written) and any(row["band"] for row in written)


def test_a_valuation_batch_writes_what_api_run_gives_each_row():
    text = _valuation_file(150)
    calculator = registry.get("valuation")
    tops = set(calculator.files.top_columns)

    def inputs_of(present: dict) -> dict:
        item_names = set(file_reading.item_columns(calculator))
        return {**{k: v for k, v in present.items() if k in tops},
                "lines": [{k: v for k, v in present.items() if k in item_names}]}

    expected = _from_api_run("valuation", text, inputs_of, lambda field: field.removeprefix("lines[0]."))
    written = _batch("valuation", text)
    assert written == expected
    warnings = " ".join(row["warnings"] for row in written)
    assert "Possible double counting" in warnings and "labelled like the catalogue measure" in warnings
    assert any(row["errors"] for row in written) and any(row["present_value"] for row in written)


def test_proportionality_without_its_reasons_gives_every_figure_the_same():
    calculator = registry.get("proportionality")
    requirements = 0
    for value in (1, 90, 207720, 250000, 5193000, 9000000):
        for category in ("goods", "works", "light_touch"):
            for day, extra in (("2024-01-01", {}),
                               ("2026-03-01", {"labour_intensive": True, "local_supply_chain": True})):
                values = calculator.validate({"contract_value": value, "category": category, "duration_months": 84,
                                              "procurement_date": day, **extra})
                full = compute(values, default_policy())
                brief = compute(values, default_policy(), explain=False)
                assert full["reasons"]
                requirements += len(full["requirements"])
                assert brief == {**full, "reasons": [], "requirements": []}
    assert requirements
    assert calculator.batch_options(2) == {"explain": False}


def test_a_valuation_without_what_only_the_page_shows_gives_every_other_figure_the_same():
    calculator = registry.get("valuation")
    lines = [{"measure": measure.id, "quantity": 3, "years": years, "drop_off": drop_off}
             for measure, years, drop_off in zip(catalogue(), (1, 3, 10) * 9, ("", 10, 50, 0) * 7)]
    lines.append({"measure": "custom", "quantity": 2, "years": 2, "proxy": 250, "label": "Our own"})
    for inputs in ({"lines": lines}, {"lines": lines[:1], "contract_value": 1000, "discount_rate": 1.5}):
        values = calculator.validate(inputs)
        full = calculator.compute(values, row=7)
        brief = calculator.compute(values, row=7, explain=False)
        assert full["by_priority"] and full["sensitivity"]["drivers"] and full["lines"][0]["delivery"]
        assert brief == {**full, "by_priority": [],
                         "sensitivity": {**full["sensitivity"], "drivers": [], "largest": None},
                         "lines": [{**line, "delivery": ""} for line in full["lines"]]}
    assert calculator.batch_options(7) == {"row": 7, "explain": False}


def test_the_csv_reader_gets_the_lines_io_stringio_would_give_it():
    # csvtext._lines reads the text line by line without io.StringIO's copy of it; the CSV reader
    # must see the same lines, with the same endings, whatever characters the text holds.
    pick = random.Random(29)
    parts = ["a", "1", ",", ";", '"', "\r", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "é", ""]
    for _ in range(3000):
        text = "".join(pick.choice(parts) for _ in range(pick.randint(0, 40)))
        assert list(csvtext._lines(text)) == list(io.StringIO(text, newline=""))
