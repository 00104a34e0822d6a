// The engine's Pyodide side: a module Web Worker that loads Pyodide from the site's own files,
// installs the core's wheel and answers calculations through calculators.api. No logic lives
// here: it only carries messages between the page and the Python core. The messages and replies
// are in CONTRACT.md.
let core = null;
let python = null; // the running Pyodide, for installing extras
const extras = new Map(); // an extra's name: the promise of its install, shared by every request

// Why the calculator could not start, in words for the person using it. Other errors (Pyodide's
// "Program terminated with exit(1)", a browser's "Failed to fetch") never reach the page.
class Failure extends Error {}

const OFFLINE = "its files could not be downloaded. Check your internet connection";
// The smallest WebAssembly module ("\0asm", version 1): if it cannot compile, nothing can.
const SMALLEST_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

async function canCompile() {
  try {
    await WebAssembly.compile(SMALLEST_MODULE);
  } catch {
    throw new Failure("the security settings of this site or browser do not allow WebAssembly, which it needs");
  }
}

// Pyodide waits for ever when its WebAssembly file is missing or has the wrong type, so ask the
// server first (HEAD: the status and type, not the 10 MB).
async function reachable(url, type) {
  let response;
  try {
    response = await fetch(url, { method: "HEAD" });
  } catch {
    throw new Failure(OFFLINE);
  }
  if (response.status === 405 || response.status === 501) return; // a server that only answers GET
  if (!response.ok) throw new Failure(`its files could not be downloaded (the server answered ${response.status})`);
  const sent = (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
  if (type && sent !== type) throw new Failure(`the web server sends its files with the wrong type (${sent || "no type"} instead of ${type})`);
}

// A WebAssembly file cut short or damaged on the way fails to instantiate, and Pyodide says so
// only with console.warn before waiting for ever. Turn that warning into a failure while it loads.
function watchInstantiation() {
  const warn = console.warn;
  let failed;
  const failure = new Promise((_, reject) => { failed = reject; });
  failure.catch(() => {});
  console.warn = (...args) => {
    warn.apply(console, args);
    if (String(args[0]).includes("wasm instantiation failed")) {
      failed(new Failure("its files were cut short or damaged while downloading. Check your internet connection"));
    }
  };
  return { failure, restore: () => { console.warn = warn; } };
}

// Every file fetched while the runtime loads (Pyodide's WebAssembly, its standard library and lock
// file, the core's wheel) is counted as it arrives, so that the page can say how much has arrived.
// Pyodide fetches with the global fetch, so it is wrapped for the boot, as console.warn is below.
// The count reads a copy: the response itself goes on untouched, so the browser can still keep
// the compiled WebAssembly for the next visit.
function countDownloads() {
  const original = self.fetch;
  let loaded = 0;
  async function count(body) {
    const reader = body.getReader();
    try {
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        loaded += part.value.byteLength;
        self.postMessage({ progress: loaded });
      }
    } catch {
      // A download cut short fails where Pyodide reads it, and is reported there.
    }
  }
  self.fetch = async (...args) => {
    const response = await original(...args);
    if (response.ok && response.body) count(response.clone().body);
    return response;
  };
  return { restore: () => { self.fetch = original; } };
}

async function startRuntime(loadPyodide, options) {
  const watch = watchInstantiation();
  try {
    return await Promise.race([loadPyodide(options), watch.failure]);
  } catch (error) {
    throw error instanceof Failure ? error : new Failure("its Python runtime did not start");
  } finally {
    watch.restore();
  }
}

// A snapshot of the runtime's memory, taken on the first visit once the core is imported, and kept
// in the browser's Cache Storage. Restoring it skips Python's start-up and the core's imports, most
// of a revisit's wait (make bench reports it). The runtime checks that a snapshot comes from its own
// build; the key names the wheel, whose name changes with its content. Files on Pyodide's file
// system are not in the snapshot, so the wheel is still unpacked on every start.
const SNAPSHOTS = "runtime-snapshot";
const CAN_KEEP = typeof caches === "object"; // not in an insecure context

function snapshotKey(pyodideURL, wheelURL) {
  return `${wheelURL}?snapshot-for=${encodeURIComponent(pyodideURL)}`;
}

