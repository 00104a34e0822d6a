// A permalink's lines go into the form a batch at a time, each batch its own task, so that the page
// paints and answers in between: a 1,000-line link laid out at once held the page for over a second.
// So that no one reads or edits half a link, whatever reads the form or adds or removes a line
// first calls finish(), and whatever replaces the lines calls drop().
import { fill } from "./form-values.mjs";
import { linesOf, setLineCount } from "./line-list.mjs";

// How many lines one task lays out (0.05 to 0.2 s on a 2-core test machine).
const LINES_A_TASK = 100;

export class LinkLayout {
  // live() says whether the page that asked is still shown; valueOf(name) gives the link's values.
  constructor(lists, inputs, valueOf, live) {
    this.live = live;
    this.steps = this.batches(lists, inputs, valueOf);
  }

  *batches(lists, inputs, valueOf) {
    for (const list of lists) {
      const items = inputs[list.dataset.lines];
      const count = Array.isArray(items) ? items.length : 0;
      for (let have = linesOf(list).length; have < count; have += LINES_A_TASK) {
        for (const line of setLineCount(list, Math.min(count, have + LINES_A_TASK))) {
          fill(line.querySelectorAll("[name]"), valueOf);
        }
        yield;
      }
    }
  }

  start() {
    if (!this.steps) return;
    if (!this.live() || this.steps.next().done) this.steps = null;
    else setTimeout(() => this.start());
  }

  finish() {
    while (this.steps && this.live() && !this.steps.next().done);
    this.steps = null;
  }

  drop() {
    this.steps = null;
  }
}
