"""The only door into the calculators: ``run(name, inputs) -> result``.

The command line, the site build (macros) and the browser worker all come through here, so they
validate, compute and describe results in exactly the same way.
"""

from __future__ import annotations

import json
import re

from . import cleantext, export, permalink, registry, render
from .inputs import FIELD_PATH, InvalidInput, in_form_order, parse_fields
from .money import to_json


def validate(name: str, inputs, warnings: list[dict] | None = None) -> dict:
    """Clean values for a calculator's inputs; raises InvalidInput listing every problem, in the
    order of the form: each field's own checks and the rules between fields (``Calculator.rules``),
    skipping a rule's message for a field that already has one. Values accepted but likely slips
    (0.5 for 50%) add a ``{field, message}`` to ``warnings``."""
    calculator = registry.get(name)
    if broken := cleantext.broken_text(inputs):  # before any message could repeat a broken character
        raise InvalidInput(in_form_order(broken, calculator.fields))
    values, errors = parse_fields(calculator.fields, inputs, warnings=warnings)
    failed = {error["field"] for error in errors}
    errors += [error for error in calculator.rules(values) if error["field"] not in failed]
    if errors:
        raise InvalidInput(in_form_order(errors, calculator.fields))
    return values


def run(name: str, inputs, **options) -> dict:
    """Validate, compute and return the JSON-ready result (with its inputs and permalink)."""
    field_warnings: list[dict] = []
    values = validate(name, inputs, field_warnings)
    result = registry.get(name).compute(values, **options)
    # A result's warning about one input (a proxy far from the catalogue's) is shown beside it too.
    field_warnings += [{"field": w["field"], "message": w["message"]} for w in result.get("warnings", ()) if "field" in w]
    result = {**result, "field_warnings": field_warnings}
    clean_inputs = to_json(values)
    return {
        "calculator": name,
        "inputs": clean_inputs,
        **to_json(result),
        "permalink": permalink.encode(clean_inputs),
    }


def respond(name: str, inputs, site_root: str = "", **options) -> dict:
    """What a page needs: the result and its HTML, or the errors and their summary. Never raises."""
    try:
        result = run(name, inputs, **options)
    except InvalidInput as invalid:
        return {"ok": False, "errors": invalid.errors, "html": render.error_summary(name, invalid.errors)}
    except Exception:  # noqa: BLE001 - a user must never see a stack trace
        errors = [{"field": "", "message": SOMETHING_WRONG}]
        return {"ok": False, "errors": errors, "html": render.error_summary(name, errors)}
    return {"ok": True, "result": result, "html": render.result(name, result, site_root),
            "csv": export_csv(name, result), "downloads": registry.get(name).download_texts(result)}


def export_csv(name: str, result: dict) -> str:
    return export.to_csv(name, result)


def unflatten(flat: dict) -> dict:
    """{"lines[0].quantity": "5"} -> {"lines": [{"quantity": "5"}]}, as the browser sends a form's
    values and gets JSON text back. List gaps are closed up."""
    root: dict = {}
    for key, value in flat.items():
        parts = [name if name else int(index) for name, index in FIELD_PATH.findall(str(key))]
        if not parts:
            continue
        node = root
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[parts[-1]] = value
    return _lists(root)


def _lists(node):
    """Dicts keyed only by list positions become lists, in order."""
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(key, int) for key in node):
        return [_lists(node[key]) for key in sorted(node)]
    return {str(key): _lists(value) for key, value in node.items()}


def flatten(nested, prefix: str = "") -> dict:
    """The inverse of unflatten, so a permalink can fill the form. A list of plain values (a bid's
    panel scores) is one box on a form, so it becomes one text: "3, 4, 2"."""
    flat = {}
    if isinstance(nested, dict):
        for key, value in nested.items():
            flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(nested, list) and prefix and nested and not any(isinstance(v, (dict, list)) for v in nested):
        flat[prefix] = ", ".join(str(value) for value in nested)
    elif isinstance(nested, list):
        for index, value in enumerate(nested):
            flat.update(flatten(value, f"{prefix}[{index}]"))
    else:
        flat[prefix] = nested
    return flat


def form_values(name: str, inputs) -> dict:
    """The flat values that fill a form with ``inputs``: every box the form has is named, blank
    unless the inputs give it, so nothing from the example shown before stays behind."""
    if not isinstance(inputs, dict):
        return {}
    flat = {}
    for spec in registry.get(name).fields:
        if spec.kind != "lines":
            flat[spec.name] = ""
            continue
        items = inputs.get(spec.name)
        for index in range(len(items) if isinstance(items, list) else 0):
            flat.update({f"{spec.name}[{index}].{item.name}": "" for item in spec.item_fields if item.kind != "lines"})
    flat.update(flatten(inputs))
    return flat


