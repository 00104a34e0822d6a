"""The report's worked example: six made-up contracts over the four quarters of 2026-27, each with
real measures from the catalogue. Every name, reference and quantity is invented to show how the
report works; none is a real contract or provider. The same example is the file
docs/toolkit/templates/report-worked-example.csv (``example_csv``; a test checks they agree).

Five contracts report every quarter. WE-06 stopped after September, so by March its latest report
is stale. WE-05's provider reports delivery but the contract manager has verified none of it. In
the other contracts, each quarter's claims are verified by the next quarter, so the latest quarter
is verified up to what was claimed the quarter before.

Three measures are in three contracts each (apprenticeships, spend with local SMEs and volunteering
hours), as many as policy.toml's [benchmarks] min_contracts asks, so the example's benchmarks file
(``example_benchmarks``, shipped on the templates page) has a row for each.
"""

from __future__ import annotations

from .. import commitments

PRICE_YEAR = 2026
QUARTERS = (("2026-04-01", "2026-06-30", 3), ("2026-07-01", "2026-09-30", 6), ("2026-10-01", "2026-12-31", 9),
            ("2027-01-01", "2027-03-31", 12))

# (reference, title, provider, provider type, contract value, contract months, commitments, verified?)
# Each commitment: (ref, measure, quantity a year, years, delivered to date at the end of each quarter).
CONTRACTS = (
    ("WE-01", "Home support services", "Example Care Ltd", "sme", 2400000, 36, (
        ("SV1", "ltu-into-work", 4, 3, (0.8, 1.6, 2.6, 3.6)),
        ("SV2", "apprenticeships", 2, 3, (0.5, 1, 1.5, 2)),
        ("SV3", "vulnerable-residents-support", 40, 3, (6, 12, 22, 34)),
    ), True),
    ("WE-02", "Highways maintenance", "Example Roads plc", "large", 12000000, 60, (
        ("SV1", "local-employment", 10, 5, (2.5, 5.2, 7.8, 10.5)),
        ("SV2", "apprenticeships", 3, 5, (0.5, 1, 1.5, 2)),
        ("SV3", "carbon-avoided", 50, 5, (10, 22, 36, 49)),
        ("SV4", "spend-local-sme", 200000, 5, (48000, 101000, 150500, 203000)),
        ("SV5", "volunteering-hours", 300, 5, (60, 130, 200, 270)),
    ), True),
    ("WE-03", "Youth outreach", "Example Youth Trust", "vcse", 450000, 24, (
        ("SV1", "volunteering-hours", 500, 2, (130, 260, 390, 520)),
        ("SV2", "health-wellbeing-programmes", 60, 2, (15, 28, 40, 55)),
    ), True),
    ("WE-04", "Office cleaning", "Example Clean Co", "sme", 800000, 36, (
        ("SV1", "living-wage-staff", 6, 3, (1.5, 3, 4.5, 6)),
        ("SV2", "spend-local-sme", 15000, 3, (3000, 6800, 10500, 13200)),
    ), True),
    ("WE-05", "ICT support", "Example Digital Ltd", None, 6500000, 48, (
        ("SV1", "volunteering-hours", 200, 4, (40, 90, 140, 170)),
        ("SV2", "training-hours", 400, 4, (80, 150, 240, 330)),
        ("SV3", "apprenticeships", 2, 4, (0.5, 1, 1.5, 1.5)),
    ), False),
    ("WE-06", "Community transport", "Example Community Transport CIC", "vcse", 1200000, 36, (
        ("SV1", "regular-volunteers", 10, 3, (2, 4.5)),
        ("SV2", "spend-local-sme", 20000, 3, (5200, 10400)),
    ), True),
)


def _report(contract: tuple, quarter: int) -> dict:
    reference, title, provider, kind, value, months, lines, verified = contract
    start, end, elapsed = QUARTERS[quarter]
    report = {"contract_reference": reference, "contract_title": title, "provider": provider,
              "provider_type": kind, "contract_value": value, "contract_months": months,
              "quarter_start": start, "quarter_end": end, "months_elapsed": elapsed, "price_year": PRICE_YEAR,
              "commitments": []}
    for ref, measure, quantity, years, delivered in lines:
        line = {"ref": ref, "measure": measure, "quantity": quantity, "years": years, "delivered": delivered[quarter]}
        if verified:
            line["verified"] = delivered[quarter] if quarter < len(delivered) - 1 else delivered[quarter - 1]
        report["commitments"].append(line)
    return report


EXAMPLE = {"price_year": PRICE_YEAR,
           "reports": [_report(contract, quarter) for contract in CONTRACTS
                       for quarter in range(len(contract[6][0][4]))]}


def example_csv() -> str:
    """The worked example as one delivery report file, its contracts told apart by contract_reference."""
    rows = [{**{key: value for key, value in report.items() if key != "commitments"}, **line}
            for report in EXAMPLE["reports"] for line in report["commitments"]]
    return commitments.write_csv(rows, commitments.DELIVERY_REPORT_COLUMNS)


BENCHMARKS_NAME = "report-worked-example-benchmarks"  # .csv and .xlsx, on the templates page


def example_benchmarks() -> dict[str, str | bytes]:
    """The worked example's benchmarks file as the report page's "Download benchmarks" buttons write it
    (CSV text and .xlsx bytes), by file name; the site's build puts both on the templates page."""
    import base64
    import json

    from .. import api, registry

    result = api.run("report", EXAMPLE)
    workbook = json.loads(api.download_xlsx("report", json.dumps(result["inputs"]), "benchmarks"))
    if not workbook["ok"]:
        raise RuntimeError(f"The worked example's benchmarks workbook could not be written: {workbook['errors']}")
    return {f"{BENCHMARKS_NAME}.csv": registry.get("report").download_texts(result)["benchmarks"],
            f"{BENCHMARKS_NAME}.xlsx": base64.b64decode(workbook["base64"])}
