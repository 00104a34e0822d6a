"""Build-time glue between the calculators' core and the site (mkdocs-macros).

- Calculator forms are rendered from the core's field specs, with a worked example computed by the
  same core, so a page shows real numbers before Pyodide loads.
- Figures the guidance quotes (thresholds, bands, rates) come from the core's data files, so they
  are never typed twice.
- ``on_post_build`` copies the Pyodide runtime (from npm) and the core's wheel into the site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

from calculators import api
from calculators.fields import SPECS
from calculators.money import format_money, format_number, long_date
from calculators.render import field_id
from calculators.measures import catalogue, measure, overlaps, sources
from calculators.settings import PRIORITIES, THRESHOLD, corporate_priorities, default_policy, thresholds

ROOT = Path(__file__).parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# The files the browser needs; the rest of the npm package (docs, source maps, consoles) stays out.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
WEB_DIR = ROOT / "calculators" / "web"
CACHE = ROOT / ".cache" / "wheel"
FLAGS = ("labour_intensive", "local_supply_chain", "environmental_impact", "community_facing")
# A contract in each band, for worked examples (services, 12 months, dated after the 2026 thresholds).
EXAMPLE_FOR_BAND = {
    band: {"contract_value": value, "category": "services", "duration_months": 12, "procurement_date": "2026-03-01"}
    for band, value in (("A", 20000), ("B", 60000), ("C", 150000), ("D", 1000000), ("E", 8000000))
}
CATEGORY_NAMES = {"goods": "Goods", "services": "Services", "works": "Works", "light_touch": "Light touch"}


# --- the core's wheel -------------------------------------------------------------------------

def _source_hash() -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in (ROOT / "calculators").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [ROOT / "pyproject.toml", *files]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel() -> Path:
    """Build the core as a pure-Python wheel (pip wheel), named by its content hash.

    Not ``pyodide build``: it downloads a cross-build environment even for pure-Python code, and a
    pure-Python wheel is all Pyodide needs. Cached by a hash of the sources, so rebuilds are quick;
    SOURCE_DATE_EPOCH makes the wheel's bytes, and so its name, repeatable.
    """
    key = CACHE / _source_hash()
    found = sorted(key.glob("calculators-*.whl")) if key.exists() else []
    if found:
        return found[0]
    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, SOURCE_DATE_EPOCH="315532800", PIP_DISABLE_PIP_VERSION_CHECK="1")
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--wheel-dir", out, str(ROOT)],
            check=True, env=env, cwd=ROOT,
        )
        (built,) = Path(out).glob("*.whl")
        digest = hashlib.sha256(built.read_bytes()).hexdigest()[:12]
        key.mkdir(parents=True, exist_ok=True)
        target = key / f"calculators-{digest}.whl"
        shutil.copyfile(built, target)
    return target


# --- helpers ----------------------------------------------------------------------------------

def site_root(page) -> str:
    """The relative path from a page to the site root: "../../" for calculators/proportionality/."""
    depth = (getattr(page, "url", "") or "").count("/")
    return "../" * depth if depth else "./"


def attr(value) -> str:
    return escape(str(value), quote=True)


def _policy_bands():
    return default_policy().bands


def _band(band_id: str):
    for band in _policy_bands():
        if band.id == band_id:
            return band
    raise KeyError(f"no band {band_id!r} in policy.toml")


def _bound_text(bound) -> str:
    return "the threshold" if bound == THRESHOLD else format_money(bound, pence_shown=False)


# --- forms ------------------------------------------------------------------------------------

def _select_html(spec, name: str, value, fid: str, described: str) -> str:
    """A select for long or optional choices, with option groups where the spec gives them."""
    def option(v: str, label: str) -> str:
        return f'<option value="{attr(v)}"{" selected" if v == value else ""}>{attr(label)}</option>'

    blank = "" if spec.required else '<option value="">Not set</option>'
    groups = spec.extra.get("groups", ())
    labels = dict(spec.options)
    grouped = {v for _, values in groups for v in values}
    options = "".join(option(v, label) for v, label in spec.options if v not in grouped)
    options += "".join(f'<optgroup label="{attr(group)}">' + "".join(option(v, labels[v]) for v in values)
                       + "</optgroup>" for group, values in groups if values)
    return (f'<select class="sv-select" id="{fid}" name="{attr(name)}" aria-describedby="{described}">'
            f"{blank}{options}</select>")


def _field_html(calculator: str, spec, value, prefix: str = "") -> str:
    name = prefix + spec.name
    fid = field_id(calculator, name)
    hint = f'<div class="sv-hint" id="{fid}-hint">{attr(spec.hint)}</div>' if spec.hint else ""
    error = f'<p class="sv-error-message" id="{fid}-error" hidden></p>'
    described = f"{fid}-hint" if spec.hint else ""
    if spec.kind == "choice" and (len(spec.options) > 6 or not spec.required):
        control = _select_html(spec, name, value, fid, described)
        return (f'<div class="sv-field" data-field="{attr(name)}"><label class="sv-label" for="{fid}">'
                f'{attr(spec.label)}</label>{hint}{error}{control}</div>')
    if spec.kind == "choice":
        radios = "".join(
            f'<div class="sv-radio"><input type="radio" id="{fid}-{attr(v)}" name="{attr(name)}" value="{attr(v)}"'
            f'{" checked" if v == value else ""}><label for="{fid}-{attr(v)}">{attr(label)}</label></div>'
            for v, label in spec.options
        )
        return (f'<div class="sv-field" data-field="{attr(name)}"><fieldset class="sv-fieldset" id="{fid}"'
                f' aria-describedby="{described}" tabindex="-1"><legend class="sv-label">{attr(spec.label)}</legend>'
                f'{hint}{error}<div class="sv-radios">{radios}</div></fieldset></div>')
    if spec.kind == "boolean":
        return (f'<div class="sv-field sv-checkbox" data-field="{attr(name)}">'
                f'<input type="checkbox" id="{fid}" name="{attr(name)}" value="true"'
                f'{" checked" if value else ""} aria-describedby="{described}">'
                f'<label for="{fid}">{attr(spec.label)}</label>{hint}{error}</div>')
    # Dates too are text boxes (GOV.UK's advice), so any value typed reaches the core's messages.
    mode = {"integer": "numeric", "money": "decimal", "percent": "decimal", "number": "decimal"}.get(spec.kind)
    inputmode = f' inputmode="{mode}"' if mode else ""
    shown = "" if value is None else str(value)
    prefix_sign = '<span class="sv-prefix" aria-hidden="true">£</span>' if spec.kind == "money" else ""
    unit = "%" if spec.kind == "percent" else spec.unit
    suffix = f'<span class="sv-suffix" aria-hidden="true">{attr(unit)}</span>' if unit else ""
    return (f'<div class="sv-field" data-field="{attr(name)}"><label class="sv-label" for="{fid}">{attr(spec.label)}'
            f'{f" ({attr(unit)})" if unit else ""}{" (pounds)" if spec.kind == "money" else ""}</label>'
            f'{hint}{error}<div class="sv-input-wrap">{prefix_sign}<input class="sv-input sv-input--w{spec.width}" type="text"'
            f' id="{fid}" name="{attr(name)}" value="{attr(shown)}"{inputmode}'
            f' aria-describedby="{described}" autocomplete="off" spellcheck="false">{suffix}</div></div>')


def _line_html(calculator: str, spec, index: int, values: dict) -> str:
    """One outcome line: a fieldset of the line's fields, with a button to remove it."""
    number = index + 1
    fields = "".join(_field_html(calculator, item, values.get(item.name), f"{spec.name}[{index}].")
                     for item in spec.item_fields)
    return (f'<fieldset class="sv-line" data-line><legend>Outcome line <span data-line-number>{number}</span></legend>'
            f'{fields}<button type="button" class="md-button" data-action="remove-line" hidden>Remove line '
            f'<span data-line-number>{number}</span></button></fieldset>')


