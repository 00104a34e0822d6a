// The list the page keeps (kept-list.mjs): from the replies it shows, sent with every compute.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeptList, keptMessage, keptText } from "../../browser/kept-list.mjs";

const reply = (reports) => ({ ok: true, kept: JSON.stringify({ reports }), kept_summary: "1 open." });
const root = (dataset) => ({ dataset, querySelector: () => null });

test("a shown result's list is kept as the core's text; errors and other calculators keep nothing", () => {
  assert.equal(keptText("reports", reply([{ a: 1 }])), '{"reports":[{"a":1}]}');
  assert.equal(keptText("reports", { ok: false, errors: [] }), null);
  assert.equal(keptText("", reply([{ a: 1 }])), null);
  assert.equal(keptText("reports", { ok: true }), null);
  assert.equal(keptText("reports", { ok: true, kept: "" }), null);
});

test("the compute message carries the kept list, or nothing when none is open", () => {
  assert.equal(keptMessage("reports", null), "");
  assert.equal(keptMessage("", '{"reports":[{"a":1}]}'), "");
  assert.equal(keptMessage("reports", '{"reports":[{"a":1}]}'), '{"reports":[{"a":1}]}');
});

test("a reply with errors keeps what was open; the example's list is kept before it computes", () => {
  const kept = new KeptList(root({ kept: "reports", exampleKept: '{"reports":[{"e":1}]}' }));
  assert.equal(kept.message(), "");
  kept.keepExample();
  assert.equal(kept.message(), '{"reports":[{"e":1}]}');
  kept.keepFrom(reply([{ f: 2 }]));
  kept.keepFrom({ ok: false, errors: [{ field: "", message: "no" }] });
  assert.equal(kept.message(), '{"reports":[{"f":2}]}');
  const none = new KeptList(root({}));
  none.keepExample();
  none.keepFrom(reply([{ f: 2 }]));
  assert.equal(none.message(), "");
});
