"""Prices in one year: move a £ figure between price years with HM Treasury's GDP deflators.

The deflators (data/deflators.toml) are outturn years only, 2024 = 100. A figure in ``from_year``
prices is worth ``amount × index[to_year] / index[from_year]`` in ``to_year`` prices. A year after
the last outturn year uses the last outturn year (no forecast), and the result says so, so the
caller can warn. A year before the first year is an error.

The council can edit the file, so it is checked when loaded and every problem is reported in plain
words (``settings.SettingsError``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .arithmetic import HUNDRED
from .checks import check_source, is_number, is_whole, need_text, to_decimal
from .data_files import DataFile, SettingsError

SOURCE_FIELDS = ("title", "publisher", "url", "vintage", "licence", "licence_url", "licence_note")
COPY_FIELDS = ("title", "publisher", "url", "licence", "licence_url", "licence_note")


class PriceYearError(ValueError):
    """A price year the deflators cannot serve; the message says why in plain words."""


@dataclass(frozen=True)
class Deflators:
    index: dict  # year -> Decimal index, base year = 100
    base_year: int
    first_year: int
    last_year: int  # the last outturn year
    source: dict  # title, publisher, url, vintage, licence, licence_url, licence_note
    copy: dict  # the machine-readable copy the figures were read from
    meta: dict


@dataclass(frozen=True)
class Indexed:
    """A figure moved from ``from_year`` prices to ``to_year`` prices."""

    amount: Decimal  # in to_year prices (unrounded)
    factor: Decimal  # index[used_to] / index[used_from]
    from_year: int
    to_year: int
    used_from: int  # the deflator years used: a year after the last outturn year uses that year
    used_to: int

    @property
    def capped(self) -> bool:
        """True when a year after the last outturn year was replaced by it: warn the reader."""
        return (self.used_from, self.used_to) != (self.from_year, self.to_year)


def build_deflators(raw: dict, path="deflators.toml") -> Deflators:
    """Check the raw deflators and build them; raise SettingsError listing every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise SettingsError(path, ["the deflators must be a TOML document"])
    meta = raw.get("meta") if isinstance(raw.get("meta"), dict) else {}
    source = check_source(raw.get("source"), "[source]", problems, SOURCE_FIELDS)
    copy = check_source(raw.get("copy"), "[copy]", problems, COPY_FIELDS)
    need_text(meta, "vintage", "[meta]", problems)
    base_year = meta.get("base_year")
    if not is_whole(base_year):
        problems.append("[meta] needs a 'base_year', a whole year like 2024")
        base_year = None
    index: dict[int, Decimal] = {}
    raw_index = raw.get("index")
    if not isinstance(raw_index, dict) or not raw_index:
        problems.append("there must be an [index] table of years, like 2019 = 81.1085")
        raw_index = {}
    for key, value in raw_index.items():
        if not (key.isdigit() and len(key) == 4):
            problems.append(f"[index]: '{key}' is not a year")
        elif not is_number(value) or value <= 0:
            problems.append(f"[index]: the index for {key} must be a number above 0")
        else:
            index[int(key)] = to_decimal(value)
    years = sorted(index)
    if years:
        missing = [year for year in range(years[0], years[-1] + 1) if year not in index]
        if missing:
            problems.append(f"[index]: every year from {years[0]} to {years[-1]} needs an index; "
                            f"missing {', '.join(map(str, missing))}")
        if base_year is not None and index.get(base_year) != HUNDRED:
            problems.append(f"[index]: the base year {base_year} must have the index 100")
    if problems:
        raise SettingsError(path, problems)
    return Deflators(index=index, base_year=base_year, first_year=years[0], last_year=years[-1],
                     source=source, copy=copy, meta=dict(meta))


DEFLATORS = DataFile("deflators.toml", build_deflators)
load_deflators, default_deflators = DEFLATORS.load, DEFLATORS.default


def first_year(deflators: Deflators | None = None) -> int:
    return (deflators or default_deflators()).first_year


def last_outturn_year(deflators: Deflators | None = None) -> int:
    """The last year with an outturn deflator; later price years are served by this one."""
    return (deflators or default_deflators()).last_year


def effective_year(year: int, deflators: Deflators | None = None) -> int:
    """The deflator year that serves ``year``: itself, or the last outturn year if it is later."""
    deflators = deflators or default_deflators()
    if not is_whole(year):
        raise PriceYearError("A price year must be a whole year, like 2024")
    if year < deflators.first_year:
        raise PriceYearError(f"There is no GDP deflator for {year}: the series starts in "
                             f"{deflators.first_year}. Use a price year from {deflators.first_year} on")
    return min(year, deflators.last_year)


def factor(from_year: int, to_year: int, deflators: Deflators | None = None) -> Decimal:
    """What £1 in ``from_year`` prices is worth in ``to_year`` prices (unrounded)."""
    deflators = deflators or default_deflators()
    used_from, used_to = effective_year(from_year, deflators), effective_year(to_year, deflators)
    return deflators.index[used_to] / deflators.index[used_from]


def index(amount, from_year: int, to_year: int, deflators: Deflators | None = None) -> Indexed:
    """``amount`` (a Decimal or int of pounds) in ``from_year`` prices, moved to ``to_year`` prices.

    For example, the WELLBY's £13,000 in 2019 prices is 13,000 × 100 / 81.1085 in 2024 prices.
    """
    if isinstance(amount, bool) or not isinstance(amount, (int, Decimal)):
        raise TypeError("amount must be a Decimal or an int of pounds")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise ValueError("amount must be a finite number of pounds")
    deflators = deflators or default_deflators()
    used_from, used_to = effective_year(from_year, deflators), effective_year(to_year, deflators)
    ratio = deflators.index[used_to] / deflators.index[used_from]
    return Indexed(amount=amount * ratio, factor=ratio, from_year=from_year, to_year=to_year,
                   used_from=used_from, used_to=used_to)
