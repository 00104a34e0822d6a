"""Results as CSV text, for the "Download CSV" button and the command line."""

from __future__ import annotations

import csv
import io


def _cites(cites) -> str:
    return "; ".join(c["label"] for c in cites)


def proportionality(result: dict) -> list[list]:
    rows = [["item", "value", "policy"]]
    for key, value in result["inputs"].items():
        rows.append([f"input: {key}", value, ""])
    for key in ("band", "band_label", "above_threshold", "threshold", "threshold_in_force_from", "regime",
                "weighting_min", "weighting_max", "weighting_recommended", "outcomes_min", "outcomes_max",
                "evaluation", "reporting"):
        rows.append([key, result.get(key), ""])
    rows.append(["priorities", "; ".join(result["priorities"]), ""])
    rows.extend(["requirement", r["text"], _cites(r["cites"])] for r in result["requirements"])
    rows.extend(["reason", r["text"], _cites(r["cites"])] for r in result["reasons"])
    rows.append(["threshold_source", result["threshold_source"]["title"], result["threshold_source"]["url"]])
    return rows


VALUATION_COLUMNS = (
    "line", "measure", "title", "label", "priority", "quantity", "unit", "years",
    "deadweight", "attribution", "displacement", "drop_off", "defaults_used",
    "proxy", "proxy_low", "proxy_high", "proxy_price_year", "proxy_per", "proxy_supplied_by_user",
    "proxy_source", "proxy_source_url", "valued", "gross", "net", "present_value",
)


def valuation_line(index: int, line: dict) -> dict:
    """One result line as flat named cells (shared with the CSV batch)."""
    proxy = line.get("proxy") or {}
    source = proxy.get("source") or {}
    return {
        "line": index + 1, "measure": line["measure"], "title": line["title"], "label": line["label"],
        "priority": line["priority"], "quantity": line["quantity"], "unit": line["unit"], "years": line["years"],
        "deadweight": line["deadweight"], "attribution": line["attribution"],
        "displacement": line["displacement"], "drop_off": line["drop_off"],
        "defaults_used": "; ".join(line.get("defaults_used", ())),
        "proxy": proxy.get("value"), "proxy_low": proxy.get("low"), "proxy_high": proxy.get("high"),
        "proxy_price_year": proxy.get("price_year"), "proxy_per": proxy.get("per"),
        "proxy_supplied_by_user": proxy.get("supplied_by_user"),
        "proxy_source": source.get("title"), "proxy_source_url": source.get("url"),
        "valued": line["valued"], "gross": line["gross"], "net": line["net"], "present_value": line["present_value"],
    }


def valuation(result: dict) -> list[list]:
    """One row per line with every figure, a totals row, then the summary figures and warnings."""
    rows = [list(VALUATION_COLUMNS)]
    for index, line in enumerate(result["lines"]):
        cells = valuation_line(index, line)
        rows.append([cells[column] for column in VALUATION_COLUMNS])
    totals = {"line": "total", **result["totals"]}
    rows.append([totals.get(column) for column in VALUATION_COLUMNS])
    inputs = result.get("inputs", {})
    rows.append([])
    rows.append(["price_year", inputs.get("price_year")])
    rows.append(["discount_rate", inputs.get("discount_rate")])
    rows.append(["contract_value", inputs.get("contract_value")])
    rows.append(["per_pound", result.get("per_pound")])
    for key in ("low", "central", "high"):
        rows.append([f"present_value_{key}", result["sensitivity"][key]])
    for row in result["by_priority"]:
        rows.append([f"present_value_{row['priority']}", row["present_value"]])
    for warning in result["warnings"]:
        line = "" if warning["line"] is None else warning["line"] + 1
        rows.append(["warning", warning["message"], warning["code"], line])
    return rows


TABLES = {"proportionality": proportionality, "valuation": valuation}


def to_csv(name: str, result: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in TABLES[name](result):
        writer.writerow(["true" if v is True else "false" if v is False else "" if v is None else v for v in row])
    return out.getvalue()
