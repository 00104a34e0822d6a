"""Times the core opening a 5,000-row .xlsx commitments file: the workbook read into the table a CSV
file gives (calculators/spreadsheets.py, with openpyxl). Run as is by CPython and by Pyodide
(bench/pyodide_valuation.mjs runs any script, with the "xlsx" extra's wheels), so both runtimes time
exactly the same code. Prints one JSON line."""

import json
import statistics
import time

from calculators import commitments, file_reading, spreadsheets

MEASURES = ("local-employment", "apprenticeships", "work-placements", "volunteering-hours", "carbon-avoided")


def workbook(count: int) -> bytes:
    rows = [{"ref": f"SV{i + 1}", "measure": MEASURES[i % len(MEASURES)], "label": f"Commitment {i + 1}",
             "priority": "Prosperous", "quantity": 1 + i % 17, "years": 1 + i % 5, "deadweight": 10,
             "price_year": 2026, "evidence": "Payroll extract", "due": "2029-03-31"} for i in range(count)]
    return spreadsheets.write(rows, commitments.COLUMNS, "Commitments")


def timings(count: int = 5000, repeats: int = 5) -> dict:
    data = workbook(count)
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        _, rows = file_reading.table(data, name="commitments.xlsx")
        runs.append((time.perf_counter() - start) * 1000)
        assert len(rows) == count
    return {"rows": count, "bytes": len(data), "repeats": repeats, "median_ms": round(statistics.median(runs), 1),
            "max_ms": round(max(runs), 1)}


print(json.dumps(timings()))
