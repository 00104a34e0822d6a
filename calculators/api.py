"""The only door into the calculators: ``run(name, inputs) -> result``.

The command line, the site build (macros) and the browser worker all come through here, so they
validate, compute and describe results in exactly the same way.
The worker's entry points (respond_form, open_permalink, open_files, export_texts, download_xlsx,
qr_code) keep
browser/CONTRACT.md.
"""

from __future__ import annotations

import base64
import json

from . import cleantext, export, file_reading, jsontext, permalink, registry, render, spreadsheets
from .benchmark_file import FIELD as BENCHMARKS
from .benchmark_file import carried, carried_summary, from_browser, from_inputs
from .invalid_input import FIELD_PATH, InvalidInput
from .money import to_json
from .qr_code import qr_svg
from .words import first_upper, join_words


def run(name: str, inputs, **options) -> dict:
    """Validate, compute and return the JSON-ready result (with its inputs and permalink)."""
    field_warnings: list[dict] = []
    calculator = registry.get(name)
    used = None
    if calculator.benchmarks == "reads":
        # The file chosen (on the page, --benchmarks), or else the one the inputs carry (a link, a saved
        # result); the result's inputs carry it on, so its link and its JSON give the same flags.
        used = options.get("benchmarks") or from_inputs(inputs)
        if isinstance(inputs, dict):
            inputs = {key: value for key, value in inputs.items() if key != BENCHMARKS}
        options = {**options, "benchmarks": used}
    result = to_json(calculator.run(inputs, field_warnings, **options))
    if used is not None:
        result["inputs"] = {**result["inputs"], BENCHMARKS: carried(used)}
    # A result's warning about one input (a proxy far from the catalogue's) is shown beside it too.
    field_warnings += [{"field": w["field"], "message": w["message"]} for w in result.get("warnings", ()) if "field" in w]
    link = permalink.encode(result["inputs"])
    if len(link) > permalink.MAX_LENGTH:  # no link could open it again (a report of thousands of rows)
        return {"calculator": name, **result, "field_warnings": field_warnings, "permalink": "",
                "permalink_note": permalink.TOO_LARGE}
    return {"calculator": name, **result, "field_warnings": field_warnings, "permalink": link}


def respond(name: str, inputs, site_root: str = "", exports: bool = True, **options) -> dict:
    """What a page needs: the result and its HTML, or the errors and their summary, and with
    ``exports`` its CSV and the calculator's own files. Never raises."""
    try:
        calculator = registry.get(name)
    except InvalidInput as invalid:
        return _problem(None, invalid.errors)
    try:
        result = run(name, inputs, **options)
    except InvalidInput as invalid:
        return _problem(calculator, invalid.errors)
    except Exception:  # noqa: BLE001 - a user must never see a stack trace
        return _problem(calculator, [{"field": "", "message": SOMETHING_WRONG}])
    reply = {"ok": True, "result": result, "html": render.result(calculator, result, site_root)}
    if calculator.files.kept:  # what the form says is open, beside the boxes a person sets
        reply["kept_summary"] = calculator.kept_summary(result["inputs"])
    return {**reply, **_exports(calculator, result)} if exports else reply


def _exports(calculator, result: dict) -> dict:
    return {"csv": export.to_csv(calculator, result), "downloads": calculator.download_texts(result)}


def export_texts(name: str, result_json: str) -> str:
    """Worker entry point: the CSV and the calculator's own files of a result the page shows (its
    JSON text), made only when the page asks for them (a download), never with every result."""
    return json.dumps(_exports(registry.get(name), json.loads(result_json)))


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
    calculator = registry.get(name)
    kept = calculator.files.list_name if calculator.files.kept else None
    # A list the page keeps (the report's delivery reports) and a benchmarks file have no boxes to fill.
    inputs = {key: value for key, value in inputs.items() if key not in (kept, BENCHMARKS)}
    flat = {}
    for spec in calculator.fields:
        if spec.name == kept:
            continue
        if spec.kind != "lines":
            flat[spec.name] = ""
            continue
        items = inputs.get(spec.name)
        for index in range(len(items) if isinstance(items, list) else 0):
            flat.update({f"{spec.name}[{index}].{item.name}": "" for item in spec.item_fields if item.kind != "lines"})
    flat.update(flatten(inputs))
    return flat


