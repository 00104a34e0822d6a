// The core's errors and warnings on the page, as GOV.UK Frontend shows them: a summary at the top
// that takes focus and links to each field, and each message beside its field. The summary's HTML
// is the core's (reply.html); the messages go in the places the form has for them (CONTRACT.md).

// A field inside a closed disclosure ("Adjust the assumptions") must be seen when it has a problem.
function reveal(element) {
  for (let details = element.closest("details"); details; details = details.parentElement.closest("details")) {
    details.open = true;
  }
}

const fieldCalled = (form, name) => form.querySelector(`[data-field="${CSS.escape(name)}"]`);

// A control says what describes it: its own hint (kept in data-describedby) and now this message.
function describeWith(control, message) {
  control.dataset.describedby ??= control.getAttribute("aria-describedby") || "";
  control.setAttribute("aria-describedby", `${control.dataset.describedby} ${message.id}`.trim());
}

export class ErrorDisplay {
  constructor({ form, summary, signal }) {
    this.form = form;
    this.summary = summary;
    // A summary link moves focus to its field, as GOV.UK Frontend's do, and leaves the address (the
    // permalink) alone. Material's instant navigation would take the click and only scroll.
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      event.stopPropagation();
      reveal(field);
      field.focus();
      if (document.activeElement !== field) field.scrollIntoView();
    }, { signal });
  }

  clear() {
    this.summary.innerHTML = "";
    for (const field of this.form.querySelectorAll(".sv-field--error")) {
      field.classList.remove("sv-field--error");
      const message = field.querySelector(".sv-error-message");
      message.hidden = true;
      message.textContent = "";
      for (const control of field.querySelectorAll("[aria-invalid]")) {
        control.removeAttribute("aria-invalid");
        control.setAttribute("aria-describedby", control.dataset.describedby || "");
      }
    }
  }

  // Shows a reply's errors; says whether the summary should take focus. A later calculation (a
  // change event after Enter) must not take focus away from the summary.
  show(reply, focus) {
    const focused = focus || this.summary.contains(document.activeElement);
    this.summary.innerHTML = reply.html;
    for (const error of reply.errors) {
      const field = fieldCalled(this.form, error.field);
      if (!field) continue;
      field.classList.add("sv-field--error");
      reveal(field);
      const message = field.querySelector(".sv-error-message");
      message.hidden = false;
      const hidden = Object.assign(document.createElement("span"), { className: "sv-visually-hidden", textContent: "Error: " });
      message.replaceChildren(hidden, error.message);
      for (const control of field.querySelectorAll("input, select, textarea, fieldset")) {
        if (control.type === "radio") continue;
        control.setAttribute("aria-invalid", "true");
        describeWith(control, message);
      }
    }
    return focused;
  }

  focusSummary() {
    this.summary.firstElementChild.focus();
  }

  // Inputs accepted but likely slips (0.5 for 50%): the core's message beside each field.
  showWarnings(warnings) {
    for (const message of this.form.querySelectorAll(".sv-warning-message")) {
      message.hidden = true;
      message.textContent = "";
    }
    for (const control of this.form.querySelectorAll("[data-warned]")) {
      control.setAttribute("aria-describedby", control.dataset.describedby || "");
      delete control.dataset.warned;
    }
    for (const warning of warnings || []) {
      const field = fieldCalled(this.form, warning.field);
      const message = field && field.querySelector(".sv-warning-message");
      if (!message) continue;
      message.hidden = false;
      message.textContent = warning.message;
      reveal(field);
      // Screen readers read the question with the field, as they read its hint.
      for (const control of field.querySelectorAll("input, select, textarea")) {
        control.dataset.warned = "";
        describeWith(control, message);
      }
    }
  }
}
