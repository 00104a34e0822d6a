// The engine's Pyodide side: a module Web Worker that loads Pyodide from the site's own files,
// installs the core's wheel and answers calculations through calculators.api. No logic lives
// here: it only carries messages between the page and the Python core.
let core = null;

async function boot({ pyodideURL, wheelURL }) {
  const wheel = fetch(wheelURL); // download the core while Pyodide starts
  wheel.catch(() => {}); // a failure is reported where it is awaited, below
  const { loadPyodide } = await import(pyodideURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: pyodideURL });
  const response = await wheel;
  if (!response.ok) throw new Error(`the calculators' code could not be downloaded (HTTP ${response.status})`);
  // Into site-packages: by default a wheel unpacks into the working folder.
  const extractDir = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(new Uint8Array(await response.arrayBuffer()), "wheel", { extractDir });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  return pyodide.pyimport("calculators.api");
}

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    if (op === "init") {
      core ??= boot(data);
      await core;
      self.postMessage({ id, reply: "ready" });
      return;
    }
    const api = await core;
    const reply = op === "permalink"
      ? api.open_permalink(data.name, data.fragment, data.siteRoot)
      : op === "import"
        ? api.open_import(data.name, data.text, data.siteRoot)
        : api.respond_form(data.name, JSON.stringify(data.form), data.siteRoot);
    self.postMessage({ id, reply });
  } catch (error) {
    if (op === "init") core = null; // let a later page try again
    self.postMessage({ id, failed: String((error && error.message) || error) });
  }
};