def respond_form(name: str, flat_json: str, site_root: str = "", benchmarks_json: str = "",
                 kept_json: str = "", page: bool = False) -> str:
    """Worker entry point: the form's flat values in, JSON text of ``respond`` out (``page``: the
    page's text, without the exports; see ``_page_text``). Never raises.
    ``benchmarks_json``: the benchmarks file chosen on the page, for a calculator that reads one.
    ``kept_json``: for a calculator whose list the page keeps (``Files.kept``: the report's delivery
    reports), the JSON text of ``{list_name: [...]}`` as the reply that opened them gave it, or ""
    when none is open; the form's values are merged with it and everything is validated as usual."""
    try:
        flat = json.loads(flat_json)
        inputs = unflatten(flat) if isinstance(flat, dict) else flat
    except (ValueError, TypeError, RecursionError):
        inputs = None
    calculator = registry.CALCULATORS.get(name)
    if calculator is not None and calculator.files.kept and isinstance(inputs, dict):
        inputs, problem = _with_kept(calculator, inputs, kept_json)
        if problem:
            return _text(_problem(calculator, [problem]), calculator, page)
    options, problems = _benchmarks(name, benchmarks_json)
    if problems:
        return _text(_problem(calculator, problems), calculator, page)
    return _text(respond(name, inputs, site_root, not page, **options), calculator, page)


def _with_kept(calculator, inputs: dict, kept_json) -> tuple[dict, dict | None]:
    """The form's top-level values with the list the page keeps, or a problem with what it sent. A
    form's own boxes for the list (it has none) are ignored: the list comes only from what was opened."""
    list_name = calculator.files.list_name
    inputs = {key: value for key, value in inputs.items() if key != list_name}
    if kept_json in ("", None):
        return inputs, None  # nothing open: validation says the list is needed
    try:
        kept = jsontext.loads(kept_json) if isinstance(kept_json, str) else None
    except (InvalidInput, ValueError, TypeError, RecursionError):
        kept = None
    if not isinstance(kept, dict) or set(kept) != {list_name} or not isinstance(kept[list_name], list):
        return inputs, {"field": "", "message": KEPT_NOT_READ.format(items=calculator.list_spec.plural)}
    return {**inputs, list_name: kept[list_name]}, None


KEPT_NOT_READ = "The {items} this page holds could not be read. Open the files, or the link, again"


def _benchmarks(name: str, benchmarks_json: str) -> tuple[dict, list[dict]]:
    """The options a benchmarks file chosen on the page gives (``benchmark_file.from_browser``), or its problems.
    A calculator that reads none ignores it."""
    calculator = registry.CALCULATORS.get(name)
    if not benchmarks_json or calculator is None or calculator.benchmarks != "reads":
        return {}, []
    try:
        return {"benchmarks": from_browser(benchmarks_json)}, []
    except InvalidInput as invalid:
        return {}, invalid.errors
    except Exception:  # noqa: BLE001 - a user must never see a stack trace
        return {}, [{"field": "benchmarks", "message": SOMETHING_WRONG}]


def open_permalink(name: str, fragment: str, site_root: str = "", page: bool = False) -> str:
    """Worker entry point for a page opened at #inputs=...: the response, and the values to fill the
    form with. Only valid inputs fill the form, so a crafted link cannot lay out a million lines.
    Never raises: a link that breaks anything is damaged, and a user never sees a stack trace."""
    try:
        reply = _open(name, fragment, site_root, not page)
    except Exception:  # noqa: BLE001 - the same catch-all as respond
        reply = _problem(registry.CALCULATORS.get(name), [{"field": "", "message": permalink.DAMAGED}])
    return _text({"form": {}, **reply}, registry.CALCULATORS.get(name), page)


