// The list the page keeps (kept-list.mjs): from the replies it shows, sent with every compute.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KeptList, keptItems, keptMessage } from "../../browser/kept-list.mjs";

const reply = (reports) => ({ ok: true, result: { inputs: { price_year: 2026, reports } }, kept_summary: "1 open." });
const root = (dataset) => ({ dataset, querySelector: () => null });

test("a shown result's items are kept; errors and other calculators keep nothing", () => {
  assert.deepEqual(keptItems("reports", reply([{ a: 1 }])), [{ a: 1 }]);
  assert.equal(keptItems("reports", { ok: false, errors: [] }), null);
  assert.equal(keptItems("", reply([{ a: 1 }])), null);
  assert.equal(keptItems("reports", { ok: true, result: { inputs: { reports: "no" } } }), null);
});

test("the compute message carries the kept items, or nothing when none are open", () => {
  assert.equal(keptMessage("reports", null), "");
  assert.equal(keptMessage("", [{ a: 1 }]), "");
  assert.equal(keptMessage("reports", [{ a: 1 }]), '{"reports":[{"a":1}]}');
});

test("a reply with errors keeps what was open; the example's items are kept before it computes", () => {
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
