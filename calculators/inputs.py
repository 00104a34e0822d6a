"""Checking a calculation's raw inputs against its fields.

``parse_fields`` turns a raw JSON object (from the command line, a CSV row or the browser form,
where every value may be a string) into clean Python values, or into a list of ``{field, message}``
errors (see ``parsers`` for each kind's messages); ``in_form_order`` sorts errors as the form
shows its fields.
"""

from __future__ import annotations

from .cleantext import shown
from .field import Field
from .invalid_input import FIELD_PATH
from .parsers import PARSERS, blank_message, fraction_warning


def _is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


_NAMES: dict[int, tuple] = {}  # each specs tuple's names, by its id (the tuple is kept, so no id is reused)


def _names(specs: tuple[Field, ...]) -> frozenset:
    found = _NAMES.get(id(specs))
    if found is None or found[0] is not specs:
        found = _NAMES[id(specs)] = (specs, frozenset(spec.name for spec in specs))
    return found[1]


def parse_fields(specs: tuple[Field, ...], raw, prefix: str = "",
                 warnings: list[dict] | None = None, memo: dict | None = None) -> tuple[dict, list[dict]]:
    """Check a raw JSON object against field specs. Returns (values, errors); values that are
    accepted but look like a slip (a percentage typed as a fraction) add to ``warnings``.
    ``memo``: what each text already read gave, kept by ``parse_lines`` over all its items (see there)."""
    if not isinstance(raw, dict):
        return {}, [{"field": prefix.rstrip("."), "message": "The inputs must be a JSON object of named values"}]
    values, errors = {}, []
    known = _names(specs)
    for name in raw if not raw.keys() <= known else ():
        if name not in known:
            named = shown(str(name))  # a name can hold anything: nothing a terminal would run
            errors.append({"field": f"{prefix}{named}", "message": f"'{named[:40]}' is not an input of this calculator"})
    for spec in specs:  # a path is named only for a message: a batch checks every field of every row
        item = raw.get(spec.name)
        if spec.kind == "lines":
            parsed, item_errors = parse_lines(spec, item, f"{prefix}{spec.name}", warnings, memo)
            values[spec.name] = parsed
            errors.extend(item_errors)
            continue
        if item is None or (isinstance(item, str) and not item.strip()):  # _is_blank, inline: a million calls
            if spec.required:
                errors.append({"field": f"{prefix}{spec.name}", "message": blank_message(spec)})
            else:
                values[spec.name] = spec.default() if callable(spec.default) else spec.default
            continue
        if memo is not None and type(item) is str and spec.kind != "integers":  # a list is not shared
            key = (id(spec), item)
            found = memo.get(key)
            if found is None:
                found = memo[key] = PARSERS[spec.kind](spec, item)
            value, message = found
        else:
            value, message = PARSERS[spec.kind](spec, item)
        if message:
            errors.append({"field": f"{prefix}{spec.name}", "message": message})
            continue
        values[spec.name] = value
        if warnings is not None and spec.kind == "percent" and (slip := fraction_warning(spec, value)):
            warnings.append({"field": f"{prefix}{spec.name}", "message": slip})
    return values, errors


def in_form_order(errors: list[dict], specs: tuple[Field, ...]) -> list[dict]:
    """Errors in the order of their fields in the form, as GOV.UK's error summary lists them. Errors
    on one field keep their order; an input the calculator does not have comes first, as it is found."""
    def place(error: dict) -> tuple:
        where, level = [], specs
        for name, index in FIELD_PATH.findall(error["field"]):
            if index:
                where.append(int(index))
                continue
            names = [spec.name for spec in level]
            if name not in names:
                where.append(-1)
                break
            where.append(names.index(name))
            level = level[names.index(name)].item_fields
        return tuple(where)

    return sorted(errors, key=place)


def parse_lines(spec: Field, raw, path: str, warnings: list[dict] | None = None,
                memo: dict | None = None) -> tuple[list, list[dict]]:
    """A list of items, each checked against the item fields; errors are named like lines[2].quantity.

    An optional list (a bid's outcome lines) left out takes its default. Items repeat the same texts
    (a measure, a reference, a quantity, quarter after quarter), so what each text gave for each field
    is kept in ``memo`` (by the field and the text) and read once: parsing is a function of the two,
    and its values (numbers, dates, texts) are never changed in place."""
    if _is_blank(raw) and not spec.required:
        return spec.default, []
    at_least = f"Add at least {spec.min_items} {spec.items_noun(spec.min_items)}"
    if raw is None or raw == "":
        return [], [{"field": path, "message": at_least}]
    if not isinstance(raw, list):
        return [], [{"field": path, "message": f"{spec.label} must be a list"}]
    if len(raw) < spec.min_items:
        return [], [{"field": path, "message": at_least}]
    if len(raw) > spec.max_items:
        return [], [{"field": path, "message": f"You can add up to {spec.max_items:,} {spec.plural}"}]
    items, errors = [], []
    memo = {} if memo is None else memo
    for index, item in enumerate(raw):
        values, item_errors = parse_fields(spec.item_fields, item, f"{path}[{index}].", warnings, memo)
        items.append(values)
        errors.extend(item_errors)
    return items, errors
