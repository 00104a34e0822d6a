// Many lines (a long permalink's, a 1,000-row file's) go into the form a batch at a time, each batch
// its own task, so that the page paints and answers in between: 1,000 lines laid out at once held the
// page for over a second. So that no one reads or edits half a layout, whatever reads the form or
// adds or removes a line first calls finish(), and whatever replaces the lines calls drop().
import { fill } from "./form-values.mjs";
import { linesOf, setLineCount } from "./line-list.mjs";

// How many lines one task lays out: 100 took 0.09 to 0.29 s on the loaded 2-core test machine.
const LINES_A_TASK = 50;

export class LinkLayout {
  // live() says whether the page that asked is still shown; countOf(list) how many lines the list
  // takes (never more than its data-max-items); valueOf(name) the values that fill them.
  constructor(lists, countOf, valueOf, live) {
    this.live = live;
    this.steps = this.batches(lists, countOf, valueOf);
    // true once every line is laid out; false if the layout was dropped or its page left.
    this.done = new Promise((resolve) => { this.settle = resolve; });
  }

  *batches(lists, countOf, valueOf) {
    for (const list of lists) {
      const count = Math.min(countOf(list), Number(list.dataset.maxItems) || 1);
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
    if (!this.live()) this.drop();
    else if (this.steps.next().done) this.end();
    else setTimeout(() => this.start());
  }

  finish() {
    while (this.steps && this.live() && !this.steps.next().done);
    if (this.steps && this.live()) this.end();
    else this.drop();
  }

  end() {
    this.steps = null;
    this.settle(true);
  }

  drop() {
    this.steps = null;
    this.settle(false);
  }
}
