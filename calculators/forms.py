"""Calculator forms as HTML, rendered at build time from the field specs (the same specs the core
validates against), with the worked example's result prerendered by the core below them.
The markup the page script relies on (data attributes, names, ids) is in browser/CONTRACT.md."""

from __future__ import annotations

import json
import re
from itertools import groupby

from . import api, permalink, registry
from .file_reading import item_columns
from .html import esc, field_id
from .words import first_upper, join_words


def _select_html(spec, name: str, value, fid: str, described: str) -> str:
    """A select for long or optional choices, with option groups where the spec gives them."""
    def option(v: str, label: str) -> str:
        return f'<option value="{esc(v)}"{" selected" if v == value else ""}>{esc(label)}</option>'

    # A form starts empty: a required choice asks to be made, rather than showing the first option.
    blank = (f'<option value=""{" selected" if value in (None, "") else ""}>'
             f'{"Not set" if not spec.required else esc(spec.choose)}</option>')
    groups = spec.groups
    labels = dict(spec.options)
    grouped = {v for _, values in groups for v in values}
    options = "".join(option(v, label) for v, label in spec.options if v not in grouped)
    options += "".join(f'<optgroup label="{esc(group)}">' + "".join(option(v, labels[v]) for v in values)
                       + "</optgroup>" for group, values in groups if values)
    # A choice whose options are described (a measure's default assumptions) names its descriptions.
    described_by = f' data-descriptions="{esc(spec.name)}"' if spec.describe else ""
    return (f'<select class="sv-select" id="{fid}" name="{esc(name)}" aria-describedby="{described}"{described_by}>'
            f"{blank}{options}</select>")


def _field_html(calculator: str, spec, value, prefix: str = "") -> str:
    name = prefix + spec.name
    fid = field_id(calculator, name)
    hint = f'<div class="sv-hint" id="{fid}-hint">{esc(spec.hint)}</div>' if spec.hint else ""
    error = (f'<p class="sv-error-message" id="{fid}-error" hidden></p>'
             f'<p class="sv-warning-message" id="{fid}-warning" hidden></p>')
    described = f"{fid}-hint" if spec.hint else ""
    if spec.kind == "choice" and (len(spec.options) > 6 or not spec.required):
        control = _select_html(spec, name, value, fid, described)
        return (f'<div class="sv-field" data-field="{esc(name)}"><label class="sv-label" for="{fid}">'
                f'{esc(spec.label)}</label>{hint}{error}{control}</div>')
    if spec.kind == "choice":
        radios = "".join(
            f'<div class="sv-radio"><input type="radio" id="{fid}-{esc(v)}" name="{esc(name)}" value="{esc(v)}"'
            f'{" checked" if v == value else ""}><label for="{fid}-{esc(v)}">{esc(label)}</label></div>'
            for v, label in spec.options
        )
        return (f'<div class="sv-field" data-field="{esc(name)}"><fieldset class="sv-fieldset" id="{fid}"'
                f' aria-describedby="{described}" tabindex="-1"><legend class="sv-label">{esc(spec.label)}</legend>'
                f'{hint}{error}<div class="sv-radios">{radios}</div></fieldset></div>')
    if spec.kind == "boolean":
        return (f'<div class="sv-field sv-checkbox" data-field="{esc(name)}">'
                f'<input type="checkbox" id="{fid}" name="{esc(name)}" value="true"'
                f'{" checked" if value else ""} aria-describedby="{described}">'
                f'<label for="{fid}">{esc(spec.label)}</label>{hint}{error}</div>')
    if spec.multiline:  # sentences (a panel's reasons, the evidence expected): a box of several lines
        return (f'<div class="sv-field" data-field="{esc(name)}"><label class="sv-label" for="{fid}">{esc(spec.label)}'
                f'</label>{hint}{error}<textarea class="sv-input sv-textarea" id="{fid}" name="{esc(name)}" rows="3"'
                f' aria-describedby="{described}" autocomplete="off">{esc(value or "")}</textarea></div>')
    # Dates too are text boxes (GOV.UK's advice), so any value typed reaches the core's messages.
    mode = {"integer": "numeric", "money": "decimal", "percent": "decimal", "number": "decimal"}.get(spec.kind)
    inputmode = f' inputmode="{mode}"' if mode else ""
    shown = "" if value is None else ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    prefix_sign = '<span class="sv-prefix" aria-hidden="true">£</span>' if spec.kind == "money" else ""
    unit = "%" if spec.kind == "percent" else spec.unit
    suffix = f'<span class="sv-suffix" aria-hidden="true">{esc(unit)}</span>' if unit else ""
    return (f'<div class="sv-field" data-field="{esc(name)}"><label class="sv-label" for="{fid}">{esc(spec.label)}'
            f'{f" ({esc(unit)})" if unit and unit.lower() not in spec.label.lower() else ""}'
            f'{" (pounds)" if spec.kind == "money" else ""}</label>'
            f'{hint}{error}<div class="sv-input-wrap">{prefix_sign}<input class="sv-input sv-input--w{spec.width}" type="text"'
            f' id="{fid}" name="{esc(name)}" value="{esc(shown)}"{inputmode}'
            f' aria-describedby="{described}" autocomplete="off" spellcheck="false">{suffix}</div></div>')


