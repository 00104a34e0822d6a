// A printed calculation says when it was printed and how to open it again: the link, and its QR code
// beside it, since nobody can type an address of hundreds of characters. The core renders the places
// for all three (data-print-date, data-print-link, data-print-qr) and draws the code; only the browser
// knows the date and the address.
//
// The code needs the "qr" extra (segno, about 70 kB), which a first visit must not download. So it is
// loaded only when a print is asked for or about to be: when the Print button is pointed at or
// focused (it is then drawn ahead, so the browser's own Print menu finds it too), when it is
// selected, and on Ctrl+P (Cmd+P), which is held back until the code is drawn: the beforeprint event
// cannot wait for a download. A print without the code still shows the link.
import { call, loadExtra } from "./worker-client.mjs";
import { linkTo, shownResult } from "./result-actions.mjs";

// The longest a print waits for its code (a slow or broken download) before printing the link alone.
export const CODE_WAIT_MS = 8000;

// Ctrl+P, or Cmd+P on a Mac; not with Shift or Alt, which other commands use.
export const isPrintShortcut = (event) => Boolean(event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey
  && String(event.key).toLowerCase() === "p";

// A promise's value, or fallback once ms have passed, whichever comes first.
export function within(promise, ms, fallback) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(fallback), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const MIN_WIDTH_MM = 25;
const MM_PER_MODULE = 0.3;
const recordLink = (region) => linkTo(location.href, shownResult(region));

// The core's SVG, parsed as HTML in a template (nothing in it runs), put in its place if it is one <svg>.
function draw(holder, address, svg) {
  const template = document.createElement("template");
  template.innerHTML = svg;
  const code = template.content.firstElementChild;
  if (!code || code.localName !== "svg" || template.content.childElementCount !== 1) return;
  // At least 0.3 mm a module (a longer link makes a denser code), so that a phone reads it off paper.
  const modules = Number((code.getAttribute("viewBox") || "").split(" ")[2]) || 0;
  holder.style.width = `${Math.max(MIN_WIDTH_MM, Math.ceil(modules * MM_PER_MODULE))}mm`;
  holder.replaceChildren(code);
  holder.dataset.address = address;
}

const drawing = new WeakMap(); // a record's holder: the code being drawn for it, {address, done}

// Draws the QR code of the region's result link into its printed record. Resolves with null once it is
// there, or with why there is none, in words (the link is too long, its files did not download).
export function drawCode(region) {
  const holder = region.querySelector("[data-print-qr]");
  if (!holder || !shownResult(region)) return Promise.resolve(null);
  const address = recordLink(region);
  if (holder.dataset.address === address) return Promise.resolve(null);
  if (drawing.get(holder)?.address !== address) {
    const done = drawInto(holder, region, address);
    drawing.set(holder, { address, done });
    done.then((why) => { if (why && drawing.get(holder)?.done === done) drawing.delete(holder); }); // try again later
  }
  return drawing.get(holder).done;
}

async function drawInto(holder, region, address) {
  try {
    await loadExtra("qr");
    const reply = JSON.parse(await call({ op: "qr", address }));
    if (!reply.ok) return reply.message;
    // The result shown again meanwhile (a box left, so recalculated) has a new record: draw its code.
    if (!holder.isConnected) return drawCode(region);
    draw(holder, address, reply.svg);
    return null;
  } catch (error) {
    return `The QR code could not be added: ${error.message}.`;
  }
}

// Draws the code, waiting at most CODE_WAIT_MS, then prints. say(text, kind) tells why there is no code.
export async function printRecord(region, say) {
  const why = await within(drawCode(region), CODE_WAIT_MS, "The QR code took too long to make.");
  if (why) say(`${why} The printed record shows the link only.`, "ready");
  window.print();
}

// Print's warm-up and Ctrl+P, for one calculator (its Print button inside root, its result region).
export function listenForPrint(root, { region, say, signal }) {
  const ahead = (event) => {
    if (event.target.closest?.("[data-action='print']")) drawCode(region);
  };
  root.addEventListener("pointerover", ahead, { signal });
  root.addEventListener("focusin", ahead, { signal });
  window.addEventListener("keydown", (event) => {
    // One calculator a page; were there more, the first would print them all, once.
    if (!isPrintShortcut(event) || document.querySelector("[data-calculator]") !== root || !shownResult(region)) return;
    event.preventDefault();
    printRecord(region, say);
  }, { signal });
}

// Just before printing (whichever way it was asked for): the date and the whole address. A code drawn
// for another address (the page's moved on) goes, so that the code never disagrees with the link.
export function stampPrintedRecords() {
  const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  for (const region of document.querySelectorAll("[data-calculator] [data-calculator-result]")) {
    const result = shownResult(region);
    for (const date of region.querySelectorAll("[data-print-date]")) date.textContent = today;
    for (const link of region.querySelectorAll("[data-print-link]")) {
      link.href = linkTo(location.href, result);
      link.textContent = link.href;
    }
    for (const holder of region.querySelectorAll("[data-print-qr]")) {
      if (holder.dataset.address !== linkTo(location.href, result)) {
        holder.replaceChildren();
        delete holder.dataset.address;
      }
    }
  }
}