def _lines_html(calculator: str, spec, lines: list) -> str:
    items = "".join(_line_html(calculator, spec, index, line) for index, line in enumerate(lines))
    # The blank line the page copies when you add one; engine.js renumbers it to its place.
    template = _line_html(calculator, spec, 0, {})
    return (f'<div class="sv-field" data-field="{attr(spec.name)}" id="{field_id(calculator, spec.name)}" tabindex="-1">'
            f'<h3>{attr(spec.label)}</h3><p class="sv-error-message" id="{field_id(calculator, spec.name)}-error" hidden></p>'
            f'<div class="sv-lines" data-lines="{attr(spec.name)}" data-max-items="{spec.max_items}">{items}</div>'
            f'<template data-line-template>{template}</template>'
            f'<button type="button" class="md-button" data-action="add-line" hidden>Add an outcome line</button></div>')


def calculator(env, name: str, example: dict) -> str:
    """The whole calculator: form, status, actions and a result region prerendered by the core."""
    page = env.page
    root = site_root(page)
    reply = api.respond(name, example, root)
    if not reply["ok"]:
        raise ValueError(f"the example for {name} is invalid: {reply['errors']}")
    result = reply["result"]
    values = result["inputs"]
    fields = "".join(_lines_html(name, spec, values.get(spec.name, [])) if spec.kind == "lines"
                     else _field_html(name, spec, values.get(spec.name)) for spec in SPECS[name])
    wheel = env.variables["core_wheel"]
    return f"""<div class="sv-calculator" data-calculator="{name}" data-site-root="{root}"
 data-pyodide="{root}assets/pyodide/" data-wheel="{root}{wheel}" data-worker="{root}assets/engine/worker.mjs">
<div data-error-summary></div>
<form class="sv-form" id="{name}-form" method="dialog" novalidate aria-label="{attr(name.capitalize())} inputs">
{fields}
<button type="submit" class="md-button md-button--primary sv-calculate" hidden>Calculate</button>
</form>
<p class="sv-status" role="status" data-engine-status>This example was worked out when the page was built. To change it, the calculator needs JavaScript, which is off or blocked in this browser. You can run the same calculation on the command line: <code>python -m calculators {name}</code>.</p>
<div class="sv-actions" role="group" hidden aria-label="Share and save this result">
<button type="button" class="md-button" data-action="copy-link">Copy link</button>
<button type="button" class="md-button" data-action="download-csv">Download CSV</button>
<button type="button" class="md-button" data-action="download-json">Download JSON</button>
<button type="button" class="md-button" data-action="print">Print</button>
</div>
<h2 id="{name}-result-title">Result</h2>
<div class="sv-result-region" data-calculator-result aria-live="polite" aria-labelledby="{name}-result-title"
 data-result="{attr(json.dumps(result))}" data-csv="{attr(api.export_csv(name, result))}">
{reply["html"]}
</div>
</div>"""