def _noun(spec) -> str:
    """What one item of a list is called, as a heading starts: "Outcome line"."""
    return first_upper(spec.sentence_label)


def _line_html(calculator: str, spec, index: int, values: dict) -> str:
    """One item of a list (an outcome line): a fieldset of its fields, with a button to remove it."""
    number = index + 1
    # A list inside an item (a bid's outcome lines) has no boxes: a permalink's values for it ride
    # along in hidden inputs that engine.js adds to the item.
    boxed = [item for item in spec.item_fields if item.kind != "lines"]
    fields, description = "", _description_target(spec, values)
    for disclosure, group in groupby(boxed, key=lambda item: item.disclosure):
        html = "".join(_field_html(calculator, item, values.get(item.name), f"{spec.name}[{index}].") for item in group)
        if disclosure:
            # Fields most people leave alone sit behind a disclosure. The first opens with what they
            # default to (the chosen option's description), so that it never shows only empty boxes.
            html = f'<details class="sv-disclosure"><summary>{esc(disclosure)}</summary>{description}{html}</details>'
            description = ""
        fields += html
    remove = spec.remove
    return (f'<fieldset class="sv-line" data-line><legend>{esc(_noun(spec))} <span data-line-number>{number}</span>'
            f'</legend>{fields}<button type="button" class="md-button" data-action="remove-line" hidden>{esc(remove)} '
            f'<span data-line-number>{number}</span></button></fieldset>')


def _at_least(spec) -> str:
    """What the page says when you try to remove the last item it needs: "You need at least 2 bids."."""
    count = "one" if spec.min_items == 1 else str(spec.min_items)
    return f"You need at least {count} {spec.items_noun(spec.min_items)}."


def _import_html(calculator) -> str:
    """For a calculator that opens files: a file box whose files are read in the browser, never
    uploaded. Its columns are named like the list item's inputs; a JSON list of objects also works.
    It takes several files at once when the calculator opens several."""
    declared = calculator.files
    spec = next(s for s in calculator.fields if s.name == declared.list_name)
    columns = list(item_columns(calculator))
    top_names = list(declared.top_columns)
    fid = field_id(calculator.name, "import")
    if declared.several:
        label = f"Import {spec.plural} from CSV or Excel files"
        hint = f"CSV or Excel (.xlsx) files, each with one {spec.sentence_label} a row and a header row naming the columns: "
    else:
        label = f"Import {spec.plural} from a CSV or Excel file"
        hint = f"A CSV or Excel (.xlsx) file with one {spec.sentence_label} a row and a header row naming the columns: "
    hint += f"{join_words(columns)}."
    if top_names:
        hint += f" It may also have {join_words(top_names, 'or')} columns, to fill the boxes below."
    hint += (" Your files are read in your browser and are not uploaded." if declared.several
             else " Your file is read in your browser and is not uploaded.")
    label, hint = declared.label or label, declared.hint or hint
    return (f'<div class="sv-field sv-import"><label class="sv-label" for="{fid}">{esc(label)}</label>'
            f'<div class="sv-hint" id="{fid}-hint">{esc(hint)}</div>'
            f'<input type="file" id="{fid}" accept=".csv,.json,.xlsx,text/csv,application/json,'
            f'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-import'
            f'{" multiple" if declared.several else ""} aria-describedby="{fid}-hint"></div>')


