"""The engine's files in the site: Pyodide (from npm) with a trimmed standard library, the browser code
(``browser/``) and the core's wheel."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from sitebuild.extra_wheels import copy_extras, extra_paths
from sitebuild.stdlib import build_stdlib

ROOT = Path(__file__).resolve().parents[1]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# The files the browser needs; the rest of the npm package (docs, source maps, consoles) stays out,
# and so does its python_stdlib.zip: the browser gets a trimmed one (sitebuild/stdlib.py).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
# The ones Pyodide fetches (it imports the two .mjs), which the worker counts for its progress, with
# the standard library and the wheel.
FETCHED_FILES = ("pyodide.asm.wasm", "pyodide-lock.json")
# The page script, the worker and the service worker: outside the Python package, so the wheel
# holds no JavaScript and a change to them leaves the wheel's name (its content hash) alone.
BROWSER_DIR = ROOT / "browser"
CACHE = ROOT / ".cache" / "wheel"
# Where the engine's files go in the site, relative to its root (the calculator pages link to them).
# Pyodide's folder is named by its version and the wheel by its content, so both can be cached for ever.
PYODIDE_ROOT = "assets/pyodide/"
CORE_PATH = "assets/core/"
ENGINE_PATH = "assets/engine/"
# The service worker sits at the site's root, so that its scope covers every page (sitebuild/hosting.py).
SERVICE_WORKER = "sw.js"


def pyodide_version() -> str:
    return json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))["version"]


def pyodide_path() -> str:
    return f"{PYODIDE_ROOT}{pyodide_version()}/"


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
    # setuptools packs whatever its scratch folder (build/lib) still holds from an earlier build, so a
    # file moved out of the package (the browser code once lived in calculators/web) would stay in.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, SOURCE_DATE_EPOCH="315532800", PIP_DISABLE_PIP_VERSION_CHECK="1")
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--wheel-dir", out, str(ROOT)],
            check=True, env=env, cwd=ROOT,
        )
        (built,) = Path(out).glob("*.whl")
        data = _stored(built)
        digest = hashlib.sha256(data).hexdigest()[:12]
        key.mkdir(parents=True, exist_ok=True)
        target = key / f"calculators-{digest}.whl"
        target.write_bytes(data)
    return target


def _stored(wheel: Path) -> bytes:
    """The wheel's files stored, not deflated one by one: the host's brotli copy, which compresses
    them all together, is then a third smaller (sitebuild/hosting.py)."""
    out = io.BytesIO()
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename), compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


# Under `mkdocs serve` the pages register no service worker (build_steps.on_startup; README, "make
# serve"): a worker would hold the development server's live-reload requests.
SERVED_LIVE = {"on": False}


def serve_live(on: bool) -> None:
    SERVED_LIVE["on"] = on


def runtime_paths() -> dict:
    """The site paths of the engine's files, as a calculator page links to them, the bytes the
    worker downloads (for its progress: compressed responses give no usable length) and each extra's
    wheels (sitebuild/extra_wheels.py), which it downloads only when asked."""
    return {"pyodide": pyodide_path(), "stdlib": stdlib_path(), "wheel": CORE_PATH + build_wheel().name,
            "worker": ENGINE_PATH + "worker.mjs", "service_worker": "" if SERVED_LIVE["on"] else SERVICE_WORKER,
            "bytes": runtime_bytes(FETCHED_FILES), "extras": extra_paths()}


def stdlib_path() -> str:
    """The trimmed standard library sits with Pyodide, named by its content."""
    return pyodide_path() + build_stdlib().name


def runtime_bytes(names=PYODIDE_FILES) -> int:
    """The size of these Pyodide files, the standard library and the core's wheel, uncompressed."""
    return (sum((PYODIDE_DIR / name).stat().st_size for name in names) + build_stdlib().stat().st_size
            + build_wheel().stat().st_size)


def runtime_size() -> str:
    """How much the browser downloads the first time at most (a host that compresses sends about half),
    measured from the files themselves."""
    return f"{runtime_bytes() / 1_000_000:.0f} MB"


def copy_runtime(site: Path) -> None:
    """Copy the runtime into the site: Pyodide from npm, the engine, the core's wheel and the extras."""
    if not PYODIDE_DIR.exists():
        raise FileNotFoundError("node_modules/pyodide is missing: run 'npm ci' (make build does it)")
    target = site / pyodide_path()
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_DIR / name, target / name)
    shutil.copyfile(build_stdlib(), site / stdlib_path())
    engine = site / ENGINE_PATH
    engine.mkdir(parents=True, exist_ok=True)
    for path in BROWSER_DIR.iterdir():
        if path.suffix in (".js", ".mjs") and path.name != SERVICE_WORKER:
            shutil.copyfile(path, engine / path.name)
    core = site / CORE_PATH
    core.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel()
    shutil.copyfile(wheel, core / wheel.name)
    copy_extras(site)
