"""Extras: pure-Python libraries the browser loads only when a page needs them (the QR code of a printed
record, a spreadsheet download), never on a first visit. Each is a wheel the build makes from the
distribution installed here (importlib.metadata: its files and dist-info), so the build needs no
network. The page learns their addresses from the calculator's ``data-extras`` (runtime_paths), and
the worker installs them with ``pyodide.loadPackage`` (browser/CONTRACT.md, the ``extra`` message)."""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.metadata
import io
import re
import zipfile
from pathlib import Path

# An extra's name, as the page asks for it, and the distributions it needs, in the order they install.
EXTRAS = {"qr": ("segno",), "xlsx": ("openpyxl", "et_xmlfile", "defusedxml")}
# Under the site's root. Each wheel sits in a folder named by its content hash, and is itself named
# as a wheel must be (Pyodide reads the package's name from it), so it can be cached for ever.
EXTRAS_PATH = "assets/extras/"
# The installed files that are not the package's: the installer's own records, and compiled copies.
NOT_PACKED = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
WHEEL_FILE = "Wheel-Version: 1.0\nGenerator: southend sitebuild.extra_wheels\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
# A fixed date and mode for every entry, so the same installed files always make the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _dist_info(dist) -> str:
    """The installed .dist-info folder's name (segno-1.6.6.dist-info), as the wheel holds it too."""
    (found,) = {entry.parent.as_posix() for entry in dist.files or () if entry.name == "METADATA"
                and entry.parent.name.endswith(".dist-info")}
    return found


def _packed_files(dist, dist_info: str) -> list[tuple[str, bytes]]:
    """The distribution's installed files that belong in its wheel, by their path in it."""
    files = []
    for entry in dist.files or ():
        path = entry.as_posix()
        # Scripts and man pages sit outside site-packages (../../bin/segno): not the package's.
        if path.startswith("../") or "__pycache__" in entry.parts or path.endswith((".pyc", ".pyo")):
            continue
        if path.startswith(dist_info + "/") and entry.name in NOT_PACKED:
            continue
        if path.endswith((".so", ".pyd", ".dylib")):
            raise ValueError(f"{dist.metadata['Name']} is not pure Python ({path}): Pyodide cannot load it")
        files.append((path, Path(entry.locate()).read_bytes()))
    return files


def wheel_name(dist) -> str:
    """``{name}-{version}-py3-none-any.whl``, the name escaped as the wheel format says."""
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower()
    return f"{name}-{dist.version}-py3-none-any.whl"


def build_wheel(distribution: str) -> tuple[str, bytes]:
    """A pure-Python wheel of an installed distribution: its name and its bytes (repeatable)."""
    dist = importlib.metadata.distribution(distribution)
    if "Root-Is-Purelib: true" not in (dist.read_text("WHEEL") or ""):
        raise ValueError(f"{distribution} is not installed as a pure-Python wheel")
    dist_info = _dist_info(dist)
    files = _packed_files(dist, dist_info)
    files.append((f"{dist_info}/WHEEL", WHEEL_FILE.encode()))
    # This WHEEL file replaces the installed one; the dist-info goes last, as the wheel format advises.
    files = sorted(dict(files).items(), key=lambda item: (item[0].startswith(dist_info + "/"), item[0]))
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in files)
    files.append((f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, data in files:
            info = zipfile.ZipInfo(path, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return wheel_name(dist), out.getvalue()


@functools.cache
def extra_wheels() -> dict[str, tuple[tuple[str, bytes], ...]]:
    """Each extra's wheels, as (site path, bytes): built once a build, from what is installed."""
    built = {}
    for extra, distributions in EXTRAS.items():
        wheels = []
        for distribution in distributions:
            name, data = build_wheel(distribution)
            wheels.append((f"{EXTRAS_PATH}{hashlib.sha256(data).hexdigest()[:12]}/{name}", data))
        built[extra] = tuple(wheels)
    return built


def extra_paths() -> dict[str, list[str]]:
    """Each extra's wheels, as site paths (relative to the site's root)."""
    return {extra: [path for path, _ in wheels] for extra, wheels in extra_wheels().items()}


def copy_extras(site: Path) -> None:
    for wheels in extra_wheels().values():
        for path, data in wheels:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
