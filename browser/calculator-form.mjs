// A calculator's form: its boxes and lists, filled from a permalink at once and from the core's
// replies (a link, opened files), many lines laid out in batches, and from the worked example, and
// read for the core. The form holds nothing it does not show: a link or file that would set more
// (a bid's outcome lines, more lines than a list takes) is refused by the core.
import { blanks, fill, formValues, from } from "./form-values.mjs";
import { itemCount, valueAt } from "./field-paths.mjs";
import { linesOf, setLineCount } from "./line-list.mjs";
import { LinkLayout } from "./link-layout.mjs";
import { fitsLists, readLink } from "./permalink.mjs";
import { readFiles } from "./workbooks.mjs";

export class CalculatorForm {
  // live() says whether the page that holds the form is still shown.
  constructor(root, live) {
    this.root = root;
    this.element = root.querySelector("form");
    this.lists = [...root.querySelectorAll("[data-lines]")];
    this.live = live;
    this.layout = null; // the lines of a link or a file still to come, while they come
  }

  // The controls that need JavaScript are hidden in the page's HTML until now.
  showControls() {
    const templates = [...this.root.querySelectorAll("template[data-line-template]")].map((t) => t.content);
    for (const scope of [this.root, ...templates]) {
      for (const control of scope.querySelectorAll(".sv-actions, .sv-example-actions, .sv-calculate, [data-action]")) {
        control.hidden = false;
      }
    }
  }

  // A permalink's values go in the form from the start, so that the user edits the link's values,
  // not the example. Returns the link (for the core to check when it is ready), or null.
  openLink(hash) {
    const prefix = this.root.dataset.permalinkPrefix;
    if (!prefix || !hash.startsWith(prefix)) return null;
    const inputs = readLink(hash, prefix);
    const lists = this.lists.map((list) => ({ name: list.dataset.lines, maxItems: Number(list.dataset.maxItems) }));
    if (inputs && fitsLists(inputs, lists)) {
      const valueOf = (name) => valueAt(inputs, name);
      fill(this.element.elements, valueOf);
      const items = (list) => inputs[list.dataset.lines];
      this.layOut((list) => (Array.isArray(items(list)) ? items(list).length : 0), valueOf);
    }
    return hash;
  }

  // Lays out the lists' lines (countOf(list) each) in batches; resolves to true once all are in.
  layOut(countOf, valueOf) {
    this.layout = new LinkLayout(this.lists, countOf, valueOf, this.live);
    this.layout.start();
    return this.layout.done;
  }

  // Whatever reads the form or adds or removes a line first finishes laying out a link.
  finishLayout() {
    this.layout?.finish();
    this.layout = null;
  }

  stop() {
    this.layout?.drop();
    this.layout = null;
  }

  read() {
    this.finishLayout();
    return formValues(this.element.elements);
  }

  // The benchmarks file chosen in its box (CONTRACT.md), as JSON text for the core ({name, text}, or
  // {name, base64} for a workbook); with none chosen, the one the last result held (a link's, a saved
  // result's), or "": read here on each request, never uploaded. The box has no name, so it is none of
  // the form's values.
  async benchmarks(loadExtra) {
    const file = this.element.querySelector("input[data-benchmarks]")?.files?.[0];
    return file ? JSON.stringify((await readFiles([file], loadExtra))[0]) : this.heldBenchmarks || "";
  }

  // After a result is shown: the benchmarks file it used, which the box names while it has none chosen.
  holdBenchmarks(reply) {
    if (!reply.ok || typeof reply.benchmarks !== "string") return;
    this.heldBenchmarks = reply.benchmarks;
    this.nameHeldBenchmarks(reply.benchmarks_summary || "");
  }

  // A file chosen in the box, or the box emptied: the file a link held is no longer used.
  dropBenchmarks() {
    this.heldBenchmarks = "";
    this.nameHeldBenchmarks("");
  }

  nameHeldBenchmarks(text) {
    const summary = this.element.querySelector("[data-benchmarks-summary]");
    const chosen = this.element.querySelector("input[data-benchmarks]")?.files?.length;
    if (!summary) return;
    summary.textContent = chosen ? "" : text;
    summary.hidden = !summary.textContent;
  }

  // Flat values from the core (a link, opened files): the lists take as many lines as they name, the
  // new ones laid out in batches. Resolves to true once the form holds them all; false if dropped.
  apply(values) {
    this.stop();
    const counts = new Map(this.lists.map((list) => [list, itemCount(values, list.dataset.lines)]));
    for (const [list, count] of counts) {
      if (count && count < linesOf(list).length) setLineCount(list, count);
    }
    const valueOf = from(values);
    fill(this.element.elements, valueOf);
    return this.layOut((list) => counts.get(list), valueOf);
  }

  // The worked example (data-example), with every other box blank and each list at its first line.
  fillWithExample() {
    for (const list of this.lists) setLineCount(list, 0);
    return this.apply({ ...blanks(this.element.elements), ...JSON.parse(this.root.dataset.example) });
  }
}
