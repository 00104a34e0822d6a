// A printed calculation says when it was printed and how to open it again. The core renders the
// places for both (data-print-date, data-print-link); only the browser knows the date and address.
import { linkTo, shownResult } from "./result-actions.mjs";

export function stampPrintedRecords() {
  const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  for (const region of document.querySelectorAll("[data-calculator] [data-calculator-result]")) {
    const result = shownResult(region);
    for (const date of region.querySelectorAll("[data-print-date]")) date.textContent = today;
    for (const link of region.querySelectorAll("[data-print-link]")) {
      link.href = linkTo(location.href, result);
      link.textContent = link.href;
    }
  }
}
