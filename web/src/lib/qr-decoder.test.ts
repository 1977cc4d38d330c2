// @vitest-environment node
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from "barcode-detector/ponyfill";
import { locateFile } from "./qr-decoder";

describe("QR decoder (zxing-wasm polyfill)", () => {
  it("loads its .wasm from our own build, never from a CDN", () => {
    const url = locateFile("zxing_reader.wasm", "https://fastly.jsdelivr.net/npm/zxing-wasm@3/dist/reader/");
    expect(url).toMatch(/zxing_reader\.wasm$/);
    expect(url).not.toMatch(/^https?:/);
    expect(locateFile("other.js", "/base/")).toBe("/base/other.js");
  });

  it("the .wasm we bundle is the very build the polyfill's JavaScript expects", () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve("zxing-wasm/reader/zxing_reader.wasm");
    const sha = createHash("sha256").update(readFileSync(file)).digest("hex");
    // Pinned together in package.json (barcode-detector 3.2.2 uses zxing-wasm 3.1.3); an update of
    // one without the other fails here, not at the gate.
    expect(sha, `zxing-wasm ${ZXING_WASM_VERSION}`).toBe(ZXING_WASM_SHA256);
  });
});
