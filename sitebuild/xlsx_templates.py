"""The .xlsx templates the templates page offers, made at build time by the core
(``calculators.workbook_templates``) from the CSV templates beside them and the catalogue, and the
report's worked example's benchmarks file (CSV and .xlsx, ``calculators.report.example``), added to
the site's files, so that the page's links to them are checked like any other."""

from __future__ import annotations

from pathlib import Path

from calculators.report.example import example_benchmarks
from calculators.workbook_templates import TEMPLATES, workbook

TEMPLATE_FOLDER = "toolkit/templates/"


def add_xlsx_templates(files, config):
    """Each .xlsx template, as a file of the site beside its CSV template, and the example's benchmarks."""
    from mkdocs.structure.files import File

    docs = Path(config["docs_dir"])
    for name, csv_name, calculator, key in TEMPLATES:
        text = (docs / TEMPLATE_FOLDER / csv_name).read_text(encoding="utf-8-sig")
        files.append(File.generated(config, TEMPLATE_FOLDER + name, content=workbook(text, calculator, key)))
    for name, content in example_benchmarks().items():
        files.append(File.generated(config, TEMPLATE_FOLDER + name, content=content))
    return files
