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


TABLES = {"proportionality": proportionality}


def register(name: str, table) -> None:
    TABLES[name] = table


def to_csv(name: str, result: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in TABLES[name](result):
        writer.writerow(["true" if v is True else "false" if v is False else "" if v is None else v for v in row])
    return out.getvalue()
