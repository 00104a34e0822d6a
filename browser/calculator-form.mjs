// A calculator's form: its boxes and lists, filled from a permalink at once (laid out in batches),
// from the core's replies (a link, opened files) and from the worked example, and read for the core.
import { blanks, fill, formValues, from } from "./form-values.mjs";
import { itemCount, valueAt } from "./field-paths.mjs";
import { keepUnboxed, setLineCount } from "./line-list.mjs";
import { LinkLayout } from "./link-layout.mjs";
import { fitsLists, readLink } from "./permalink.mjs";

export class CalculatorForm {
  // live() says whether the page that holds the form is still shown.
  constructor(root, live) {
    this.root = root;
    this.element = root.querySelector("form");
    this.lists = [...root.querySelectorAll("[data-lines]")];
    this.live = live;
    this.layout = null; // a permalink's lines still to come, while they come
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
      this.layout = new LinkLayout(this.lists, inputs, valueOf, this.live);
      this.layout.start();
    }
    return hash;
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

  // Flat values from the core (a link, opened files): the lists take as many lines as they name.
  apply(values) {
    this.stop();
    for (const list of this.lists) {
      const count = itemCount(values, list.dataset.lines);
      if (count) setLineCount(list, count);
    }
    fill(this.element.elements, from(values));
    keepUnboxed(this.element, values);
  }

  // The worked example (data-example), with every other box blank and each list at its first line.
  fillWithExample() {
    for (const list of this.lists) setLineCount(list, 0);
    this.apply({ ...blanks(this.element.elements), ...JSON.parse(this.root.dataset.example) });
  }
}
