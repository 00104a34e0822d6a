"""Issue 31's hostile input on the command line: every case exits 2 with JSON errors naming the
field, never a traceback (exit 1). The same inputs through ``api`` are in
tests/core/test_hostile_input.py."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = {"contract_value": 250000, "category": "services", "duration_months": 36,
            "procurement_date": "2026-03-01"}


def cli(*args, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], input=stdin, capture_output=True, cwd=ROOT)


def refused(done: subprocess.CompletedProcess) -> dict:
    """The errors of a run that must be refused: exit 2, JSON on stdout, no traceback."""
    assert done.returncode == 2, done.stderr.decode("utf-8", "replace")[-2000:]
    assert b"Traceback" not in done.stdout + done.stderr
    return {error["field"]: error["message"] for error in json.loads(done.stdout)["errors"]}


@pytest.mark.parametrize("text, field", [
    ('{"contract_value": "\\ud800", "category": "services", "duration_months": 36, '
     '"procurement_date": "2026-03-01"}', "contract_value"),
    ('{"contract_value": 1, "category": "services", "duration_months": 36, '
     '"procurement_date": "2026-03-01", "\\ud800": 1}', "\ufffd"),
    ('{"\\ud800": 1, "\\ud800": 2}', "\ufffd"),
])
def test_a_lone_surrogate_is_refused_naming_the_field(text, field):
    errors = refused(cli("proportionality", stdin=text.encode("ascii")))
    assert field in errors, errors


def test_a_file_name_that_is_not_utf8_is_named_without_a_traceback(tmp_path):
    missing = os.fsencode(tmp_path) + b"/\xff.json"
    done = subprocess.run([os.fsencode(sys.executable), b"-m", b"calculators", b"proportionality", b"--input", missing],
                          capture_output=True, cwd=ROOT)
    assert "Could not read" in refused(done)["--input"]


@pytest.mark.parametrize("name, nested", [
    ("proportionality", "x = " + "[" * 50_000),
    ("evaluation", "x = " + "{a = " * 50_000),
    ("monitoring", "[evaluation]\nx = " + "[" * 3_000 + "]" * 3_000),
    ("proportionality", "x" + ".a" * 50_000 + " = 1"),  # tomllib takes minutes over these: refused first
    ("evaluation", "[x" + " . a" * 50_000 + "]"),
])
def test_deeply_nested_settings_are_refused_without_a_recursion_error(tmp_path, name, nested):
    settings = tmp_path / "policy.toml"
    settings.write_text(nested, encoding="utf-8")
    errors = refused(cli(name, "--settings", str(settings), stdin=json.dumps(CONTRACT).encode()))
    assert "nests lists or tables too deeply" in errors["--settings"]


def batch(tmp_path, name: str, text: str) -> tuple[subprocess.CompletedProcess, list[list[str]]]:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    done = cli(name, "--csv", str(path))
    assert b"Traceback" not in done.stderr
    return done, list(csv.reader(io.StringIO(done.stdout.decode("utf-8"))))


@pytest.mark.parametrize("name, text", [
    ("proportionality", 'contract_value,category,duration_months,procurement_date,"=HYPERLINK(""http://x"")"\n'
                        "250000,services,36,2026-03-01,note\n"),
    ("valuation", 'measure,quantity,years,"=HYPERLINK(""http://x"")"\napprenticeships,2,3,note\n'),
    ("evaluation", 'name,score,offer,weighting,"=HYPERLINK(""http://x"")"\nA,3,1000,10,note\nB,4,2000,10,note\n'),
])
def test_header_cells_are_made_safe_like_data_cells(tmp_path, name, text):
    done, rows = batch(tmp_path, name, text)
    assert done.returncode == 0, done.stdout
    assert '\'=HYPERLINK("http://x")' in rows[0] and '=HYPERLINK("http://x")' not in rows[0]


def test_a_batch_printed_to_a_terminal_carries_no_control_characters(tmp_path):
    """A column the calculator does not use is kept, and a bad value is repeated in the errors
    column, but neither can send an escape sequence to the terminal."""
    done, rows = batch(tmp_path, "proportionality",
                       "contract_value,category,duration_months,procurement_date,reference\n"
                       "\x1b[31m5,services,36,2026-03-01,\x1b]0;owned\x07 C-1\x9b2J\n")
    assert done.returncode == 2 and "Row 2" in rows[1][-1]
    assert not any(0 <= byte < 32 and byte not in b"\n" or byte == 127 for byte in done.stdout)
    assert "\x9b" not in done.stdout.decode("utf-8")
    assert "C-1" in rows[1][4]


def test_a_quote_never_closed_is_refused_naming_its_row(tmp_path):
    done, _ = batch(tmp_path, "proportionality", "contract_value,category,duration_months,procurement_date\n"
                                                 "250000,services,36,2026-03-01\n"
                                                 '"250000,services,36,2026-03-01\n'
                                                 + "250000,services,36,2026-03-01\n" * 3)
    assert "Row 3" in refused(done)["--csv"]


def test_a_european_number_is_refused_naming_its_cell(tmp_path):
    done, _ = batch(tmp_path, "proportionality", "contract_value;category;duration_months;procurement_date\n"
                                                 "250000;services;36;2026-03-01\n"
                                                 "250.000;services;36;2026-03-01\n")
    message = refused(done)["--csv"]
    assert "Row 3, column 'contract_value'" in message and '"250.000"' in message


def test_a_message_repeating_what_was_typed_carries_no_control_characters():
    inputs = {**CONTRACT, "contract_value": "5\x9b2J", "category": "\x1b[2Jservices"}
    done = cli("proportionality", stdin=json.dumps(inputs, ensure_ascii=False).encode("utf-8"))
    errors = refused(done)
    assert '"5\ufffd2J"' in errors["contract_value"]
    assert not any(0x80 <= ord(character) <= 0x9f for character in done.stdout.decode("utf-8"))


def test_names_repeated_in_messages_carry_no_control_characters(tmp_path):
    """An input the calculator does not have, or a column named twice, is named in the message,
    with its control characters shown as U+FFFD."""
    done = cli("proportionality", stdin=json.dumps({**CONTRACT, "x\x9b2J": 1}, ensure_ascii=False).encode("utf-8"))
    assert "'x\ufffd2J' is not an input" in refused(done)["x\ufffd2J"]
    assert not any(0x80 <= ord(character) <= 0x9f for character in done.stdout.decode("utf-8"))
    done, _ = batch(tmp_path, "proportionality", "contract_value,\x9b2J,\x9b2J\n1,2,3\n")
    assert "'\ufffd2J' twice" in refused(done)["--csv"]
    assert not any(0x80 <= ord(character) <= 0x9f for character in done.stdout.decode("utf-8"))