def _benchmarks_html(calculator) -> str:
    """For a calculator that reads a benchmarks file (``benchmark_file.py``): its own file box, inside the
    form so that its problems show beside it. It has no name, so it is never one of the form's values;
    the page sends the file chosen with each request (CONTRACT.md). It is never read as bids."""
    if calculator.benchmarks != "reads":
        return ""
    fid = field_id(calculator.name, "benchmarks")
    return (f'<div class="sv-field sv-benchmarks" data-field="benchmarks">'
            f'<label class="sv-label" for="{fid}">Benchmarks file from the social value report (optional)</label>'
            f'<div class="sv-hint" id="{fid}-hint">A CSV, Excel (.xlsx) or JSON file saved from the social value '
            'report. The result then compares with what past contracts committed and delivered. It names no contract or provider. Your '
            'browser reads it here: it is not uploaded.</div>'
            f'<p class="sv-error-message" id="{fid}-error" hidden></p>'
            f'<input type="file" id="{fid}" accept=".csv,.json,.xlsx,text/csv,application/json" data-benchmarks'
            f' aria-describedby="{fid}-hint">'
            # The file a link or saved result holds, named by the page while the box has none chosen.
            f'<p class="sv-hint" data-benchmarks-summary hidden></p></div>')


def _download_buttons(downloads) -> str:
    """Two buttons for each of a calculator's own downloads: its CSV, whose text the engine takes from
    the result, and the same rows as an .xlsx workbook, which the core writes when asked."""
    buttons = []
    for key, text, filename in downloads:
        excel = re.sub(r"\s*\(CSV\)$", "", text) + " (Excel)"
        buttons.append(f'<button type="button" class="md-button" data-action="download-file" data-file="{esc(key)}"'
                       f' data-filename="{esc(filename)}">{esc(text)}</button>'
                       f'<button type="button" class="md-button" data-action="download-xlsx" data-file="{esc(key)}">'
                       f'{esc(excel)}</button>')
    return "".join(buttons)


def _described(spec):
    """The item field whose chosen option is described in its item (a line's measure), if any."""
    return next((item for item in spec.item_fields if item.describe), None)


def _description_target(spec, values: dict) -> str:
    """Where an item shows the description of its chosen option; engine.js swaps it on a change."""
    chooser = _described(spec)
    if chooser is None:
        return ""
    return f'<div class="sv-description" data-description>{chooser.describe(values.get(chooser.name))}</div>'


def _descriptions_html(spec) -> str:
    """Every option's description, once a page, for engine.js to copy into the items that choose it."""
    chooser = _described(spec)
    if chooser is None:
        return ""
    describe = chooser.describe
    templates = "".join(f'<template data-value="{esc(value)}">{describe(value)}</template>'
                        for value in ["", *(v for v, _ in chooser.options)])
    return f'<div hidden data-descriptions-of="{esc(chooser.name)}">{templates}</div>'


def _lines_html(calculator: str, spec, lines: list) -> str:
    # A form starts with as many blank items as the list needs.
    lines = lines or [{}] * max(1, spec.min_items)
    items = "".join(_line_html(calculator, spec, index, line) for index, line in enumerate(lines))
    # The blank line the page copies when you add one; engine.js renumbers it to its place.
    template = _line_html(calculator, spec, 0, {})
    return (f'<div class="sv-field" data-field="{esc(spec.name)}" id="{field_id(calculator, spec.name)}" tabindex="-1">'
            f'<h3>{esc(spec.label)}</h3><p class="sv-error-message" id="{field_id(calculator, spec.name)}-error" hidden></p>'
            f'<div class="sv-lines" data-lines="{esc(spec.name)}" data-noun="{esc(_noun(spec))}"'
            f' data-min-items="{spec.min_items}" data-max-items="{spec.max_items}"'
            f' data-min-message="{esc(_at_least(spec))}">{items}</div>'
            f'<template data-line-template>{template}</template>{_descriptions_html(spec)}'
            f'<button type="button" class="md-button" data-action="add-line" hidden>{esc(spec.add)}'
            f'</button></div>')


def _kept_html(calculator: str, spec) -> str:
    """A list the page keeps (``Files.kept``: the report's delivery reports) has no boxes: its place
    says what is open (the page writes the reply's ``kept_summary`` into it) and holds its errors."""
    fid = field_id(calculator, spec.name)
    return (f'<div class="sv-field" data-field="{esc(spec.name)}" id="{fid}" tabindex="-1">'
            f'<h3>{esc(spec.label)}</h3><p class="sv-error-message" id="{fid}-error" hidden></p>'
            f'<p class="sv-hint" data-kept-summary>No {esc(spec.plural)} open yet. Open them with the file box '
            f'above, or try the worked example.</p></div>')


