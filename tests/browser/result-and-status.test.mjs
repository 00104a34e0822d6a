// What the result buttons save and what the status line says while the runtime downloads.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileFor, linkTo } from "../../browser/result-actions.mjs";
import { megabytes, progressMessage, progressTenth } from "../../browser/status-line.mjs";

// The result region's dataset, as the calculator keeps it: text only.
const result = { permalink: "#inputs=e30", total: 1 };
const kept = { result: JSON.stringify(result), csv: "a,b\r\n1,2\r\n", downloads: '{"commitments": "x,y"}' };

test("Download CSV saves the core's CSV, named after the calculator", () => {
  assert.deepEqual(fileFor("download-csv", kept, { dataset: {} }, "valuation"),
    { text: kept.csv, type: "text/csv", filename: "valuation.csv" });
});

test("Download JSON saves the whole result, indented", () => {
  const file = fileFor("download-json", kept, { dataset: {} }, "valuation");
  assert.deepEqual(JSON.parse(file.text), result);
  assert.match(file.text, /^\{\n  "/, "indented, not the kept text again");
  assert.equal(file.filename, "valuation.json");
  assert.equal(file.type, "application/json");
});

test("a calculator's own file is the core's text under the button's file name", () => {
  const button = { dataset: { file: "commitments", filename: "commitments.csv" } };
  assert.deepEqual(fileFor("download-file", kept, button, "valuation"),
    { text: "x,y", type: "text/csv", filename: "commitments.csv" });
  assert.equal(fileFor("download-file", kept, { dataset: { file: "other" } }, "valuation"), null);
});

test("a link to a result is the page's address with the result's permalink in place of any fragment", () => {
  assert.equal(linkTo("https://example.gov.uk/toolkit/calculators/valuation/#old", result),
    "https://example.gov.uk/toolkit/calculators/valuation/#inputs=e30");
  assert.equal(linkTo("https://example.gov.uk/a/#x", null), "https://example.gov.uk/a/");
});

test("the download's progress is told in tenths of the build's total", () => {
  assert.equal(progressTenth(0, 12_400_000), 0);
  assert.equal(progressTenth(4_100_000, 12_400_000), 3);
  assert.equal(progressTenth(13_000_000, 12_400_000), 10, "never past the whole");
  assert.equal(progressTenth(5, 0), 0, "no total: no progress");
  assert.equal(megabytes(4_100_000), "4.1 MB");
  assert.equal(progressMessage(4_100_000, 12_400_000),
    "Downloading the calculator: 4.1 MB of 12.4 MB. The result below is a worked example until it is ready.");
  assert.equal(progressMessage(12_400_000, 12_400_000),
    "Starting the calculator. The result below is a worked example until it is ready.");
});

test("the core's reply text: the head parsed, the result's JSON kept as it came, the HTML as it is", async () => {
  const { readReply } = await import("../../browser/reply-text.mjs");
  const html = "<p>Line one\nline two</p>";
  const reply = readReply(`{"ok": true, "permalink": "#inputs=e30", "field_warnings": []}\n{"lines": [1]}\n${html}`);
  assert.equal(reply.ok, true);
  assert.equal(reply.permalink, "#inputs=e30");
  assert.equal(reply.resultText, '{"lines": [1]}');
  assert.equal(reply.html, html);
  const problem = readReply('{"ok": false, "errors": [{"field": "", "message": "x"}]}\nnull\n<div>summary</div>');
  assert.equal(problem.resultText, "");
  assert.deepEqual(problem.errors, [{ field: "", message: "x" }]);
  assert.throws(() => readReply("{}"));
});
