"""What every calculator is: one plain class, as in GOV.UK's smart-answers.

A calculator holds its field specs, ``compute(values) -> result``, the HTML of its result, its CSV
rows, the worked example its page shows and the figures its guidance quotes. Shared parts (input
parsing, money, HTML helpers, settings, permalinks, the chart) live in their own modules; the
command line, the CSV batch, ``api.run``, the build macros and the worker find calculators through
``registry``, so adding one touches nothing else.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from .inputs import Field


class Calculator(ABC):
    """Subclasses set the class attributes and override ``compute`` and ``render``."""

    name: str = ""
    title: str = ""
    fields: tuple[Field, ...] = ()
    example: dict = {}  # the worked example its page shows
    # The CSV batch: the result columns written after a row's input columns ...
    result_columns: tuple[str, ...] = ()
    # ... and, when each row is one item of a list input, that list's name and the top-level
    # inputs allowed as extra columns (valuation: one outcome line a row).
    batch_items: tuple[str, tuple[str, ...]] | None = None
    # ... and True when the whole file is one calculation with one item a row (the bids of one
    # evaluation), rather than each row valued on its own.
    batch_as_one: bool = False
    takes_settings: bool = False  # True: ``--settings FILE`` gives options_from_settings(FILE)
    # A file box that fills the form from a CSV or JSON file read in the browser (never uploaded):
    # every whole-file calculator has one; another with ``batch_items`` may ask for one too. Its
    # label and hint, when the default "Import ... from a CSV file" does not say enough.
    imports_files: bool | None = None  # None: the same as batch_as_one
    import_text: tuple[str, str] | None = None
    # More downloads of a result than CSV and JSON: (key, button text, file name) each, with their
    # text from ``download_texts``.
    downloads: tuple[tuple[str, str, str], ...] = ()

    @abstractmethod
    def compute(self, values: dict, **options) -> dict:
        """The result for validated values (pure: no I/O). May raise InvalidInput."""

    def rules(self, values: dict) -> list[dict]:
        """Errors from rules between inputs (months elapsed within the contract), each named for the
        field to change. ``values`` may be partly checked: an input that failed its own check is
        left out, and a rule that needs it is skipped. ``api.validate`` checks these with each
        field's own checks, so a form shows every problem at once; ``compute`` checks them again."""
        return []

    @abstractmethod
    def render(self, result: dict, site_root: str) -> str:
        """The result as an accessible HTML fragment; every user string escaped."""

    def csv_rows(self, result: dict) -> list[list]:
        """The result as rows for "Download CSV": by default, its top-level figures."""
        rows = [["item", "value"]]
        rows.extend([f"input: {key}", value] for key, value in result.get("inputs", {}).items())
        rows.extend([key, value] for key, value in result.items()
                    if key not in ("calculator", "inputs", "permalink") and not isinstance(value, (dict, list)))
        return rows

    def batch_cells(self, result: dict) -> dict:
        """The values of ``result_columns`` for one batch row."""
        return {column: result.get(column) for column in self.result_columns}

    def batch_options(self, row: int) -> dict:
        """Options for ``compute`` when it runs row ``row`` of a batch."""
        return {}

    def batch_row_warnings(self, rows: list[tuple]) -> dict[int, list[str]]:
        """Warnings that compare the rows of a batch, by row number. ``rows`` are the rows that ran:
        (row number, cells, inputs, result)."""
        return {}

    def batch_item_cells(self, result: dict, index: int) -> dict:
        """The values of ``result_columns`` for item ``index`` of a whole-file batch (``batch_as_one``)."""
        item = result[self.batch_items[0]][index]
        return {column: item.get(column) for column in self.result_columns}

    def batch_total_cells(self, result: dict) -> dict:
        """The values of ``result_columns`` for a last row of totals, after a whole-file batch's rows
        (none by default)."""
        return {}

    @property
    def takes_files(self) -> bool:
        """True when the page has a file box and ``api.open_import`` reads files for it."""
        return bool(self.batch_items) and (self.batch_as_one if self.imports_files is None else self.imports_files)

    def download_texts(self, result: dict) -> dict:
        """The text of each of ``downloads``, by key."""
        return {}

    def figures(self) -> dict:
        """Functions the guidance pages call as macros, by name: figures that come from the data."""
        return {}

    def options_from_settings(self, path: str) -> dict:
        """Options for ``compute`` from an edited settings file (``--settings``)."""
        return {}

    def item_noun(self, list_name: str) -> str:
        """How a message names an item of a list input: "outcome line"."""
        for spec in self.fields:
            if spec.name == list_name and spec.kind == "lines":
                return spec.sentence_label
        return "item"
