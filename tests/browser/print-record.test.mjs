// The printed record's pure parts: which keys ask for a print (the record's QR code is drawn before
// Ctrl+P prints), and a wait that gives up, so a slow download never stops a print.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isPrintShortcut, within } from "../../browser/print-record.mjs";

test("Ctrl+P and Cmd+P ask for a print; with Shift or Alt, or another key, they do not", () => {
  assert.equal(isPrintShortcut({ key: "p", ctrlKey: true }), true);
  assert.equal(isPrintShortcut({ key: "P", metaKey: true }), true);
  assert.equal(isPrintShortcut({ key: "p" }), false);
  assert.equal(isPrintShortcut({ key: "p", ctrlKey: true, shiftKey: true }), false); // Firefox's private window
  assert.equal(isPrintShortcut({ key: "p", ctrlKey: true, altKey: true }), false);
  assert.equal(isPrintShortcut({ key: "s", ctrlKey: true }), false);
});

test("within gives the promise's value when it comes in time, and the fallback when it does not", async () => {
  assert.equal(await within(Promise.resolve(null), 1000, "late"), null);
  assert.equal(await within(new Promise(() => {}), 10, "late"), "late");
});
