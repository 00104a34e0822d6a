"""The monitoring settings in policy.toml's [monitoring] table: the status thresholds and remedies
(this Toolkit's proposal) and the Procurement Act 2023's duties for large contracts (the law).

The council can edit them, so they are checked when loaded and every problem is reported in plain
words (``SettingsError``), as for the proportionality bands.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..data_files import DataFile, SettingsError, check_cites, policy_refs

STATUSES = ("red", "amber", "green", "not_due")  # the order a result shows them in: reds first


@dataclass(frozen=True)
class MonitoringSettings:
    green: Decimal  # progress of at least this percentage is green
    amber: Decimal  # at least this is amber; below it, red
    status: str  # says the thresholds are this Toolkit's proposal
    remedies: dict  # status -> {"text", "cites"}
    act_more_than: Decimal  # the Procurement Act's duties apply to contracts worth more than this
    act_applies: str
    act_duties: tuple[dict, ...]  # {"text", "source": {"title", "url", "published"}}


def _percent(value, where: str, problems: list[str]) -> Decimal:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 100:
        return Decimal(str(value))
    problems.append(f"{where} must be a percentage above 0 and at most 100")
    return Decimal(0)


def build_monitoring(raw: dict, refs: dict | None = None, path="policy.toml") -> MonitoringSettings:
    """Check policy.toml's [monitoring] table and build the settings; raise SettingsError listing
    every problem."""
    refs = policy_refs() if refs is None else refs
    problems: list[str] = []
    table = raw.get("monitoring")
    if not isinstance(table, dict):
        raise SettingsError(path, ["there must be a [monitoring] table with the status thresholds and remedies"])
    green = _percent(table.get("green"), "monitoring.green", problems)
    amber = _percent(table.get("amber"), "monitoring.amber", problems)
    if green and amber and amber > green:
        problems.append(f"monitoring.amber ({amber}) must not be more than monitoring.green ({green})")
    status = table.get("status")
    if not isinstance(status, str) or not status.strip():
        problems.append("monitoring.status must say whose thresholds these are")
    remedies = {}
    raw_remedies = table.get("remedies") if isinstance(table.get("remedies"), dict) else {}
    for name in STATUSES:
        remedy = raw_remedies.get(name)
        if not isinstance(remedy, dict) or not isinstance(remedy.get("text"), str) or not remedy["text"].strip():
            problems.append(f"monitoring.remedies.{name} needs a 'text'")
            continue
        cites = remedy.get("cites", [])
        check_cites(cites, f"monitoring.remedies.{name}", refs, problems)
        remedies[name] = {"text": remedy["text"], "cites": list(cites)}
    act = table.get("procurement_act") if isinstance(table.get("procurement_act"), dict) else {}
    more_than = act.get("more_than")
    if not isinstance(more_than, int) or isinstance(more_than, bool) or more_than <= 0:
        problems.append("monitoring.procurement_act.more_than must be a whole number of pounds above 0")
        more_than = 0
    applies = act.get("applies")
    if not isinstance(applies, str) or not applies.strip():
        problems.append("monitoring.procurement_act needs an 'applies' text")
    duties = act.get("duties") if isinstance(act.get("duties"), list) else []
    if not duties:
        problems.append("monitoring.procurement_act needs at least one duty")
    for number, duty in enumerate(duties, start=1):
        source = duty.get("source") if isinstance(duty, dict) else None
        if not isinstance(duty, dict) or not isinstance(duty.get("text"), str) or not duty["text"].strip():
            problems.append(f"monitoring.procurement_act duty {number} needs a 'text'")
        if not isinstance(source, dict) or not source.get("title") or not str(source.get("url", "")).startswith("https://"):
            problems.append(f"monitoring.procurement_act duty {number} needs a source with a title and an https URL")
    if problems:
        raise SettingsError(path, problems)
    return MonitoringSettings(green=green, amber=amber, status=status, remedies=remedies,
                              act_more_than=Decimal(more_than), act_applies=applies, act_duties=tuple(duties))


MONITORING_SETTINGS = DataFile("policy.toml", build_monitoring)
load_monitoring, default_monitoring = MONITORING_SETTINGS.load, MONITORING_SETTINGS.default