# --- figures for the guidance ----------------------------------------------------------------

def threshold(category: str, on: str | None = None) -> str:
    periods, _ = thresholds()
    day = dt.date.fromisoformat(on) if on else dt.date.today()
    period = [p for p in periods if p.start <= day][-1]
    return format_money(period.amounts[category], pence_shown=False)


def threshold_table() -> str:
    periods, _ = thresholds()
    rows = ["| In force | Goods | Services | Works | Light touch | Source |", "|---|---|---|---|---|---|"]
    for period in periods:
        when = f"{long_date(period.start)} to {long_date(period.end)}" if period.end else f"From {long_date(period.start)}"
        amounts = " | ".join(format_money(period.amounts[c], pence_shown=False) for c in CATEGORY_NAMES)
        rows.append(f"| {when} | {amounts} | [{period.source['title']}]({period.source['url']}) |")
    return "\n".join(rows)


def band_range(band_id: str) -> str:
    bands = _policy_bands()
    band = _band(band_id)
    index = bands.index(band)
    upper = bands[index + 1].lower if index + 1 < len(bands) else None
    if upper is None:
        return f"{_bound_text(band.lower)} or more"
    if band.lower == 0:
        return f"under {_bound_text(upper)}"
    return f"{_bound_text(band.lower)} up to {_bound_text(upper)}"


def band_weighting(band_id: str) -> str:
    low, high = _band(band_id).weighting
    return f"{low}% to {high}%"


def band_outcomes(band_id: str) -> str:
    low, high = _band(band_id).outcomes
    return str(low) if low == high else f"{low} to {high}"


def bands_table() -> str:
    rows = ["| Band | Contract value | Weighting | Outcomes | How to evaluate | How often to report |",
            "|---|---|---|---|---|---|"]
    for band in _policy_bands():
        rows.append(f"| {band.id}: {band.label} | {band_range(band.id)} | {band_weighting(band.id)} | "
                    f"{band_outcomes(band.id)} | {band.evaluation} | {band.reporting} |")
    return "\n".join(rows)


