// Runs a timing script (bench/time_valuation.py, bench/time_monitoring.py) under Pyodide in Node,
// against the site's wheel of the core.
// Usage: node bench/pyodide_valuation.mjs CORE_WHEEL SCRIPT [EXTRA_WHEEL ...]
// EXTRA_WHEEL: an extra's wheels (openpyxl's for bench/time_xlsx.py), unpacked beside the core.
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [coreWheel, script, ...extraWheels] = process.argv.slice(2);
const pyodide = await loadPyodide();
const extractDir = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
for (const wheel of [coreWheel, ...extraWheels]) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir });
}
pyodide.runPython("import importlib; importlib.invalidate_caches()");
pyodide.setStdout({ batched: (line) => console.log(line) });
try {
  pyodide.runPython(readFileSync(script, "utf8"));
} catch (error) {
  console.error(String(error.message).split("\n").slice(-3).join("\n"));  // the Python error, not the runtime's source
  process.exit(1);
}
