// The page's side of the engine: one module worker (worker.mjs) that runs the Python core. It is
// held here, at module level, so it outlives Material's instant navigation and the engine stays warm
// from one calculator page to the next. Send a message, await its reply; nothing else.
import { whenKeptOffline } from "./offline.mjs";

let worker = null;
let ready = null;
let extraURLs = {}; // each extra's wheels, from the runtime the engine was started with
let sequence = 0;
const pending = new Map();
const progressListeners = new Set();

// The runtime's absolute URLs, from the calculator's data attributes (CONTRACT.md).
export function runtimeFrom({ worker, pyodide, stdlib, wheel, serviceWorker, extras }) {
  const absolute = (path) => new URL(path, document.baseURI).href;
  const wheels = Object.entries(JSON.parse(extras || "{}")).map(([name, paths]) => [name, paths.map(absolute)]);
  return { worker: absolute(worker), pyodide: absolute(pyodide), stdlib: absolute(stdlib), wheel: absolute(wheel),
    serviceWorker: serviceWorker ? absolute(serviceWorker) : null, extras: Object.fromEntries(wheels) };
}

// Installs an extra by name ("qr", "xlsx": sitebuild/extra_wheels.py) in the running engine: resolves
// once it can be imported, rejects with why not, in words. Only when a page needs it: a first visit
// downloads no extra. The worker installs each one once; asking again costs nothing.
export function loadExtra(name) {
  if (!ready) return Promise.reject(new Error("the calculator has not started"));
  if (!extraURLs[name]) return Promise.reject(new Error(`this site has no ${name} files`));
  return ready.then(() => call({ op: "extra", name, urls: extraURLs[name] }));
}

// Sends a message to the running worker; resolves with its reply, rejects with why it failed.
export function call(message) {
  return new Promise((resolve, reject) => {
    const id = ++sequence;
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}

// How much of the runtime has arrived, in bytes, while it downloads. Returns how to stop listening.
export function onProgress(listener) {
  progressListeners.add(listener);
  return () => progressListeners.delete(listener);
}

// Ends the worker and fails what waits on it; the next start() starts afresh (Try again).
export function stop(error) {
  for (const waiting of pending.values()) waiting.reject(error);
  pending.clear();
  if (worker) worker.terminate();
  worker = null;
  ready = null;
}

// Starts the engine once, from the runtime's absolute URLs (worker, pyodide, stdlib, wheel and, if the site
// has one, serviceWorker); later calls share that start.
export function start(runtime) {
  extraURLs = runtime.extras || {};
  if (ready) return ready;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return Promise.reject(new Error("this browser does not support WebAssembly or Web Workers"));
  }
  const mine = whenKeptOffline(runtime.serviceWorker).then(() => {
    if (ready !== mine) throw new Error("it was restarted");
    return launch(runtime);
  });
  ready = mine;
  mine.catch(() => { if (ready === mine && !worker) ready = null; }); // nothing started: a later call tries again
  return mine;
}

function launch(runtime) {
  let mine;
  try {
    mine = new Worker(runtime.worker, { type: "module" });
  } catch {
    throw new Error("this browser, or this site's security settings, do not let it run");
  }
  worker = mine;
  mine.onmessage = ({ data }) => {
    if (data.progress !== undefined) {
      for (const listener of progressListeners) listener(data.progress);
      return;
    }
    const waiting = pending.get(data.id);
    if (!waiting) return;
    pending.delete(data.id);
    if (data.failed) waiting.reject(new Error(data.failed));
    else waiting.resolve(data.reply);
  };
  mine.onerror = (event) => {
    event.preventDefault();
    stop(new Error("its files could not be downloaded. Check your internet connection"));
  };
  return call({ op: "init", pyodideURL: runtime.pyodide, stdlibURL: runtime.stdlib, wheelURL: runtime.wheel })
    .catch((error) => {
      if (worker === mine) stop(error);
      throw error;
    });
}
