"""Build-time glue between the calculators' core and the site (mkdocs-macros).

Only glue lives here: the macros the pages call and the glossary's tooltips. The build's own steps
(the search parser, the engine's files copied into the site) are MkDocs hooks in ``sitebuild/``.
Forms, results and figures are rendered by the core; each calculator in ``calculators.registry``
brings its own figure macros, so this file names none of them.
"""

from __future__ import annotations

import copy
import inspect
import re
import sys
from html import escape
from pathlib import Path

# mkdocs-macros loads this file by its path; its build helpers (sitebuild/) sit beside it.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calculators import api, forms, registry
from calculators.money import format_money, format_number
from calculators.policy_html import priorities_table
from calculators.qr_code import qr_svg
from sitebuild.glossary import write_abbreviations, write_core_terms
from sitebuild.runtime import runtime_paths, runtime_size


def site_root(page) -> str:
    """The relative path from a page to the site root: "../../" for calculators/proportionality/."""
    depth = (getattr(page, "url", "") or "").count("/")
    return "../" * depth if depth else "./"


def calc_link(env, name: str, inputs: dict, text: str, qr: bool = False) -> str:
    """A link that opens a calculator pre-filled with these inputs (a permalink).

    Written as HTML, not Markdown: MkDocs would take "#inputs=..." for a heading anchor. The
    browser tests check that every such link resolves. With ``qr``, a handout prints the link's QR
    code beside it (hidden on screen): a permalink of hundreds of characters cannot be typed. The
    code holds the public address, from ``site_url``.
    """
    result = api.run(name, inputs)  # fails the build if the example is invalid
    path = f"calculators/{name}/{result['permalink']}"
    link = f'<a href="{escape(site_root(env.page) + path, quote=True)}">{escape(text, quote=True)}</a>'
    if not qr:
        return link
    address = env.conf["site_url"].rstrip("/") + "/" + path
    # The code comes first, so that its float starts on the link's own line.
    return f'<span class="sv-handout-qr">{qr_svg(address)}</span>' + link


def _figure_macro(env, function):
    """A calculator's figure as a macro. A figure that links to other pages takes ``page_dir``, the
    folder of the page that calls it, so its Markdown links resolve from that page. A figure that
    quotes a calculation takes ``run``: ``api.run``, passed in so that the core never imports api
    from below it."""
    wanted = inspect.signature(function).parameters
    if "page_dir" not in wanted and "run" not in wanted:
        return function

    def on_page(*args, **kwargs):
        if "page_dir" in wanted:
            kwargs["page_dir"] = Path(env.page.file.src_uri).parent.as_posix() or "."
        if "run" in wanted:
            kwargs["run"] = api.run
        return function(*args, **kwargs)

    return on_page


def define_env(env):
    write_abbreviations()
    write_core_terms()  # the same glossary for the results the core makes in the browser, before the wheel
    runtime = runtime_paths()

    @env.macro
    def calculator_form(name: str, example: dict | None = None) -> str:
        """The calculator's form with its worked example (the calculator's own, unless given)."""
        chosen = registry.get(name).example if example is None else example
        return forms.calculator(name, chosen, site_root(env.page), runtime)

    @env.macro
    def worked_example(name: str) -> dict:
        """A calculator's own worked example (its inputs), for guidance that works through it."""
        return copy.deepcopy(registry.get(name).example)

    @env.macro
    def calc_permalink(name: str, inputs: dict) -> str:
        return api.run(name, inputs)["permalink"]

    env.macro(lambda name, inputs, text, qr=False: calc_link(env, name, inputs, text, qr), "calc_link")
    for function in (priorities_table, runtime_size):
        env.macro(function)
    for name in registry.names():
        # {{ valuation({...}) }}: a calculator's whole result, for figures in the guidance.
        env.macro(lambda inputs, _name=name: api.run(_name, inputs), name)
        for figure, function in registry.get(name).figures().items():
            env.macro(_figure_macro(env, function), figure)

    @env.macro
    def money(value, pence: bool = True) -> str:
        return format_money(value, pence_shown=pence)

    @env.macro
    def number(value) -> str:
        return format_number(value)


# Checklists ("- [ ] step"): a printable box, not a disabled checkbox with no label (axe: label).
TASK_ITEM = re.compile(r"^(\s*[-*] )\[[ xX]\] ", re.M)


def on_post_page_macros(env):
    env.markdown = TASK_ITEM.sub(r'\1<span class="sv-task-box" aria-hidden="true"></span> ', env.markdown)
