"""Bad input, as a careless or hostile user types it, through the command line in-process (so the
same tests run in CPython and under Pyodide). Every case ends with exit 0 and the right figures, or
exit 2 and the field named: never a traceback, never another exit code."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from calculators import api, export
from calculators.__main__ import MAX_INPUT_BYTES, main
from calculators.field import Field
from calculators.inputs import parse_fields
from calculators.invalid_input import MAX_ERRORS, InvalidInput
from calculators.proportionality.fields import FIELDS as PROPORTIONALITY

CONTRACT = {"category": "services", "duration_months": 36, "procurement_date": "2026-03-01"}
LINE = {"measure": "local-employment", "quantity": 5, "years": 3}


def cli(monkeypatch, capsys, args: list[str], stdin: bytes | str = b"") -> tuple[int, str]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(args)
    out = capsys.readouterr().out
    assert code in (0, 2) and "Traceback" not in out
    return code, out


def run_json(monkeypatch, capsys, name: str, inputs) -> tuple[int, dict]:
    text = inputs if isinstance(inputs, str) else json.dumps(inputs)
    code, out = cli(monkeypatch, capsys, [name], text)
    return code, json.loads(out)


def errors_by_field(reply: dict) -> dict:
    return {e["field"]: e["message"] for e in reply["errors"]}


# --- numbers read silently wrong ---------------------------------------------------------------

@pytest.mark.parametrize("typed, band", [
    ("250,000", "D"), ("£250,000.00", "D"), ("250000", "D"), ("£1,250,000", "D"), (" 250000.5 ", "D"),
])
def test_uk_money_formats_are_read(monkeypatch, capsys, typed, band):
    code, reply = run_json(monkeypatch, capsys, "proportionality", {**CONTRACT, "contract_value": typed})
    assert code == 0 and reply["band"] == band
    assert str(reply["inputs"]["contract_value"]).replace(".0", "") == typed.strip().replace("£", "").replace(",", "").replace(".00", "").replace(".5", ".5")


@pytest.mark.parametrize("typed, expected", [
    ("250.000,00", 'must use a comma only between groups of three digits and a full stop for the decimal point, '
                   'like 250,000 or 1,250.50, not "250.000,00"'),
    ("1,2,3", 'not "1,2,3"'),
    ("25,00", 'not "25,00"'),
    ("50%", 'is not a percentage, so it cannot have a % sign: "50%"'),
    ("%£%5", 'must be a number, like 250,000 or 1,250.50, not "%£%5"'),
    ("250 000", 'not "250 000"'),
    ("663539.995", 'must be in pounds and pence, with no more than 2 decimal places, like 1,250.50, not "663539.995"'),
])
def test_ambiguous_money_is_refused_and_repeated(monkeypatch, capsys, typed, expected):
    code, reply = run_json(monkeypatch, capsys, "proportionality", {**CONTRACT, "contract_value": typed})
    assert code == 2
    assert expected in errors_by_field(reply)["contract_value"]


def test_sub_penny_json_number_is_refused(monkeypatch, capsys):
    code, reply = run_json(monkeypatch, capsys, "proportionality", {**CONTRACT, "contract_value": 663539.995})
    assert code == 2 and "no more than 2 decimal places" in errors_by_field(reply)["contract_value"]


def test_pound_sign_only_in_money(monkeypatch, capsys):
    code, reply = run_json(monkeypatch, capsys, "valuation", {"lines": [{**LINE, "quantity": "£5"}]})
    assert code == 2
    assert errors_by_field(reply)["lines[0].quantity"] == 'Quantity per year is not an amount in pounds, so it cannot have a £ sign: "£5"'


def test_percent_sign_in_a_percentage_is_read(monkeypatch, capsys):
    code, reply = run_json(monkeypatch, capsys, "valuation", {"lines": [{**LINE, "deadweight": "25%"}]})
    assert code == 0 and reply["lines"][0]["deadweight"] == 25 and reply["field_warnings"] == []


def test_fraction_in_a_percentage_is_kept_with_a_warning(monkeypatch, capsys):
    code, reply = run_json(monkeypatch, capsys, "valuation",
                           {"discount_rate": "0.035", "lines": [{**LINE, "deadweight": "0.5"}]})
    assert code == 0
    assert reply["lines"][0]["deadweight"] == 0.5  # accepted as typed: 0.5%
    assert reply["field_warnings"] == [
        {"field": "discount_rate", "message": "Discount rate is 0.035%. Did you mean 3.5%?"},
        {"field": "lines[0].deadweight", "message": "Deadweight is 0.5%. Did you mean 50%?"},
    ]
    html = api.respond("valuation", {"discount_rate": "0.035", "lines": [{**LINE, "deadweight": "0.5"}]})["html"]
    assert "Outcome line 1: Deadweight is 0.5%. Did you mean 50%?" in html
    assert 'href="#valuation-lines-0-deadweight"' in html


@pytest.mark.parametrize("value", ["0", "1", "50", "0%"])
def test_no_warning_for_whole_percentages(value):
    warnings: list = []
    parse_fields((Field("rate", "Rate", "percent", minimum=0, maximum=100),), {"rate": value}, warnings=warnings)
    assert warnings == []


def test_duplicate_json_key_is_named(monkeypatch, capsys):
    text = '{"contract_value": 250000, "category": "services", "duration_months": 36, "contract_value": 10}'
    code, reply = run_json(monkeypatch, capsys, "proportionality", text)
    assert code == 2
    assert errors_by_field(reply)["contract_value"] == "The input names 'contract_value' twice. Give each value once"


def test_duplicate_csv_header_is_named(monkeypatch, capsys, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("contract_value,category,duration_months,contract_value\n250000,goods,36,10\n", encoding="utf-8")
    code, out = cli(monkeypatch, capsys, ["proportionality", "--csv", str(plan)])
    assert code == 2
    assert errors_by_field(json.loads(out))["--csv"] == \
        "The header names the column 'contract_value' twice. Keep one of them"


def test_figures_too_large_to_keep_every_penny_are_refused(monkeypatch, capsys):
    line = {"measure": "custom", "quantity": "999999.99", "proxy": "9999999.99", "years": 50}
    code, reply = run_json(monkeypatch, capsys, "valuation", {"lines": [line]})
    assert code == 2
    message = errors_by_field(reply)["lines[0].quantity"]
    assert message.startswith("This line is worth £499,999,994,500,000.01 before adjustments, more than this "
                              "calculator can show (£1,000,000,000,000)"), message


def test_large_figures_below_the_limit_keep_every_penny(monkeypatch, capsys):
    line = {"measure": "custom", "quantity": "99999.99", "proxy": "99999.99", "years": 1}
    code, reply = run_json(monkeypatch, capsys, "valuation", {"discount_rate": 0, "lines": [line]})
    assert code == 0
    # 99,999.99 × 99,999.99 = 9,999,998,000.0001, rounded to £9,999,998,000.00
    assert reply["lines"][0]["gross"] == 9999998000 and reply["totals"]["present_value"] == 9999998000


def test_the_total_may_differ_from_the_rounded_lines_and_says_so():
    lines = [{"measure": "custom", "quantity": "0.5", "proxy": "0.01", "years": 1}] * 2
    reply = api.respond("valuation", {"discount_rate": 0, "lines": lines})
    result = reply["result"]
    assert [line["gross"] for line in result["lines"]] == [0.01, 0.01] and result["totals"]["gross"] == 0.01
    assert "a total can differ by a penny" in reply["html"]
    assert any(row[:1] == ["Note"] and "differ by a penny" in row[1] for row in csv.reader(io.StringIO(reply["csv"])))


# --- crashes that must be plain messages --------------------------------------------------------

def test_output_to_a_missing_folder(monkeypatch, capsys, tmp_path):
    target = tmp_path / "no-such-folder" / "out.json"
    code, out = cli(monkeypatch, capsys, ["proportionality", "--output", str(target)],
                    json.dumps({**CONTRACT, "contract_value": 250000}))
    assert code == 2 and "Check that its folder exists" in errors_by_field(json.loads(out))["--output"]


def test_a_huge_csv_cell(monkeypatch, capsys, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("contract_value,category\n" + "1" * 140_000 + ",goods\n", encoding="utf-8")
    code, out = cli(monkeypatch, capsys, ["proportionality", "--csv", str(plan)])
    assert code == 2
    assert errors_by_field(json.loads(out))["--csv"] == \
        "Row 2 could not be read as CSV: a cell is longer than 131,072 characters"


def test_deep_nesting_is_refused(monkeypatch, capsys):
    code, reply = run_json(monkeypatch, capsys, "valuation", "[" * 3000 + "]" * 3000)
    assert code == 2 and "nested more than" in reply["errors"][0]["message"]


def test_nan_and_infinity_are_not_numbers(monkeypatch, capsys):
    code, reply = run_json(monkeypatch, capsys, "proportionality", '{"contract_value": NaN}')
    assert code == 2 and "not valid JSON" in reply["errors"][0]["message"]


# --- resources ----------------------------------------------------------------------------------

def test_errors_are_capped_at_fifty(monkeypatch, capsys):
    lines = [{"measure": "nope", "quantity": "x", "years": "y"}] * 40
    code, reply = run_json(monkeypatch, capsys, "valuation", {"lines": lines})
    assert code == 2 and len(reply["errors"]) == MAX_ERRORS + 1
    assert reply["errors"][-1] == {"field": "", "message": "and 70 more problems"}


def test_input_size_is_bounded(monkeypatch, capsys):
    code, out = cli(monkeypatch, capsys, ["valuation"], b" " * (MAX_INPUT_BYTES + 1))
    assert code == 2 and "larger than" in errors_by_field(json.loads(out))["--input"]


# --- CSV files as officers really have them -----------------------------------------------------

PLAN = "ref,contract_value,category,duration_months,procurement_date\nP1,250000,goods,36,2026-03-01\n"


def batch(monkeypatch, capsys, tmp_path, data: bytes, name: str = "proportionality", via_stdin: bool = False):
    if via_stdin:
        code, out = cli(monkeypatch, capsys, [name, "--csv", "-", "--output", str(tmp_path / "out.csv")], data)
    else:
        source = tmp_path / "in.csv"
        source.write_bytes(data)
        code, out = cli(monkeypatch, capsys, [name, "--csv", str(source), "--output", str(tmp_path / "out.csv")])
    if out.strip():
        return code, json.loads(out), []
    return code, None, list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("via_stdin", [False, True])
def test_byte_order_mark(monkeypatch, capsys, tmp_path, via_stdin):
    code, _, rows = batch(monkeypatch, capsys, tmp_path, b"\xef\xbb\xbf" + PLAN.encode(), via_stdin=via_stdin)
    assert code == 0 and rows[0]["ref"] == "P1" and rows[0]["band"] == "D"


def test_utf16_is_named(monkeypatch, capsys, tmp_path):
    code, reply, _ = batch(monkeypatch, capsys, tmp_path, PLAN.encode("utf-16"))
    assert code == 2 and "UTF-16" in errors_by_field(reply)["--csv"]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separators(monkeypatch, capsys, tmp_path, separator):
    code, _, rows = batch(monkeypatch, capsys, tmp_path, PLAN.replace(",", separator).encode())
    assert code == 0 and rows[0]["band"] == "D" and rows[0]["threshold"] == "207720"


def test_blank_rows_are_skipped_and_rows_numbered_as_the_spreadsheet_shows(monkeypatch, capsys, tmp_path):
    text = PLAN + "\n,,,,\nP2,lots,goods,36,2026-03-01\n"
    code, _, rows = batch(monkeypatch, capsys, tmp_path, text.encode())
    assert code == 2 and [row["ref"] for row in rows] == ["P1", "P2"]
    assert rows[1]["errors"].startswith("Row 5: contract_value:")


def test_valuation_batch_names_rows_uses_contract_value_and_checks_double_counting(monkeypatch, capsys, tmp_path):
    text = ("contract,measure,quantity,years,contract_value\n"
            "C1,ltu-into-work,5,1,1000\n"
            "C1,local-employment,2,1,1000\n"
            "C2,local-employment,2,1,\n")
    code, _, rows = batch(monkeypatch, capsys, tmp_path, text.encode(), name="valuation")
    assert code == 0
    assert "is more than the contract value, £1,000.00" in rows[0]["warnings"]  # contract_value was used
    assert rows[0]["per_pound"] != ""
    assert "Row 3 (Local people employed on the contract): count only" in rows[1]["warnings"]  # named by row
    assert ("Possible double counting: row 2 (Long-term unemployed people moved into work) and row 3 "
            "(Local people employed on the contract)") in rows[1]["warnings"]
    assert "double counting" not in rows[2]["warnings"]  # another contract


def test_exported_cells_cannot_run_as_formulas(monkeypatch, capsys, tmp_path):
    line = {"measure": "custom", "quantity": 1, "years": 1, "proxy": 5, "label": "=HYPERLINK(\"http://x\")"}
    exported = api.respond("valuation", {"lines": [line]})["csv"]
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and not any(c.startswith("=") for c in cells)
    text = "ref,contract_value,category,duration_months\n@SUM(A1),250000,goods,36\n-5,250000,goods,36\n"
    _, _, rows = batch(monkeypatch, capsys, tmp_path, text.encode())
    assert [row["ref"] for row in rows] == ["'@SUM(A1)", "-5"]  # a real number stays a number


def test_export_cell_keeps_negative_numbers():
    assert export.cell("-5") == "-5" and export.cell("+1.5") == "+1.5" and export.cell("-x") == "'-x"


@pytest.mark.parametrize("text", ["\t=1+1", "\r=1+1", "\t5", "\r5", "-inf", "+nan", "-Infinity", "- 5", "-5\n",
                                  "+1_000", "-1,000"])
def test_every_cell_a_spreadsheet_could_run_is_neutralised(text):
    # OWASP's list of starts (=, +, -, @, tab, carriage return): only a plain number is left alone.
    assert export.cell(text) == "'" + text.replace("\r", "\n")  # a line break stays inside the cell


@pytest.mark.parametrize("text", ["-5", "+3.2", "-0.01", "-1e5", "+2.5E-3", "-.5"])
def test_plain_signed_numbers_stay_numbers(text):
    assert export.cell(text) == text


def test_a_tab_or_carriage_return_label_is_neutralised_in_downloads_and_batches(monkeypatch, capsys, tmp_path):
    line = {"measure": "custom", "quantity": 1, "years": 1, "proxy": 5, "label": "\t=cmd"}
    cells = [cell for row in csv.reader(io.StringIO(api.respond("valuation", {"lines": [line]})["csv"])) for cell in row]
    assert "'=cmd" in cells and not any(cell.startswith(("=", "\t")) for cell in cells)  # labels are trimmed
    text = 'ref,contract_value,category,duration_months\n"\r=cmd",250000,goods,36\n'
    _, _, rows = batch(monkeypatch, capsys, tmp_path, text.encode())
    assert rows[0]["ref"] == "'\n=cmd"  # neutralised, and the break kept inside its quoted cell
    assert [row["band"] for row in rows] == ["D"]


# --- edited settings ------------------------------------------------------------------------------

POLICY_CASES = [
    ("factors = []", "recommendation.factors must be a list of tables"),
    ('factors = "oops"', "recommendation.factors must be a list of tables"),
    ('factors = [{ label = "L", text = "t" }]', "needs a 'id' text (at recommendation.factors[0].id)"),
    ('factors = [{ id = "social_enterprise", label = "L", text = "t" }]',
     "factor 'social_enterprise' (at recommendation.factors[0].id) is not one the calculator can ask about"),
]


@pytest.mark.parametrize("edit, expected", POLICY_CASES + [
    ('always = ["Prosperous"]', "priorities.always[0] must be a table"),
    ("from = nan", "'from' (at bands[0].from) must be a number of pounds"),
    ('requirements = "abc"', "bands[0].requirements must be a list of tables"),
    ('bands = "x"', "bands must be a list of tables"),
])
def test_edited_settings_problems_are_plain(monkeypatch, capsys, tmp_path, edit, expected):
    from calculators.data_files import DATA
    text = (DATA / "policy.toml").read_text(encoding="utf-8")
    key = edit.split(" = ")[0]
    if key == "bands":
        text = text.replace("[[bands]]", "[[stages]]") .replace("[meta]", f"{edit}\n[meta]", 1)
    elif key in ("from", "requirements"):
        text = text.replace("[[bands]]\nid = \"A\"", f"[[bands]]\nid = \"A\"\n{edit}", 1)
        text = _drop_second(text, key)
    elif key == "always":
        text = _replace_line(text, "always = ", edit)
    else:
        text = _replace_factors(text, edit)
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    code, out = cli(monkeypatch, capsys, ["proportionality", "--settings", str(path)],
                    json.dumps({**CONTRACT, "contract_value": 250000}))
    assert code == 2
    messages = [e["message"] for e in json.loads(out)["errors"]]
    assert any(expected in message for message in messages), messages


def _replace_line(text: str, start: str, new: str) -> str:
    lines = text.split("\n")
    return "\n".join(new if line.startswith(start) else line for line in lines)


def _drop_second(text: str, key: str) -> str:
    """Band A now has ``key`` twice (ours first): drop the original, which may span lines."""
    head, band_a = text.split("[[bands]]\nid = \"A\"", 1)[0], text.split("[[bands]]\nid = \"A\"", 1)[1]
    band, rest = band_a.split("[[bands]]", 1)
    lines, out, skipping, seen = band.split("\n"), [], False, False
    for line in lines:
        if line.startswith(f"{key} = "):
            if seen:
                skipping = line.rstrip().endswith("[")
                continue
            seen = True
        elif skipping:
            skipping = not line.startswith("]")
            continue
        out.append(line)
    return head + "[[bands]]\nid = \"A\"" + "\n".join(out) + "[[bands]]" + rest


def _replace_factors(text: str, edit: str) -> str:
    start = text.index("factors = [")
    end = text.index("\n]\n", start) + 3
    return text[:start] + edit + "\n" + text[end:]


# --- a property: random text in a number field is refused, or read digit for digit -----------

NUMBER_FIELDS = [spec for spec in PROPORTIONALITY if spec.kind in ("money", "integer")]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="0123456789,.£%-+ eE", max_size=14) | st.text(max_size=10))
def test_typed_numbers_are_refused_or_read_exactly(text):
    spec = NUMBER_FIELDS[0]  # the contract value: money
    values, errors = parse_fields((spec,), {spec.name: text})
    if errors or spec.name not in values:
        return
    digits = text.strip().lstrip("+").replace("£", "").replace(",", "")
    assert "e" in digits.lower() or values[spec.name] == __import__("decimal").Decimal(digits)
    assert "," not in text or all(len(group) == 3 for group in text.strip().split(".")[0].split(",")[1:])


@pytest.mark.parametrize("typed, expected", [
    # Found by hypothesis: an exponent this large overflowed Decimal's arithmetic.
    ("1E1000000", "Estimated contract value must be £100,000,000,000 or less"),
    ("-1E1000000", "Estimated contract value cannot be negative"),
    ("1e-400", "Estimated contract value has more digits than this calculator can keep"),
])
def test_extreme_exponents_get_plain_messages(typed, expected):
    _, errors = parse_fields((NUMBER_FIELDS[0],), {"contract_value": typed})
    assert errors and errors[0]["message"].startswith(expected)


# Every number field of every calculator, its list items' included: money, percentages, whole and
# decimal numbers. Typed text is refused, or read digit for digit: the same digits, the £ only in
# money, the % only in percentages, commas only between groups of three.
def _number_fields():
    from calculators.registry import SPECS
    found = {}
    for specs in SPECS.values():
        for spec in specs:
            for field in (spec, *spec.item_fields):
                if field.kind in ("money", "percent", "integer", "number"):
                    found.setdefault((field.kind, field.name), field)
    return list(found.values())


ALL_NUMBER_FIELDS = _number_fields()


@settings(max_examples=500, deadline=None)
@given(index=st.integers(0, len(ALL_NUMBER_FIELDS) - 1),
       text=st.text(alphabet="0123456789,.£%-+ eE", max_size=16) | st.text(max_size=12))
def test_typed_text_in_any_number_field_is_refused_or_read_exactly(index, text):
    from decimal import Decimal
    spec = ALL_NUMBER_FIELDS[index]
    values, errors = parse_fields((spec,), {spec.name: text})
    typed_text = text.strip()
    if errors or not typed_text:  # refused, or blank (the field's default, if it has one)
        return
    assert "£" not in typed_text or spec.kind == "money", (spec.name, text)
    assert "%" not in typed_text or spec.kind == "percent", (spec.name, text)
    whole = typed_text.lstrip("+-").lstrip("£").split(".")[0].split("e")[0].split("E")[0]
    assert "," not in whole or all(len(group) == 3 for group in whole.split(",")[1:]), (spec.name, text)
    assert "," not in typed_text.split(".", 1)[-1] or "." not in typed_text, (spec.name, text)
    digits = typed_text.replace("£", "").replace(",", "").replace("%", "").strip()
    assert Decimal(values[spec.name]) == Decimal(digits), (spec.name, text, values[spec.name])


@pytest.mark.parametrize("typed, message", [
    ("250.000,00", 'not "250.000,00"'), ("1,2,3", 'not "1,2,3"'), ("50%", "cannot have a % sign")])
def test_the_csv_batch_refuses_what_the_form_refuses(monkeypatch, capsys, tmp_path, typed, message):
    text = f'ref,contract_value,category,duration_months\nP1,"{typed}",goods,36\n'
    code, _, rows = batch(monkeypatch, capsys, tmp_path, text.encode())
    assert code == 2 and rows[0]["band"] == ""
    assert rows[0]["errors"].startswith("Row 2: contract_value: Estimated contract value") and message in rows[0]["errors"]
