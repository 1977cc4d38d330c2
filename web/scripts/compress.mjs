// After `vite build`: a brotli (.br) and a gzip (.gz) copy of every text asset in dist/, made
// once at build time with maximum compression, so the server only picks one per request
// (Accept-Encoding) and never compresses on the request path. Node's own zlib: no dependency.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

// .wasm too: the QR reader (zxing-wasm, ~1 MB) shrinks to about a third.
const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest|txt|wasm)$/;
const dist = new URL("../dist/", import.meta.url).pathname;
let files = 0, raw = 0, br = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (COMPRESSIBLE.test(name)) {
      const data = readFileSync(path);
      const brotli = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
      writeFileSync(`${path}.br`, brotli);
      writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      files++, raw += data.length, br += brotli.length;
    }
  }
}
walk(dist);
console.log(`compressed ${files} files: ${(raw / 1024).toFixed(0)} KB -> ${(br / 1024).toFixed(0)} KB brotli`);
