// A long table in a result shows its first rows: the core puts the rest in a hidden tbody
// (calculators/html.py, table_body), with a "Show all" button after the table, so that showing a
// result of 1,000 lines lays out 100 rows of each table, not 1,000. print.css prints every row.

// What the status line says once every row shows: the button's own words, as done.
export const shownMessage = (buttonText) => `${buttonText.replace(/^Show all/, "Showing all")}.`;

// The button's rows are shown and the button goes; the table's scrolling region (labelled, and
// reachable by keyboard) takes focus, so focus is not lost with the button.
export function showAllRows(button, say) {
  const rows = document.getElementById(button.getAttribute("aria-controls") || "");
  if (!rows) return;
  rows.hidden = false;
  const region = rows.closest("[tabindex]");
  const message = shownMessage(button.textContent.trim());
  (button.closest(".sv-show-all") || button).remove();
  if (region) region.focus();
  say(message, "ready");
}
