// The "Add" and "Remove" buttons of a form's lists. Adding waits for something to be typed (a blank
// line would only show errors); removing recalculates. The calculator passes in what to do around it.
import { addLine, linesOf, renumber } from "./line-list.mjs";

// before(): finish laying out a link first; edited(): the user's form now wins; say(text, kind) on
// the status line; changed(): recalculate.
export function listenForLineButtons(form, { before, edited, say, changed, signal }) {
  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    before();
    if (button.dataset.action === "add-line") {
      edited();
      const line = addLine(button.closest("[data-field]").querySelector("[data-lines]"));
      line.querySelector("select, input").focus();
      say(`${line.parentElement.dataset.noun} ${line.querySelector("[data-line-number]").textContent} added.`, "ready");
    } else if (button.dataset.action === "remove-line") {
      const list = button.closest("[data-lines]");
      if (linesOf(list).length <= Number(list.dataset.minItems || 1)) return say(list.dataset.minMessage, "error");
      edited();
      const line = button.closest("[data-line]");
      const position = [...list.children].indexOf(line);
      line.remove();
      renumber(list);
      linesOf(list)[Math.max(0, position - 1)].querySelector("select, input").focus();
      say(`${list.dataset.noun} removed.`, "ready");
      changed();
    }
  }, { signal });
}
