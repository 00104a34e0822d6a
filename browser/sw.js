// The site's service worker: a calculator opened once keeps working with the network gone. The
// build copies it to the site's root, so that its scope covers every page (under a sub-path such
// as /toolkit/ too), and puts BUILD in front of it: the folders whose files are named by version
// or content hash (which never change), this build's runtime files (Pyodide's, the trimmed
// standard library, the wheel), the styles and scripts every page loads, and a version that
// changes with any of them. offline.mjs registers it from calculator pages only, so guidance
// pages never fetch the runtime.
/* global BUILD */
const RUNTIME = "runtime"; // immutable files: served from the cache first
const SITE = "site"; // pages, styles and scripts: from the network first, the cache when offline
const scope = self.registration.scope;
const under = (paths) => {
  const prefixes = paths.map((path) => new URL(path, scope).href);
  return (url) => prefixes.some((prefix) => url.startsWith(prefix));
};
// By folder, not by this build's names: a page of the next build may ask for its new wheel
// before the next service worker has taken over.
const isImmutable = under(BUILD.immutable);
const isCurrent = under(BUILD.current);

// On a first install, the page that installs this worker has just loaded the shell's files: they are
// taken from the browser's HTTP cache ("force-cache"), not downloaded a second time (about 150 kB of a
// first visit). An update downloads them: a page of another build may have left older copies there.
const fromThisVisit = (url) => new Request(url, { cache: "force-cache" });
let shellRequest = (url) => url; // how the shell's files are fetched to be stored: from the network, but see below

self.addEventListener("install", (event) => {
  if (!self.registration.active) shellRequest = fromThisVisit;
  event.waitUntil(caches.open(SITE)
    .then((cache) => cache.addAll(BUILD.shell.map((path) => shellRequest(new URL(path, scope).href))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // A new wheel or a new Pyodide: the old ones go.
    const runtime = await caches.open(RUNTIME);
    for (const request of await runtime.keys()) {
      if (!isCurrent(request.url)) await runtime.delete(request);
    }
    await self.clients.claim();
    // The page that installed this worker loaded before it could be stored: store it now.
    const site = await caches.open(SITE);
    for (const client of await self.clients.matchAll({ type: "window" })) {
      await site.add(shellRequest(client.url.split("#")[0])).catch(() => {});
    }
  })());
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!request.url.startsWith(scope)) return;
  // MkDocs' live-reload requests (mkdocs serve) stay open until the site changes: a worker that held
  // them would use up the browser's connections to the server. Pages under mkdocs serve register
  // no worker; one registered before, on the same address, lets them pass.
  if (new URL(request.url).pathname.includes("/livereload/")) return;
  if (isImmutable(request.url) && (request.method === "GET" || request.method === "HEAD")) {
    event.respondWith(cacheFirst(event));
  } else if (request.method === "GET") {
    event.respondWith(networkFirst(event));
  }
});

async function cacheFirst(event) {
  const { request } = event;
  const cache = await caches.open(RUNTIME);
  // HEAD too: the engine asks for the WebAssembly's type before loading it, offline as well.
  const stored = await cache.match(request, { ignoreMethod: true });
  if (stored) return stored;
  const response = await fetch(request);
  // Stored as it streams to the page, so the engine's progress keeps counting.
  if (request.method === "GET" && response.ok) event.waitUntil(cache.put(request, response.clone()));
  return response;
}

async function networkFirst(event) {
  const { request } = event;
  const cache = await caches.open(SITE);
  try {
    const response = await fetch(request);
    if (response.ok) event.waitUntil(cache.put(request, response.clone()));
    return response;
  } catch (error) {
    const stored = await cache.match(request);
    if (stored) return stored;
    throw error;
  }
}
