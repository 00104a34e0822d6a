// A list the page keeps (CONTRACT.md, the core's Files.kept): the report's delivery reports, each
// with its commitments, have no boxes on the form. They come from files, a link or the worked
// example; the page keeps them from each result it shows and sends them with every compute, so that
// changing a box the form does show (the price year, "report up to") recomputes with them. The core
// gives the list as JSON text (the reply's head, "kept"), and the page sends that text back as it came.

// The list's JSON text ({name: [...]}) in a reply that was shown, or null when it gives none
// (errors, another calculator).
export function keptText(name, reply) {
  const text = name && reply && reply.ok ? reply.kept : undefined;
  return typeof text === "string" && text ? text : null;
}

// What a compute message carries for the core (api.respond_form's kept_json): "" when nothing is
// open, so that the core says the list is needed.
export function keptMessage(name, text) {
  return name && text ? text : "";
}

export class KeptList {
  constructor(root) {
    this.name = root.dataset.kept || ""; // "" for a calculator whose lists are all on the form
    this.example = root.dataset.exampleKept || ""; // the worked example's {name: [...]}, as JSON text
    this.summary = root.querySelector("[data-kept-summary]");
    this.text = null;
  }

  // After a reply is shown: keep its list (a reply with errors keeps what was open before).
  keepFrom(reply) {
    const text = keptText(this.name, reply);
    if (!text) return;
    this.text = text;
    if (this.summary && reply.kept_summary) this.summary.textContent = reply.kept_summary;
  }

  // "Try the worked example": the example's list, which the next compute sends.
  keepExample() {
    if (this.name && this.example) this.text = this.example;
  }

  message() {
    return keptMessage(this.name, this.text);
  }
}
