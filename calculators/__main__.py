"""Command line: ``python -m calculators NAME`` (or ``socialvalue NAME``).

JSON in (stdin or --input FILE), JSON out. With --csv FILE (CSV, or an .xlsx workbook), a batch, as
the calculator's ``files`` declares its rows: one calculation a row, the columns named like the JSON
keys (proportionality); one item of its list input a row, each valued on its own (valuation's
outcome lines); or the whole file one calculation (evaluation: one bid a row). Each output row adds
the results, or the row's errors. With --open FILE..., one calculation from a file (or several), as
the calculator's page opens them. Invalid input prints ``{"errors": [...]}`` and exits with code 2.
The calculators are the ones in ``registry``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile

from . import api, batch, benchmarks, csvtext, file_reading, jsontext, registry, spreadsheets
from .benchmark_file import read_benchmarks
from .cleantext import shown
from .data_files import SettingsError
from .invalid_input import InvalidInput
from .words import join_words

EXIT_INVALID = 2


# The most the command line reads: a 1,000-line valuation is about 200 kB and a 10,000-row batch
# about 1 MB, so this is generous, and it keeps memory bounded for any file.
MAX_INPUT_BYTES = 10_000_000


def _fail(errors: list[dict]) -> int:
    print(jsontext.dumps({"errors": errors}, indent=2))
    return EXIT_INVALID


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="socialvalue", description="Southend Social Value Toolkit calculators (JSON in, JSON out).")
    parser.add_argument("calculator", choices=registry.names(), help="which calculator to run")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--input", metavar="FILE", help="read the JSON inputs from FILE instead of stdin")
    source.add_argument("--csv", metavar="FILE", help="run every row of a CSV or .xlsx file; '-' reads stdin")
    source.add_argument("--open", metavar="FILE", nargs="+",
                        help="one calculation from a CSV, JSON or .xlsx file (or several, where the calculator takes "
                             "several), as its page opens them")
    parser.add_argument("--output", metavar="FILE", help="write the result to FILE instead of stdout")
    takes_settings = [name for name in registry.names() if registry.get(name).takes_settings]
    parser.add_argument("--settings", metavar="FILE",
                        help=f"{join_words(takes_settings, 'or')} only: use this copy of the settings "
                             "(for example policy.toml, to try out new bands)")
    writes = [name for name in registry.names() if registry.get(name).benchmarks == "writes"]
    reads = [name for name in registry.names() if registry.get(name).benchmarks == "reads"]
    parser.add_argument("--benchmarks", metavar="FILE",
                        help="the report: also write the benchmarks file (.csv, .json or .xlsx) to FILE; the bid "
                             "evaluation and proportionality: compare with the benchmarks in FILE")
    args = parser.parse_args(argv)

    options = {}
    if args.settings:
        if args.calculator not in takes_settings:
            return _fail([{"field": "--settings", "message": f"--settings only applies to the "
                                                             f"{join_words(takes_settings, 'or')} calculator"}])
        try:
            options = registry.get(args.calculator).options_from_settings(args.settings)
        except (OSError, ValueError) as problem:
            messages = problem.problems if isinstance(problem, SettingsError) else [str(problem)]
            return _fail([{"field": "--settings", "message": m} for m in messages])

    try:
        writing = _benchmarks_option(args, writes, reads, options)
        if args.csv:
            source = _Content(file_reading.content(args.csv, _read(args.csv, "--csv"), "--csv"), args.csv)
            # Rows are written as they run, to a file on disk, so memory stays the same however many
            # rows there are; it is copied out only once the whole file has run, so a file that
            # fails part way writes nothing.
            with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as out:
                # CSV for people starts with a byte-order mark, so Excel reads it as UTF-8.
                out.write(csvtext.BOM if args.output else "")
                summary = batch.runner(args.calculator)(args.calculator, source, out, **options)
                out.seek(0)
                _write(args.output, out)
            print(json.dumps(summary), file=sys.stderr)
            return 0 if summary["errors"] == 0 else EXIT_INVALID
        if args.open:
            files = [(path, file_reading.content(path, _read(path, "--open"), "--open")) for path in args.open]
            result = batch.open_files(args.calculator, files, **options)
            _write(args.output, jsontext.dumps(result, indent=2) + "\n")
            _write_benchmarks(writing, result)
            return 0
        data = _read(args.input or "-", "--input")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return _fail([{"field": "--input", "message": "The input is not UTF-8 text"}])
        result = api.run(args.calculator, jsontext.loads(text), **options)
        _write(args.output, jsontext.dumps(result, indent=2) + "\n")
        _write_benchmarks(writing, result)
    except InvalidInput as invalid:
        return _fail(invalid.errors)
    return 0


def _benchmarks_option(args, writes: list[str], reads: list[str], options: dict) -> str | None:
    """--benchmarks FILE: the file to write (the report), or the benchmarks read into ``options``."""
    if not args.benchmarks:
        return None
    if args.calculator not in writes + reads:
        raise InvalidInput([{"field": "--benchmarks", "message": f"--benchmarks only applies to the "
                                                                 f"{join_words(writes + reads, 'or')} calculator"}])
    if args.calculator in reads:
        data = _read(args.benchmarks, "--benchmarks")
        try:
            options["benchmarks"] = read_benchmarks(data, args.benchmarks)  # CSV, JSON or a workbook's bytes
        except InvalidInput as invalid:
            raise InvalidInput([{**error, "field": "--benchmarks"} for error in invalid.errors]) from None
        return None
    if args.csv:
        raise InvalidInput([{"field": "--benchmarks", "message": "Use --open, not --csv, to write the benchmarks file"}])
    if not args.benchmarks.lower().endswith(".xlsx"):
        benchmarks.file_text([], args.benchmarks)  # a name it cannot write is refused before anything runs
    return args.benchmarks


def _write_benchmarks(path: str | None, result: dict) -> None:
    """The benchmarks file: CSV or JSON text, or an .xlsx workbook, the same as the report page's download."""
    if not path:
        return
    if not path.lower().endswith(".xlsx"):
        _write(path, benchmarks.file_text(result["benchmarks"], path))
        return
    rows, columns = registry.get(result["calculator"]).download_tables(result)["benchmarks"]
    data = spreadsheets.write(rows, columns, spreadsheets.SHEETS.get("benchmarks", "Sheet1"))
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as problem:
        raise InvalidInput([{"field": "--benchmarks", "message": f"Could not write {shown(path)}: {problem.strerror or problem}"
                                                                 f". Check that its folder exists"}])


