"""The libraries a page loads only when needed (.xlsx workbooks: openpyxl, et_xmlfile, defusedxml;
QR codes: segno) at work through the core (calculators.spreadsheets, calculators.qr_code) under
Pyodide on the trimmed standard library alone: a module they need that sitebuild/stdlib.py's KEPT
list lacks fails here, not for a user."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sitebuild.record_stdlib import exercise_wheels  # noqa: E402
from sitebuild.stdlib import build_stdlib  # noqa: E402


def test_a_workbook_and_a_qr_code_under_pyodide_on_the_trimmed_standard_library(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the libraries under Pyodide")
    exercise_wheels(tmp_path)
    done = subprocess.run([node, str(ROOT / "tests/pyodide/run_extras.mjs"), str(build_stdlib()), str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0 and "extras ok" in output, output[-3000:]
