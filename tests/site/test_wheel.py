"""The core's wheel holds the Python core only: the browser code (browser/) is copied into the site
beside it, so a change to the page script never renames the wheel that returning browsers keep."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from sitebuild import runtime

ROOT = Path(__file__).resolve().parents[2]
BROWSER_SUFFIXES = (".js", ".mjs", ".md")


def test_the_wheel_holds_no_javascript():
    with zipfile.ZipFile(runtime.build_wheel()) as archive:
        names = archive.namelist()
    assert "calculators/api.py" in names
    assert [name for name in names if name.endswith(BROWSER_SUFFIXES)] == []


def _project_copy(target: Path) -> Path:
    """The parts of the project a wheel is built from, plus the browser code."""
    for folder in ("calculators", "browser"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, target / name)
    return target


def test_a_javascript_edit_leaves_the_wheel_name_unchanged(tmp_path, monkeypatch):
    project = _project_copy(tmp_path / "project")
    monkeypatch.setattr(runtime, "ROOT", project)
    monkeypatch.setattr(runtime, "CACHE", tmp_path / "before")
    before = runtime.build_wheel().name
    for script in (project / "browser").glob("*.mjs"):
        script.write_text(script.read_text(encoding="utf-8") + "\n// edited\n", encoding="utf-8")
    # A fresh cache, so that the wheel is built again rather than found by its sources' hash.
    monkeypatch.setattr(runtime, "CACHE", tmp_path / "after")
    assert runtime.build_wheel().name == before
