"""Records which standard library modules a program needs, from inside Pyodide: every import
statement run (``builtins.__import__``, which C code's imports go through too) and every
``importlib.import_module`` call, as an edge from the importing module to the imported one.

The modules a program needs are then those loaded while the runtime started (Pyodide's own, and
the worker's boot), those the program's own modules import, and everything those import in turn.
So a test tool (pytest, hypothesis) that loads a module first does not hide it from the record.
Runs in Pyodide (Python 3.14); the build never runs it (sitebuild/stdlib.py reads what it wrote).
"""

from __future__ import annotations

import builtins
import importlib
import sys

# Pyodide's standard library, and any other zip of it a test run adds (the test tools' modules).
ZIPS = [f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"]
EDGES: dict[str, set[str]] = {}
BOOT: set[str] = set()
# The import system's own frames, and this module's: an import they make (a "from package import
# submodule") is the importing module's, found further out.
MACHINERY = {"importlib._bootstrap", "importlib._bootstrap_external", "_frozen_importlib", "_frozen_importlib_external",
             __name__}
# Code run at the top level (Pyodide's runPython, a test runner's script) imports for itself only.
NOBODY = {"__main__", "?"}


def _importer(globals, depth: int) -> str:
    name = (globals or {}).get("__name__") or "?"
    frame = sys._getframe(depth)
    while name in MACHINERY and frame is not None:
        name, frame = frame.f_globals.get("__name__") or "?", frame.f_back
    return name


def _record(importer: str, name: str, fromlist) -> None:
    targets = EDGES.setdefault(importer, set())
    targets.add(name)
    for item in fromlist or ():
        if isinstance(item, str) and f"{name}.{item}" in sys.modules:
            targets.add(f"{name}.{item}")


def _caller_outside_stdlib(frame) -> str:
    """Who asked for a module by name: the standard library's loaders by name (importlib.metadata's
    entry points, which load pytest's plugins) import for their caller, not for themselves."""
    while frame is not None:
        name = frame.f_globals.get("__name__") or "?"
        origin = getattr(getattr(sys.modules.get(name), "__spec__", None), "origin", None)
        if name not in MACHINERY and origin not in ("frozen", "built-in") and zip_path(name) is None:
            return name
        frame = frame.f_back
    return "?"


def install() -> None:
    """Start recording. Call before anything else is imported."""
    original_import, original_import_module = builtins.__import__, importlib.import_module

    def recording_import(name, globals=None, locals=None, fromlist=(), level=0):
        module = original_import(name, globals, locals, fromlist, level)
        importer = _importer(globals, 2)
        if level:
            package = (globals or {}).get("__package__") or importer.rpartition(".")[0]
            name = importlib._bootstrap._resolve_name(name, package, level)
        _record(importer, name, fromlist)
        return module

    def recording_import_module(name, package=None):
        module = original_import_module(name, package)
        _record(_caller_outside_stdlib(sys._getframe(1)), module.__name__, ())
        return module

    builtins.__import__ = recording_import
    importlib.import_module = recording_import_module


def booted() -> None:
    """Everything loaded so far (Pyodide's start, the worker's boot) is needed."""
    BOOT.update(sys.modules)


def zip_path(name: str) -> str | None:
    """The module's file inside a zip of the standard library, or None (built in, frozen, not stdlib)."""
    origin = getattr(getattr(sys.modules.get(name), "__spec__", None), "origin", None) or ""
    return next((origin[len(zip):] for zip in ZIPS if origin.startswith(zip)), None)


def needed(prefixes: tuple[str, ...], excluded: tuple[str, ...] = ()) -> dict[str, str]:
    """The standard library modules needed, each with what brought it in: loaded at boot, imported
    by modules named with one of the prefixes, and their imports in turn. Only modules read from a
    zip of the standard library (frozen and built-in ones come with the WebAssembly). An excluded
    module's imports do not count (the command line's, which never runs in the browser)."""
    def ours(name: str) -> bool:
        return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)

    found = {name: "boot" for name in BOOT}
    for importer, targets in list(EDGES.items()):
        if ours(importer) and importer not in excluded:
            found.update((target, importer) for target in targets if target not in found)
    todo = list(found)
    while todo:
        importer = todo.pop()
        for target in EDGES.get(importer, ()) if importer not in NOBODY else ():
            if target not in found:
                found[target] = importer
                todo.append(target)
    # A submodule's packages are loaded with it.
    for name in list(found):
        parts = name.split(".")
        for n in range(1, len(parts)):
            found.setdefault(".".join(parts[:n]), name)
    return {name: why for name, why in sorted(found.items()) if not ours(name) and zip_path(name)}
