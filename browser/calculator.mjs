// A calculator on the page (data-module="sv-calculator"): it sends the form's values to the engine
// and shows what the core replies. Which reply wins, and when errors show, is decided here; the
// markup and replies it relies on are in CONTRACT.md. Created for each page Material shows, and
// destroyed when the page changes.
import { CalculatorForm } from "./calculator-form.mjs";
import { ExampleConfirmation } from "./confirm-example.mjs";
import { ErrorDisplay } from "./error-display.mjs";
import { readReply } from "./reply-text.mjs";
import { followDescriptions } from "./descriptions.mjs";
import { KeptList } from "./kept-list.mjs";
import { listenForLineButtons } from "./line-buttons.mjs";
import { showAllRows } from "./long-tables.mjs";
import { listenForPrint, printRecord } from "./print-record.mjs";
import { runResultAction, shownResult } from "./result-actions.mjs";
import { ResultRegion } from "./result-region.mjs";
import { StatusLine, afterReply } from "./status-line.mjs";
import { downloadWorkbook, readFiles } from "./workbooks.mjs";
import * as engine from "./worker-client.mjs";

// typingPause: ms after the last change before recalculating. watchdog: a runtime that has not
// started by then may never start (a stalled download): offer to try again; it may still start.
const DEFAULTS = { typingPause: 250, watchdog: 20000 };

export class Calculator {
  constructor(root, options = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.root = root;
    this.name = root.dataset.calculator;
    this.form = new CalculatorForm(root, () => this.live);
    this.result = new ResultRegion(root);
    this.kept = new KeptList(root); // a list with no boxes (the report's delivery reports), kept from replies
    this.home = location.pathname;
    this.latest = 0; // the newest request: a reply to an older one is stale
    this.attempt = 0; // the newest start of the engine: an older one's failure is old news
    this.edited = false; // once the user changes anything, their form wins over a link that answers late
    // Until someone asks for a result (Calculate, Enter, the example, a link or a file) or gets one,
    // a half-filled form shows no errors: the first box typed in is not a mistake in the others.
    this.engaged = false;
    this.events = new AbortController();
    this.runtime = engine.runtimeFrom(root.dataset);
    this.form.showControls();
    this.status = new StatusLine(root.querySelector("[data-engine-status]"),
      { name: this.name, total: Number(root.dataset.runtimeBytes) || 0 });
    this.errors = new ErrorDisplay({ form: this.form.element, summary: root.querySelector("[data-error-summary]"),
      signal: this.events.signal });
    this.stopProgress = engine.onProgress((loaded) => this.status.progress(loaded));
    // Form, result and address bar agree: a permalink's values are in the form from the start, and
    // once the user has changed anything, their form wins over a link that answers late.
    this.confirmation = new ExampleConfirmation(root.querySelector("[data-action='example']"),
      { form: this.form.element, replace: () => this.showExample(), signal: this.events.signal });
    this.fragment = this.form.openLink(location.hash);
    this.listen();
    this.boot();
  }

  get live() {
    return !this.destroyed && this.root.isConnected && location.pathname === this.home;
  }

  destroy() {
    this.destroyed = true;
    this.events.abort();
    clearTimeout(this.typing);
    clearTimeout(this.watchdog);
    this.form.stop();
    this.stopProgress();
  }

