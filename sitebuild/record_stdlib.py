"""Records the standard library modules the core needs under Pyodide: ``python -m sitebuild.record_stdlib``.

Runs the core's whole test suite under Pyodide in Node on Pyodide's full standard library, with an
import hook that records every module (sitebuild/import_recorder.py), and writes the modules to
sitebuild/stdlib_recorded.txt, which the build reads (sitebuild/stdlib.py). Run it again when the
core imports a new module: the Pyodide test layer runs on the trimmed zip and says so.
``--extras`` prints what the lazily loaded libraries need beyond that, for stdlib.py's KEPT list.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from sitebuild.runtime import build_wheel
from sitebuild.stdlib import FULL, RECORDED, ROOT

WHEELS = ROOT / ".cache" / "pyodide-wheels"
# Pure-Python test tools (the newest that support Python 3.14).
TOOLS = ("pytest", "pluggy", "iniconfig", "packaging", "pygments", "hypothesis", "sortedcontainers")


def tool_wheels() -> Path:
    """Pure-Python wheels of the test tools for Python 3.14, downloaded once into .cache."""
    WHEELS.mkdir(parents=True, exist_ok=True)
    have = {p.name.split("-")[0].lower() for p in WHEELS.glob("*.whl")}
    missing = [name for name in TOOLS if name not in have]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "--no-deps",
                        "--python-version", "3.14", "--platform", "any", "--dest", str(WHEELS), *missing], check=True)
    return WHEELS


def extra_wheels(wheels: Path) -> Path:
    """The extras' wheels ("xlsx": openpyxl, et_xmlfile, defusedxml; "qr": segno), made from the installed
    copies as the site's are (sitebuild/extra_wheels.py), beside the test tools', so the core's .xlsx
    and QR code tests run under Pyodide too (and what they import is recorded)."""
    from sitebuild.extra_wheels import extra_wheels as built

    for paths in built().values():
        for path, data in paths:
            target = wheels / path.rsplit("/", 1)[1]
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
    return wheels


def run_core_tests(stdlib: Path, rest: bytes | None,
                   tests: str = "core") -> tuple[subprocess.CompletedProcess, dict[str, list[str]]]:
    """The core's tests (``tests``, under tests/) under Pyodide on this standard library zip (and, for
    the test tools, the rest of it); returns the run and the standard library modules the core needed,
    {name: [file, what imported it]}."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Node.js is needed to run the core under Pyodide")
    with tempfile.TemporaryDirectory() as folder:
        rest_path, out = Path(folder) / "rest.zip", Path(folder) / "needed.json"
        if rest is not None:
            rest_path.write_bytes(rest)
        done = subprocess.run([node, str(ROOT / "tests/pyodide/run_core_tests.mjs"), str(extra_wheels(tool_wheels())),
                               str(build_wheel()), str(ROOT / "tests"), str(stdlib),
                               str(rest_path) if rest is not None else "-", str(out), tests],
                              cwd=ROOT, capture_output=True, text=True, timeout=1500)
        needed = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return done, needed


def exercise_wheels(folder: Path) -> None:
    """What tests/pyodide/extras_exercise.py runs on: the site's extras' wheels (sitebuild/extra_wheels.py)
    and the core's wheel, as a page installs them."""
    from sitebuild.extra_wheels import extra_wheels as built

    for wheels in built().values():
        for path, data in wheels:
            (folder / path.rsplit("/", 1)[1]).write_bytes(data)
    shutil.copyfile(build_wheel(), folder / build_wheel().name)


def record_extras() -> dict[str, str]:
    """The standard library modules the extras import, through the core's spreadsheets and qr_code, that
    the recorded core run does not: for sitebuild/stdlib.py's KEPT list."""
    from sitebuild.stdlib import recorded

    with tempfile.TemporaryDirectory() as folder:
        exercise_wheels(Path(folder))
        out = Path(folder) / "needed.json"
        subprocess.run(["node", str(ROOT / "tests/pyodide/run_extras.mjs"), str(FULL), folder, str(out)],
                       cwd=ROOT, check=True)
        needed = json.loads(out.read_text(encoding="utf-8"))
    return {name: why for name, why in needed.items() if name not in set(recorded())}


HEADER = """# The standard library modules the core needs under Pyodide, recorded by running its tests there
# with an import hook, each with what imported it first: python -m sitebuild.record_stdlib. Read by the build (sitebuild/stdlib.py).
"""


def main() -> int:
    if sys.argv[1:] == ["--extras"]:
        for name, why in sorted(record_extras().items()):
            print(f"{name}  # {why}")
        return 0
    done, needed = run_core_tests(FULL, None)
    if done.returncode != 0 or not needed:
        print((done.stdout + done.stderr)[-4000:], file=sys.stderr)
        return 1
    RECORDED.write_text(HEADER + "".join(f"{name}  # {why}\n" for name, (_, why) in sorted(needed.items())),
                        encoding="utf-8")
    print(f"{len(needed)} modules written to {RECORDED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
