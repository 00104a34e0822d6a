"""A calculator is one module: registering a throwaway one at run time is enough for the command
line (JSON in and out, field errors with exit code 2, CSV batches), api.run and the renderers."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from calculators import api, export, registry, render
from calculators.__main__ import main
from calculators.calculator import Calculator
from calculators.html import esc
from calculators.field import Field
from calculators.invalid_input import InvalidInput


class Doubler(Calculator):
    name = "doubler"
    title = "Doubler"
    fields = (
        Field("amount", "Amount", "money", minimum=Decimal(0), maximum=Decimal(1000)),
        Field("note", "Note", "text", required=False, default=""),
    )
    example = {"amount": 2}
    result_columns = ("doubled",)

    def compute(self, values: dict) -> dict:
        return {"doubled": values["amount"] * 2, "note": values["note"]}

    def render(self, result: dict, site_root: str) -> str:
        return f'<p class="sv-headline">{esc(result["doubled"])} ({esc(result["note"])})</p>'


@pytest.fixture
def doubler():
    registry.register(Doubler())
    yield "doubler"
    registry.unregister("doubler")


def cli(monkeypatch, capsys, args: list[str], stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(args)
    return code, capsys.readouterr().out


def test_json_in_and_out(doubler, monkeypatch, capsys):
    code, out = cli(monkeypatch, capsys, [doubler], json.dumps({"amount": "12.50", "note": "<b>x</b>"}))
    assert code == 0
    result = json.loads(out)
    assert result["calculator"] == "doubler"
    assert result["doubled"] == 25
    assert result["inputs"] == {"amount": 12.5, "note": "<b>x</b>"}
    assert result["permalink"].startswith("#inputs=")


def test_field_errors_exit_with_code_2(doubler, monkeypatch, capsys):
    code, out = cli(monkeypatch, capsys, [doubler], json.dumps({"amount": "-3", "colour": "red"}))
    assert code == 2
    errors = json.loads(out)["errors"]
    assert {e["field"] for e in errors} == {"amount", "colour"}
    assert any(e["message"] == "Amount cannot be negative" for e in errors)


def test_csv_batch(doubler, monkeypatch, capsys, tmp_path):
    source = tmp_path / "rows.csv"
    source.write_text("ref,amount\nA,1\nB,lots\nC,500\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    code, _ = cli(monkeypatch, capsys, [doubler, "--csv", str(source), "--output", str(target)])
    assert code == 2  # one row has an error
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(r["ref"], r["doubled"]) for r in rows] == [("A", "2"), ("B", ""), ("C", "1000")]
    assert rows[1]["errors"].startswith("Row 3: amount: Amount must be a number")


def test_the_rest_of_the_core_finds_it_too(doubler):
    reply = api.respond(doubler, {"amount": 3, "note": "<script>"})
    # Its result, then (for print) its inputs in brief, rendered from its field specs by the shared layer.
    assert reply["ok"] and reply["html"].startswith('<p class="sv-headline">6 (&lt;script&gt;)</p><section')
    assert "<dt>Amount</dt><dd>£3</dd><dt>Note</dt><dd>&lt;script&gt;</dd>" in reply["html"]
    assert render.result(registry.get(doubler), reply["result"]) == reply["html"]
    assert "doubled,6" in export.to_csv(registry.get(doubler), reply["result"])
    failed = api.respond(doubler, {})
    assert not failed["ok"] and 'href="#doubler-amount"' in failed["html"]


def test_unknown_calculator_is_a_field_error():
    with pytest.raises(InvalidInput) as raised:
        api.run("nope", {})
    assert raised.value.errors == [{"field": "", "message": "There is no calculator called 'nope'"}]