async function storedSnapshot(key) {
  if (!CAN_KEEP) return null;
  try {
    const response = await (await caches.open(SNAPSHOTS)).match(key);
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

async function forgetSnapshots() {
  try {
    await caches.delete(SNAPSHOTS);
  } catch {
    // Nothing kept, or storage blocked: there is nothing to forget.
  }
}

// Not awaited: the calculator is ready while the snapshot is written. Only one is kept, this wheel's.
async function keepSnapshot(key, pyodide) {
  if (!CAN_KEEP) return;
  try {
    const bytes = pyodide.makeMemorySnapshot();
    await forgetSnapshots();
    await (await caches.open(SNAPSHOTS)).put(key, new Response(bytes));
  } catch {
    // No room, or private browsing: the next visit starts the long way, as this one did.
  }
}

async function boot({ pyodideURL, stdlibURL, wheelURL }) {
  const downloads = countDownloads();
  try {
    return await bootCounted(pyodideURL, stdlibURL, wheelURL);
  } finally {
    downloads.restore();
  }
}

async function bootCounted(pyodideURL, stdlibURL, wheelURL) {
  // Download the core and Pyodide's loader while the checks run; failures are reported where
  // they are awaited, below.
  const wheel = fetch(wheelURL);
  const loader = import(pyodideURL + "pyodide.mjs");
  for (const promise of [wheel, loader]) promise.catch(() => {});
  await Promise.all([canCompile(), reachable(pyodideURL + "pyodide.asm.wasm", "application/wasm"),
    reachable(stdlibURL)]);
  let loadPyodide;
  try {
    ({ loadPyodide } = await loader);
  } catch {
    throw new Failure(OFFLINE);
  }
  // A revisit starts from the snapshot the first visit kept; if it will not restore (a damaged
  // copy, another build of Pyodide), the runtime starts the long way and keeps a new one.
  const snapshot = snapshotKey(pyodideURL, wheelURL);
  const stored = await storedSnapshot(snapshot);
  // The standard library trimmed to what the core needs (sitebuild/stdlib.py), not Pyodide's whole one.
  const files = { indexURL: pyodideURL, stdLibURL: stdlibURL };
  let pyodide = null;
  if (stored) {
    try {
      pyodide = await startRuntime(loadPyodide, { ...files, _loadSnapshot: stored });
    } catch {
      await forgetSnapshots();
    }
  }
  const restored = pyodide !== null;
  pyodide ??= await startRuntime(loadPyodide, { ...files, _makeSnapshot: CAN_KEEP });
  python = pyodide;
  // For the tests and the browser's performance panel: which way it started.
  performance.mark(restored ? "runtime restored from a snapshot" : "runtime started afresh");
  let response;
  try {
    response = await wheel;
  } catch {
    throw new Failure(OFFLINE);
  }
  if (!response.ok) throw new Failure(`its files could not be downloaded (the server answered ${response.status})`);
  try {
    // Into site-packages: by default a wheel unpacks into the working folder.
    const extractDir = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
    pyodide.unpackArchive(new Uint8Array(await response.arrayBuffer()), "wheel", { extractDir });
    pyodide.runPython("import importlib; importlib.invalidate_caches()");
    if (!restored) {
      pyodide.runPython("import calculators.api");
      keepSnapshot(snapshot, pyodide);
    }
    return pyodide.pyimport("calculators.api");
  } catch {
    throw new Failure("its Python code did not load");
  }
}

// An extra (sitebuild/extra_wheels.py): wheels from the site, installed once the page asks, never at
// start. loadPackage reports a wheel it could not fetch or install without failing, so each one's
// package (named by the wheel's file name) is checked to be there.
async function install(name, urls) {
  if (!(await core)) throw new Failure("it has not started");
  if (!Array.isArray(urls) || !urls.length) throw new Failure(`this site has no ${name} files`);
  await python.loadPackage(urls, { messageCallback: () => {}, errorCallback: () => {} });
  const missing = urls.filter((url) => !python.loadedPackages[url.split("/").pop().split("-")[0].toLowerCase()]);
  if (missing.length) throw new Failure(`its ${name} files could not be downloaded. Check your internet connection`);
}

function extra(name, urls) {
  if (!extras.has(name)) {
    const loading = install(name, urls);
    extras.set(name, loading);
    loading.catch(() => extras.delete(name)); // a later request tries again
  }
  return extras.get(name);
}

const PAGE = { page: true }; // reply-text.mjs's reply, without the CSV and files ("exports")
// The core's entry point for each message (CONTRACT.md).
const ENTRY_POINTS = {
  compute: (api, data) => api.respond_form.callKwargs(data.name, JSON.stringify(data.form), data.siteRoot,
    data.benchmarks || "", data.kept || "", PAGE),
  permalink: (api, data) => api.open_permalink.callKwargs(data.name, data.fragment, data.siteRoot, PAGE),
  files: (api, data) => api.open_files.callKwargs(data.name, JSON.stringify(data.files), data.siteRoot,
    JSON.stringify(data.form ?? {}), data.benchmarks || "", PAGE),
  exports: (api, data) => api.export_texts(data.name, data.result),
  qr: (api, data) => api.qr_code(data.address),
  xlsx: (api, data) => api.download_xlsx(data.name, JSON.stringify(data.inputs), data.file),
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    if (op === "init" || op === "extra") {
      if (op === "init") core ??= boot(data);
      await (op === "init" ? core : extra(data.name, data.urls));
      self.postMessage({ id, reply: "ready" });
      return;
    }
    const api = await core;
    self.postMessage({ id, reply: (ENTRY_POINTS[op] || ENTRY_POINTS.compute)(api, data) });
  } catch (error) {
    if (op === "init") core = null; // let a later page try again
    self.postMessage({ id, failed: error instanceof Failure ? error.message : "something went wrong inside it" });
  }
};
