import assert from "node:assert/strict";
import { test } from "node:test";
import { fitsLists, readLink } from "../../browser/permalink.mjs";

const PREFIX = "#inputs=";
const link = (inputs) => PREFIX + Buffer.from(JSON.stringify(inputs), "utf8").toString("base64url");

test("a permalink's inputs are read from its base64url JSON, with or without padding", () => {
  const inputs = { contract_value: "£250,000", title: "Café — naïve ✓", lines: [{ quantity: 3 }] };
  assert.deepEqual(readLink(link(inputs), PREFIX), inputs);
  const padded = PREFIX + Buffer.from(JSON.stringify({ a: 1 })).toString("base64url") + "==";
  assert.deepEqual(readLink(padded, PREFIX), { a: 1 });
});

test("base64url's - and _ are read as + and /", () => {
  const inputs = { text: "???>>>~~~" }; // encodes with - and _ in base64url
  const encoded = link(inputs);
  assert.match(encoded, /[-_]/);
  assert.deepEqual(readLink(encoded, PREFIX), inputs);
});

test("an unreadable link fills nothing", () => {
  assert.equal(readLink("#inputs=!!!", PREFIX), null);
  assert.equal(readLink(PREFIX + Buffer.from("not json").toString("base64url"), PREFIX), null);
  assert.equal(readLink(PREFIX + Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url"), PREFIX), null, "not UTF-8");
  assert.equal(readLink(link([1, 2]), PREFIX), null, "a list is not inputs");
  assert.equal(readLink(link(null), PREFIX), null);
  assert.equal(readLink(link(7), PREFIX), null);
});

test("only a fragment that starts with the form's prefix is a link", () => {
  assert.equal(readLink("#results", PREFIX), null);
  assert.equal(readLink(null, PREFIX), null);
  assert.equal(readLink(link({ a: 1 }), undefined), null);
});

test("a link with more lines than a list takes does not fit", () => {
  const lists = [{ name: "lines", maxItems: 2 }];
  assert.equal(fitsLists({ lines: [{}, {}] }, lists), true);
  assert.equal(fitsLists({ lines: [{}, {}, {}] }, lists), false);
  assert.equal(fitsLists({ lines: "many" }, lists), true, "not a list: the core says what is wrong");
  assert.equal(fitsLists({}, lists), true);
});