def weighting_example(band_id: str, factors: int) -> str:
    """The recommended-weighting formula worked through for one band, from the settings."""
    low, high = _band(band_id).weighting
    total = len(default_policy().factors)
    value = api.run("proportionality", {**EXAMPLE_FOR_BAND[band_id], **{f: True for f in FLAGS[:factors]}})
    return (f"{low} + ({high} − {low}) × {factors} ÷ {total} = "
            f"{format_number(low + (high - low) * factors / total)}, so {value['weighting_recommended']}%")


def runtime_size() -> str:
    """How much the browser downloads the first time, measured from the files themselves."""
    size = sum((PYODIDE_DIR / name).stat().st_size for name in PYODIDE_FILES) + build_wheel().stat().st_size
    return f"{size / 1_000_000:.0f} MB"


def _proxy_text(proxy) -> str:
    central = format_money(proxy.central)
    if proxy.low == proxy.central == proxy.high:
        return f"{central} per {proxy.per}"
    return f"{central} per {proxy.per} (range {format_money(proxy.low)} to {format_money(proxy.high)})"


def measures_catalogue(env) -> str:
    """The measures catalogue by Corporate Plan priority, from calculators/data/measures.toml."""
    page_dir = Path(env.page.file.src_uri).parent.as_posix()
    policy = os.path.relpath("policy/aims-and-objectives.md", page_dir or ".")
    out = []
    for priority in PRIORITIES:
        items = [m for m in catalogue() if m.priority == priority]
        out.append(f"## {priority} {{ #priority-{priority.lower()} }}\n")
        out.append(f"{len(items)} measures support the [{priority} priority]"
                   f"({os.path.relpath('policy/principles.md', page_dir or '.')}#priority-{priority.lower()}).\n")
        for item in items:
            objectives = ", ".join(f"[Objective {n}]({policy}#objective-{n})" for n in item.objectives)
            value = "No open source gives a value. The calculator counts it, but gives it no £ value unless you " \
                    "enter a proxy with your own evidence."
            if item.proxy:
                source = item.proxy.source
                value = (f"{_proxy_text(item.proxy)}, in {item.proxy.price_year} prices. Source: "
                         f"[{source['title']}]({source['url']}) ({source['publisher']}, {source['published']}; "
                         f"licence: {source['licence']}). {item.proxy.derivation}")
            out.append(f"### {item.title} {{ #{item.id} }}\n")
            out.append(f"{item.description}\n")
            rows = [
                ("Measure id", f"`{item.id}`"),
                ("Unit (per year)", item.unit),
                ("Policy objectives", objectives),
                ("Proxy value", value),
                ("Evidence to keep", item.evidence),
            ]
            for name in ("deadweight", "attribution", "displacement", "drop_off"):
                rows.append((f"Default {name.replace('_', '-')}",
                             f"{format_number(getattr(item, name))}%: {item.reasons[name]}"))
            if item.core_delivery_risk:
                rows.append(("Take care", "Providers often claim core contract delivery under this measure. "
                                          "Count only what goes beyond the contract's requirements."))
            out.append("| About this measure | Detail |\n|---|---|\n" + "\n".join(f"| {k} | {str(v).replace('|', '/')} |" for k, v in rows) + "\n")
    return "\n".join(out)


def source_link(source_id: str) -> str:
    """A Markdown link to one of the catalogue's sources, with its publisher."""
    source = sources()[source_id]
    return f"[{source['title']}]({source['url']}) ({source['publisher']})"


def overlaps_table() -> str:
    rows = ["| Measure | Overlaps with | Why |", "|---|---|---|"]
    for pair in overlaps():
        first, second = (measure(m) for m in pair["measures"])
        rows.append(f"| [{first.title}](#{first.id}) | [{second.title}](#{second.id}) | {pair['reason']} |")
    return "\n".join(rows)


def long_contract_months() -> int:
    return default_policy().long_contract_months


