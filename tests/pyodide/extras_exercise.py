"""Run under Pyodide by run_extras.mjs: the lazily loaded libraries at work, as the pages use them.
A workbook written and read back (openpyxl with defusedxml, et_xmlfile), and a QR code drawn
(segno). Any module the trimmed standard library lacks raises here."""

import datetime as dt
import io
import warnings
from decimal import Decimal

import defusedxml  # noqa: F401 - openpyxl uses it when it can be imported
import openpyxl
import segno
from openpyxl.styles import Font
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser  # noqa: F401 - the reader's parser

assert openpyxl.DEFUSEDXML, "openpyxl did not find defusedxml"
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Commitments"
sheet.append(["measure", "quantity", "years", "due", "share"])
sheet.append(["apprenticeships", 2, 3, dt.date(2026, 3, 1), float(Decimal("0.25"))])
sheet.append(["volunteering-hours", "=1+1", 1, dt.datetime(2026, 4, 1, 9, 30), 0.5])
sheet["A1"].font = Font(bold=True)
sheet.column_dimensions[get_column_letter(1)].width = 30
sheet["E2"].number_format = BUILTIN_FORMATS[9]
saved = io.BytesIO()
book.save(saved)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    again = openpyxl.load_workbook(io.BytesIO(saved.getvalue()), read_only=True, data_only=True, keep_links=False)
rows = list(again["Commitments"].iter_rows(values_only=True))
assert rows[0] == ("measure", "quantity", "years", "due", "share"), rows
assert rows[1][:3] == ("apprenticeships", 2, 3) and rows[1][3] == dt.datetime(2026, 3, 1), rows
assert range_boundaries("A1:E3") == (1, 1, 5, 3)
full = openpyxl.load_workbook(io.BytesIO(saved.getvalue()))
assert full.active["B3"].value == "=1+1"

code = segno.make("https://example.gov.uk/toolkit/calculators/valuation/#inputs=eyJsaW5lcyI6W119", micro=False)
svg = code.svg_inline(omitsize=True, svgclass="sv-qr", lineclass=None)
assert svg.startswith("<svg") and "path" in svg, svg[:80]
assert code.png_data_uri().startswith("data:image/png;base64,")
drawn = io.BytesIO()
code.save(drawn, kind="svg")
print("extras ok", len(rows), "rows", len(svg), "characters of SVG")
