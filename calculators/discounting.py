"""The Green Book discount schedules (data/discounting.toml) and discount factors.

Year 0 is the first year of delivery and is not discounted. Each later year is discounted at the
rate of the band it falls in, compounded: the factor for year t is 1 / Π (1 + r_k) for k = 1 … t.
On the standard schedule that is 1 / 1.035^t up to year 30, and 1 / (1.035^30 × 1.03^(t − 30))
from year 31 to 75. A flat rate given by the user replaces the schedule: 1 / (1 + r)^t.

The council can edit the file, so it is checked when loaded and every problem is reported in plain
words (``settings.SettingsError``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .arithmetic import HUNDRED, ONE
from .checks import SOURCE_FIELDS, check_source, is_number, is_whole, need_text, to_decimal
from .data_files import DataFile, SettingsError
from .money import format_number

STANDARD = "standard"
HEALTH = "health"  # WELLBY- and QALY-based values


@dataclass(frozen=True)
class Band:
    first: int  # first year of the band
    last: int | None  # last year of the band; None for the last band, which has no end
    rate: Decimal  # percent number: 3.5 means 3.5%


@dataclass(frozen=True)
class Schedule:
    id: str
    label: str
    applies_to: str
    bands: tuple[Band, ...]
    sources: tuple[dict, ...]
    note: str = ""

    def rate(self, year: int) -> Decimal:
        """The rate (percent) that discounts ``year`` against the year before it."""
        return next(band.rate for band in self.bands if band.last is None or year <= band.last)


@dataclass(frozen=True)
class Discounting:
    schedules: dict  # id -> Schedule
    sources: dict  # id -> source dict
    meta: dict


def _check_bands(raw, where: str, problems: list[str]) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where} needs 'bands', like [{{ from = 0, to = 30, rate = 3.5 }}]")
        return ()
    bands = []
    for number, item in enumerate(raw, 1):
        here = f"{where} band {number}"
        if not isinstance(item, dict):
            problems.append(f"{here} must be a table")
            continue
        first, last, rate = item.get("from"), item.get("to"), item.get("rate")
        if not is_whole(first) or first < 0:
            problems.append(f"{here}: 'from' must be a whole number of years, 0 or more")
            continue
        if last is not None and (not is_whole(last) or last < first):
            problems.append(f"{here}: 'to' must be a whole number of years, not before 'from'")
            continue
        if not is_number(rate) or not 0 <= rate <= 100:
            problems.append(f"{here}: 'rate' must be a percentage from 0 to 100")
            continue
        bands.append(Band(first, last, to_decimal(rate)))
    if bands and len(bands) == len(raw):
        if bands[0].first != 0:
            problems.append(f"{where}: the first band must start at year 0")
        for before, after in zip(bands, bands[1:]):
            if before.last is None or before.last + 1 != after.first:
                problems.append(f"{where}: bands must follow on year by year: one ends at "
                                f"{before.last}, the next starts at {after.first}")
        if bands[-1].last is not None:
            problems.append(f"{where}: the last band must have no 'to': it covers every later year")
    return tuple(bands)


def build_discounting(raw: dict, path="discounting.toml") -> Discounting:
    """Check the raw schedules and build them; raise SettingsError listing every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise SettingsError(path, ["the discount schedules must be a TOML document"])
    sources = {}
    raw_sources = raw.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        problems.append("there must be at least one [[sources]] entry")
        raw_sources = []
    for number, item in enumerate(raw_sources, 1):
        source = check_source(item, f"source {number}", problems, SOURCE_FIELDS)
        if source.get("id"):
            sources[source["id"]] = source
    schedules = {}
    raw_schedules = raw.get("schedules")
    if not isinstance(raw_schedules, list) or not raw_schedules:
        problems.append("there must be at least one [[schedules]] entry")
        raw_schedules = []
    for number, item in enumerate(raw_schedules, 1):
        if not isinstance(item, dict):
            problems.append(f"schedule {number} must be a table")
            continue
        where = f"schedule {item.get('id', number)}"
        for key in ("id", "label", "applies_to"):
            need_text(item, key, where, problems)
        cited = item.get("sources")
        if not isinstance(cited, list) or not cited:
            problems.append(f"{where} must name its sources, like sources = [\"green-book-2022\"]")
            cited = []
        for source_id in cited:
            if source_id not in sources:
                problems.append(f"{where} cites '{source_id}', which is not one of the [[sources]]")
        bands = _check_bands(item.get("bands"), where, problems)
        schedule_id = item.get("id")
        if isinstance(schedule_id, str) and schedule_id in schedules:
            problems.append(f"{where}: the schedule id is used twice")
        if isinstance(schedule_id, str) and schedule_id:
            schedules[schedule_id] = Schedule(
                id=schedule_id, label=item.get("label", ""), applies_to=item.get("applies_to", ""),
                bands=bands, sources=tuple(sources[s] for s in cited if s in sources),
                note=item.get("note", ""))
    for required in (STANDARD, HEALTH):
        if schedules and required not in schedules:
            problems.append(f"there must be a '{required}' schedule")
    if problems:
        raise SettingsError(path, problems)
    return Discounting(schedules=schedules, sources=sources, meta=dict(raw.get("meta") or {}))


