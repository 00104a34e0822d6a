"""The one list of calculators. The command line, the CSV batch, ``api``, the build macros and
the worker (through ``api``) all read it; nothing else names a calculator."""

from __future__ import annotations

from collections.abc import Mapping

from .calculator import Calculator
from .evaluation import Evaluation
from .inputs import InvalidInput
from .monitoring import Monitoring
from .proportionality import Proportionality
from .valuation import Valuation

CALCULATORS: dict[str, Calculator] = {}


def register(calculator: Calculator) -> Calculator:
    """Add a calculator (tests register throwaway ones at run time)."""
    CALCULATORS[calculator.name] = calculator
    return calculator


def unregister(name: str) -> None:
    CALCULATORS.pop(name, None)


def get(name) -> Calculator:
    """The calculator called ``name``; InvalidInput (a field error) when there is none."""
    found = CALCULATORS.get(name) if isinstance(name, str) else None
    if found is None:
        raise InvalidInput([{"field": "", "message": f"There is no calculator called '{str(name)[:40]}'"}])
    return found


def names() -> tuple[str, ...]:
    return tuple(CALCULATORS)


class _View(Mapping):
    """A read-only view of one attribute of every registered calculator, by name."""

    def __init__(self, attribute: str):
        self._attribute = attribute

    def __getitem__(self, name):
        return getattr(CALCULATORS[name], self._attribute)

    def __iter__(self):
        return iter(CALCULATORS)

    def __len__(self):
        return len(CALCULATORS)


SPECS = _View("fields")  # name -> the calculator's field specs

for _calculator in (Proportionality(), Valuation(), Evaluation(), Monitoring()):
    register(_calculator)
