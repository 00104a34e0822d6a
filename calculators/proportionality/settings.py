"""The proportionality's settings: the bands in policy.toml (this Toolkit's proposal, which the
council can edit) and the Procurement Act's thresholds in thresholds.toml. Both are checked when
loaded (see ``data_files``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..corporate_plan import PRIORITIES
from ..data_files import DataFile, SettingsError, check_cites, policy_refs
from .categories import CATEGORIES

THRESHOLD = "threshold"  # the symbolic band bound: the goods and services threshold on the date
BAND_EDGE = "goods"  # whose threshold that is (goods and services share one figure for councils)
# The weighting factors the proportionality calculator can ask about: its four yes-or-no inputs,
# and the contract's length. An edited policy may use these and no others.
FACTOR_IDS = ("labour_intensive", "local_supply_chain", "environmental_impact", "community_facing", "long_contract")


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    lower: object  # Decimal, or THRESHOLD
    upper: object  # Decimal, THRESHOLD, or None for the top band
    weighting: tuple[int, int]
    outcomes: tuple[int, int]
    evaluation: str
    reporting: str
    requirements: tuple[dict, ...]


@dataclass(frozen=True)
class Policy:
    """The proportionality rules: bands, weighting factors and suggested priorities."""

    bands: tuple[Band, ...]
    factors: tuple[dict, ...]
    long_contract_months: int
    priorities: dict
    meta: dict


def _is_finite_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
        and value not in (float("inf"), float("-inf"))


def _bound(value, where: str, problems: list[str]):
    if value == THRESHOLD:
        return THRESHOLD
    if _is_finite_number(value) and value >= 0:
        return Decimal(str(value))
    problems.append(f"{where} must be a number of pounds (0 or more) or \"threshold\"")
    return None


def _pair(value, where: str, problems: list[str], top: int) -> tuple[int, int]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= top for v in value)):
        problems.append(f"{where} must be a pair of whole numbers between 0 and {top}, like [10, 15]")
        return (0, 0)
    if value[0] > value[1]:
        problems.append(f"{where}: the minimum ({value[0]}) must not be more than the maximum ({value[1]})")
    return (value[0], value[1])


def _tables(value, path: str, problems: list[str], required: bool = True) -> list[dict]:
    """A TOML array of tables at ``path``: the tables, with a problem for anything else."""
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value):
        problems.append(f"{path} must be a list of tables, with at least one entry")
        return []
    tables = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            tables.append(item)
        else:
            problems.append(f"{path}[{index}] must be a table with named values, not {type(item).__name__}")
    return tables


def _texts(item: dict, keys, where: str, path: str, problems: list[str]) -> None:
    for key in keys:
        if not isinstance(item.get(key), str) or not item[key].strip():
            problems.append(f"{where} needs a '{key}' text (at {path}.{key})")


def _cited_texts(value, where: str, path: str, refs: dict, problems: list[str]) -> tuple[dict, ...]:
    """A list of {text, cites} tables (requirements, priority suggestions)."""
    items = _tables(value, path, problems, required=False)
    for index, item in enumerate(items):
        _texts(item, ("text",), where, f"{path}[{index}]", problems)
        check_cites(item.get("cites", ()), where, refs, problems)
    return tuple(items)


def build_policy(raw: dict, refs: dict | None = None, path="policy.toml") -> Policy:
    """Check the raw settings and build the Policy; raise SettingsError listing every problem, each
    with its key path in the file (bands[2].from)."""
    refs = policy_refs() if refs is None else refs
    problems: list[str] = []
    bands = []
    for index, item in enumerate(_tables(raw.get("bands"), "bands", problems)):
        at = f"bands[{index}]"
        where = f"band {item.get('id', index + 1)}"
        lower = _bound(item.get("from"), f"{where} 'from' (at {at}.from)", problems)
        upper = None if "to" not in item else _bound(item["to"], f"{where} 'to' (at {at}.to)", problems)
        _texts(item, ("id", "label", "evaluation", "reporting"), where, at, problems)
        bands.append(Band(
            id=str(item.get("id", "")), label=str(item.get("label", "")), lower=lower, upper=upper,
            weighting=_pair(item.get("weighting"), f"{where} weighting", problems, 100),
            outcomes=_pair(item.get("outcomes"), f"{where} outcomes", problems, 50),
            evaluation=str(item.get("evaluation", "")), reporting=str(item.get("reporting", "")),
            requirements=_cited_texts(item.get("requirements"), f"{where} requirement", f"{at}.requirements",
                                      refs, problems),
        ))
    if bands and all(band.lower is not None for band in bands):  # bad bounds are reported above
        if bands[0].lower != Decimal(0):
            problems.append(f"the first band ({bands[0].id}) must start from 0")
        for before, after in zip(bands, bands[1:]):
            if before.upper is None or before.upper != after.lower:
                problems.append(
                    f"bands must be contiguous: band {before.id} ends at {before.upper} "
                    f"but band {after.id} starts at {after.lower}")
        if bands[-1].upper is not None:
            problems.append(f"the last band ({bands[-1].id}) must have no 'to': it covers every larger value")
        numbers = [b.lower for b in bands if b.lower != THRESHOLD]
        if numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
            problems.append("the bands' 'from' values must rise from one band to the next")
        if sum(b.lower == THRESHOLD for b in bands) > 1:
            problems.append("only one band may start at the threshold")
        if len({b.id for b in bands}) != len(bands):
            problems.append("band ids must be different")
    recommendation = raw.get("recommendation", {})
    if not isinstance(recommendation, dict):
        problems.append("recommendation must be a table")
        recommendation = {}
    factors = tuple(_tables(recommendation.get("factors"), "recommendation.factors", problems))
    for index, factor in enumerate(factors):
        at = f"recommendation.factors[{index}]"
        _texts(factor, ("id", "label", "text"), f"factor {factor.get('id', index + 1)}", at, problems)
        if isinstance(factor.get("id"), str) and factor["id"] not in FACTOR_IDS:
            problems.append(f"factor '{factor['id']}' (at {at}.id) is not one the calculator can ask about: "
                            f"use one of {', '.join(FACTOR_IDS)}")
        check_cites(factor.get("cites", ()), f"factor {factor.get('id')}", refs, problems)
    if len({factor.get("id") for factor in factors}) != len(factors):
        problems.append("recommendation.factors: each factor id may be used once")
    months = recommendation.get("long_contract_months")
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 600:
        problems.append("recommendation.long_contract_months must be a whole number of months from 1 to 600")
        months = 36
    priorities = raw.get("priorities", {})
    if not isinstance(priorities, dict):
        problems.append("priorities must be a table of lists, like always = [{ priority = \"Prosperous\", ... }]")
        priorities = {}
    for key, items in priorities.items():
        for index, item in enumerate(_tables(items, f"priorities.{key}", problems)):
            if item.get("priority") not in PRIORITIES:
                problems.append(f"priorities.{key}: '{item.get('priority')}' is not a Corporate Plan priority "
                                f"(at priorities.{key}[{index}].priority)")
            _texts(item, ("text",), f"priorities.{key}", f"priorities.{key}[{index}]", problems)
            check_cites(item.get("cites", ()), f"priorities.{key}", refs, problems)
    if problems:
        raise SettingsError(path, problems)
    return Policy(bands=tuple(bands), factors=factors, long_contract_months=months,
                  priorities=priorities, meta=raw.get("meta", {}))


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None
    amounts: dict  # category -> Decimal
    source: dict


def build_thresholds(raw: dict, path="thresholds.toml") -> tuple[tuple[Period, ...], tuple[dict, ...]]:
    problems: list[str] = []
    periods = []
    for index, item in enumerate(raw.get("periods", ())):
        where = f"period {index + 1}"
        start, end = item.get("from"), item.get("to")
        if not isinstance(start, dt.date) or (end is not None and not isinstance(end, dt.date)):
            problems.append(f"{where}: 'from' and 'to' must be dates like 2026-01-01")
            continue
        amounts = {}
        for category in CATEGORIES:
            value = item.get(category)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                problems.append(f"{where}: '{category}' must be a whole number of pounds above 0")
            else:
                amounts[category] = Decimal(value)
        source = item.get("source") or {}
        if not (source.get("title") and str(source.get("url", "")).startswith("https://")):
            problems.append(f"{where}: every threshold needs a source with a title and an https URL")
        periods.append(Period(start, end, amounts, source))
    if not periods:
        problems.append("there must be at least one [[periods]] entry")
    for before, after in zip(periods, periods[1:]):
        if before.end is None or before.end + dt.timedelta(days=1) != after.start:
            problems.append(f"periods must follow on day by day: one ends {before.end}, the next starts {after.start}")
    if periods and periods[-1].end is not None:
        problems.append("the last period must have no 'to' date: it is in force until replaced")
    if problems:
        raise SettingsError(path, problems)
    return tuple(periods), tuple(raw.get("regimes", ()))


POLICY = DataFile("policy.toml", build_policy)
THRESHOLDS = DataFile("thresholds.toml", build_thresholds)
load_policy, default_policy = POLICY.load, POLICY.default
thresholds = THRESHOLDS.default