DISCOUNTING = DataFile("discounting.toml", build_discounting)
load_discounting, default_discounting = DISCOUNTING.load, DISCOUNTING.default


def schedule_ids() -> tuple[str, ...]:
    return tuple(default_discounting().schedules)


def schedule(name: str = STANDARD, discounting: Discounting | None = None) -> Schedule:
    schedules = (discounting or default_discounting()).schedules
    if name not in schedules:
        raise ValueError(f"'{name}' is not a discount schedule ({', '.join(schedules)})")
    return schedules[name]


def _check_year(year) -> None:
    if not is_whole(year) or year < 0:
        raise ValueError("A year must be a whole number, 0 or more (0 is the first year)")


def _flat(flat_rate) -> Decimal:
    if isinstance(flat_rate, bool) or not isinstance(flat_rate, (int, Decimal)):
        raise TypeError("flat_rate must be a Decimal or an int percent number")
    flat_rate = Decimal(flat_rate)
    if not flat_rate.is_finite() or not 0 <= flat_rate <= 100:
        raise ValueError("A discount rate must be a percentage from 0 to 100")
    return flat_rate


def factor(year: int, name: str = STANDARD, flat_rate=None, discounting: Discounting | None = None) -> Decimal:
    """The discount factor for ``year`` (0 = first year, factor 1) on schedule ``name``.

    ``flat_rate`` (a percent number, such as a user's ``discount_rate``) replaces the schedule with
    one rate for every year: 1 / (1 + r)^year.
    """
    _check_year(year)
    if flat_rate is not None:
        return ONE / (ONE + _flat(flat_rate) / HUNDRED) ** year
    growth = ONE
    for band in schedule(name, discounting).bands:
        start = max(band.first, 1)  # year 0 is never discounted
        end = year if band.last is None else min(band.last, year)
        if end >= start:
            growth *= (ONE + band.rate / HUNDRED) ** (end - start + 1)
    return ONE / growth


def factors(years: int, name: str = STANDARD, flat_rate=None,
            discounting: Discounting | None = None) -> tuple[Decimal, ...]:
    """The factors for years 0, 1, … years − 1: one for each year a line is delivered."""
    _check_year(years)
    return tuple(factor(t, name, flat_rate, discounting) for t in range(years))


def discount_schedule(name: str = STANDARD) -> str:
    """The first two bands of a discount schedule in words: "3.5% a year for years 1 to 30 and ..."."""
    bands = [f"{format_number(band.rate)}% a year for years {max(band.first, 1)} to {band.last}"
             for band in schedule(name).bands[:2]]
    return " and ".join(bands)
