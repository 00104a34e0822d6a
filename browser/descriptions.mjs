// An item's description of its chosen option (a line's measure and what it assumes), copied from
// the page's prerendered descriptions. Generic: any select that names its descriptions has one.
// It follows the choice when the choice changes, and when its disclosure opens (a link or a file
// may have changed the choice): never for every line at once, which a 1,000-line link would make slow.

function describe(root, select) {
  const item = select.closest("[data-line]");
  const target = item && item.querySelector("[data-description]");
  const all = root.querySelector(`[data-descriptions-of="${CSS.escape(select.dataset.descriptions)}"]`);
  const chosen = all && all.querySelector(`template[data-value="${CSS.escape(select.value)}"]`);
  if (target && chosen) target.replaceChildren(chosen.content.cloneNode(true));
}

export function followDescriptions(root, form, signal) {
  form.addEventListener("change", (event) => {
    if (event.target.matches("select[data-descriptions]")) describe(root, event.target);
  }, { signal });
  const describeLineOf = (element) => {
    const select = element.closest("[data-line]")?.querySelector("select[data-descriptions]");
    if (select) describe(root, select);
  };
  // Before a disclosure opens by a click or Enter on its summary, so it never shows old text...
  form.addEventListener("click", (event) => {
    if (event.target.closest("summary")) describeLineOf(event.target);
  }, { signal });
  // ... and when a script opens it (a problem inside it). toggle does not bubble: listen as it goes down.
  form.addEventListener("toggle", (event) => {
    if (event.target.open) describeLineOf(event.target);
  }, { capture: true, signal });
}