  boot() {
    const mine = ++this.attempt;
    this.status.loading();
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (mine === this.attempt && this.live && this.status.state === "loading") this.status.slow();
    }, this.options.watchdog);
    engine.start(this.runtime).then(() => {
      clearTimeout(this.watchdog);
      if (mine !== this.attempt || !this.live) return null;
      this.isReady();
      return this.fragment && !this.edited ? this.openLink() : null;
    }, (error) => {
      clearTimeout(this.watchdog);
      if (mine === this.attempt) this.failed(error);
    });
  }

  // Sends a request to the core once the engine is ready, with what read() gives (the form's
  // values, the files' text). Its reply shows only if no newer request was made by then and, for a
  // link, the user has changed nothing; load() fills the form with the reply's values first.
  ask(message, { focus = false, load = false, unlessEdited = false, via = "form", read = () => ({}) } = {}) {
    if (!this.live) return;
    const mine = ++this.latest;
    const tried = this.attempt; // after Try again, this request's failure is old news
    engine.start(this.runtime).then(async () => {
      let text;
      try {
        const benchmarks = await this.form.benchmarks(engine.loadExtra);
        text = await engine.call({ ...message, ...(await read()), benchmarks,
          name: this.name, siteRoot: this.root.dataset.siteRoot });
      } catch {
        if (tried === this.attempt) this.broke();
        return;
      }
      const current = () => mine === this.latest && !(unlessEdited && this.edited) && this.live;
      if (!current()) return;
      try {
        if (load) await this.load(readReply(text), current, via);
        else this.show(readReply(text), focus, via);
      } catch {
        this.broke(); // the page could not show the reply: never leave it saying it is ready
      }
    }, (error) => { if (tried === this.attempt) this.failed(error); });
  }

  compute(focus, via = "form") {
    this.ask({ op: "compute" }, { focus, via, read: () => ({ form: this.form.read(), kept: this.kept.message() }) });
  }

  openLink() {
    this.ask({ op: "permalink", fragment: this.fragment }, { load: true, unlessEdited: true, via: "link" });
  }

  // Files chosen in the browser are read here and sent to the core; they are never uploaded.
  openFiles(input) {
    this.edited = true;
    // A keystroke's pending computation (or a benchmarks file just chosen) would be newer than the file
    // and drop it; the file's request carries what was typed.
    clearTimeout(this.typing);
    const files = [...input.files];
    input.value = ""; // so the same file, changed, can be opened again
    // The form's values go too: a file fills only the boxes it gives, and what was typed in the others counts.
    const read = async () => ({ files: await readFiles(files, engine.loadExtra), form: this.form.read() });
    this.ask({ op: "files" }, { load: true, via: "files", read });
  }

  // A reply with form values (a link, opened files): its lines are laid out in batches first, and it
  // shows only if it is still current() then (nothing newer asked, no edit that wins over it).
  // A file the core refused (too many rows, unreadable) fills nothing; show() says so in the status.
  async load(reply, current, via) {
    this.engaged = true;
    if (reply.form && Object.keys(reply.form).length && !(await this.form.apply(reply.form))) return;
    if (!current()) return;
    this.show(reply, true, via);
    // A link opened on a phone would show its result screens below: its heading takes focus, unless
    // someone is already typing in a box (the site's search, say).
    const typing = document.activeElement?.matches("input, textarea, select");
    if (via === "link" && reply.ok && this.live && !typing) this.result.focusTitle();
  }

  show(reply, focus, via) {
    if (!this.live) return;
    // The engine answered, so it works, whatever an earlier attempt said.
    if (this.status.state === "loading" || this.status.state === "failed") this.isReady();
    this.errors.clear();
    this.errors.showWarnings(reply.ok ? reply.field_warnings : []);
    this.status.describe(afterReply(reply, { via, engaged: this.engaged }), via === "link" || via === "files");
    if (!reply.ok && !this.engaged) return undefined;
    if (!reply.ok) {
      const focused = this.errors.show(reply, focus);
      this.result.showNone();
      return focused && this.errors.focusSummary();
    }
    this.engaged = true;
    this.kept.keepFrom(reply);
    this.form.holdBenchmarks(reply);
    this.result.show(reply);
    history.replaceState(history.state, "", reply.permalink);
    this.root.dispatchEvent(new CustomEvent("sv:result", { bubbles: true }));
    return undefined;
  }

  isReady() {
    this.status.ready(this.result.showingExample);
  }

  failed(error) {
    if (this.live) this.status.failed(error);
  }

  broke() {
    if (this.live) this.status.broke();
  }

  showExample() {
    this.edited = true;
    this.engaged = true;
    clearTimeout(this.typing);
    this.form.fillWithExample();
    this.kept.keepExample();
    this.compute(false, "example");
  }

  retry() {
    engine.stop(new Error("it was restarted"));
    this.status.focus();
    this.boot();
  }

  listen() {
    const { signal } = this.events;
    const form = this.form.element;
    const changed = () => {
      this.edited = true;
      clearTimeout(this.typing);
      this.typing = setTimeout(() => this.compute(false), this.options.typingPause);
    };
    form.addEventListener("input", changed, { signal });
    form.addEventListener("change", (event) => {
      if (event.target.matches?.("[data-benchmarks]")) this.form.dropBenchmarks();
    }, { signal });
    form.addEventListener("change", changed, { signal });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(this.typing);
      this.engaged = true;
      this.compute(true);
    }, { signal });
    followDescriptions(this.root, form, signal);
    listenForLineButtons(form, { before: () => this.form.finishLayout(), edited: () => { this.edited = true; },
      say: (text, kind) => this.status.tell(text, kind), changed: () => this.compute(false), signal });
    const region = this.result.element;
    const say = (text, kind) => this.status.tell(text, kind);
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button || button.closest("form")) return;
      if (button.dataset.action === "example") this.confirmation.asked();
      else if (button.dataset.action === "retry") this.retry();
      else if (button.dataset.action === "show-rows") showAllRows(button, say);
      else if (button.dataset.action === "download-xlsx") {
        downloadWorkbook({ engine, name: this.name, result: shownResult(region), file: button.dataset.file, say });
      } else {
        runResultAction(button, { region, name: this.name, say, print: () => printRecord(region, say),
          exports: (result) => engine.call({ op: "exports", name: this.name, result }) });
      }
    }, { signal });
    listenForPrint(this.root, { region, say, signal });
    this.root.addEventListener("change", (event) => {
      const input = event.target.closest("[data-import]");
      if (input && input.files.length) this.openFiles(input);
    }, { signal });
  }
}
