"""The only door into the calculators: ``run(name, inputs) -> result``.

The command line, the site build (macros) and the browser worker all come through here, so they
validate, compute and describe results in exactly the same way.
"""

from __future__ import annotations

import json
import re

from . import export, permalink, registry, render
from .inputs import InvalidInput, parse_fields
from .money import to_json


def validate(name: str, inputs) -> dict:
    """Clean values for a calculator's inputs; raises InvalidInput listing every problem."""
    values, errors = parse_fields(registry.get(name).fields, inputs)
    if errors:
        raise InvalidInput(errors)
    return values


def run(name: str, inputs, **options) -> dict:
    """Validate, compute and return the JSON-ready result (with its inputs and permalink)."""
    values = validate(name, inputs)
    result = registry.get(name).compute(values, **options)
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
        errors = [{"field": "", "message": "Something went wrong with this calculation. Check your inputs and try again."}]
        return {"ok": False, "errors": errors, "html": render.error_summary(name, errors)}
    return {"ok": True, "result": result, "html": render.result(name, result, site_root),
            "csv": export_csv(name, result), "downloads": registry.get(name).download_texts(result)}


def export_csv(name: str, result: dict) -> str:
    return export.to_csv(name, result)


# The browser sends the form as flat names ("lines[0].quantity") and gets JSON text back.
PATH = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def unflatten(flat: dict) -> dict:
    """{"lines[0].quantity": "5"} -> {"lines": [{"quantity": "5"}]}. List gaps are closed up."""
    root: dict = {}
    for key, value in flat.items():
        parts = [name if name else int(index) for name, index in PATH.findall(str(key))]
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
    """The inverse of unflatten, so a permalink can fill the form."""
    flat = {}
    if isinstance(nested, dict):
        for key, value in nested.items():
            flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(nested, list):
        for index, value in enumerate(nested):
            flat.update(flatten(value, f"{prefix}[{index}]"))
    else:
        flat[prefix] = nested
    return flat


def respond_form(name: str, flat_json: str, site_root: str = "") -> str:
    """Worker entry point: the form's flat values in, JSON text of ``respond`` out."""
    try:
        flat = json.loads(flat_json)
        inputs = unflatten(flat) if isinstance(flat, dict) else flat
    except (ValueError, TypeError):
        inputs = None
    return json.dumps(respond(name, inputs, site_root))


def open_permalink(name: str, fragment: str, site_root: str = "") -> str:
    """Worker entry point for a page opened at #inputs=...: the form values and the response."""
    try:
        inputs = permalink.decode(fragment)
    except ValueError as damaged:
        errors = [{"field": "", "message": str(damaged)}]
        return json.dumps({"ok": False, "errors": errors, "html": render.error_summary(name, errors), "form": {}})
    reply = respond(name, inputs, site_root)
    reply["form"] = flatten(inputs) if isinstance(inputs, dict) else {}
    return json.dumps(reply)


def open_file(name: str, text: str, flat_json: str, site_root: str = "") -> str:
    """Worker entry point for "Open a file": the file's text (read in the browser, never uploaded)
    and the form's flat values in; the response, the values to fill the form with and a sentence
    saying what was opened out. A file with problems fills nothing: its errors name rows and columns.
    """
    try:
        calculator = registry.get(name)
        opened = calculator.read_file(text)
    except InvalidInput as invalid:
        return json.dumps({"ok": False, "errors": invalid.errors, "html": render.error_summary(name, invalid.errors),
                           "form": {}})
    except Exception:  # noqa: BLE001 - a user must never see a stack trace
        errors = [{"field": "", "message": "Something went wrong opening this file. Check it is a commitments file."}]
        return json.dumps({"ok": False, "errors": errors, "html": render.error_summary(name, errors), "form": {}})
    try:
        flat = json.loads(flat_json)
        form = unflatten(flat) if isinstance(flat, dict) else {}
    except (ValueError, TypeError):
        form = {}
    list_name = calculator.batch_items[0]
    inputs = {**{key: value for key, value in form.items() if key != list_name}, **opened["top"],
              list_name: opened["items"]}
    reply = respond(name, inputs, site_root)
    reply["form"] = flatten(inputs)
    reply["message"] = opened["message"]
    return json.dumps(reply)
