"""Figures the guidance quotes about monitoring, from policy.toml, so they are never typed twice."""

from __future__ import annotations

from ..money import format_money, format_percent
from .example import EXAMPLE
from .settings import default_monitoring


def status_thresholds() -> str:
    """"green at 95% or more, amber at 75% or more, and red below 75%"."""
    settings = default_monitoring()
    green, amber = format_percent(settings.green), format_percent(settings.amber)
    return f"green at {green} or more, amber at {amber} or more, and red below {amber}"


def procurement_act_value() -> str:
    """The contract value above which the Procurement Act's KPI duties apply: "£5,000,000"."""
    return format_money(default_monitoring().act_more_than, pence_shown=False)


def monitoring_example(*, run) -> dict:
    """The worked example's whole result (the quarterly delivery report template), for guidance
    that works through it. ``run`` is ``api.run``, which the build passes in."""
    return run("monitoring", EXAMPLE)


FIGURES = (status_thresholds, procurement_act_value, monitoring_example)
