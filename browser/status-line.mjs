// The calculator's status line (role="status"): what the engine is doing, and a "Try again" button
// when it cannot start. The texts here are about the engine itself; every result text is the core's.

const UNTIL_READY = "The result below is a worked example until it is ready.";

export const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

// How far a download is, in tenths, so that a screen reader hears a few updates, not hundreds. The
// total comes from the build (data-runtime-bytes): a compressed download has no usable length.
export function progressTenth(loaded, total) {
  return total ? Math.min(10, Math.floor((10 * loaded) / total)) : 0;
}

export function progressMessage(loaded, total) {
  return progressTenth(loaded, total) < 10
    ? `Downloading the calculator: ${megabytes(loaded)} of ${megabytes(total)}. ${UNTIL_READY}`
    : `Starting the calculator. ${UNTIL_READY}`;
}

// What the status line says once a reply is shown, so that it always describes what the page shows
// now. via: what asked ("form", "example", "link" or "files"); engaged: whether the user has asked
// for a result yet. key names what is shown: the line is rewritten only when that changes (or for a
// link or files, each time), so a message such as "Line 2 removed." is not talked over.
export function afterReply(reply, { via, engaged }) {
  if (!reply.ok && !engaged) {
    return { key: "blank", kind: "ready", text: "Fill in the form. Your result shows here when it is complete, or "
      + "select Calculate to see what is missing." };
  }
  if (!reply.ok && via === "files" && !reply.message) {
    return { key: "refused", kind: "error", text: "The file was not opened. The problems with it are listed above the "
      + "form. Fix them in the file, then choose it again." };
  }
  if (!reply.ok) {
    return { key: "problems", kind: "ready", text: `${reply.message ? `${reply.message} ` : ""}There is no result yet: `
      + "fix the problems listed above the form." };
  }
  if (reply.message) return { key: `opened ${reply.message}`, kind: "ready", text: reply.message };
  if (via === "example") {
    return { key: "example", kind: "ready", text: "The form now holds the worked example. Change any figure to see its effect." };
  }
  return { key: "result", kind: "ready", text: "Your result is below. It updates as you change the form." };
}

export class StatusLine {
  constructor(element, { name, total }) {
    this.element = element;
    this.total = total;
    this.tenths = 0;
    this.fallback = "The result shown is the worked example from when the page was built. Select Try again, "
      + `or run the same calculation on the command line: python -m calculators ${name}.`;
    this.retry = Object.assign(document.createElement("button"),
      { type: "button", className: "md-button", textContent: "Try again", hidden: true });
    this.retry.dataset.action = "retry";
    element.after(this.retry);
  }

  get state() {
    return this.element.dataset.state;
  }

  say(text, kind) {
    this.element.textContent = text;
    this.element.dataset.state = kind;
    this.retry.hidden = kind !== "failed";
  }

  // News of something the user did ("Bid removed.", "Link copied."): a result that comes after it,
  // as the same kind of result, does not talk over it (describe).
  tell(text, kind) {
    this.say(text, kind);
    this.told = true;
  }

  // A reply shown: said when what the page shows has changed since the last reply, or always. After
  // news of the user's (tell), a result or the example leaves it, unless it was an error.
  describe({ key, kind, text }, always = false) {
    const keepNews = this.told && this.state !== "error" && (key === "result" || key === "example");
    const same = key === this.shown && this.state !== "error";
    this.shown = key;
    if (!always && (same || keepNews)) return;
    this.told = false;
    this.say(text, kind);
  }

  loading() {
    this.tenths = 0;
    this.shown = null;
    this.told = false;
    this.say(`Loading the calculator. ${UNTIL_READY}`, "loading");
  }

  progress(loaded) {
    const tenth = progressTenth(loaded, this.total);
    if (this.state !== "loading" || tenth <= this.tenths) return;
    this.tenths = tenth;
    this.say(progressMessage(loaded, this.total), "loading");
  }

  ready(showingExample) {
    this.say(showingExample
      ? "The calculator is ready. Fill in the form to see your result, or select Try the worked example."
      : "The calculator is ready. The result updates as you change the form.", "ready");
  }

  slow() {
    this.say(`The calculator is taking a long time to load. On a slow connection it may still start. ${this.fallback}`,
      "failed");
  }

  failed(error) {
    this.say(`The calculator could not start: ${error.message}. ${this.fallback}`, "failed");
  }

  broke() {
    this.say(`Something went wrong inside the calculator. ${this.fallback}`, "failed");
  }

  // The Try again button goes while loading: focus stays where the news is.
  focus() {
    this.element.tabIndex = -1;
    this.element.focus();
  }
}
