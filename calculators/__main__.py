"""Command line: ``python -m calculators NAME`` (or ``socialvalue NAME``).

JSON in (stdin or --input FILE), JSON out. With --csv FILE, one calculation per row: the columns are
named like the JSON keys, and each output row adds the results, or the row's errors. A calculator
with a list input (valuation's outcome lines) takes one item a row, plus its allowed top-level
columns; for evaluation the whole file is one calculation, one bid a row. Invalid input prints ``{"errors": [...]}`` and exits with code 2. The calculators are the
ones in ``registry``.
"""

from __future__ import annotations

import argparse
import io
import json
import sys

from . import api, batch, registry
from .inputs import InvalidInput, join_words
from .settings import SettingsError

EXIT_INVALID = 2


def _fail(errors: list[dict]) -> int:
    print(json.dumps({"errors": errors}, indent=2, ensure_ascii=False))
    return EXIT_INVALID


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a number")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="socialvalue", description="Southend Social Value Toolkit calculators (JSON in, JSON out).")
    parser.add_argument("calculator", choices=registry.names(), help="which calculator to run")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--input", metavar="FILE", help="read the JSON inputs from FILE instead of stdin")
    source.add_argument("--csv", metavar="FILE", help="run every row of a CSV file; '-' reads stdin")
    parser.add_argument("--output", metavar="FILE", help="write the result to FILE instead of stdout")
    takes_settings = [name for name in registry.names() if registry.get(name).takes_settings]
    parser.add_argument("--settings", metavar="FILE",
                        help=f"{join_words(takes_settings, 'or')} only: use this copy of the settings "
                             "(for example policy.toml, to try out new bands)")
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

    if args.csv:
        try:
            text = sys.stdin.read() if args.csv == "-" else open(args.csv, encoding="utf-8-sig").read()
        except (OSError, UnicodeDecodeError) as problem:
            return _fail([{"field": "--csv", "message": f"Could not read the CSV file: {problem}"}])
        out = io.StringIO()
        summary = batch.runner(args.calculator)(args.calculator, io.StringIO(text), out, **options)
        _write(args.output, out.getvalue())
        print(json.dumps(summary), file=sys.stderr)
        return 0 if summary["errors"] == 0 else EXIT_INVALID

    try:
        text = open(args.input, encoding="utf-8").read() if args.input else sys.stdin.read()
    except (OSError, UnicodeDecodeError) as problem:
        return _fail([{"field": "--input", "message": f"Could not read the input: {problem}"}])
    try:
        inputs = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as problem:
        return _fail([{"field": "", "message": f"The input is not valid JSON: {str(problem)[:120]}"}])
    try:
        result = api.run(args.calculator, inputs, **options)
    except InvalidInput as invalid:
        return _fail(invalid.errors)
    _write(args.output, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


def _write(path: str | None, text: str) -> None:
    if path:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    sys.exit(main())
