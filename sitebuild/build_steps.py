"""MkDocs hooks for the build around the pages: Material's search parser is swapped before any page
is indexed, the .xlsx templates are made, and once the site is written the engine's files go in and
the site is made ready to host.

Build work, not macros: ``macros.py`` keeps only what the pages call.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads a hook by its path; the project's root must be importable for sitebuild's own modules.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitebuild.hosting import prepare_for_hosting  # noqa: E402
from sitebuild.runtime import copy_runtime, serve_live  # noqa: E402
from sitebuild.search import honour_search_exclude  # noqa: E402
from sitebuild.xlsx_templates import add_xlsx_templates  # noqa: E402


def on_startup(command, dirty):
    # `mkdocs serve` (make serve): its pages register no service worker, which would hold the
    # server's live-reload requests open until Chromium has no connection left for a page.
    serve_live(command == "serve")


def on_config(config):
    honour_search_exclude()  # forms and prerendered results stay out of the search index
    return config


def on_files(files, config):
    return add_xlsx_templates(files, config)  # the .xlsx templates, made from the CSV ones and the catalogue


def on_post_build(config):
    site = Path(config["site_dir"])
    copy_runtime(site)
    prepare_for_hosting(site)  # after the runtime is in: its headers, compressed copies, service worker
