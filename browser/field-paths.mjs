// How the core names a form's fields and numbers a list's items: the one place the page script
// knows these formats. CONTRACT.md says what the core renders and what each side relies on.

// "lines[2].quantity" -> ["lines", 2, "quantity"] (the names api.flatten gives nested inputs).
export function pathOf(name) {
  return [...name.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map(([, key, index]) => key ?? Number(index));
}

// The value a field's name points at in nested inputs; undefined if none, or if it is not a value.
// A list of plain values (a bid's panel scores) is one box's text, "4, 2", as api.flatten writes it.
export function valueAt(inputs, name) {
  let node = inputs;
  for (const step of pathOf(name)) {
    if (node === null || typeof node !== "object") return undefined;
    if (typeof step === "number") node = Array.isArray(node) ? node[step] : undefined;
    else node = !Array.isArray(node) && Object.hasOwn(node, step) ? node[step] : undefined;
  }
  const plain = (value) => value === null || typeof value !== "object";
  if (Array.isArray(node) && node.length && node.every(plain)) return node.join(", ");
  return plain(node) ? node : undefined;
}

// The list and position of an item's field ("lines[2].quantity" -> { list: "lines", index: 2 }), or null.
export function itemOf(name) {
  const match = /^([^.[\]]+)\[(\d+)\]\./.exec(name);
  return match ? { list: match[1], index: Number(match[2]) } : null;
}

// How many items of a list some flat values fill: one more than the highest position they name.
export function itemCount(values, list) {
  let count = 0;
  for (const name of Object.keys(values)) {
    const item = itemOf(name);
    if (item && item.list === list) count = Math.max(count, item.index + 1);
  }
  return count;
}

// A list's name as it appears inside ids (calculators/html.py, field_id): "lines" in valuation-lines-2-quantity.
const idSlug = (list) => list.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// An attribute of an item's element cut where the item's position goes, so that numbered(parts, n)
// writes it for position n: the first [n] in a name (this list's; a list inside an item keeps its
// own numbers) and -list-n- in an id.
export function numberedParts(value, list) {
  const slug = idSlug(list);
  const position = new RegExp(`-${escaped(slug)}-\\d+-`, "g");
  return value.replace(/\[\d+\]/, "[\0]").replace(position, `-${slug}-\0-`).split("\0");
}

export const numbered = (parts, index) => parts.join(String(index));

// What an item's number shows: people count from 1.
export const lineNumber = (index) => String(index + 1);
