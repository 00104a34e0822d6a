// The formats the page script shares with the core (browser/CONTRACT.md): field paths, list
// positions and the numbering of a list's items.
import assert from "node:assert/strict";
import { test } from "node:test";
import { itemCount, itemOf, lineNumber, numbered, numberedParts, pathOf, valueAt } from "../../browser/field-paths.mjs";

test("a field's name is its path in the nested inputs", () => {
  assert.deepEqual(pathOf("lines[2].quantity"), ["lines", 2, "quantity"]);
  assert.deepEqual(pathOf("bids[0].lines[3].measure"), ["bids", 0, "lines", 3, "measure"]);
  assert.deepEqual(pathOf("contract_value"), ["contract_value"]);
});

test("valueAt finds a value by its path and nothing else", () => {
  const inputs = { contract_value: "250000", lines: [{ quantity: 5 }, { quantity: null }], flag: true };
  assert.equal(valueAt(inputs, "contract_value"), "250000");
  assert.equal(valueAt(inputs, "lines[0].quantity"), 5);
  assert.equal(valueAt(inputs, "lines[1].quantity"), null);
  assert.equal(valueAt(inputs, "flag"), true);
  assert.equal(valueAt(inputs, "lines[5].quantity"), undefined);
  assert.equal(valueAt(inputs, "lines"), undefined, "a list is not a box's value");
  assert.equal(valueAt(inputs, "lines[0]"), undefined, "an item is not a box's value");
  assert.equal(valueAt(inputs, "contract_value.more"), undefined);
});

test("a list of plain values is one box's text, as api.flatten writes it (a bid's panel scores)", () => {
  const inputs = { bids: [{ panel_scores: [4, 2] }, { panel_scores: [] }] };
  assert.equal(valueAt(inputs, "bids[0].panel_scores"), "4, 2");
  assert.equal(valueAt(inputs, "bids[1].panel_scores"), undefined);
});

test("valueAt reads only the inputs' own keys", () => {
  assert.equal(valueAt({}, "constructor"), undefined);
  assert.equal(valueAt({}, "__proto__"), undefined);
  assert.equal(valueAt({ lines: { 0: { quantity: 1 } } }, "lines[0].quantity"), undefined, "an object is not a list");
  assert.equal(valueAt({ lines: [1] }, "lines.length"), undefined, "a list has no named keys");
});

test("itemOf names the list and position of an item's field", () => {
  assert.deepEqual(itemOf("lines[12].quantity"), { list: "lines", index: 12 });
  assert.deepEqual(itemOf("bids[1].lines[0].measure"), { list: "bids", index: 1 });
  assert.equal(itemOf("contract_value"), null);
  assert.equal(itemOf("lines[2]"), null);
});

test("itemCount is one more than the highest position named", () => {
  const values = { "lines[0].quantity": "1", "lines[4].years": "", "bids[9].name": "x", title: "" };
  assert.equal(itemCount(values, "lines"), 5);
  assert.equal(itemCount(values, "bids"), 10);
  assert.equal(itemCount(values, "commitments"), 0);
});

test("itemCount counts 50,000 rows' values without spreading them into a call (issue 31, finding 2)", () => {
  const values = {};
  for (let index = 0; index < 50000; index++) values[`lines[${index}].measure`] = "apprenticeships";
  assert.equal(itemCount(values, "lines"), 50000);
});

test("an item's names and ids are renumbered at its position, and only its own list's", () => {
  assert.equal(numbered(numberedParts("lines[0].quantity", "lines"), 7), "lines[7].quantity");
  assert.equal(numbered(numberedParts("valuation-lines-0-quantity", "lines"), 7), "valuation-lines-7-quantity");
  assert.equal(numbered(numberedParts("valuation-lines-0-quantity-hint valuation-lines-0-quantity-error", "lines"), 3),
    "valuation-lines-3-quantity-hint valuation-lines-3-quantity-error");
  assert.equal(numbered(numberedParts("bids[0].lines[2].measure", "bids"), 4), "bids[4].lines[2].measure",
    "a list inside an item keeps its own numbers");
});

test("a list whose name has an underscore is renumbered in its ids as field_id writes them", () => {
  assert.equal(numbered(numberedParts("monitoring-kpi-lines-0-due", "kpi_lines"), 2), "monitoring-kpi-lines-2-due");
});

test("people count items from 1", () => {
  assert.equal(lineNumber(0), "1");
  assert.equal(lineNumber(999), "1000");
});
