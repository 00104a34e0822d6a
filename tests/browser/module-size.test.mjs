// The browser code stays in small modules with one job each (issue 24): none over 250 lines.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const BROWSER = new URL("../../browser/", import.meta.url);
const MOST_LINES = 250;

test(`no browser module is longer than ${MOST_LINES} lines`, () => {
  const scripts = readdirSync(BROWSER).filter((name) => /\.m?js$/.test(name));
  assert.ok(scripts.includes("engine.mjs") && scripts.includes("worker.mjs"), "the browser folder holds the page script");
  const long = scripts.map((name) => [name, readFileSync(new URL(name, BROWSER), "utf8").split("\n").length])
    .filter(([, lines]) => lines > MOST_LINES);
  assert.deepEqual(long, []);
});