def respond_form(name: str, flat_json: str, site_root: str = "") -> str:
    """Worker entry point: the form's flat values in, JSON text of ``respond`` out. Never raises."""
    try:
        flat = json.loads(flat_json)
        inputs = unflatten(flat) if isinstance(flat, dict) else flat
    except (ValueError, TypeError, RecursionError):
        inputs = None
    return _json_text(name, respond(name, inputs, site_root))


def open_permalink(name: str, fragment: str, site_root: str = "") -> str:
    """Worker entry point for a page opened at #inputs=...: the response, and the values to fill the
    form with. Only valid inputs fill the form, so a crafted link cannot lay out a million lines.
    Never raises: a link that breaks anything is damaged, and a user never sees a stack trace."""
    try:
        reply = _open(name, fragment, site_root)
    except Exception:  # noqa: BLE001 - the same catch-all as respond
        reply = _problem(name, [{"field": "", "message": permalink.DAMAGED}])
    return _json_text(name, {"form": {}, **reply})


def _open(name: str, fragment: str, site_root: str) -> dict:
    try:
        inputs = permalink.decode(fragment)
    except ValueError as damaged:
        return _problem(name, [{"field": "", "message": str(damaged)}])
    reply = respond(name, inputs, site_root)
    if reply["ok"]:
        return {**reply, "form": form_values(name, inputs)}
    return _problem(name, [{"field": "", "message": permalink.NOT_VALID}, *reply["errors"]])


def open_import(name: str, text: str, site_root: str = "") -> str:
    """Worker entry point for a file read in the browser (never uploaded), for a calculator that
    takes files: the form values and the response, like ``open_permalink``, and a sentence saying
    what was opened. A problem with one item names the file's row and column, as well as the item."""
    from . import batch  # at call time: batch runs calculations through this module

    try:
        calculator = registry.get(name)
    except InvalidInput as invalid:
        return _json_text(name, {"ok": False, "errors": invalid.errors, "html": "", "form": {}})
    if not calculator.takes_files:
        return _json_text(name, {**_problem(name, [{"field": "", "message": "This calculator does not import files"}]),
                                 "form": {}})
    try:
        inputs, errors, about = batch.read_file(name, text)
        if errors:
            return _json_text(name, {**_problem(name, errors), "form": {}})
        reply = respond(name, inputs, site_root)
        list_name = calculator.batch_items[0]
        if not reply["ok"]:
            reply = _problem(name, [_with_row(error, list_name, about) for error in reply["errors"]])
        # The file's own values fill the form even when some are wrong, so the user can fix them there.
        reply["form"] = form_values(name, inputs)
        reply["message"] = _opened(calculator, list_name, len(inputs.get(list_name, [])), about["unused"])
    except Exception:  # noqa: BLE001 - a user must never see a stack trace
        return _json_text(name, {**_problem(name, [{"field": "", "message": SOMETHING_WRONG}]), "form": {}})
    return _json_text(name, reply)


def _with_row(error: dict, list_name: str, about: dict) -> dict:
    """An item's error with the row and column of the file it came from."""
    found = re.match(rf"^{re.escape(list_name)}\[(\d+)\]\.(\w+)$", error["field"])
    rows = about["rows"]
    if not found or int(found.group(1)) >= len(rows):
        return error
    row, column = rows[int(found.group(1))], found.group(2)
    where = (f"row {row}, column '{column}' of the file" if column in about["columns"]
             else f"row {row} of the file, which has no '{column}' column")
    return {**error, "message": f"{error['message']} ({where})"}


def _opened(calculator, list_name: str, count: int, unused: list[str]) -> str:
    """What the page says once a file is opened."""
    spec = next(spec for spec in calculator.fields if spec.name == list_name)
    noun = spec.sentence_label if count == 1 else spec.extra.get("plural", "items")
    text = f"Opened a file with {count:,} {noun}. Check the form, then change anything you need to."
    if unused:
        shown = ", ".join(cleantext.shown(column[:40]) for column in unused[:10])
        text += f" This calculator does not use the column{'' if len(unused) == 1 else 's'}: {shown}."
    return text


SOMETHING_WRONG = "Something went wrong with this calculation. Check your inputs and try again."


def _problem(name: str, errors: list[dict]) -> dict:
    return {"ok": False, "errors": errors, "html": render.error_summary(name, errors)}


def _json_text(name: str, reply: dict) -> str:
    """The reply as JSON text for the page. NaN and Infinity are never sent: they are not JSON."""
    try:
        return json.dumps(reply, allow_nan=False)
    except (ValueError, TypeError):
        return json.dumps(_problem(name, [{"field": "", "message": SOMETHING_WRONG}]))
