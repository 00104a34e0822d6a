// The result below the form (data-calculator-result, aria-live): the core's HTML, with the whole
// result JSON kept on it for the buttons, print and tests (its CSV and the calculator's own files
// are made by the core when a button asks for them).
// It starts with the worked example, labelled as one until the first real result or errors.

export class ResultRegion {
  constructor(root) {
    this.root = root;
    this.element = root.querySelector("[data-calculator-result]");
    this.title = root.querySelector("[data-result-title]");
  }

  get showingExample() {
    return this.root.dataset.showing === "example";
  }

  show(reply) {
    this.keep(reply.html, reply.resultText);
  }

  // Errors take the result's place, so that no old figure passes for the answer to the new inputs.
  showNone() {
    this.keep("<p>Fix the problems shown above to see a result.</p>", "");
  }

  keep(html, result) {
    this.root.dataset.showing = "result";
    this.title.textContent = "Result";
    this.element.innerHTML = html;
    this.element.dataset.result = result;
  }

  // The result's heading takes focus and comes into view (a permalink's result, opened on a phone).
  focusTitle() {
    this.title.tabIndex = -1;
    this.title.focus();
    if (document.activeElement !== this.title) this.title.scrollIntoView();
  }
}
