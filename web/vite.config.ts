import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { readFileSync } from "node:fs";
import { precacheList } from "./scripts/precache-plugin.mjs";
import { icuPrecompile } from "./scripts/icu-precompile-plugin.mjs";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

// The built files are served by the gatepass server itself (same origin as /api).
// `npm run dev` proxies /api to a server on :8080.
export default defineConfig({
  plugins: [icuPrecompile(), react(), tailwindcss(), precacheList()],
  // The version a gate device reports when it enrols (docs/devices.md: app_version).
  define: { "import.meta.env.VITE_APP_VERSION": JSON.stringify(version) },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
  build: { outDir: "dist", sourcemap: false },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"], setupFiles: ["src/i18n/test-setup.ts"] },
});
