"""Times the report calculator on issue 26's scale: 500 contracts × 20 commitments × 4 quarters
(40,000 rows) from CSV, read as the page reads them (four files, a quarter each, within the size limit
of one file). Run as is by CPython and by Pyodide (bench/pyodide_valuation.mjs runs any script), so
both runtimes time exactly the same code. Prints one JSON line with two medians:

- ``median_ms``: the core's compute, ``api.run("report", inputs)`` on the inputs already read from
  the files (checking them, running monitoring for every report, the report's figures, its JSON-ready
  result). Issue 26's target, "the core in Pyodide in 2 s or less", is about this figure (bench's
  ``report_40000_rows_pyodide_median_ms``);
- ``open_median_ms``: the whole open, ``api.open_files``: reading the files too, and the result's
  HTML, downloads and reply text, as the page gets them;

and the peak memory Python allocated while opening them (tracemalloc, in a separate run: tracing
slows it down)."""

import json
import statistics
import time
import tracemalloc

from calculators import api, file_reading, registry

MEASURES = ("local-employment", "apprenticeships", "work-placements", "volunteering-hours", "carbon-avoided",
            "vulnerable-residents-support", "spend-local-sme", "training-hours", "careers-engagement",
            "waste-diverted")
QUARTERS = (("2026-04-01", "2026-06-30", 3), ("2026-07-01", "2026-09-30", 6), ("2026-10-01", "2026-12-31", 9),
            ("2027-01-01", "2027-03-31", 12))
HEADER = ("contract_reference,provider,provider_type,contract_value,contract_months,quarter_start,quarter_end,"
          "months_elapsed,ref,measure,quantity,years,price_year,delivered,verified\n")


def files(contracts: int = 500, commitments: int = 20) -> list[dict]:
    """One CSV file a quarter, each with every contract's report for it."""
    out = []
    for start, end, elapsed in QUARTERS:
        rows = [HEADER]
        for c in range(contracts):
            kind = ("sme", "vcse", "large", "")[c % 4]
            for k in range(commitments):
                quantity = 1 + (c + k) % 17
                delivered = round(quantity * elapsed / 12 * (0.6 + ((c * 7 + k) % 9) / 16), 2)
                rows.append(f"C{c:04d},Provider {c},{kind},{250000 + c * 1000},36,{start},{end},{elapsed},K{k + 1},"
                            f"{MEASURES[k % len(MEASURES)]},{quantity},3,2026,{delivered},{round(delivered / 2, 2)}\n")
        out.append({"name": f"quarter-ending-{end}.csv", "text": "".join(rows)})
    return out


def _median_ms(work, repeats: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        runs.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(runs), 1), round(max(runs), 1)


def timings(repeats: int = 3) -> dict:
    chosen = files()
    text = json.dumps(chosen)
    reply = json.loads(api.open_files("report", text))  # warm: the catalogue and settings are read once
    assert reply["ok"], reply["errors"][:3]
    inputs, problems, _ = file_reading.read_files(registry.get("report"), [(f["name"], f["text"]) for f in chosen])
    assert not problems, problems[:3]
    compute_ms, compute_max_ms = _median_ms(lambda: api.run("report", inputs), repeats)
    open_ms, open_max_ms = _median_ms(lambda: api.open_files("report", text), repeats)
    tracemalloc.start()
    api.open_files("report", text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"contracts": reply["result"]["totals"]["contracts"], "rows": sum(f["text"].count("\n") - 1 for f in chosen),
            "files": len(chosen), "largest_file_mb": round(max(len(f["text"]) for f in chosen) / 1e6, 2),
            "repeats": repeats, "median_ms": compute_ms, "max_ms": compute_max_ms,
            "open_median_ms": open_ms, "open_max_ms": open_max_ms, "peak_memory_mb": round(peak / 1e6, 1)}


print(json.dumps(timings()))
