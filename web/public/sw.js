// Service worker: makes the scanner installable and lets /scan open and scan with no network
// (docs/devices.md §6). On install it caches the app shell and every built file the build listed
// in /sw-precache.js (hashed names: never change, so cache first). Pages go to the network first
// and fall back to the cached shell. API calls always go to the network (a cached check-in answer
// would be a lie).
try {
  importScripts("/sw-precache.js");
} catch {
  // `vite dev` has no list: the shell is cached as pages are fetched.
}
const PRECACHE = self.GATEPASS_PRECACHE ?? { version: "dev", files: [] };
const CACHE = `gatepass-shell-${PRECACHE.version}`;
const SHELL = ["/", "/scan", "/manifest.webmanifest", "/icon.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll([...SHELL, ...PRECACHE.files])));
  self.skipWaiting();
});
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("gatepass-shell-") && k !== CACHE).map((k) => caches.delete(k)))),
  );
  self.clients.claim();
});

const put = (request, res) => {
  if (res.ok && res.type === "basic") {
    const copy = res.clone();
    caches.open(CACHE).then((c) => c.put(request, copy));
  }
  return res;
};

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/assets/")) {
    // Hashed build files: the cached copy is the file.
    event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request).then((res) => put(event.request, res))));
    return;
  }
  event.respondWith(
    fetch(event.request)
      .then((res) => put(event.request, res))
      .catch(async () => {
        const hit = await caches.match(event.request, { ignoreSearch: event.request.mode === "navigate" });
        if (hit) return hit;
        // Every page is the same single-page app: /scan's shell (or /) serves any route offline.
        if (event.request.mode === "navigate") return (await caches.match(url.pathname.startsWith("/scan") ? "/scan" : "/")) ?? Response.error();
        return Response.error();
      }),
  );
});
