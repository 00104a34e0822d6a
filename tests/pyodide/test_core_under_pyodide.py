"""Runtime parity: the same core tests pass under Pyodide in Node, against the site's wheel and on
the site's trimmed standard library (sitebuild/stdlib.py), with the extras' wheels as the page loads
them. The test tools' own modules come from the rest of Pyodide's; a module the core needs
that the trimmed zip lacks fails here, not for a user."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sitebuild.record_stdlib import run_core_tests  # noqa: E402
from sitebuild.stdlib import build_stdlib, rest_of_stdlib  # noqa: E402


def run_under_pyodide(tests: str = "core") -> tuple[str, dict]:
    """Runs tests/<tests> under Pyodide in Node on the trimmed standard library; returns its output,
    having checked it passed, and the standard library modules the core needed."""
    done, needed = run_core_tests(build_stdlib(), rest_of_stdlib(), tests)
    output = done.stdout + done.stderr
    print(output[-3000:])
    assert done.returncode == 0, output[-6000:]
    assert "on Python 3.14" in output
    return output, needed


def test_core_tests_pass_under_pyodide_on_the_trimmed_standard_library():
    output, needed = run_under_pyodide()
    passed = re.search(r"(\d+) passed", output)
    assert passed and int(passed.group(1)) >= 80, output[-2000:]
    # Issue 25: the .xlsx tests (reading, every bad input, the bomb guards, downloads) ran too, with
    # openpyxl from the extra's wheels, as the page loads them: none was skipped.
    assert not [line for line in output.splitlines() if "SKIPPED" in line
                and ("test_spreadsheets" in line or "test_workbook_templates" in line or "test_qr_code" in line)]
    with zipfile.ZipFile(build_stdlib()) as trimmed:
        kept = set(trimmed.namelist())
    missing = {name: why for name, (path, why) in needed.items() if path not in kept}
    assert not missing, (f"The trimmed standard library lacks modules the core imports under Pyodide (module: what "
                         f"imported it): {missing}. Run python -m sitebuild.record_stdlib and commit "
                         f"sitebuild/stdlib_recorded.txt")
