// Runs the core's pytest suite under Pyodide in Node: the runtime the browser uses, on the standard
// library the browser gets (sitebuild/stdlib.py), while recording the modules the core imports.
// Usage: node run_core_tests.mjs WHEELS_DIR CORE_WHEEL TESTS_DIR STDLIB_ZIP REST_ZIP|- OUT_JSON [TESTS]
// TESTS: the tests to run, under TESTS_DIR (core by default; core/test_spreadsheets.py for one file).
// REST_ZIP holds the standard library's other modules, for the test tools alone (pytest and
// hypothesis import many the core does not); "-" when STDLIB_ZIP is Pyodide's whole one. OUT_JSON
// gets the standard library modules the core needed ({name: [file in the zip, what imported it]}), which the test
// compares with the trimmed zip. The test tools' wheels (pytest, hypothesis ..., and the extras',
// so the core's .xlsx and QR code tests run too) and the core's wheel are unpacked with
// unpackArchive; the tests and docs are mounted from the project with mountNodeFS. Offline once the wheels
// are downloaded.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [wheelsDir, coreWheel, testsDir, stdlib, rest, out, tests = "core"] = process.argv.slice(2);
const recorder = join(dirname(fileURLToPath(import.meta.url)), "../../sitebuild/import_recorder.py");
const pyodide = await loadPyodide({ stdLibURL: stdlib });
const version = pyodide.runPython("import sys; f'{sys.version_info[0]}{sys.version_info[1]}'");
pyodide.FS.mkdirTree("/recorder");
pyodide.FS.writeFile("/recorder/import_recorder.py", readFileSync(recorder));
if (rest !== "-") pyodide.FS.writeFile(`/lib/python${version}-rest.zip`, readFileSync(rest));
pyodide.runPython(`
import sys
sys.path.insert(0, "/recorder")
${rest !== "-" ? `
import zipimport

class Rest:
    """The test tools' modules from the rest zip, submodules of a package from the trimmed zip too
    (a package looks for its submodules in its own folder only)."""
    @staticmethod
    def find_spec(fullname, path=None, target=None):
        folder = "/".join(fullname.split(".")[:-1])
        try:
            return zipimport.zipimporter(f"/lib/python${version}-rest.zip/{folder}").find_spec(fullname)
        except zipimport.ZipImportError:
            return None

sys.meta_path.append(Rest)` : ""}
import import_recorder
import_recorder.ZIPS.append("/lib/python${version}-rest.zip/")
import_recorder.install()
`);
// The worker's boot (browser/worker.mjs): the core's wheel into site-packages, then its api.
const extractDir = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
pyodide.unpackArchive(new Uint8Array(readFileSync(coreWheel)), "wheel", { extractDir });
pyodide.runPython("import importlib; importlib.invalidate_caches(); import calculators.api; import_recorder.booted()");
for (const name of readdirSync(wheelsDir).filter((n) => n.endsWith(".whl"))) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelsDir, name))), "wheel", { extractDir });
}
pyodide.FS.mkdirTree("/project/tests");
pyodide.mountNodeFS("/project/tests", testsDir);
// The templates the .xlsx templates' tests read (tests/core/test_workbook_templates.py).
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
const needed = pyodide.runPython(`
import json
json.dumps({name: [import_recorder.zip_path(name), why] for name, why in import_recorder.needed(("calculators",), ("calculators.__main__",)).items()})
`);
writeFileSync(out, needed);
process.exit(code);
