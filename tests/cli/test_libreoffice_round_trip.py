"""A real spreadsheet program opens every .xlsx the Toolkit writes (the two templates and the two
downloads), and saves it again as .xlsx and as CSV with a UK locale: the core opens both copies to
the same result as the original (issue 25). LibreOffice Calc runs headless (Debian's
libreoffice-calc-nogui, which ``make test`` installs when missing, as it does Chromium), with a
profile of its own in a temporary folder, so it never touches the user's."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("openpyxl")

from calculators import api, registry, workbook_templates  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "docs" / "toolkit" / "templates"
# LibreOffice's CSV filter: ',' between cells, '"' around text, UTF-8 (76), from line 1, no cell
# formats, English (UK) (2057) for numbers and dates, as a spreadsheet set to a UK locale saves it.
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,2057'


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is needed: on Debian, apt-get install libreoffice-calc-nogui (make test does it)")
    return found


def convert(files: list[Path], target: str, out: Path, profile: Path) -> None:
    out.mkdir(exist_ok=True)
    done = subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", target, "--outdir", str(out), *map(str, files)],
                          capture_output=True, text=True, timeout=600, env={"PATH": "/usr/bin:/bin", "HOME": str(profile),
                                                                            "LANG": "en_GB.UTF-8"})
    assert done.returncode == 0, done.stdout + done.stderr
    for file in files:
        assert (out / (file.stem + "." + target.split(":")[0])).exists(), done.stdout + done.stderr


def opened(name: str, file_name: str, data: bytes) -> dict:
    entry = ({"name": file_name, "text": data.decode("utf-8-sig")} if file_name.endswith(".csv")
             else {"name": file_name, "base64": base64.b64encode(data).decode("ascii")})
    reply = json.loads(api.open_files(name, json.dumps([entry])))
    assert reply["ok"], (file_name, reply.get("errors"))
    return _without_file_names({key: reply[key] for key in ("result", "form")})


def _without_file_names(value):
    """A reply without the names of the files it came from (the report keeps each report's file name,
    and so does its link), which differ between a workbook and its CSV copy."""
    if isinstance(value, dict):
        return {key: _without_file_names(item) for key, item in value.items()
                if key not in ("file", "permalink") and not key.endswith(".file")}
    if isinstance(value, list):
        return [_without_file_names(item) for item in value]
    if isinstance(value, str):  # a warning names its contract's file
        return re.sub(r"\(report-worked-example\.(csv|xlsx)\)", "(the file)", value)
    return value


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, tuple[str, bytes]]:
    """Every .xlsx the Toolkit writes, by file name, with the calculator that opens it."""
    folder = tmp_path_factory.mktemp("originals")
    books = {}
    for name, csv_name, calculator, key in workbook_templates.TEMPLATES:
        books[name] = (calculator, workbook_templates.workbook((TEMPLATES / csv_name).read_text(encoding="utf-8-sig"),
                                                               calculator, key))
    for calculator, key in (("valuation", "commitments"), ("monitoring", "delivery-report")):
        result = api.run(calculator, registry.get(calculator).example)
        reply = json.loads(api.download_xlsx(calculator, json.dumps(result["inputs"]), key))
        books[f"download-{reply['filename']}"] = (calculator, base64.b64decode(reply["base64"]))
    for name, (_, data) in books.items():
        (folder / name).write_bytes(data)
    return {"folder": folder, "books": books}


def test_libreoffice_saves_each_xlsx_again_and_the_core_opens_every_copy_to_the_same_result(originals, tmp_path):
    folder, books = originals["folder"], originals["books"]
    files = [folder / name for name in books]
    profile = tmp_path / "profile"
    convert(files, "xlsx", tmp_path / "xlsx", profile)
    convert(files, CSV_FILTER, tmp_path / "csv", profile)
    for name, (calculator, data) in books.items():
        original = opened(calculator, name, data)
        stem = Path(name).stem
        as_xlsx = opened(calculator, name, (tmp_path / "xlsx" / f"{stem}.xlsx").read_bytes())
        as_csv = opened(calculator, f"{stem}.csv", (tmp_path / "csv" / f"{stem}.csv").read_bytes())
        assert as_xlsx == original, name
        assert as_csv == original, name


def test_the_templates_open_to_the_same_result_as_their_csv_templates(originals):
    for name, csv_name, calculator, _ in workbook_templates.TEMPLATES:
        from_csv = opened(calculator, csv_name, (TEMPLATES / csv_name).read_bytes())
        assert opened(calculator, name, originals["books"][name][1]) == from_csv


def test_an_old_xls_and_an_ods_saved_by_libreoffice_are_named_for_what_they_are(originals, tmp_path):
    book = originals["folder"] / "commitments-kpi-table.xlsx"
    profile = tmp_path / "profile"
    convert([book], "xls:MS Excel 97", tmp_path / "xls", profile)
    convert([book], "ods", tmp_path / "ods", profile)
    for path, says in ((tmp_path / "xls" / "commitments-kpi-table.xls", "is an old Excel workbook (.xls"),
                       (tmp_path / "ods" / "commitments-kpi-table.ods", "is an OpenDocument spreadsheet (.ods)")):
        reply = json.loads(api.open_files("valuation", json.dumps([{
            "name": path.name, "base64": base64.b64encode(path.read_bytes()).decode("ascii")}])))
        assert not reply["ok"] and reply["form"] == {}
        assert reply["errors"][0]["message"].startswith(f"{path.name} {says}"), reply["errors"]
