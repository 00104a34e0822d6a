"""Runtime parity: the same core tests pass under Pyodide in Node, against the site's wheel."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / ".cache" / "pyodide-wheels"
# Pure-Python test tools (the newest that support Python 3.14).
TOOLS = ("pytest", "pluggy", "iniconfig", "packaging", "pygments", "hypothesis", "sortedcontainers")


def tool_wheels() -> Path:
    """Pure-Python wheels of the test tools for Python 3.14, downloaded once into .cache."""
    WHEELS.mkdir(parents=True, exist_ok=True)
    have = {p.name.split("-")[0].lower() for p in WHEELS.glob("*.whl")}
    missing = [name for name in TOOLS if name not in have]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "--no-deps",
                        "--python-version", "3.14", "--platform", "any", "--dest", str(WHEELS), *missing], check=True)
    return WHEELS


def extra_wheels(wheels: Path) -> None:
    """The "xlsx" extra's wheels (openpyxl, et_xmlfile, defusedxml), made from the installed copies as
    the site's are (sitebuild/extra_wheels.py), so the core's .xlsx tests run under Pyodide too."""
    from sitebuild.extra_wheels import extra_wheels as built

    for path, data in built()["xlsx"]:
        target = wheels / path.rsplit("/", 1)[1]
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)


def run_under_pyodide(tests: str = "core") -> str:
    """Runs tests/<tests> under Pyodide in Node; returns its output, having checked it passed."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the core under Pyodide")
    sys.path.insert(0, str(ROOT))
    from sitebuild.runtime import build_wheel

    wheel = build_wheel()
    wheels = tool_wheels()
    extra_wheels(wheels)
    done = subprocess.run([node, str(ROOT / "tests/pyodide/run_core_tests.mjs"), str(wheels), str(wheel),
                           str(ROOT / "tests"), tests], cwd=ROOT, capture_output=True, text=True, timeout=1500)
    output = done.stdout + done.stderr
    print(output[-3000:])
    assert done.returncode == 0, output[-6000:]
    assert "on Python 3.14" in output
    return output


def test_core_tests_pass_under_pyodide():
    output = run_under_pyodide()
    passed = re.search(r"(\d+) passed", output)
    assert passed and int(passed.group(1)) >= 80, output[-2000:]
    # Issue 25: the .xlsx tests (reading, every bad input, the bomb guards, downloads) ran too, with
    # openpyxl from the extra's wheels, as the page loads them: none was skipped.
    assert not [line for line in output.splitlines() if "SKIPPED" in line and "test_spreadsheets" in line]
