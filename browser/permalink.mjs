// A permalink's inputs, read at once so that the form holds the link's values before the engine is
// ready. Only base64url and JSON: the core checks the values (api.open_permalink) when it is ready.
// The prefix comes from the form (data-permalink-prefix, calculators/permalink.py's PREFIX).

// The inputs of a link that starts with the prefix; null if it does not, or cannot be read.
export function readLink(fragment, prefix) {
  if (!prefix || !fragment || !fragment.startsWith(prefix)) return null;
  try {
    const text = fragment.slice(prefix.length).trim().replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const inputs = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return inputs && typeof inputs === "object" && !Array.isArray(inputs) ? inputs : null;
  } catch {
    return null;
  }
}

// Whether every list the link fills fits its form (data-max-items). One that does not is damaged,
// as the core will say, so the page fills nothing rather than lay out a crafted million lines.
export function fitsLists(inputs, lists) {
  return lists.every(({ name, maxItems }) => !Array.isArray(inputs[name]) || inputs[name].length <= maxItems);
}
