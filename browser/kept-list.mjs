// A list the page keeps (CONTRACT.md, the core's Files.kept): the report's delivery reports, each
// with its commitments, have no boxes on the form. They come from files, a link or the worked
// example; the page keeps them from each result it shows and sends them with every compute, so that
// changing a box the form does show (the price year, "report up to") recomputes with them.

// The list's items in a reply that was shown, or null when it gives none (errors, another calculator).
export function keptItems(name, reply) {
  const items = name && reply && reply.ok ? reply.result?.inputs?.[name] : undefined;
  return Array.isArray(items) ? items : null;
}

// What a compute message carries for the core (api.respond_form's kept_json): "" when nothing is
// open, so that the core says the list is needed.
export function keptMessage(name, items) {
  return name && items ? JSON.stringify({ [name]: items }) : "";
}

export class KeptList {
  constructor(root) {
    this.name = root.dataset.kept || ""; // "" for a calculator whose lists are all on the form
    this.example = root.dataset.exampleKept || "";
    this.summary = root.querySelector("[data-kept-summary]");
    this.items = null;
  }

  // After a reply is shown: keep its items (a reply with errors keeps what was open before).
  keepFrom(reply) {
    const items = keptItems(this.name, reply);
    if (!items) return;
    this.items = items;
    if (this.summary && reply.kept_summary) this.summary.textContent = reply.kept_summary;
  }

  // "Try the worked example": the example's items, which the next compute sends.
  keepExample() {
    if (this.name && this.example) this.items = JSON.parse(this.example)[this.name] ?? null;
  }

  message() {
    return keptMessage(this.name, this.items);
  }
}