def _open(name: str, fragment: str, site_root: str, exports: bool) -> dict:
    calculator = registry.CALCULATORS.get(name)
    try:
        inputs = permalink.decode(fragment)
    except ValueError as damaged:
        return _problem(calculator, [{"field": "", "message": str(damaged)}])
    unshown = _not_in_form(calculator, inputs)
    if unshown:
        return _problem(calculator, [{"field": "", "message": permalink.NOT_VALID}, unshown])
    reply = respond(name, inputs, site_root, exports)
    if reply["ok"]:
        return {**reply, "form": form_values(name, inputs)}
    return _problem(calculator, [{"field": "", "message": permalink.NOT_VALID}, *reply["errors"]])


def _not_in_form(calculator, inputs, where: str = "link") -> dict | None:
    """A link may set only what the form shows, so that the user sees and can change everything that
    is counted. A list inside a list's item (a bid's outcome lines) has no place on the form: a link
    that fills one is refused, naming the items, before anything is laid out or computed."""
    if calculator is None or not isinstance(inputs, dict) or calculator.files.kept:
        return None  # a list the page keeps (the report's delivery reports) is opened whole, not shown as boxes
    for spec in calculator.fields:
        items = inputs.get(spec.name)
        inner = [item.name for item in spec.item_fields if item.kind == "lines"]
        if spec.kind != "lines" or not inner or not isinstance(items, list):
            continue
        given = [index for index, item in enumerate(items)
                 if isinstance(item, dict) and any(item.get(name) not in (None, [], "") for name in inner)]
        if given:
            which = join_words([str(index + 1) for index in given[:10]]) + (" and more" if len(given) > 10 else "")
            one = len(given) == 1
            return {"field": "", "message": NOT_IN_FORM.format(
                items=first_upper(spec.sentence_label if one else spec.plural), which=which, has="has" if one else "have",
                where=where)}
    return None


NOT_IN_FORM = ("{items} {which} in this {where} {has} outcome lines, which this page cannot show. Value the lines "
               "with the outcome valuation calculator and give their total as the quantified offer, or evaluate "
               "the bids on the command line")


def open_files(name: str, files_json: str, site_root: str = "", form_json: str = "{}",
               benchmarks_json: str = "", page: bool = False) -> str:
    """Worker entry point for files read in the browser (never uploaded), for a calculator that opens
    files (``Calculator.files``). ``files_json`` is the JSON text of a list of
    ``{"name": "bids.csv", "text": "..."}``, or ``{"name": "bids.xlsx", "base64": "..."}`` for a
    workbook (``spreadsheets``); ``form_json``, of the form's flat values as typed. The reply is like
    ``open_permalink``'s: the form values and the response, and a ``message`` saying what was opened.
    A file fills only the boxes it gives: what was typed in the others (a contract's length) is kept,
    and counted. A problem with one item names the file's row and column, as well as the item.
    ``benchmarks_json`` as for ``respond_form``. Never raises."""
    try:
        files = _named_texts(jsontext.loads(files_json) if isinstance(files_json, str) else None)
    except (InvalidInput, ValueError, TypeError, RecursionError):
        files = None
    if files is None:
        return _text({**_problem(registry.CALCULATORS.get(name), [{"field": "", "message": FILES_NOT_READ}]),
                      "form": {}}, None, page)
    options, problems = _benchmarks(name, benchmarks_json)
    if problems:
        return _text({**_problem(registry.CALCULATORS.get(name), problems), "form": {}}, None, page)
    return _open_files(name, files, site_root, _typed(form_json), page, **options)


def _typed(form_json) -> dict:
    """The form's flat values as typed, or none if they cannot be read."""
    try:
        flat = jsontext.loads(form_json) if isinstance(form_json, str) else {}
    except (InvalidInput, ValueError, TypeError, RecursionError):
        return {}
    return flat if isinstance(flat, dict) else {}


def open_import(name: str, text: str, site_root: str = "") -> str:
    """Worker entry point for one file's text: ``open_files`` with one file."""
    return _open_files(name, [("", text)], site_root)


