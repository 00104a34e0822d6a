"""What a calculator says about the files it opens: one declaration, read by the command line
(``--csv``), ``api.open_files`` (a file read in the browser) and the form's file box."""

from __future__ import annotations

from dataclasses import dataclass

# What one row of a file is.
CALCULATION = "calculation"  # a whole calculation: each row runs on its own (a forward plan of contracts)
ITEM = "item"  # an item of a list input, valued on its own in a batch (an outcome line); a file
# opened in the form fills the whole list
WHOLE_FILE = "whole file"  # an item of a list input, and the whole file is one calculation (the bids)

ROW_KINDS = (CALCULATION, ITEM, WHOLE_FILE)


@dataclass(frozen=True)
class Files:
    """The files a calculator opens.

    ``list_name`` names the list input that rows fill (for ITEM and WHOLE_FILE) and
    ``top_columns`` the top-level inputs a row may also give. ``several``: the form and
    ``api.open_files`` take several files at once, their rows one after another. ``label`` and
    ``hint`` replace the file box's own words, when those do not say enough. ``written_only``: columns
    of the file's format written for people and ignored on reading (a measure's title). ``columns``:
    the columns a row may give, when a row is not one item of the list (a delivery report's rows are
    one contract's commitments, grouped into reports by ``Calculator.inputs_from_files``). ``kept``: the
    list is never laid out as boxes (a list inside its items, such as a report's commitments, has no
    place on a form); the form shows what a person sets and a summary of what is open, and the page
    keeps the list from the reply that opened it (files, a link, the worked example) and sends it back
    with every ``compute`` (browser/CONTRACT.md)."""

    rows: str = CALCULATION
    list_name: str = ""
    top_columns: tuple[str, ...] = ()
    several: bool = False
    label: str = ""
    hint: str = ""
    written_only: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    kept: bool = False

    def __post_init__(self):
        if self.rows not in ROW_KINDS:
            raise ValueError(f"a row is one of {ROW_KINDS}, not {self.rows!r}")
        if (self.rows == CALCULATION) == bool(self.list_name):
            raise ValueError("rows that are items name their list input; rows that are calculations do not")
        if self.kept and not self.list_name:
            raise ValueError("only a list that files fill can be kept by the page")

    @property
    def in_form(self) -> bool:
        """True when the page has a file box: a file fills a list input."""
        return self.rows != CALCULATION
