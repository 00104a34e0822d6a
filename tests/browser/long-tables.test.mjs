// A long result table's "Show all" button: it shows the hidden rows, says so, and leaves focus on the table.
import assert from "node:assert/strict";
import { test } from "node:test";
import { shownMessage, showAllRows } from "../../browser/long-tables.mjs";

test("the status line says every row now shows, in the button's words", () => {
  assert.equal(shownMessage("Show all 1,000 lines"), "Showing all 1,000 lines.");
});

test("the button shows its rows, goes, and the table's region takes focus", () => {
  const region = { focused: false, focus() { this.focused = true; } };
  const rows = { hidden: true, closest: (selector) => (selector === "[tabindex]" ? region : null) };
  const paragraph = { removed: false, remove() { this.removed = true; } };
  const button = { textContent: " Show all 1,000 lines ", getAttribute: () => "valuation-more-lines",
    closest: () => paragraph };
  globalThis.document = { getElementById: (id) => (id === "valuation-more-lines" ? rows : null) };
  const said = [];
  try {
    showAllRows(button, (text, kind) => said.push([text, kind]));
  } finally {
    delete globalThis.document;
  }
  assert.equal(rows.hidden, false);
  assert.ok(paragraph.removed, "the button and its sentence go");
  assert.ok(region.focused);
  assert.deepEqual(said, [["Showing all 1,000 lines.", "ready"]]);
});

test("a button whose rows are gone does nothing", () => {
  globalThis.document = { getElementById: () => null };
  const said = [];
  try {
    showAllRows({ getAttribute: () => "x", textContent: "Show all 300 lines" }, (text) => said.push(text));
  } finally {
    delete globalThis.document;
  }
  assert.deepEqual(said, []);
});
