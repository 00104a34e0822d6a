// Reading and filling form values, with plain objects in place of form controls.
import assert from "node:assert/strict";
import { test } from "node:test";
import { blanks, fill, formValues, from } from "../../browser/form-values.mjs";

const box = (name, value = "") => ({ name, type: "text", value, dataset: {} });
const tick = (name, checked = false) => ({ name, type: "checkbox", value: "true", checked, dataset: {} });
const radio = (name, value, checked = false) => ({ name, type: "radio", value, checked, dataset: {} });

test("a form's values: text as typed, a checkbox's true or false, the chosen radio's value", () => {
  const elements = [box("contract_value", "£250,000"), tick("renewal", true), tick("social", false),
    radio("category", "goods"), radio("category", "works", true), { name: "", type: "submit", value: "" }];
  assert.deepEqual(formValues(elements),
    { contract_value: "£250,000", renewal: true, social: false, category: "works" });
});

test("no radio chosen: the field is left out, as an unanswered question", () => {
  assert.deepEqual(formValues([radio("category", "goods"), radio("category", "works")]), {});
});

test("fill puts each value in its box, null as a blank, and leaves boxes it has no value for", () => {
  const elements = [box("a", "old"), box("b", "keep"), box("c", "old"), tick("t"), radio("r", "x"), radio("r", "y", true)];
  fill(elements, from({ a: 12.5, c: null, t: "true", r: "x" }));
  assert.deepEqual(elements.map((e) => e.value), ["12.5", "keep", "", "true", "x", "y"]);
  assert.deepEqual(elements.slice(3).map((e) => e.checked), [true, true, false]);
});

test("from() gives only the values it holds, so a value named after a prototype key is no value", () => {
  const valueOf = from({ a: "" });
  assert.equal(valueOf("a"), "");
  assert.equal(valueOf("toString"), undefined);
});

test("blanks name every box once, so filling with them clears the form", () => {
  assert.deepEqual(blanks([box("a", "1"), radio("r", "x"), radio("r", "y"), { name: "", value: "" }]), { a: "", r: "" });
});