def priorities_table() -> str:
    """The Corporate Plan priorities as an accessible table, each row linkable (#priority-safe)."""
    rows = "".join(
        f'<tr id="priority-{p["id"].lower()}"><th scope="row">{attr(p["id"])}</th><td><ul>'
        + "".join(f"<li>{attr(c)}</li>" for c in p["commitments"]) + "</ul></td></tr>"
        for p in corporate_priorities()
    )
    return ('<table class="sv-priorities"><caption>The Council\'s strategic corporate priorities</caption>'
            '<thead><tr><th scope="col">Priority</th><th scope="col">What the Council will do</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def calc_link(env, name: str, inputs: dict, text: str) -> str:
    """A link that opens a calculator pre-filled with these inputs (a permalink).

    Written as HTML, not Markdown: MkDocs would take "#inputs=..." for a heading anchor. The
    browser tests check that every such link resolves.
    """
    result = api.run(name, inputs)  # fails the build if the example is invalid
    href = f"{site_root(env.page)}calculators/{name}/{result['permalink']}"
    return f'<a href="{attr(href)}">{attr(text)}</a>'


# --- glossary ---------------------------------------------------------------------------------

GLOSSARY = ROOT / "docs" / "toolkit" / "glossary.md"
SNIPPETS = ROOT / ".cache" / "snippets"


def abbreviations(glossary: str) -> str:
    """The site-wide tooltips, made from the glossary's short forms: each term with the first
    sentence of its definition. The glossary is the one place they are written."""
    section = glossary.split("## Short forms", 1)[1].split("\n## ", 1)[0]
    lines = []
    # A definition may have several terms, one a line (SME, then SMEs): each gets the tooltip.
    for terms, definition in re.findall(r"((?:^[^\s:][^\n]*\n)+):   ([^\n]+)", section, re.M):
        text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", definition)  # links -> their text
        meaning = re.split(r"(?<=[a-z0-9)])\.\s", text, maxsplit=1)[0].rstrip(".")
        lines += [f"*[{term}]: {meaning}" for term in terms.split()]
    return "\n".join(lines) + "\n"


def write_abbreviations() -> Path:
    """Writes the tooltips where pymdownx.snippets appends them to every page (see mkdocs.yml)."""
    target = SNIPPETS / "abbreviations.md"
    text = abbreviations(GLOSSARY.read_text(encoding="utf-8"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target


def define_env(env):
    write_abbreviations()
    env.variables["core_wheel"] = f"assets/core/{build_wheel().name}"

    @env.macro
    def calculator_form(name: str, example: dict) -> str:
        return calculator(env, name, example)

    @env.macro
    def calc_permalink(name: str, inputs: dict) -> str:
        return api.run(name, inputs)["permalink"]

    def calc_link_macro(name: str, inputs: dict, text: str) -> str:
        return calc_link(env, name, inputs, text)

    env.macro(calc_link_macro, "calc_link")
    env.macro(lambda: measures_catalogue(env), "measures_catalogue")
    for function in (threshold, threshold_table, band_range, band_weighting, band_outcomes, bands_table,
                     priorities_table, long_contract_months, weighting_example, runtime_size, overlaps_table,
                     source_link):
        env.macro(function)

    @env.macro
    def proportionality(inputs: dict) -> dict:
        return api.run("proportionality", inputs)

    @env.macro
    def valuation(inputs: dict) -> dict:
        return api.run("valuation", inputs)

    @env.macro
    def discount_rate() -> str:
        rate = next(f.default for f in SPECS["valuation"] if f.name == "discount_rate")
        return format_number(rate) + "%"

    @env.macro
    def money(value, pence: bool = True) -> str:
        return format_money(value, pence_shown=pence)

    @env.macro
    def number(value) -> str:
        return format_number(value)


def on_post_build(env):
    """Copy the runtime into the site: Pyodide from npm, the engine, and the core's wheel."""
    site = Path(env.conf["site_dir"])
    if not PYODIDE_DIR.exists():
        raise FileNotFoundError("node_modules/pyodide is missing: run 'npm ci' (make build does it)")
    target = site / "assets" / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_DIR / name, target / name)
    engine = site / "assets" / "engine"
    engine.mkdir(parents=True, exist_ok=True)
    for path in WEB_DIR.iterdir():
        if path.suffix in (".js", ".mjs"):
            shutil.copyfile(path, engine / path.name)
    core = site / "assets" / "core"
    core.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel()
    shutil.copyfile(wheel, core / wheel.name)



# Checklists ("- [ ] step"): a printable box, not a disabled checkbox with no label (axe: label).
TASK_ITEM = re.compile(r"^(\s*[-*] )\[[ xX]\] ", re.M)


def on_post_page_macros(env):
    env.markdown = TASK_ITEM.sub(r'\1<span class="sv-task-box" aria-hidden="true"></span> ', env.markdown)