def calculator(name: str, example: dict, root: str, runtime: dict) -> str:
    """The whole calculator: an empty form, status, actions and a result region that shows the
    worked example, prerendered by the core and labelled as an example until a real result replaces it.

    ``root`` is the relative path to the site root; ``runtime`` gives the site paths of the
    engine's files (``pyodide``, ``stdlib``, ``wheel``, ``worker``, ``service_worker``, ``extras``), which the build puts
    into the site, and the ``bytes`` the worker downloads (for its progress).
    """
    found = registry.get(name)
    reply = api.respond(name, example, root)
    if not reply["ok"]:
        raise ValueError(f"the example for {name} is invalid: {reply['errors']}")
    result = reply["result"]
    # The form starts empty, so that an example never passes for your answer; "Try the worked
    # example" fills it with the example's values, which the page carries as the form names them.
    kept = found.files.list_name if found.files.kept else ""
    fields = "".join(_kept_html(name, spec) if spec.name == kept else _lines_html(name, spec, [])
                     if spec.kind == "lines" else _field_html(name, spec, None) for spec in found.fields)
    example_values = api.form_values(name, permalink.compact(result["inputs"]))
    # A kept list (CONTRACT.md): its name, and the example's items, which the page keeps on "Try the worked example".
    kept_attributes = (f' data-kept="{esc(kept)}" data-example-kept="'
                       f'{esc(json.dumps({kept: permalink.compact(result["inputs"])[kept]}))}"' if kept else "")
    # No service worker (mkdocs serve), no attribute: the page registers none.
    service_worker = f' data-service-worker="{root}{runtime["service_worker"]}"' if runtime.get("service_worker") else ""
    # Libraries the page loads only when asked (a printed record's QR code): {name: [wheel, ...]}.
    extras = {name: [root + path for path in paths] for name, paths in runtime.get("extras", {}).items()}
    # data-search-exclude: the form and the worked example's figures stay out of the search index.
    # autocomplete="off" on the form reaches its choices too (each box has its own already): the
    # address keeps the inputs, and without it Chrome saves every box's state each time a result
    # updates the address (about 50 ms for a 1,000-line form).
    return f"""<div class="sv-calculator" data-search-exclude data-module="sv-calculator" data-calculator="{name}"
 data-site-root="{root}" data-permalink-prefix="{esc(permalink.PREFIX)}"
 data-pyodide="{root}{runtime['pyodide']}" data-stdlib="{root}{runtime['stdlib']}" data-wheel="{root}{runtime['wheel']}" data-worker="{root}{runtime['worker']}"
{service_worker} data-runtime-bytes="{runtime['bytes']}" data-extras="{esc(json.dumps(extras))}"
 data-example="{esc(json.dumps(example_values))}"{kept_attributes} data-showing="example">
<div data-error-summary></div>
<div class="sv-example-actions" hidden><button type="button" class="md-button" data-action="example">Try the worked
 example</button> <span class="sv-hint">Fills the form with the example's figures, so you can change them.</span></div>
{_import_html(found) if found.files.in_form else ""}
<form class="sv-form" id="{name}-form" method="dialog" novalidate autocomplete="off" aria-label="{esc(name.capitalize())} inputs">
{_benchmarks_html(found)}{fields}
<button type="submit" class="md-button md-button--primary sv-calculate" hidden>Calculate</button>
</form>
<p class="sv-status" role="status" data-engine-status>The worked example below was worked out when the page was built. To use your own figures, the calculator needs JavaScript, which is off or blocked in this browser. You can run the same calculation on the command line: <code>python -m calculators {name}</code>.</p>
<div class="sv-actions" role="group" hidden aria-label="Share and save this result">
<button type="button" class="md-button" data-action="copy-link">Copy link</button>
<button type="button" class="md-button" data-action="download-csv">Download CSV</button>
<button type="button" class="md-button" data-action="download-json">Download JSON</button>
{_download_buttons(found.downloads)}<button type="button" class="md-button" data-action="print">Print</button>
</div>
<h2 id="{name}-result-title" data-result-title>Worked example</h2>
<div class="sv-result-region" data-calculator-result aria-live="polite" aria-labelledby="{name}-result-title"
 data-result="{esc(json.dumps(result))}" data-csv="{esc(reply["csv"])}"
 data-downloads="{esc(json.dumps(reply["downloads"]))}">
<p class="sv-example-note"><strong>This is a worked example, not your result.</strong> It shows what the calculator
 gives for the example's figures. Your result replaces it when you fill in the form.</p>
{reply["html"]}
</div>
</div>"""