def qr_code(address: str) -> str:
    """Worker entry point, once the page has installed the "qr" extra: the QR code of a printed record's
    link, as JSON text: ``{"ok": true, "svg": "<svg ...>"}``, or ``{"ok": false, "message": ...}`` when
    there is none to print (the link is too long, or not text). The SVG holds only the code's squares.
    Never raises: the record prints with its link alone."""
    try:
        return json.dumps({"ok": True, "svg": qr_svg(address)})
    except Exception:  # noqa: BLE001 - no code is no harm: the link is printed beside it
        return json.dumps({"ok": False, "message": NO_QR_CODE})


NO_QR_CODE = "This link is too long for a QR code."


def _named_texts(files) -> list[tuple[str, str | bytes]] | None:
    """[("bids.csv", "...")] from [{"name": "bids.csv", "text": "..."}], and a workbook's bytes from
    {"name": "bids.xlsx", "base64": "..."}; None for anything else."""
    if not isinstance(files, list) or not all(isinstance(file, dict) and (
            isinstance(file.get("text"), str) or isinstance(file.get("base64"), str)) for file in files):
        return None
    named = []
    for file in files:
        name = str(file.get("name") or "")
        if isinstance(file.get("text"), str):
            named.append((name, file["text"]))
            continue
        try:
            data = base64.b64decode(file["base64"], validate=True)
        except ValueError:
            return None
        named.append((name, data))
    return named


def _kept(calculator, typed: dict, given: dict) -> dict:
    """The top-level boxes typed in the form that the file does not give (issue 25, finding 8)."""
    tops = {spec.name for spec in calculator.fields if spec.kind != "lines"}
    return {key: value for key, value in typed.items()
            if key in tops and key not in given and isinstance(value, str) and value.strip()}


def _open_files(name: str, files: list[tuple[str, str | bytes]], site_root: str, typed: dict | None = None,
                page: bool = False, **options) -> str:
    try:
        calculator = registry.get(name)
    except InvalidInput as invalid:
        return _text({"ok": False, "errors": invalid.errors, "html": "", "form": {}}, None, page)
    if not calculator.files.in_form:
        return _text({**_problem(calculator, [{"field": "", "message": "This calculator does not import files"}]),
                      "form": {}}, calculator, page)
    try:
        given, errors, about = file_reading.read_files(calculator, files)
        errors = errors or file_reading.too_many_rows(calculator, given)
        if errors:
            return _text({**_problem(calculator, errors), "form": {}}, calculator, page)
        unshown = _not_in_form(calculator, given, "file") if about.get("whole") else None
        if unshown:  # a result file, like a link, sets only what the form shows
            return _text({**_problem(calculator, [unshown]), "form": {}}, calculator, page)
        # A result file gives every box; a table, only its columns' (and every box of each line).
        form = form_values(name, given)
        if not about.get("whole"):
            form = {key: value for key, value in form.items() if "[" in key or key in given}
        inputs = given if about.get("whole") else {**_kept(calculator, typed or {}, given), **given}
        reply = respond(name, inputs, site_root, not page, **options)
        list_name = calculator.files.list_name
        if not reply["ok"]:
            reply = _problem(calculator, [file_reading.with_row(error, list_name, about) for error in reply["errors"]])
        # The file's own values fill the form even when some are wrong, so the user can fix them there.
        reply["form"] = form
        reply["message"] = _opened(calculator, len(files), len(inputs.get(list_name, [])), about["unused"])
    except Exception:  # noqa: BLE001 - a user must never see a stack trace
        return _text({**_problem(calculator, [{"field": "", "message": SOMETHING_WRONG}]), "form": {}}, calculator, page)
    return _text(reply, calculator, page)


def _opened(calculator, files: int, count: int, unused: list[str]) -> str:
    """What the page says once a file is opened."""
    spec = calculator.list_spec
    opened = "a file" if files == 1 else f"{files:,} files"
    text = f"Opened {opened} with {count:,} {spec.items_noun(count)}. Check the form, then change anything you need to."
    if unused:
        shown = ", ".join(cleantext.shown(column[:40]) for column in unused[:10])
        text += f" This calculator does not use the column{'' if len(unused) == 1 else 's'}: {shown}."
    return text


