"""Times the core valuing 1,000 outcome lines. Run as is by CPython and by Pyodide (bench/pyodide_valuation.mjs),
so both runtimes time exactly the same code. Prints one JSON line."""

import json
import statistics
import time

from calculators import api

MEASURES = ("local-employment", "apprenticeships", "volunteering-hours", "carbon-avoided", "training-hours")


def lines(count: int) -> list[dict]:
    return [{"measure": MEASURES[i % len(MEASURES)], "quantity": 1 + i % 17, "years": 1 + i % 5,
             "drop_off": i % 30} for i in range(count)]


def timings(count: int = 1000, repeats: int = 15) -> dict:
    inputs = {"price_year": 2026, "contract_value": 5000000, "lines": lines(count)}
    api.run("valuation", inputs)  # warm: the catalogue is read once per process
    flat = json.dumps(api.flatten(inputs))
    runs, pages = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        api.run("valuation", inputs)
        middle = time.perf_counter()
        api.respond_form("valuation", flat, page=True)  # and what the worker sends a page (its CSV is made on a download)
        runs.append((middle - start) * 1000)
        pages.append((time.perf_counter() - middle) * 1000)
    return {"lines": count, "repeats": repeats, "median_ms": round(statistics.median(runs), 1),
            "max_ms": round(max(runs), 1), "respond_median_ms": round(statistics.median(pages), 1)}


print(json.dumps(timings()))
