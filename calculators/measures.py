"""The measures catalogue (data/measures.toml): outcome measures, their sources and overlaps.

The council can edit the catalogue, so it is checked when loaded and every problem is reported in
plain words (``settings.SettingsError``). Other modules read it through ``catalogue()``,
``measure(id)``, ``sources()`` and ``overlaps()``, which load it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .checks import SOURCE_FIELDS, check_source, is_number, need_text, to_decimal
from .cleantext import name_key
from .corporate_plan import PRIORITIES
from .data_files import DataFile, SettingsError
from .discounting import schedule_ids

CUSTOM = "custom"  # the id a line uses for a measure that is not in the catalogue
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OBJECTIVES = range(1, 11)  # the draft Policy's ten objectives
PRICE_YEARS = range(2000, 2101)

TEXT_FIELDS = ("id", "title", "unit", "description", "evidence", "priority")
FLAG_FIELDS = ("employment", "core_delivery_risk")
ADJUSTMENTS = ("deadweight", "attribution", "displacement", "drop_off")
MEASURE_FIELDS = (TEXT_FIELDS + ("objectives",) + FLAG_FIELDS + ADJUSTMENTS
                  + tuple(f"{name}_reason" for name in ADJUSTMENTS))
PROXY_FIELDS = ("low", "central", "high", "price_year", "per", "source", "derivation", "counts", "schedule",
                "conditions", "wage")
NO_PROXY = "no_proxy_reason"  # a measure without a proxy says why, in plain words
# What a proxy counts: an outcome (a change for people or places) or an input (the cost of what
# was given, such as volunteers' time). An input cost is not evidence of an outcome.
COUNTS = ("outcome", "input")


@dataclass(frozen=True)
class Proxy:
    """A sourced £ value per unit, in the prices of ``price_year``."""

    low: Decimal
    central: Decimal
    high: Decimal
    price_year: int
    per: str
    source: dict  # the [[sources]] entry: id, title, publisher, url, published, licence, licence_url, licence_note
    derivation: str
    counts: str  # "outcome" or "input" (see COUNTS)
    schedule: str  # the discount schedule: "health" for WELLBY- and QALY-based values, else "standard"
    conditions: str  # when the value may be used
    # The part of the high value that is pay (MeasureUp's average wage), for a job for someone out of
    # work: the central value is the low value (the wellbeing gain) plus the post's own pay, if given.
    wage: Decimal | None = None


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    unit: str
    description: str
    evidence: str
    priority: str
    objectives: tuple[int, ...]
    employment: bool
    core_delivery_risk: bool
    deadweight: Decimal  # percent numbers: 25 means 25%
    attribution: Decimal
    displacement: Decimal
    drop_off: Decimal
    reasons: dict  # adjustment name -> why the default was chosen
    proxy: Proxy | None  # None: counted, but no open source gives a £ value
    no_proxy_reason: str = ""  # why there is no proxy (empty when there is one)


@dataclass(frozen=True)
class Catalogue:
    measures: tuple[Measure, ...]
    sources: dict  # id -> source dict
    overlaps: tuple[dict, ...]  # {"measures": (id, id), "reason": str}
    meta: dict  # includes own_proxy_guide: the guidance page for measures without a proxy


def _check_sources(raw_sources, problems: list[str]) -> dict:
    sources = {}
    if not isinstance(raw_sources, list) or not raw_sources:
        problems.append("there must be at least one [[sources]] entry")
        return sources
    for index, item in enumerate(raw_sources):
        where = f"source {item.get('id', index + 1)}" if isinstance(item, dict) else f"source {index + 1}"
        source = check_source(item, where, problems, SOURCE_FIELDS)
        source_id = source.get("id")
        if isinstance(source_id, str) and source_id:
            if source_id in sources:
                problems.append(f"{where}: the source id is used twice")
            sources[source_id] = source
    return sources


def _check_proxy(raw, where: str, sources: dict, problems: list[str]) -> Proxy | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: [measures.proxy] must be a table")
        return None
    for key in raw:
        if key not in PROXY_FIELDS:
            problems.append(f"{where}: '{key}' is not a proxy field (expected {', '.join(PROXY_FIELDS)})")
    ok = True
    amounts = {}
    for key in ("low", "central", "high"):
        value = raw.get(key)
        if not is_number(value) or value < 0:
            problems.append(f"{where}: proxy '{key}' must be a number of pounds, 0 or more")
            ok = False
        else:
            amounts[key] = to_decimal(value)
    if ok and not amounts["low"] <= amounts["central"] <= amounts["high"]:
        problems.append(f"{where}: the proxy values must satisfy low <= central <= high "
                        f"(they are {amounts['low']}, {amounts['central']} and {amounts['high']})")
        ok = False
    wage = raw.get("wage")
    if wage is not None and (not is_number(wage) or not 0 < to_decimal(wage) <= amounts.get("high", Decimal(0))):
        problems.append(f"{where}: proxy 'wage' must be the part of the high value that is pay: more than 0 and "
                        f"no more than the high value")
        ok = False
    year = raw.get("price_year")
    if not isinstance(year, int) or isinstance(year, bool) or year not in PRICE_YEARS:
        problems.append(f"{where}: proxy 'price_year' must be a year from {PRICE_YEARS[0]} to {PRICE_YEARS[-1]}")
        ok = False
    for key in ("per", "source", "derivation", "conditions"):
        if not need_text(raw, key, f"{where} proxy", problems):
            ok = False
    if raw.get("counts") not in COUNTS:
        problems.append(f"{where}: proxy 'counts' must say what the value counts: {' or '.join(COUNTS)}")
        ok = False
    if raw.get("schedule") not in schedule_ids():
        problems.append(f"{where}: proxy 'schedule' must name a discount schedule ({', '.join(schedule_ids())})")
        ok = False
    source_id = raw.get("source")
    if isinstance(source_id, str) and source_id and source_id not in sources:
        problems.append(f"{where}: the proxy source '{source_id}' is not one of the [[sources]]")
        ok = False
    elif isinstance(source_id, str) and source_id:
        if not str(sources[source_id].get("url", "")).startswith("https://"):
            ok = False  # already reported with the source
    if not ok:
        return None
    return Proxy(low=amounts["low"], central=amounts["central"], high=amounts["high"], price_year=year,
                 per=raw["per"], source=dict(sources[source_id]), derivation=raw["derivation"],
                 counts=raw["counts"], schedule=raw["schedule"], conditions=raw["conditions"],
                 wage=None if wage is None else to_decimal(wage))


def _check_measure(item, index: int, sources: dict, problems: list[str]) -> Measure | None:
    if not isinstance(item, dict):
        problems.append(f"measure {index + 1} must be a table")
        return None
    where = f"measure {item.get('id', index + 1)}"
    before = len(problems)
    for key in item:
        if key not in MEASURE_FIELDS and key not in ("proxy", NO_PROXY):
            problems.append(f"{where}: '{key}' is not a measure field")
    for key in TEXT_FIELDS + tuple(f"{name}_reason" for name in ADJUSTMENTS):
        need_text(item, key, where, problems)
    measure_id = item.get("id")
    if isinstance(measure_id, str) and measure_id and (not ID.match(measure_id) or measure_id == CUSTOM):
        problems.append(f"{where}: the id must be lower-case words joined by hyphens, and not '{CUSTOM}'")
    if isinstance(item.get("priority"), str) and item["priority"] not in PRIORITIES:
        problems.append(f"{where}: '{item['priority']}' is not a Corporate Plan priority "
                        f"({', '.join(PRIORITIES)})")
    objectives = item.get("objectives")
    if (not isinstance(objectives, list) or not objectives
            or not all(isinstance(o, int) and not isinstance(o, bool) and o in OBJECTIVES for o in objectives)):
        problems.append(f"{where}: 'objectives' must list Policy objectives by number, from 1 to 10, like [5, 8]")
    elif len(set(objectives)) != len(objectives):
        problems.append(f"{where}: 'objectives' lists an objective twice")
    for key in FLAG_FIELDS:
        if not isinstance(item.get(key), bool):
            problems.append(f"{where}: '{key}' must be true or false")
    for key in ADJUSTMENTS:
        value = item.get(key)
        if not is_number(value) or not 0 <= value <= 100:
            problems.append(f"{where}: '{key}' must be a percentage from 0 to 100")
    proxy = None
    if "proxy" in item:
        proxy = _check_proxy(item["proxy"], where, sources, problems)
        if NO_PROXY in item:
            problems.append(f"{where}: a measure with a proxy has no '{NO_PROXY}'")
    else:
        value = item.get(NO_PROXY)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where} has no proxy, so it needs a '{NO_PROXY}' text saying why")
    if len(problems) > before:
        return None
    return Measure(
        id=measure_id, title=item["title"], unit=item["unit"], description=item["description"],
        evidence=item["evidence"], priority=item["priority"], objectives=tuple(objectives),
        employment=item["employment"], core_delivery_risk=item["core_delivery_risk"],
        deadweight=to_decimal(item["deadweight"]), attribution=to_decimal(item["attribution"]),
        displacement=to_decimal(item["displacement"]), drop_off=to_decimal(item["drop_off"]),
        reasons={name: item[f"{name}_reason"] for name in ADJUSTMENTS}, proxy=proxy,
        no_proxy_reason=item.get(NO_PROXY, ""),
    )


def build_catalogue(raw: dict, path="measures.toml") -> Catalogue:
    """Check the raw catalogue and build it; raise SettingsError listing every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise SettingsError(path, ["the catalogue must be a TOML document"])
    sources = _check_sources(raw.get("sources"), problems)
    raw_measures = raw.get("measures")
    measures = []
    if not isinstance(raw_measures, list) or not raw_measures:
        problems.append("there must be at least one [[measures]] entry")
        raw_measures = []
    seen = set()
    for index, item in enumerate(raw_measures):
        measure = _check_measure(item, index, sources, problems)
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            if item["id"] in seen:
                problems.append(f"measure {item['id']}: the id is used twice")
            seen.add(item["id"])
        if measure:
            measures.append(measure)
    overlaps = []
    raw_overlaps = raw.get("overlaps", [])
    if not isinstance(raw_overlaps, list):
        problems.append("[[overlaps]] must be a list of tables")
        raw_overlaps = []
    for index, item in enumerate(raw_overlaps):
        where = f"overlap {index + 1}"
        pair = item.get("measures") if isinstance(item, dict) else None
        if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(m, str) for m in pair):
            problems.append(f"{where}: 'measures' must name two measures, like [\"local-employment\", \"ltu-into-work\"]")
            continue
        for measure_id in pair:
            if measure_id not in seen:
                problems.append(f"{where}: '{measure_id}' is not a measure in the catalogue")
        if pair[0] == pair[1]:
            problems.append(f"{where}: a measure cannot overlap with itself")
        reason = need_text(item, "reason", where, problems)
        overlaps.append({"measures": (pair[0], pair[1]), "reason": reason})
    meta = raw.get("meta") if isinstance(raw.get("meta"), dict) else {}
    guide = need_text(meta, "own_proxy_guide", "[meta]", problems)
    if guide and not guide.endswith(".md"):
        problems.append("[meta] own_proxy_guide must name a guidance page, like \"toolkit/build-your-own-proxy.md\"")
    if problems:
        raise SettingsError(path, problems)
    return Catalogue(measures=tuple(measures), sources=sources, overlaps=tuple(overlaps),
                     meta=dict(meta))


CATALOGUE = DataFile("measures.toml", build_catalogue)
load_catalogue, default_catalogue = CATALOGUE.load, CATALOGUE.default


@lru_cache(maxsize=None)
def _by_id() -> dict:
    return {m.id: m for m in default_catalogue().measures}


@lru_cache(maxsize=None)
def by_title() -> dict:
    """Measures by their title as names are compared (``cleantext.name_key``): worked out once, as a
    batch checks every custom row's label against it."""
    return {name_key(m.title): m for m in default_catalogue().measures}


def catalogue() -> tuple[Measure, ...]:
    """Every measure, in the catalogue's order."""
    return default_catalogue().measures


def measure(measure_id: str) -> Measure:
    """One measure by id; KeyError if there is none."""
    return _by_id()[measure_id]


def sources() -> dict:
    """id -> {id, title, publisher, url, published, licence, licence_url, licence_note}."""
    return default_catalogue().sources


def overlaps() -> tuple[dict, ...]:
    """Pairs of measures that double count if claimed for the same people or units."""
    return default_catalogue().overlaps
