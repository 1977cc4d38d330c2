// Vite plugin: writes dist/sw-precache.js, the list of every built file (hashed names) for the
// service worker (public/sw.js) to cache when it installs, so /scan opens and scans with no
// network even if this phone never opened those chunks online (the QR reader, its .wasm). The
// list's version is a hash of the names: a new build changes this script, and the browser, which
// checks imported scripts for updates too, installs the new worker with the new list.
import { createHash } from "node:crypto";

export function precacheList() {
  return {
    name: "gatepass-precache-list",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => /\.(js|css|wasm|svg|png|woff2?)$/.test(f)).sort().map((f) => `/${f}`);
      const version = createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 12);
      this.emitFile({ type: "asset", fileName: "sw-precache.js",
        source: `// Made by the build (scripts/precache-plugin.mjs): what the service worker caches on install.\nself.GATEPASS_PRECACHE = ${JSON.stringify({ version, files })};\n` });
    },
  };
}
