// The page's side of Excel workbooks (browser/workbooks.mjs): which files go to the core as bytes,
// base64 both ways, and that the "xlsx" extra is asked for only when an .xlsx is chosen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fromBase64, isWorkbook, readFiles, toBase64 } from "../../browser/workbooks.mjs";

test("workbooks are read as bytes, CSV and JSON as text", () => {
  for (const name of ["plan.xlsx", "PLAN.XLSX", "old.xls", "calc.ods", "macros.xlsm"]) assert.ok(isWorkbook(name), name);
  for (const name of ["plan.csv", "plan.json", "xlsx.csv", "plan.xlsx.txt"]) assert.ok(!isWorkbook(name), name);
});

test("base64 carries every byte, in chunks larger than one call's arguments", () => {
  const bytes = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
  const text = toBase64(bytes);
  assert.equal(text, Buffer.from(bytes).toString("base64"));
  assert.deepEqual(fromBase64(text), bytes);
});

const file = (name, content) => ({
  name,
  text: async () => content,
  arrayBuffer: async () => new TextEncoder().encode(content).buffer,
});

test("the xlsx extra is loaded only when an .xlsx is chosen, and a failure to load it is left to the core", async () => {
  const asked = [];
  const load = async (name) => { asked.push(name); };
  assert.deepEqual(await readFiles([file("a.csv", "x,y\n")], load), [{ name: "a.csv", text: "x,y\n" }]);
  assert.deepEqual(await readFiles([file("old.xls", "PK")], load), [{ name: "old.xls", base64: "UEs=" }]);
  assert.deepEqual(asked, []);
  assert.deepEqual(await readFiles([file("b.xlsx", "PK")], load), [{ name: "b.xlsx", base64: "UEs=" }]);
  assert.deepEqual(asked, ["xlsx"]);
  const failing = async () => { throw new Error("offline"); };
  assert.deepEqual(await readFiles([file("b.xlsx", "PK")], failing), [{ name: "b.xlsx", base64: "UEs=" }]);
});
