"""Run under Pyodide by run_extras.mjs: the lazily loaded libraries at work through the core, as the
pages use them (calculators.spreadsheets with openpyxl, defusedxml and et_xmlfile; calculators.qr_code
with segno), by the worker's own entry points: a commitments download as .xlsx, that workbook opened
again in a file box, and a printed record's QR code. Any module the trimmed standard library lacks
raises here."""

import base64
import json
import warnings

from calculators import api, registry, spreadsheets
from calculators.qr_code import qr_svg

# A result's own download as a workbook (the page's "xlsx" message).
example = registry.get("valuation").example
result = api.run("valuation", example)
reply = json.loads(api.download_xlsx("valuation", json.dumps(result["inputs"]), "commitments"))
assert reply["ok"], reply
data = base64.b64decode(reply["base64"])
assert spreadsheets.is_workbook(data, reply["filename"]), reply["filename"]

# Read back as a file box reads it (the "files" message, a workbook's bytes as base64).
with warnings.catch_warnings():
    warnings.simplefilter("error")
    header, rows = spreadsheets.table(data, reply["filename"])
assert header and rows, (header, rows)

# The lines of a valuation typed in a workbook, opened in the valuation form.
lines = spreadsheets.write([{"measure": line["measure"], "quantity": line["quantity"], "years": line.get("years", 1)}
                            for line in example["lines"]], ["measure", "quantity", "years"], "Sheet1")
opened = api.open_files("valuation", json.dumps([{"name": "lines.xlsx", "base64": base64.b64encode(lines).decode()}]),
                        "", "{}", "", page=True)
head = json.loads(opened.split("\n", 1)[0])
assert head["ok"], head

# A printed record's QR code (the page's "qr" message).
svg = qr_svg("https://example.gov.uk/toolkit/calculators/valuation/#inputs=eyJsaW5lcyI6W119")
assert svg.startswith("<svg") and "path" in svg, svg[:80]
assert json.loads(api.qr_code("https://example.gov.uk/" + "x" * 100))["ok"]
assert not json.loads(api.qr_code("https://example.gov.uk/" + "x" * 5000))["ok"]
print("extras ok", len(rows), "rows", len(svg), "characters of SVG")