def download_xlsx(name: str, inputs_json: str, key: str) -> str:
    """Worker entry point: one of a calculator's own downloads (``Calculator.downloads``: the
    commitments file, the delivery report) as an .xlsx workbook, for a result's inputs (the JSON
    text of ``result["inputs"]``). The reply: ``{"ok": true, "filename", "base64"}``, or ``ok``
    false with ``errors``. Never raises."""
    try:
        calculator = registry.get(name)
        named = {download_key: filename for download_key, _, filename in calculator.downloads}
        if key not in named:
            raise InvalidInput([{"field": "", "message": f"The {name} calculator has no download called {key!r}"}])
        rows, columns = calculator.download_tables(run(name, jsontext.loads(inputs_json)))[key]
        data = spreadsheets.write(rows, columns, spreadsheets.SHEETS.get(key, "Sheet1"))
    except InvalidInput as invalid:
        return _json_text({"ok": False, "errors": invalid.errors})
    except Exception:  # noqa: BLE001 - a user must never see a stack trace
        return _json_text({"ok": False, "errors": [{"field": "", "message": SOMETHING_WRONG}]})
    filename = named[key].rsplit(".", 1)[0] + ".xlsx"
    return _json_text({"ok": True, "filename": filename, "base64": base64.b64encode(data).decode("ascii")})


SOMETHING_WRONG = "Something went wrong with this calculation. Check your inputs and try again."
FILES_NOT_READ = "The files could not be read. Choose them again"


def _problem(calculator, errors: list[dict]) -> dict:
    """A reply with errors: their summary, for a calculator there is."""
    return {"ok": False, "errors": errors, "html": render.error_summary(calculator, errors) if calculator else ""}


def _text(reply: dict, calculator, page: bool) -> str:
    return _page_text(reply, calculator) if page else _json_text(reply, calculator)


def _page_text(reply: dict, calculator=None) -> str:
    """The reply as the page reads it (browser/reply-text.mjs): its JSON without the result and the
    HTML, with the result's permalink and field warnings (and, for a calculator whose list the page
    keeps, that list's JSON text: ``kept``); then, each after a line break (which JSON
    text never holds), the result's JSON text and the HTML. So the page neither parses the HTML (a
    1,000-line result's is 1.8 MB) out of JSON nor writes the result (1.7 MB) back to JSON to keep it."""
    result = reply.get("result")
    head = {key: value for key, value in reply.items() if key not in ("result", "html")}
    if result is not None:
        head.update(permalink=result["permalink"], field_warnings=result["field_warnings"])
        if calculator is not None and calculator.files.kept:  # the list the page keeps, as text it sends back
            list_name = calculator.files.list_name
            head["kept"] = json.dumps({list_name: result["inputs"][list_name]}, allow_nan=False)
        if calculator is not None and calculator.benchmarks == "reads":  # the file the result used, likewise
            used = result["inputs"].get(BENCHMARKS)
            head[BENCHMARKS] = json.dumps(used) if used else ""
            head["benchmarks_summary"] = carried_summary(used) if used else ""
    try:
        return "\n".join((json.dumps(head, allow_nan=False), json.dumps(result, allow_nan=False), reply["html"]))
    except (ValueError, TypeError):
        problem = _problem(calculator, [{"field": "", "message": SOMETHING_WRONG}])
        return "\n".join((json.dumps({"ok": False, "errors": problem["errors"]}), "null", problem["html"]))


def _json_text(reply: dict, calculator=None) -> str:
    """The reply as JSON text for the page. NaN and Infinity are never sent: they are not JSON."""
    try:
        return json.dumps(reply, allow_nan=False)
    except (ValueError, TypeError):
        return json.dumps(_problem(calculator, [{"field": "", "message": SOMETHING_WRONG}]))
