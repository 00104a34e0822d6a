"""Times the core checking 500 commitments of one contract. Run as is by CPython and by Pyodide
(bench/pyodide_valuation.mjs runs any script), so both runtimes time exactly the same code. Prints
one JSON line."""

import json
import statistics
import time

from calculators import api

MEASURES = ("local-employment", "apprenticeships", "work-placements", "volunteering-hours", "carbon-avoided",
            "vulnerable-residents-support")


def commitments(count: int) -> list[dict]:
    return [{"ref": f"SV{i + 1}", "measure": MEASURES[i % len(MEASURES)], "quantity": 1 + i % 17,
             "years": 1 + i % 5, "delivered": (i % 23) / 2} for i in range(count)]


def timings(count: int = 500, repeats: int = 15) -> dict:
    inputs = {"contract_months": 60, "months_elapsed": 18, "price_year": 2026, "contract_value": 8000000,
              "commitments": commitments(count)}
    api.respond("monitoring", inputs)  # warm: the catalogue and settings are read once per process
    runs, pages = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        api.run("monitoring", inputs)  # the calculation, as bench/time_valuation.py times it
        middle = time.perf_counter()
        api.respond("monitoring", inputs)  # and what a page gets: the result, its HTML and chart, its CSV
        runs.append((middle - start) * 1000)
        pages.append((time.perf_counter() - middle) * 1000)
    return {"commitments": count, "repeats": repeats, "median_ms": round(statistics.median(runs), 1),
            "max_ms": round(max(runs), 1), "respond_median_ms": round(statistics.median(pages), 1)}


print(json.dumps(timings()))
