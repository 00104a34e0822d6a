// Runs tests/pyodide/extras_exercise.py under Pyodide in Node, on one standard library zip, with
// the lazily loaded libraries' wheels installed as the worker installs them and the core's wheel. With OUT_JSON, records the standard library modules
// the libraries import (sitebuild/import_recorder.py) and writes them there.
// Usage: node run_extras.mjs STDLIB_ZIP WHEELS_DIR [OUT_JSON]
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [stdlib, wheelsDir, out] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const pyodide = await loadPyodide({ stdLibURL: stdlib });
pyodide.setStdout({ batched: (line) => console.log(line) });
pyodide.FS.mkdirTree("/recorder");
pyodide.FS.writeFile("/recorder/import_recorder.py", readFileSync(join(here, "../../sitebuild/import_recorder.py")));
if (out) pyodide.runPython("import sys; sys.path.insert(0, '/recorder'); import import_recorder; import_recorder.install()");
const extractDir = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
// The core's wheel as the worker's boot unpacks it; the extras' with loadPackage, as the worker's
// "extra" message installs them (its Python side needs modules of its own: tarfile).
const wheels = readdirSync(wheelsDir).filter((n) => n.endsWith(".whl"));
for (const name of wheels.filter((n) => n.startsWith("calculators-"))) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelsDir, name))), "wheel", { extractDir });
}
const failures = [];
await pyodide.loadPackage(wheels.filter((n) => !n.startsWith("calculators-")).map((n) => join(wheelsDir, n)),
  { messageCallback: () => {}, errorCallback: (message) => failures.push(message) });
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
if (out) pyodide.runPython("import_recorder.booted()");
try {
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  pyodide.runPython(readFileSync(join(here, "extras_exercise.py"), "utf8"));
} catch (error) {
  console.error(String(error.message).split("\n").slice(-4).join("\n")); // the Python error, not the runtime's
  process.exit(1);
}
if (out) {
  writeFileSync(out, pyodide.runPython(`import json
json.dumps(import_recorder.needed(("openpyxl", "et_xmlfile", "defusedxml", "segno", "calculators")))`));
}
