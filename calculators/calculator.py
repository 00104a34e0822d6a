"""What every calculator is: one plain class, as in GOV.UK's smart-answers.

A calculator holds its field specs, ``compute(values) -> result``, the HTML of its result, its CSV
rows, the worked example its page shows, the files it opens and the figures its guidance quotes.
``run`` validates inputs and computes: ``api.run`` uses it, and so does a calculator that uses
another (evaluation values a bid's outcome lines with the valuation). Shared parts (input parsing,
money, HTML helpers, settings, permalinks, the chart) live in their own modules; the command line,
the CSV batch, ``api``, the build macros and the worker find calculators through ``registry``,
which discovers them, so adding one touches nothing else.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from .cleantext import broken_text
from .commitments import write_csv
from .data_files import DataFile
from .field import Field
from .files import Files
from .inputs import in_form_order, parse_fields
from .invalid_input import InvalidInput


class Calculator(ABC):
    """Subclasses set the class attributes and override ``compute`` and ``render``."""

    name: str = ""
    title: str = ""
    fields: tuple[Field, ...] = ()
    example: dict = {}  # the worked example its page shows
    # The CSV batch: the result columns written after a row's input columns.
    result_columns: tuple[str, ...] = ()
    files: Files = Files()  # the files it opens (command line, the form's file box, api.open_files)
    # Its settings file, if the council can edit its rules: ``--settings FILE`` tries an edited copy,
    # passed to ``compute`` as ``settings``.
    settings: DataFile | None = None
    # More downloads of a result than CSV and JSON: (key, button text, file name) each, with their
    # rows from ``download_tables``, written as CSV or .xlsx.
    downloads: tuple[tuple[str, str, str], ...] = ()
    # Benchmarks from past delivery (``benchmarks.py``): "writes" when its result holds the benchmarks file
    # (the report, ``--benchmarks OUT``), "reads" when ``compute`` takes one as ``benchmarks``.
    benchmarks: str = ""
    figure_functions: tuple = ()  # the figures its guidance quotes, each a function named for its macro

    @abstractmethod
    def compute(self, values: dict, **options) -> dict:
        """The result for validated values (pure: no I/O). May raise InvalidInput."""

    def rules(self, values: dict) -> list[dict]:
        """Errors from rules between inputs (months elapsed within the contract), each named for the
        field to change. ``values`` may be partly checked: an input that failed its own check is
        left out, and a rule that needs it is skipped. ``validate`` checks these with each field's
        own checks, so a form shows every problem at once; ``compute`` checks them again."""
        return []

    def validate(self, inputs, warnings: list[dict] | None = None) -> dict:
        """Clean values for raw inputs; raises InvalidInput listing every problem, in the order of
        the form: each field's own checks and the rules between fields, skipping a rule's message
        for a field that already has one. Values accepted but likely slips (0.5 for 50%) add a
        ``{field, message}`` to ``warnings``."""
        if broken := broken_text(inputs):  # before any message could repeat a broken character
            raise InvalidInput(in_form_order(broken, self.fields))
        values, errors = parse_fields(self.fields, inputs, warnings=warnings)
        failed = {error["field"] for error in errors}
        errors += [error for error in self.rules(values) if error["field"] not in failed]
        if errors:
            raise InvalidInput(in_form_order(errors, self.fields))
        return values

    def run(self, inputs, warnings: list[dict] | None = None, **options) -> dict:
        """Validate and compute: the result, after its clean ``inputs``. Raises InvalidInput."""
        values = self.validate(inputs, warnings)
        return {"inputs": values, **self.compute(values, **options)}

    @abstractmethod
    def render(self, result: dict, site_root: str) -> str:
        """The result as an accessible HTML fragment; every user string escaped."""

    def csv_rows(self, result: dict) -> list[list]:
        """The result as rows for "Download CSV": by default, its top-level figures."""
        rows = [["item", "value"]]  # export.to_csv writes each name in words, an input by its label
        rows.extend([key, value] for key, value in result.get("inputs", {}).items())
        rows.extend([key, value] for key, value in result.items()
                    if key not in ("calculator", "inputs", "permalink") and not isinstance(value, (dict, list)))
        return rows

    def inputs_from_files(self, records: list[tuple[str, int, dict]], read_rows) -> tuple[dict, list[dict]]:
        """One calculation's inputs from the rows of its files, each (file name, row number, row), and
        the files' own problems. By default each row is one item of the list input (``read_rows``:
        ``file_reading.inputs_from_rows``, which the file reading passes in); a calculator whose rows
        are grouped otherwise (the report: a contract's quarter is many rows) overrides this."""
        return read_rows(self, [row for *_, row in records])

    def refuse_file(self, columns: set[str]) -> str | None:
        """Why a file is not one of this calculator's, from its column names (lower case, as the file
        reading found them), before its rows are read (a bids file opened in the report), or None to
        read it."""
        return None

    def batch_cells(self, result: dict) -> dict:
        """The values of ``result_columns`` for one batch row, from ``run``'s result as it is (the
        batch makes only these values JSON-ready, with ``money.to_json``)."""
        return {column: result.get(column) for column in self.result_columns}

    def batch_options(self, row: int) -> dict:
        """Options for ``compute`` when it runs row ``row`` of a batch: one that skips work whose
        result the batch never writes (``explain=False``) must leave every written value the same."""
        return {}

    def batch_comparison(self):
        """Warnings that compare a batch's rows: a function called with each row that ran, in order
        (row number, its output cells, its result), that returns the row's warnings about the rows
        before it. It keeps only what its comparisons need, never every row (none by default)."""
        return lambda number, cells, result: []

    def batch_item_cells(self, result: dict, index: int) -> dict:
        """The values of ``result_columns`` for item ``index`` of a whole-file batch."""
        item = result[self.files.list_name][index]
        return {column: item.get(column) for column in self.result_columns}

    def batch_total_cells(self, result: dict) -> dict:
        """The values of ``result_columns`` for a last row of totals, after a whole-file batch's rows
        (none by default)."""
        return {}

    def download_tables(self, result: dict) -> dict:
        """Each of ``downloads`` as its rows and columns, by key: written as CSV (``download_texts``)
        or as an .xlsx workbook (``api.download_xlsx``)."""
        return {}

    def download_texts(self, result: dict) -> dict:
        """The CSV text of each of ``downloads``, by key."""
        return {key: write_csv(rows, columns) for key, (rows, columns) in self.download_tables(result).items()}

    def figures(self) -> dict:
        """Functions the guidance pages call as macros, by name: figures that come from the data. A
        figure that quotes a calculation takes ``run``, which the build passes in (``api.run``)."""
        return {function.__name__: function for function in self.figure_functions}

    @property
    def takes_settings(self) -> bool:
        return self.settings is not None

    def options_from_settings(self, path: str) -> dict:
        """Options for ``compute`` from an edited settings file (``--settings``)."""
        return {"settings": self.settings.load(path)}

    @property
    def list_spec(self):
        """The field of the list a file fills (``files.list_name``): one row an item."""
        return next(spec for spec in self.fields if spec.name == self.files.list_name)

    def kept_summary(self, inputs: dict) -> str:
        """What the form says is open, for a list the page keeps (``Files.kept``): "22 delivery reports"."""
        items = inputs.get(self.files.list_name) or []
        return f"{len(items):,} {self.list_spec.items_noun(len(items))} open."

    def item_noun(self, list_name: str) -> str:
        """How a message names an item of a list input: "outcome line"."""
        for spec in self.fields:
            if spec.name == list_name and spec.kind == "lines":
                return spec.sentence_label
        return "item"
