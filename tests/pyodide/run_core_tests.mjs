// Runs the core's pytest suite under Pyodide in Node: the runtime the browser uses.
// Usage: node run_core_tests.mjs WHEELS_DIR CORE_WHEEL TESTS_DIR [TESTS]
// TESTS: the tests to run, under TESTS_DIR (core by default; core/test_spreadsheets.py for one file).
// The test tools' wheels (pytest, hypothesis ...) and the core's wheel are unpacked with
// unpackArchive; the tests and docs (the templates some tests read) are mounted from the project with
// mountNodeFS. Offline once the wheels
// are downloaded.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";

const [wheelsDir, coreWheel, testsDir, tests = "core"] = process.argv.slice(2);
const pyodide = await loadPyodide();
// Wheels unpack into the working folder unless told otherwise: put them in site-packages.
const extractDir = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
for (const name of readdirSync(wheelsDir).filter((n) => n.endsWith(".whl"))) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelsDir, name))), "wheel", { extractDir });
}
pyodide.unpackArchive(new Uint8Array(readFileSync(coreWheel)), "wheel", { extractDir });
pyodide.FS.mkdirTree("/project/tests");
pyodide.mountNodeFS("/project/tests", testsDir);
pyodide.FS.mkdirTree("/project/docs");
pyodide.mountNodeFS("/project/docs", join(testsDir, "..", "docs"));
const code = await pyodide.runPythonAsync(`
import importlib, os, sys
importlib.invalidate_caches()
os.chdir("/tmp")
import calculators, pytest
print("core from", calculators.__file__, "on Python", sys.version.split()[0], flush=True)
int(pytest.main(["/project/tests/${tests}", "-q", "-rs", "-p", "no:cacheprovider", "--rootdir", "/project"]))
`);
process.exit(code);
