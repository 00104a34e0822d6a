"""The standard library the browser downloads: Pyodide's own ``python_stdlib.zip`` trimmed to the
modules the runtime and the core need. Pyodide's zip is 2.5 MB of files each deflated, so it
travelled at full size; this one keeps about a third of the modules, stored, so that the host's
brotli copy compresses them all together, and without their comments.

Which modules: those recorded by running the core's tests under Pyodide (``stdlib_recorded.txt``,
written by ``python -m sitebuild.record_stdlib``; the Pyodide test layer fails when it is out of
date), plus ``KEPT`` below, with the reason for each. The build never runs the tests.
"""

from __future__ import annotations

import functools
import hashlib
import io
import tokenize
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Pyodide's own, from npm (sitebuild/runtime.py copies the rest of its files into the site).
FULL = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
CACHE = ROOT / ".cache" / "stdlib"
RECORDED = Path(__file__).with_name("stdlib_recorded.txt")

# Kept by hand: modules that the recorded test run does not load, with why.
KEPT = {
    # The libraries a page loads only when needed (pyodide.loadPackage), from the xlsx and QR code
    # work: openpyxl, et_xmlfile and defusedxml read and write .xlsx workbooks, segno draws QR codes.
    # What they import, recorded by ``python -m sitebuild.record_stdlib --extras`` and tested with this
    # zip alone by tests/pyodide/test_extras_under_pyodide.py:
    "openpyxl reads and writes a workbook's XML with ElementTree, and defusedxml guards the reading (expat)":
        "xml xml.etree xml.etree.ElementPath xml.etree.ElementTree xml.parsers xml.parsers.expat",
    "openpyxl names a workbook's parts by type (mimetypes) and hashes sheet passwords (hashlib)":
        "mimetypes hashlib",
    "segno escapes its SVG with xml.sax.saxutils, which imports urllib.request, so http.client and email":
        "xml.sax xml.sax._exceptions xml.sax.handler xml.sax.saxutils xml.sax.xmlreader urllib urllib.error "
        "urllib.parse urllib.request urllib.response http http.client ipaddress email email._encoded_words "
        "email._parseaddr email._policybase email.base64mime email.charset email.encoders email.errors "
        "email.feedparser email.header email.iterators email.message email.parser email.quoprimime email.utils "
        "quopri",
    "segno's PNG writer compresses with gzip's helpers": "gzip",
    # The worker installs the extras with pyodide.loadPackage, whose Python side (pyodide._package_loader)
    # looks in each wheel for shared libraries with tarfile: without it no extra installs.
    "pyodide.loadPackage, installing an extra's wheels": "tarfile",
}


def recorded() -> list[str]:
    return [line.split("#")[0].strip() for line in RECORDED.read_text(encoding="utf-8").splitlines()
            if line.split("#")[0].strip()]


def kept_modules() -> list[str]:
    return sorted({*recorded(), *(name for names in KEPT.values() for name in names.split())})


def _file_of(name: str, names: set[str]) -> str:
    base = name.replace(".", "/")
    for candidate in (f"{base}.py", f"{base}/__init__.py"):
        if candidate in names:
            return candidate
    raise KeyError(f"{name} is not in Pyodide's standard library: update sitebuild/stdlib.py's KEPT list")


def without_comments(source: bytes) -> bytes:
    """The source with its comments cut out, line numbers unchanged (so tracebacks still point right).

    The build's Python may be older than Pyodide's, whose newer string syntax (PEP 701's nested
    quotes) an older tokenizer reads differently: so only comments on lines without a string are
    cut, the encoding line is kept, and a file the tokenizer cannot read is kept whole."""
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(source).readline))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        return source
    encoding = tokens[0].string if tokens and tokens[0].type == tokenize.ENCODING else "utf-8"
    with_strings = {row for t in tokens if t.type == tokenize.STRING for row in range(t.start[0], t.end[0] + 1)}
    cuts = {t.start[0]: t.start[1] for t in tokens
            if t.type == tokenize.COMMENT and t.start[0] > 2 and t.start[0] not in with_strings}
    lines = source.decode(encoding).splitlines(keepends=True)
    for row, column in cuts.items():
        line = lines[row - 1]
        ending = line[len(line.rstrip("\r\n")):]
        lines[row - 1] = line[:column].rstrip() + ending
    return "".join(lines).encode(encoding)


def _stored(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = (0o40755 if name.endswith("/") else 0o644) << 16
    archive.writestr(info, data, compress_type=zipfile.ZIP_STORED)


@functools.lru_cache(maxsize=None)
def build_stdlib() -> Path:
    """The trimmed zip, named by its content (so browsers keep it for ever), cached by its inputs."""
    full = FULL.read_bytes()
    modules = kept_modules()
    key = hashlib.sha256(full + "\n".join(modules).encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    folder = CACHE / key
    found = sorted(folder.glob("python_stdlib-*.zip")) if folder.exists() else []
    if found:
        return found[0]
    with zipfile.ZipFile(io.BytesIO(full)) as source:
        names = set(source.namelist())
        files = sorted({_file_of(name, names) for name in modules})
        folders = sorted({path[:index + 1] for path in files for index, char in enumerate(path) if char == "/"})
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name in sorted([*folders, *files]):
                _stored(archive, name, b"" if name.endswith("/") else without_comments(source.read(name)))
    data = out.getvalue()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"python_stdlib-{hashlib.sha256(data).hexdigest()[:12]}.zip"
    target.write_bytes(data)
    return target


def rest_of_stdlib() -> bytes:
    """Every file of Pyodide's zip that the trimmed one leaves out: the test tools (pytest and
    hypothesis) import them under Pyodide, beside the trimmed zip the core runs on."""
    with zipfile.ZipFile(build_stdlib()) as trimmed:
        kept = set(trimmed.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(FULL) as source, zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            if info.filename not in kept or info.is_dir():
                archive.writestr(info, source.read(info.filename))
    return out.getvalue()
