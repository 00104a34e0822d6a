"""The report settings in policy.toml's [report] table: the thresholds of the suggested KPI rating
(this Toolkit's proposal), on the scale of the government's guidance on contract performance notices.

The council can edit them, so they are checked when loaded and every problem is reported in plain
words (``SettingsError``), as for the monitoring thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..data_files import DataFile, SettingsError

# The guidance's ratings, best first. "Other" is for performance none of these describes.
RATINGS = ("Good", "Approaching target", "Requires improvement", "Inadequate")


@dataclass(frozen=True)
class ReportSettings:
    ratings: tuple[tuple[str, Decimal], ...]  # (rating, at least this progress), best first
    status: str  # says the thresholds are this Toolkit's proposal
    source: dict  # {"title", "url", "published"}: where the ratings' names come from

    def rating(self, progress) -> str | None:
        """The suggested rating for a contract's progress; None when nothing is due yet."""
        if progress is None:
            return None
        return next(name for name, at_least in self.ratings if progress >= at_least)


def build_report(raw: dict, path="policy.toml") -> ReportSettings:
    """Check policy.toml's [report] table and build the settings; raise SettingsError listing every problem."""
    table = raw.get("report")
    if not isinstance(table, dict):
        raise SettingsError(path, ["there must be a [report] table with the KPI rating thresholds"])
    problems: list[str] = []
    found = table.get("ratings") if isinstance(table.get("ratings"), list) else []
    names = [item.get("rating") for item in found if isinstance(item, dict)]
    if tuple(names) != RATINGS:
        problems.append(f"report.ratings must give the guidance's ratings in this order: {', '.join(RATINGS)}")
    ratings = []
    for item in found:
        at_least = item.get("at_least") if isinstance(item, dict) else None
        if not isinstance(at_least, (int, float)) or isinstance(at_least, bool) or not 0 <= at_least <= 100:
            problems.append(f"report.ratings: each 'at_least' must be a percentage from 0 to 100")
            continue
        ratings.append((item.get("rating"), Decimal(str(at_least))))
    thresholds = [at_least for _, at_least in ratings]
    if thresholds != sorted(thresholds, reverse=True) or (thresholds and thresholds[-1] != 0):
        problems.append("report.ratings must fall from the first to the last, and the last must be at 0")
    status = table.get("status")
    if not isinstance(status, str) or not status.strip():
        problems.append("report.status must say whose thresholds these are")
    source = table.get("source")
    if not isinstance(source, dict) or not source.get("title") or not str(source.get("url", "")).startswith("https://"):
        problems.append("report.source needs a title and an https URL")
    if problems:
        raise SettingsError(path, problems)
    return ReportSettings(ratings=tuple(ratings), status=status, source=dict(source))


REPORT_SETTINGS = DataFile("policy.toml", build_report)
load_report, default_report = REPORT_SETTINGS.load, REPORT_SETTINGS.default
