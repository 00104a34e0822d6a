// The engine's page side. On calculator pages only, it starts one module worker (kept across
// Material's instant navigation), sends the form's values to the Python core and shows the
// HTML the core returns. It carries messages; every rule and every message text is in Python.
(function () {
  "use strict";
  let worker = null;
  let ready = null;
  let sequence = 0;
  const pending = new Map();

  const absolute = (path) => new URL(path, document.baseURI).href;

  function call(message) {
    return new Promise((resolve, reject) => {
      const id = ++sequence;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  function start(root) {
    if (ready) return ready;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      return Promise.reject(new Error("this browser does not support WebAssembly or Web Workers"));
    }
    worker = new Worker(absolute(root.dataset.worker), { type: "module" });
    worker.onmessage = ({ data }) => {
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      if (data.failed) waiting.reject(new Error(data.failed));
      else waiting.resolve(data.reply);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      for (const waiting of pending.values()) waiting.reject(new Error("the calculator's worker could not start"));
      pending.clear();
    };
    ready = call({ op: "init", pyodideURL: absolute(root.dataset.pyodide), wheelURL: absolute(root.dataset.wheel) })
      .catch((error) => { ready = null; worker.terminate(); worker = null; throw error; });
    return ready;
  }

  function formValues(form) {
    const values = {};
    for (const element of form.elements) {
      if (!element.name) continue;
      if (element.type === "checkbox") values[element.name] = element.checked;
      else if (element.type === "radio") { if (element.checked) values[element.name] = element.value; }
      else values[element.name] = element.value;
    }
    return values;
  }

  function fill(form, values) {
    for (const kept of form.querySelectorAll("input[data-kept]")) kept.remove();
    const named = new Set();
    for (const element of form.elements) {
      if (!element.name || !(element.name in values)) continue;
      named.add(element.name);
      const value = values[element.name];
      if (element.type === "checkbox") element.checked = value === true || value === "true";
      else if (element.type === "radio") element.checked = String(value) === element.value;
      else element.value = value === null || value === undefined ? "" : String(value);
    }
    // Values with no box (a list inside a list item) ride along, hidden, inside their item.
    for (const [key, value] of Object.entries(values)) {
      const match = /^([^.[\]]+)\[(\d+)\]\./.exec(key);
      if (named.has(key) || value === null || value === undefined || !match) continue;
      const list = form.querySelector(`[data-lines="${CSS.escape(match[1])}"]`);
      const item = list && list.querySelectorAll("[data-line]")[Number(match[2])];
      if (!item) continue;
      const hidden = Object.assign(document.createElement("input"), { type: "hidden", name: key, value: String(value) });
      hidden.dataset.kept = "";
      item.append(hidden);
    }
  }

  // Outcome lines: add, remove and renumber fieldsets made from the page's <template>. Names and
  // ids carry the line's position (lines[2].quantity, valuation-lines-2-quantity); numberLine is the
  // one place they are set, for an added line as after a removal.
  function numberLine(line, index, slug) {
    for (const element of line.querySelectorAll("*")) {
      for (const name of ["name", "id", "for", "aria-describedby", "data-field", "data-describedby"]) {
        const value = element.getAttribute(name);
        if (value) {
          element.setAttribute(name, value.replace(/\[\d+\]/, `[${index}]`)
            .replace(new RegExp(`-${slug}-\\d+-`, "g"), `-${slug}-${index}-`));
        }
      }
    }
    for (const number of line.querySelectorAll("[data-line-number]")) number.textContent = String(index + 1);
  }

  function renumber(list) {
    list.querySelectorAll("[data-line]").forEach((line, index) => numberLine(line, index, list.dataset.lines));
  }

  function addLine(root) {
    const list = root.querySelector("[data-lines]");
    const index = list.querySelectorAll("[data-line]").length;
    list.append(root.querySelector("template[data-line-template]").content.cloneNode(true));
    numberLine(list.lastElementChild, index, list.dataset.lines);
    return list.lastElementChild;
  }

  function setLineCount(root, count) {
    const list = root.querySelector("[data-lines]");
    if (!list) return;
    while (list.querySelectorAll("[data-line]").length < count) addLine(root);
    const lines = list.querySelectorAll("[data-line]");
    for (let index = lines.length - 1; index >= Math.max(count, 1); index--) lines[index].remove();
  }

  function setup(root) {
    if (root.dataset.engine) return;
    root.dataset.engine = "on";
    const name = root.dataset.calculator;
    const form = root.querySelector("form");
    const region = root.querySelector("[data-calculator-result]");
    const status = root.querySelector("[data-engine-status]");
    const summary = root.querySelector("[data-error-summary]");
    let timer = null;
    let latest = 0;

    const say = (text, kind) => {
      status.textContent = text;
      status.dataset.state = kind;
    };

    function clearErrors() {
      summary.innerHTML = "";
      for (const field of form.querySelectorAll(".sv-field--error")) {
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

    function showErrors(reply, focus) {
      summary.innerHTML = reply.html;
      for (const error of reply.errors) {
        const field = form.querySelector(`[data-field="${CSS.escape(error.field)}"]`);
        if (!field) continue;
        field.classList.add("sv-field--error");
        const message = field.querySelector(".sv-error-message");
        message.hidden = false;
        message.textContent = "";
        const hidden = document.createElement("span");
        hidden.className = "sv-visually-hidden";
        hidden.textContent = "Error: ";
        message.append(hidden, error.message);
        for (const control of field.querySelectorAll("input, select, textarea, fieldset")) {
          if (control.type === "radio") continue;
          control.dataset.describedby ??= control.getAttribute("aria-describedby") || "";
          control.setAttribute("aria-invalid", "true");
          control.setAttribute("aria-describedby", `${control.dataset.describedby} ${message.id}`.trim());
        }
      }
      region.innerHTML = "<p>Fix the problems shown above to see a result.</p>";
      region.dataset.result = "";
      region.dataset.csv = "";
      region.dataset.downloads = "";
      if (focus) summary.firstElementChild.focus();
    }

    // Inputs accepted but likely slips (0.5 for 50%): the core's message beside each field.
    function showWarnings(warnings) {
      for (const message of form.querySelectorAll(".sv-warning-message")) {
        message.hidden = true;
        message.textContent = "";
      }
      for (const warning of warnings || []) {
        const field = form.querySelector(`[data-field="${CSS.escape(warning.field)}"]`);
        const message = field && field.querySelector(".sv-warning-message");
        if (!message) continue;
        message.hidden = false;
        message.textContent = warning.message;
      }
    }

    function show(text, focus) {
      const reply = JSON.parse(text);
      clearErrors();
      showWarnings(reply.ok ? reply.result.field_warnings : []);
      if (!reply.ok) return showErrors(reply, focus);
      region.innerHTML = reply.html;
      region.dataset.result = JSON.stringify(reply.result);
      region.dataset.csv = reply.csv;
      region.dataset.downloads = JSON.stringify(reply.downloads || {});
      history.replaceState(history.state, "", reply.result.permalink);
      root.dispatchEvent(new CustomEvent("sv:result", { bubbles: true }));
    }

    function compute(focus) {
      const mine = ++latest;
      return start(root)
        .then(() => call({ op: "compute", name, form: formValues(form), siteRoot: root.dataset.siteRoot }))
        .then((text) => { if (mine === latest) show(text, focus); })
        .catch(failed);
    }

    // A reply that carries the form's values (a permalink, an imported file): fill the form, then show.
    function load(text) {
      const reply = JSON.parse(text);
      form.dispatchEvent(new CustomEvent("sv:prepare", { detail: reply.form || {} }));
      fill(form, reply.form || {});
      show(text, true);
      if (reply.message) say(reply.message, "ready"); // the core's words on the file it opened
    }

    function failed(error) {
      say(`The calculator could not start (${error.message}). The result shown is the worked example from when the page was built. ` +
          `You can run the same calculation on the command line: python -m calculators ${name}.`, "failed");
    }

    form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => compute(false), 250); });
    form.addEventListener("change", () => { clearTimeout(timer); timer = setTimeout(() => compute(false), 250); });
    form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); compute(true); });
    form.addEventListener("sv:prepare", (event) => {
      const list = root.querySelector("[data-lines]");
      if (!list) return;
      const item = new RegExp(`^${list.dataset.lines}\\[(\\d+)\\]`);
      const positions = Object.keys(event.detail).map((key) => item.exec(key)).filter(Boolean);
      if (positions.length) setLineCount(root, 1 + Math.max(...positions.map((m) => Number(m[1]))));
    });
    form.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button) return;
      if (button.dataset.action === "add-line") {
        const line = addLine(root);
        line.querySelector("select, input").focus();
        say(`${line.parentElement.dataset.noun} ${line.querySelector("[data-line-number]").textContent} added.`, "ready");
        return; // a blank line would only show errors: wait until something is typed into it
      } else if (button.dataset.action === "remove-line") {
        const list = button.closest("[data-lines]");
        const line = button.closest("[data-line]");
        if (list.querySelectorAll("[data-line]").length <= Number(list.dataset.minItems || 1)) {
          return say(list.dataset.minMessage, "error");
        }
        const position = [...list.children].indexOf(line);
        line.remove();
        renumber(list);
        const next = list.querySelectorAll("[data-line]")[Math.max(0, position - 1)];
        next.querySelector("select, input").focus();
        say(`${list.dataset.noun} removed.`, "ready");
      } else return;
      compute(false);
    });

    root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button || button.closest("form")) return;
      const action = button.dataset.action;
      const result = region.dataset.result ? JSON.parse(region.dataset.result) : null;
      if (action === "print") return window.print();
      if (!result) return say("There is no result to share yet: fix the problems shown above first.", "error");
      if (action === "copy-link") {
        const link = location.href.split("#")[0] + result.permalink;
        const done = () => say("Link copied. Anyone who opens it sees this calculation.", "ready");
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(link).then(done, () => say(`Copy this link: ${link}`, "ready"));
        } else say(`Copy this link: ${link}`, "ready");
      } else {
        // A calculator's own download (a commitments file) carries the core's text, as the CSV does.
        const own = action === "download-file" ? JSON.parse(region.dataset.downloads || "{}")[button.dataset.file] ?? null : null;
        const csv = action === "download-csv" || own !== null;
        const blob = new Blob([own ?? (csv ? region.dataset.csv : JSON.stringify(result, null, 2))],
          { type: csv ? "text/csv" : "application/json" });
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = own !== null ? button.dataset.filename : `${name}.${csv ? "csv" : "json"}`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      }
    });

    // A CSV file chosen in the browser is read here and sent to the core; it is never uploaded.
    root.addEventListener("change", (event) => {
      const input = event.target.closest("[data-import]");
      if (!input || !input.files.length) return;
      const mine = ++latest;
      input.files[0].text()
        .then((text) => start(root).then(() => call({ op: "import", name, text, siteRoot: root.dataset.siteRoot })))
        .then((text) => { if (mine === latest) load(text); })
        .catch(failed)
        .finally(() => { input.value = ""; }); // so the same file, changed, can be opened again
    });

    say("Loading the calculator. The result below is a worked example until it is ready.", "loading");
    const fragment = location.hash.startsWith("#inputs=") ? location.hash : null;
    start(root)
      .then(() => {
        say("The calculator is ready. The result updates as you change the form.", "ready");
        if (!fragment) return null;
        return call({ op: "permalink", name, fragment, siteRoot: root.dataset.siteRoot }).then(load);
      })
      .catch(failed);
  }

  function init() {
    for (const root of document.querySelectorAll("[data-calculator]")) setup(root);
  }

  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
