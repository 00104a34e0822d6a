// The page script (mkdocs.yml's extra_javascript; a module, so the strict security policy needs no
// hash). Material's instant navigation swaps pages without reloading: on each page it shows
// (document$), the components of the page before are destroyed and one is created for each element
// whose data-module names it, as GOV.UK Frontend does. The engine's worker lives in
// worker-client.mjs, at module level, so it stays warm from one calculator page to the next.
import { Calculator } from "./calculator.mjs";
import { stampPrintedRecords } from "./print-record.mjs";

const COMPONENTS = { "sv-calculator": Calculator };
let mounted = [];

// A component whose element left with the page is destroyed; one still shown is kept as it is.
function mount() {
  for (const component of mounted) if (!component.root.isConnected) component.destroy();
  mounted = mounted.filter((component) => component.root.isConnected);
  const shown = new Set(mounted.map((component) => component.root));
  for (const element of document.querySelectorAll("[data-module]")) {
    const Component = COMPONENTS[element.dataset.module];
    if (Component && !shown.has(element)) mounted.push(new Component(element));
  }
}

window.addEventListener("beforeprint", stampPrintedRecords);
// document$ is Material's; without it (a page outside the theme) the page is mounted once.
if (typeof document$ !== "undefined") document$.subscribe(mount);
else mount();
