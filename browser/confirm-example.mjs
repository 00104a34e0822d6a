// "Try the worked example" on a form the user has typed in asks first, as a GOV.UK warning with two
// buttons below the example button: replacing what was typed cannot be undone. The panel is named by
// its warning, takes focus on its first button, and Escape or "Keep what I typed" puts focus back.
import { formValues } from "./form-values.mjs";

// Whether filling in the example would lose something: the form differs both from the blank form
// the page started with and from the example as it was last filled in.
export function wouldLoseTyping(current, blank, example) {
  const same = (a, b) => b !== null && JSON.stringify(a) === JSON.stringify(b);
  return !same(current, blank) && !same(current, example);
}

export class ExampleConfirmation {
  constructor(button, { form, replace, signal }) {
    this.button = button;
    this.read = () => formValues(form.elements);
    this.replace = replace; // fills in the example
    this.blank = this.read();
    this.example = null;
    this.panel = null;
    signal.addEventListener("abort", () => this.close(false));
  }

  // The example button was selected: fill in the example, or ask first.
  asked() {
    if (this.panel) return this.panel.querySelector("button").focus();
    if (!wouldLoseTyping(this.read(), this.blank, this.example)) return this.confirmed();
    return this.open();
  }

  confirmed() {
    this.close(true);
    this.replace();
    this.example = this.read();
  }

  open() {
    const id = `${this.button.closest("[data-calculator]").dataset.calculator}-example-warning`;
    this.panel = Object.assign(document.createElement("div"), { className: "sv-confirm" });
    this.panel.setAttribute("role", "group");
    this.panel.setAttribute("aria-labelledby", id);
    const warning = Object.assign(document.createElement("p"), { id, className: "sv-confirm__text",
      textContent: "This replaces everything you typed in the form with the worked example. It cannot be undone." });
    const replace = Object.assign(document.createElement("button"),
      { type: "button", className: "md-button md-button--primary", textContent: "Replace with the example" });
    const keep = Object.assign(document.createElement("button"),
      { type: "button", className: "md-button", textContent: "Keep what I typed" });
    replace.addEventListener("click", () => this.confirmed());
    keep.addEventListener("click", () => this.close(true));
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close(true);
    });
    const buttons = Object.assign(document.createElement("div"), { className: "sv-confirm__buttons" });
    buttons.append(replace, keep);
    this.panel.append(warning, buttons);
    this.button.closest(".sv-example-actions").after(this.panel);
    replace.focus();
  }

  // refocus: put focus back on the example button (it was in the panel that goes).
  close(refocus) {
    if (!this.panel) return;
    this.panel.remove();
    this.panel = null;
    if (refocus) this.button.focus();
  }
}
