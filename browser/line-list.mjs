// A list of items (outcome lines, bids, commitments): fieldsets copied from the list's <template>,
// numbered by position in their names, ids, labels and headings. The formats are in field-paths.mjs.
import { lineNumber, numbered, numberedParts } from "./field-paths.mjs";

const NUMBERED = ["name", "id", "for", "aria-describedby", "data-field", "data-describedby"];
const WITH_NUMBERS = NUMBERED.map((name) => `[${name}]`).join(", ");

export const linesOf = (list) => list.querySelectorAll("[data-line]");
// The template sits beside its list, in the list's field.
const templateOf = (list) => list.parentElement.querySelector(":scope > template[data-line-template]");

// How an item's numbered attributes follow its position, read from the item: for the n-th element
// that has one, [n, attribute, parts]. Read once from the template for a batch of new lines.
function numbering(line, list) {
  const plan = [];
  line.querySelectorAll(WITH_NUMBERS).forEach((element, n) => {
    for (const name of NUMBERED) {
      const value = element.getAttribute(name);
      if (value) plan.push([n, name, numberedParts(value, list)]);
    }
  });
  return plan;
}

function numberAs(line, index, plan) {
  const elements = line.querySelectorAll(WITH_NUMBERS);
  for (const [n, name, parts] of plan) elements[n].setAttribute(name, numbered(parts, index));
  for (const number of line.querySelectorAll("[data-line-number]")) number.textContent = lineNumber(index);
}

// After a removal: every line numbered by its place again.
export function renumber(list) {
  linesOf(list).forEach((line, index) => numberAs(line, index, numbering(line, list.dataset.lines)));
}

export function addLine(list) {
  const index = linesOf(list).length;
  list.append(templateOf(list).content.cloneNode(true));
  const line = list.lastElementChild;
  numberAs(line, index, numbering(line, list.dataset.lines));
  return line;
}

// Makes a list hold `count` lines, at least one and at most the field's maximum, added in one pass,
// not one layout a line. Returns the lines it added.
export function setLineCount(list, count) {
  count = Math.max(1, Math.min(count, Number(list.dataset.maxItems) || 1));
  const lines = linesOf(list);
  for (let index = lines.length - 1; index >= count; index--) lines[index].remove();
  const added = document.createDocumentFragment();
  const template = templateOf(list).content;
  // Every new line is a copy of the template, so its attributes are read once, not once a line:
  // a 1,000-line link spends its time cloning, not in regular expressions.
  const plan = numbering(template, list.dataset.lines);
  for (let index = lines.length; index < count; index++) {
    const line = template.cloneNode(true);
    numberAs(line, index, plan);
    added.append(line);
  }
  const fresh = [...added.children];
  list.append(added);
  return fresh;
}
