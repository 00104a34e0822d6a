// Issue 28, findings 1-3 and 5: the status line describes what the page shows now, and the worked
// example asks first only when it would replace what was typed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { wouldLoseTyping } from "../../browser/confirm-example.mjs";
import { StatusLine, afterReply } from "../../browser/status-line.mjs";

const result = { ok: true, result: { permalink: "#inputs=e30" }, html: "" };
const problems = { ok: false, errors: [{ field: "a", message: "Enter a" }], html: "" };

test("a valid result says a result is shown, never 'Fill in the form' (finding 1)", () => {
  for (const via of ["form", "link"]) {
    const said = afterReply(result, { via, engaged: true });
    assert.equal(said.text, "Your result is below. It updates as you change the form.");
    assert.equal(said.kind, "ready");
    assert.doesNotMatch(said.text, /Fill in the form/);
  }
  assert.match(afterReply(result, { via: "example", engaged: true }).text, /^The form now holds the worked example/);
});

test("a half-filled form nobody asked about yet asks to fill it in; once asked, it names the problems", () => {
  assert.match(afterReply(problems, { via: "form", engaged: false }).text, /^Fill in the form/);
  const said = afterReply(problems, { via: "form", engaged: true });
  assert.equal(said.text, "There is no result yet: fix the problems listed above the form.");
  assert.notEqual(said.key, afterReply(result, { via: "form", engaged: true }).key);
});

test("a file opened says what was opened; a refused file says it was not opened (finding 3)", () => {
  const message = "Opened a file with 20 commitments. Check the form, then change anything you need to.";
  assert.equal(afterReply({ ...result, message }, { via: "files", engaged: true }).text, message);
  assert.match(afterReply({ ...problems, message }, { via: "files", engaged: true }).text,
    /^Opened a file with 20 commitments\. .* There is no result yet: fix the problems listed above the form\.$/);
  const refused = afterReply({ ...problems, form: {} }, { via: "files", engaged: true });
  assert.equal(refused.kind, "error");
  assert.match(refused.text, /^The file was not opened\./);
  assert.doesNotMatch(refused.text, /Opened/);
});

test("the worked example asks first only when it would replace something typed (finding 5)", () => {
  const blank = { a: "", b: "" };
  const example = { a: "1", b: "2" };
  assert.equal(wouldLoseTyping({ a: "", b: "" }, blank, null), false, "a blank form has nothing to lose");
  assert.equal(wouldLoseTyping({ a: "5", b: "" }, blank, null), true);
  assert.equal(wouldLoseTyping({ a: "1", b: "2" }, blank, example), false, "the example again loses nothing");
  assert.equal(wouldLoseTyping({ a: "1", b: "3" }, blank, example), true, "a changed example is the user's");
});

// A status line on a stand-in element: StatusLine needs only these of the DOM.
function statusLine() {
  globalThis.document ??= { createElement: () => ({ dataset: {} }) };
  const element = { dataset: {}, textContent: "", after() {} };
  const line = new StatusLine(element, { name: "valuation", total: 0 });
  return { line, said: () => element.textContent };
}

test("the line is rewritten when what is shown changes, and a result does not talk over the user's news", () => {
  const { line, said } = statusLine();
  line.loading();
  line.ready(true);
  line.describe(afterReply(result, { via: "link", engaged: true }), true);
  assert.equal(said(), "Your result is below. It updates as you change the form.", "finding 1: not 'Fill in the form'");
  line.tell("Bid removed.", "ready");
  line.describe(afterReply(result, { via: "form", engaged: true }));
  assert.equal(said(), "Bid removed.", "a result after news of the user's leaves it");
  line.describe(afterReply(problems, { via: "form", engaged: true }));
  assert.match(said(), /^There is no result yet/, "problems are news");
  line.tell("There is no result to share yet: fix the problems shown above first.", "error");
  line.describe(afterReply(result, { via: "example", engaged: true }));
  assert.match(said(), /^The form now holds the worked example/, "finding 2: an error told goes once a result shows");
  line.describe(afterReply({ ...result, message: "Opened a file with 20 commitments." }, { via: "files", engaged: true }), true);
  line.describe(afterReply({ ...problems, form: {} }, { via: "files", engaged: true }), true);
  assert.match(said(), /^The file was not opened\./, "finding 3");
});