class _Content:
    """A file's content for a batch to read once, with its name: not an io.StringIO, which keeps a
    second copy of the whole text at 4 bytes a character (14 MB for a 100,000-row batch)."""

    def __init__(self, content: str | bytes, name: str):
        self.content, self.name = content, name

    def read(self) -> str | bytes:
        content, self.content = self.content, None  # the batch holds the only copy, and frees it
        return content


def _read(path: str, option: str) -> bytes:
    """The bytes of a file, or of stdin for '-', up to MAX_INPUT_BYTES (so memory stays bounded)."""
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            data = stream.read(MAX_INPUT_BYTES + 1) if stream else sys.stdin.read(MAX_INPUT_BYTES + 1).encode("utf-8")
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as problem:
        raise InvalidInput([{"field": option, "message": f"Could not read {shown(path)}: {problem.strerror or problem}"}])
    if len(data) > MAX_INPUT_BYTES:
        raise InvalidInput([{"field": option, "message": f"The input is larger than {MAX_INPUT_BYTES // 1_000_000} MB. "
                                                         f"Split it into smaller files"}])
    return data


def _write(path: str | None, text) -> None:
    """Text, or the text of an open file, to stdout or to the file at path."""
    if not path:
        _copy(text, sys.stdout)
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            _copy(text, handle)
    except OSError as problem:
        raise InvalidInput([{"field": "--output", "message": f"Could not write {shown(path)}: {problem.strerror or problem}. "
                                                             f"Check that its folder exists"}])


def _copy(text, target) -> None:
    if isinstance(text, str):
        target.write(text)
    else:
        shutil.copyfileobj(text, target, 1 << 20)


if __name__ == "__main__":
    sys.exit(main())
