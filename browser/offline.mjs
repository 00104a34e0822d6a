// The service worker that keeps the site for offline use (sw.js), registered from calculator pages
// only. On a first visit the engine waits for it to take over, so that the runtime it downloads next
// goes through it into its cache. A page a worker already serves starts at once: that worker stores
// the runtime, and the next deployment's worker takes over when the old one is idle, which can be
// only once this page is closed. Without one (an old browser, a blocked or failed install), or
// after ACTIVATION_WAIT_MS, the engine starts all the same.

// The longest a first visit waits for the new service worker (which first stores the site's
// styles, scripts and search index) before the engine starts without it.
const ACTIVATION_WAIT_MS = 10000;

export function whenKeptOffline(serviceWorkerURL) {
  if (!("serviceWorker" in navigator) || !serviceWorkerURL) return Promise.resolve();
  const registered = navigator.serviceWorker.register(serviceWorkerURL);
  if (navigator.serviceWorker.controller) {
    registered.catch(() => {});
    return Promise.resolve();
  }
  return registered.then((registration) => {
    const coming = registration.installing || registration.waiting;
    return coming ? activated(coming) : undefined;
  }).catch(() => {});
}

function activated(coming) {
  return new Promise((resolve) => {
    const settled = () => coming.state === "activated" || coming.state === "redundant";
    if (settled()) return resolve();
    coming.addEventListener("statechange", () => { if (settled()) resolve(); });
    setTimeout(resolve, ACTIVATION_WAIT_MS);
  });
}
