// The engine's page side. On calculator pages only, it starts one module worker (kept across
// Material's instant navigation), sends the form's values to the Python core and shows the
// HTML the core returns. It carries messages; every rule and every result text is in Python.
// The texts here are about the engine itself: loading, failing to load, and what to do then.
(function () {
  "use strict";
  const PREFIX = "#inputs=";
  // A runtime that has not started by now may never start (a stalled download): offer to try again.
  // On a slow connection it may still start, and then the status says so.
  const WATCHDOG_MS = 20000;
  // The longest a first visit waits for the new service worker (which first stores the site's
  // styles, scripts and search index) before the engine starts without it.
  const ACTIVATION_WAIT_MS = 10000;
  // How many of a permalink's lines are laid out in one task (0.05 to 0.2 s on a 2-core test machine).
  const LINES_A_TASK = 100;
  let worker = null;
  let ready = null;
  let sequence = 0;
  const pending = new Map();
  const shown = new Set(); // the calculators set up on the page now shown, to stop when it changes

  const absolute = (path) => new URL(path, document.baseURI).href;

  function call(message) {
    return new Promise((resolve, reject) => {
      const id = ++sequence;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  function stopWorker(error) {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    if (worker) worker.terminate();
    worker = null;
    ready = null;
  }

  // The service worker that keeps the site for offline use (calculators/web/sw.js), registered from
  // calculator pages only. On a first visit the engine waits for it to take over, so that the
  // runtime it downloads next goes through it into its cache. A page a worker already serves starts
  // at once: that worker stores the runtime, and the next deployment's worker takes over when the
  // old one is idle, which can be only once this page is closed. Without one (an old browser, a
  // blocked or failed install), or after ACTIVATION_WAIT_MS, the engine starts all the same.
  function kept(root) {
    if (!("serviceWorker" in navigator) || !root.dataset.serviceWorker) return Promise.resolve();
    const registered = navigator.serviceWorker.register(absolute(root.dataset.serviceWorker));
    if (navigator.serviceWorker.controller) {
      registered.catch(() => {});
      return Promise.resolve();
    }
    return registered.then((registration) => {
      const coming = registration.installing || registration.waiting;
      return coming ? activated(coming) : undefined;
    }).catch(() => {});
  }

  function activated(coming) {
    return new Promise((resolve) => {
      const settled = () => coming.state === "activated" || coming.state === "redundant";
      if (settled()) return resolve();
      coming.addEventListener("statechange", () => { if (settled()) resolve(); });
      setTimeout(resolve, ACTIVATION_WAIT_MS);
    });
  }

  function start(root) {
    if (ready) return ready;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      return Promise.reject(new Error("this browser does not support WebAssembly or Web Workers"));
    }
    const mine = kept(root).then(() => {
      if (ready !== mine) throw new Error("it was restarted");
      return launch(root);
    });
    ready = mine;
    mine.catch(() => { if (ready === mine && !worker) ready = null; }); // nothing started: a later call tries again
    return mine;
  }

  function launch(root) {
    let mine;
    try {
      mine = new Worker(absolute(root.dataset.worker), { type: "module" });
    } catch {
      throw new Error("this browser, or this site's security settings, do not let it run");
    }
    worker = mine;
    mine.onmessage = ({ data }) => {
      // How much of the runtime has arrived, for the calculators on the page to show.
      if (data.progress !== undefined) {
        for (const { root: shownRoot } of shown) {
          shownRoot.dispatchEvent(new CustomEvent("sv:progress", { detail: data.progress }));
        }
        return;
      }
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      if (data.failed) waiting.reject(new Error(data.failed));
      else waiting.resolve(data.reply);
    };
    mine.onerror = (event) => {
      event.preventDefault();
      stopWorker(new Error("its files could not be downloaded. Check your internet connection"));
    };
    return call({ op: "init", pyodideURL: absolute(root.dataset.pyodide), wheelURL: absolute(root.dataset.wheel) })
      .catch((error) => {
        if (worker === mine) stopWorker(error);
        throw error;
      });
  }

  // A permalink's inputs, read at once so that the user edits the link's values, not the example.
  // Only base64url and JSON: the core checks the values when it is ready. null if unreadable.
  function linkInputs(fragment) {
    try {
      const text = fragment.slice(PREFIX.length).trim().replace(/-/g, "+").replace(/_/g, "/");
      const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
      const inputs = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      return inputs && typeof inputs === "object" && !Array.isArray(inputs) ? inputs : null;
    } catch {
      return null;
    }
  }

  // The value a field's name ("lines[2].quantity") points at in nested inputs; undefined if none.
  function valueAt(inputs, name) {
    let node = inputs;
    for (const [, key, index] of name.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
      if (node === null || typeof node !== "object") return undefined;
      if (key !== undefined) node = !Array.isArray(node) && Object.hasOwn(node, key) ? node[key] : undefined;
      else node = Array.isArray(node) ? node[Number(index)] : undefined;
    }
    return node !== null && typeof node === "object" ? undefined : node;
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

  // Puts valueOf(name) into each of these fields it gives a value for (null is a blank).
  function fill(elements, valueOf) {
    for (const element of elements) {
      if (!element.name || element.hasAttribute("data-kept")) continue;
      const value = valueOf(element.name);
      if (value === undefined) continue;
      if (element.type === "checkbox") element.checked = value === true || value === "true";
      else if (element.type === "radio") element.checked = String(value) === element.value;
      else element.value = value === null ? "" : String(value);
    }
  }

  // Values with no box (a list inside a list item, such as a bid's outcome lines) ride along,
  // hidden, inside their item, so that they survive edits to the rest of the form.
  function keep(form, values) {
    for (const kept of form.querySelectorAll("input[data-kept]")) kept.remove();
    for (const [key, value] of Object.entries(values)) {
      const match = /^([^.[\]]+)\[(\d+)\]\./.exec(key);
      if (!match || value === null || value === undefined || form.elements.namedItem(key)) continue;
      const list = form.querySelector(`[data-lines="${CSS.escape(match[1])}"]`);
      const item = list && list.querySelectorAll("[data-line]")[Number(match[2])];
      if (!item) continue;
      const hidden = Object.assign(document.createElement("input"), { type: "hidden", name: key, value: String(value) });
      hidden.dataset.kept = "";
      item.append(hidden);
    }
  }

  // Outcome lines: add, remove and renumber fieldsets made from the page's <template>. Names and
  // ids carry the line's position (lines[2].quantity, valuation-lines-2-quantity); numberAs is the
  // one place they are set, for an added line as after a removal.
  const NUMBERED = ["name", "id", "for", "aria-describedby", "data-field", "data-describedby"];
  const WITH_NUMBERS = NUMBERED.map((name) => `[${name}]`).join(", ");

  // How a line's numbered attributes follow its position, read from the line: for the n-th element
  // that has one, [n, name, parts], where the value is its parts joined by the position.
  function numbering(line, slug) {
    const position = new RegExp(`-${slug}-\\d+-`, "g");
    const plan = [];
    line.querySelectorAll(WITH_NUMBERS).forEach((element, n) => {
      for (const name of NUMBERED) {
        const value = element.getAttribute(name);
        // The first [n] is this list's; a list inside an item keeps its own numbers.
        if (value) plan.push([n, name, value.replace(/\[\d+\]/, "[\0]").replace(position, `-${slug}-\0-`).split("\0")]);
      }
    });
    return plan;
  }

  function numberAs(line, index, plan) {
    const elements = line.querySelectorAll(WITH_NUMBERS);
    for (const [n, name, parts] of plan) elements[n].setAttribute(name, parts.join(String(index)));
    for (const number of line.querySelectorAll("[data-line-number]")) number.textContent = String(index + 1);
  }

  function numberLine(line, index, slug) {
    numberAs(line, index, numbering(line, slug));
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

  // Makes a list hold `count` lines, at most the field's maximum (from the markup), added in one
  // pass, not one layout a line. Returns the lines it added.
  function setLineCount(root, list, count) {
    count = Math.max(1, Math.min(count, Number(list.dataset.maxItems) || 1));
    const lines = list.querySelectorAll("[data-line]");
    for (let index = lines.length - 1; index >= count; index--) lines[index].remove();
    const added = document.createDocumentFragment();
    const template = root.querySelector("template[data-line-template]").content;
    // Every new line is a copy of the template, so its attributes are read once, not once a line:
    // a 1,000-line link spends its time cloning, not in regular expressions.
    const plan = numbering(template, list.dataset.lines);
    for (let index = lines.length; index < count; index++) {
      const line = template.cloneNode(true);
      numberAs(line, index, plan);
      added.append(line);
    }
    const fresh = [...added.children];
    list.append(added);
    return fresh;
  }

  // An item's description of its chosen option (a line's measure and what it assumes), copied from
  // the page's prerendered descriptions. Generic: any select that names its descriptions has one.
  function describe(root, select) {
    const item = select.closest("[data-line]");
    const target = item && item.querySelector("[data-description]");
    const all = root.querySelector(`[data-descriptions-of="${CSS.escape(select.dataset.descriptions)}"]`);
    const chosen = all && all.querySelector(`template[data-value="${CSS.escape(select.value)}"]`);
    if (target && chosen) target.replaceChildren(chosen.content.cloneNode(true));
  }

  // A field inside a closed disclosure ("Adjust the assumptions") must be seen when it has a problem.
  function reveal(element) {
    for (let details = element.closest("details"); details; details = details.parentElement.closest("details")) {
      details.open = true;
    }
  }

  function setup(root) {
    if (root.dataset.engine) return;
    root.dataset.engine = "on";
    const name = root.dataset.calculator;
    const form = root.querySelector("form");
    const region = root.querySelector("[data-calculator-result]");
    const status = root.querySelector("[data-engine-status]");
    const summary = root.querySelector("[data-error-summary]");
    const home = location.pathname;
    let timer = null;
    let watchdog = null;
    let latest = 0;
    let attempt = 0;
    let edited = false;
    // Until someone asks for a result (Calculate, Enter, the example, a link or a file) or gets one,
    // a half-filled form shows no errors: the first box typed in is not a mistake in the others.
    let engaged = false;
    const title = root.querySelector("[data-result-title]");

    // After Material's instant navigation this calculator is gone: it must not touch the new page.
    const live = () => root.isConnected && location.pathname === home;
    const stop = () => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      latest++;
    };
    shown.add({ root, stop });

    // The controls that need JavaScript are hidden in the page's HTML until now.
    const template = root.querySelector("template[data-line-template]");
    for (const scope of template ? [root, template.content] : [root]) {
      for (const control of scope.querySelectorAll(".sv-actions, .sv-example-actions, .sv-calculate, [data-action]")) {
        control.hidden = false;
      }
    }
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "md-button";
    retry.dataset.action = "retry";
    retry.textContent = "Try again";
    retry.hidden = true;
    status.after(retry);

    const say = (text, kind) => {
      status.textContent = text;
      status.dataset.state = kind;
      retry.hidden = kind !== "failed";
    };
    const fallback = `The result shown is the worked example from when the page was built. Select Try again, ` +
      `or run the same calculation on the command line: python -m calculators ${name}.`;

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

    // The worked example's label goes with the first real result, or the first errors in its place.
    function replaceExample() {
      root.dataset.showing = "result";
      title.textContent = "Result";
    }

    function showErrors(reply, focus) {
      if (!engaged) {
        return say("Fill in the form. Your result shows here when it is complete, or select Calculate to see "
          + "what is missing.", "ready");
      }
      // A later calculation (a change event after Enter) must not take focus away from the summary.
      const focused = focus || summary.contains(document.activeElement);
      summary.innerHTML = reply.html;
      for (const error of reply.errors) {
        const field = form.querySelector(`[data-field="${CSS.escape(error.field)}"]`);
        if (!field) continue;
        field.classList.add("sv-field--error");
        reveal(field);
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
      replaceExample();
      region.innerHTML = "<p>Fix the problems shown above to see a result.</p>";
      region.dataset.result = "";
      region.dataset.csv = "";
      region.dataset.downloads = "";
      if (focused) summary.firstElementChild.focus();
    }

    // Inputs accepted but likely slips (0.5 for 50%): the core's message beside each field.
    function showWarnings(warnings) {
      for (const message of form.querySelectorAll(".sv-warning-message")) {
        message.hidden = true;
        message.textContent = "";
      }
      for (const control of form.querySelectorAll("[data-warned]")) {
        control.setAttribute("aria-describedby", control.dataset.describedby || "");
        delete control.dataset.warned;
      }
      for (const warning of warnings || []) {
        const field = form.querySelector(`[data-field="${CSS.escape(warning.field)}"]`);
        const message = field && field.querySelector(".sv-warning-message");
        if (!message) continue;
        message.hidden = false;
        message.textContent = warning.message;
        reveal(field);
        // Screen readers read the question with the field, as they read its hint.
        for (const control of field.querySelectorAll("input, select, textarea")) {
          control.dataset.describedby ??= control.getAttribute("aria-describedby") || "";
          control.dataset.warned = "";
          control.setAttribute("aria-describedby", `${control.dataset.describedby} ${message.id}`.trim());
        }
      }
    }

    function show(reply, focus) {
      if (!live()) return;
      // The engine answered, so it works, whatever an earlier attempt said.
      if (status.dataset.state === "loading" || status.dataset.state === "failed") isReady();
      clearErrors();
      showWarnings(reply.ok ? reply.result.field_warnings : []);
      if (!reply.ok) return showErrors(reply, focus);
      engaged = true;
      replaceExample();
      region.innerHTML = reply.html;
      region.dataset.result = JSON.stringify(reply.result);
      region.dataset.csv = reply.csv;
      region.dataset.downloads = JSON.stringify(reply.downloads || {});
      history.replaceState(history.state, "", reply.result.permalink);
      root.dispatchEvent(new CustomEvent("sv:result", { bubbles: true }));
    }

    function compute(focus) {
      if (!live()) return;
      const mine = ++latest;
      const tried = attempt; // after Try again, this calculation's failure is old news
      start(root).then(
        () => call({ op: "compute", name, form: readForm(), siteRoot: root.dataset.siteRoot }).then(
          (text) => { if (mine === latest) show(JSON.parse(text), focus); },
          () => { if (tried === attempt) broke(); }),
        (error) => { if (tried === attempt) failed(error); });
    }

    function isReady() {
      say(root.dataset.showing === "example"
        ? "The calculator is ready. Fill in the form to see your result, or select Try the worked example."
        : "The calculator is ready. The result updates as you change the form.", "ready");
    }

    function failed(error) {
      if (live()) say(`The calculator could not start: ${error.message}. ${fallback}`, "failed");
    }

    function broke() {
      if (live()) say(`Something went wrong inside the calculator. ${fallback}`, "failed");
    }

    // Form, result and address bar agree: a permalink's values are in the form from the start, and
    // once the user has changed anything, their form wins over a link that answers late.
    const fragment = location.hash.startsWith(PREFIX) ? location.hash : null;
    const inputs = fragment && linkInputs(fragment);
    const lists = [...root.querySelectorAll("[data-lines]")];
    // More lines than the form takes: the core will say the link is damaged, so fill nothing.
    const fits = (list) => !Array.isArray(inputs[list.dataset.lines])
      || inputs[list.dataset.lines].length <= Number(list.dataset.maxItems);
    // The link's lines go in a batch at a time, each batch its own task, so that the page paints and
    // answers in between: a 1,000-line link laid out at once held the page for over a second. So that
    // no one reads or edits half a link, whatever reads the form or adds or removes a line first
    // finishes the layout, and whatever replaces the lines drops the rest of it.
    let layout = null; // the link's lines still to come, while they come
    function* linkLines(valueOf) {
      for (const list of lists) {
        const count = Array.isArray(inputs[list.dataset.lines]) ? inputs[list.dataset.lines].length : 0;
        for (let have = list.querySelectorAll("[data-line]").length; have < count; have += LINES_A_TASK) {
          for (const line of setLineCount(root, list, Math.min(count, have + LINES_A_TASK))) {
            fill(line.querySelectorAll("[name]"), valueOf);
          }
          yield;
        }
      }
    }
    function layOutMore() {
      if (!layout) return;
      if (!live() || layout.next().done) layout = null;
      else setTimeout(layOutMore);
    }
    function finishLayout() {
      while (layout && live() && !layout.next().done);
      layout = null;
    }
    if (inputs && lists.every(fits)) {
      const valueOf = (field) => valueAt(inputs, field);
      fill(form.elements, valueOf);
      layout = linkLines(valueOf);
      layOutMore();
    }
    const readForm = () => {
      finishLayout();
      return formValues(form);
    };

    // A reply that carries the form's values (a permalink, an opened file): fill the form, then show.
    const blanks = () => Object.fromEntries([...form.elements].filter((e) => e.name).map((e) => [e.name, ""]));

    function applyForm(values) {
      layout = null;
      for (const list of lists) {
        const positions = Object.keys(values).filter((key) => key.startsWith(`${list.dataset.lines}[`))
          .map((key) => Number.parseInt(key.slice(list.dataset.lines.length + 1), 10));
        if (positions.length) setLineCount(root, list, 1 + Math.max(...positions));
      }
      fill(form.elements, (field) => (Object.hasOwn(values, field) ? values[field] : undefined));
      keep(form, values);
    }

    function load(reply) {
      engaged = true;
      if (reply.form && Object.keys(reply.form).length) applyForm(reply.form);
      show(reply, true);
      if (reply.message && live()) say(reply.message, "ready"); // the core's words on the file it opened
    }

    function openLink() {
      const mine = ++latest;
      return call({ op: "permalink", name, fragment, siteRoot: root.dataset.siteRoot }).then((text) => {
        if (mine !== latest || edited || !live()) return;
        load(JSON.parse(text));
      }, broke);
    }

    // While the runtime downloads, how much has arrived: in tenths, so that a screen reader hears
    // a few updates, not hundreds. The total comes from the build (a compressed download has no length).
    const total = Number(root.dataset.runtimeBytes) || 0;
    const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
    const untilReady = "The result below is a worked example until it is ready.";
    let tenths = 0;
    root.addEventListener("sv:progress", ({ detail: loaded }) => {
      const tenth = total ? Math.min(10, Math.floor((10 * loaded) / total)) : 0;
      if (status.dataset.state !== "loading" || tenth <= tenths) return;
      tenths = tenth;
      say(tenth < 10 ? `Downloading the calculator: ${megabytes(loaded)} of ${megabytes(total)}. ${untilReady}`
        : `Starting the calculator. ${untilReady}`, "loading");
    });

    function boot() {
      const mine = ++attempt;
      tenths = 0;
      say(`Loading the calculator. ${untilReady}`, "loading");
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        if (mine === attempt && live() && status.dataset.state === "loading") {
          say(`The calculator is taking a long time to load. On a slow connection it may still start. ${fallback}`, "failed");
        }
      }, WATCHDOG_MS);
      start(root).then(() => {
        clearTimeout(watchdog);
        if (mine !== attempt || !live()) return null;
        isReady();
        return fragment && !edited ? openLink() : null;
      }, (error) => {
        clearTimeout(watchdog);
        if (mine === attempt) failed(error);
      });
    }

    // An error summary link moves focus to its field, as GOV.UK Frontend's do, and leaves the
    // address (the permalink) alone. Material's instant navigation would take the click and only scroll.
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      event.stopPropagation();
      reveal(field);
      field.focus();
      if (document.activeElement !== field) field.scrollIntoView();
    });

    const changed = () => {
      edited = true;
      clearTimeout(timer);
      timer = setTimeout(() => compute(false), 250);
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      engaged = true;
      compute(true);
    });
    // A line's description follows its choice when the choice changes, and when its disclosure opens
    // (a link or a file may have changed the choice): never for every line at once, which a
    // 1,000-line link would make slow.
    form.addEventListener("change", (event) => {
      if (event.target.matches("select[data-descriptions]")) describe(root, event.target);
    });
    const describeLineOf = (element) => {
      const select = element.closest("[data-line]")?.querySelector("select[data-descriptions]");
      if (select) describe(root, select);
    };
    // Before a disclosure opens by a click or Enter on its summary, so it never shows old text...
    form.addEventListener("click", (event) => { if (event.target.closest("summary")) describeLineOf(event.target); });
    // ... and when a script opens it (a problem inside it). toggle does not bubble: listen as it goes down.
    form.addEventListener("toggle", (event) => { if (event.target.open) describeLineOf(event.target); }, true);
    form.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button) return;
      finishLayout();
      if (button.dataset.action === "add-line") {
        edited = true;
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
        edited = true;
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
      if (action === "example") {
        edited = true;
        engaged = true;
        clearTimeout(timer);
        for (const list of lists) setLineCount(root, list, 0);
        applyForm({ ...blanks(), ...JSON.parse(root.dataset.example) });
        if (status.dataset.state === "ready") {
          say("The form now holds the worked example. Change any figure to see its effect.", "ready");
        }
        return compute(false);
      }
      if (action === "retry") {
        stopWorker(new Error("it was restarted"));
        status.tabIndex = -1;
        status.focus(); // the button goes while loading: keep focus where the news is
        return boot();
      }
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
      edited = true;
      const mine = ++latest;
      input.files[0].text()
        .then((text) => start(root).then(() => call({ op: "import", name, text, siteRoot: root.dataset.siteRoot })))
        .then((text) => { if (mine === latest && live()) load(JSON.parse(text)); }, failed)
        .finally(() => { input.value = ""; }); // so the same file, changed, can be opened again
    });

    boot();
  }

  function init() {
    // Material's instant navigation swapped the page: stop the calculators that went with it.
    for (const calculator of shown) {
      if (!calculator.root.isConnected) {
        calculator.stop();
        shown.delete(calculator);
      }
    }
    for (const root of document.querySelectorAll("[data-calculator]")) setup(root);
  }

  // A printed calculation says when it was printed and how to open it again. The core renders the
  // places for both; only the browser knows the date and the page's address.
  window.addEventListener("beforeprint", () => {
    const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    for (const root of document.querySelectorAll("[data-calculator]")) {
      const region = root.querySelector("[data-calculator-result]");
      const result = region.dataset.result ? JSON.parse(region.dataset.result) : null;
      for (const date of region.querySelectorAll("[data-print-date]")) date.textContent = today;
      for (const link of region.querySelectorAll("[data-print-link]")) {
        link.href = location.href.split("#")[0] + (result ? result.permalink : "");
        link.textContent = link.href;
      }
    }
  });

  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
