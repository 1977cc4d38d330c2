// Reads QR codes from camera frames. The browser's own BarcodeDetector where it reads QR codes
// (Chrome on Android, ChromeOS and macOS); elsewhere the barcode-detector polyfill over zxing-wasm.
// The .wasm is a file of our own build, served by the gatepass server like every other asset:
// zxing-wasm would fetch it from a CDN, which the CSP (connect-src 'self') forbids and a gate
// without internet could not reach. This module loads with the camera, never before.
import zxingWasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

export interface QrDecoder {
  kind: "native" | "zxing";
  /** The first QR code's text in the image, or null. */
  detect(image: ImageData): Promise<string | null>;
}

interface DetectorLike { detect(image: ImageData): Promise<{ rawValue: string }[]> }
interface DetectorClass {
  new (options: { formats: string[] }): DetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

function wrap(kind: QrDecoder["kind"], detector: DetectorLike): QrDecoder {
  return {
    kind,
    async detect(image) {
      const found = await detector.detect(image);
      return found.find((b) => b.rawValue)?.rawValue ?? null;
    },
  };
}

/** Where the polyfill finds its .wasm: our own copy (hashed name under /assets/). */
export function locateFile(path: string, prefix: string): string {
  return path.endsWith(".wasm") ? zxingWasmUrl : prefix + path;
}

export async function createDecoder(): Promise<QrDecoder> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (Native) {
    try {
      if ((await Native.getSupportedFormats()).includes("qr_code")) return wrap("native", new Native({ formats: ["qr_code"] }));
    } catch {
      /* a platform detector that cannot start: use the polyfill */
    }
  }
  const { BarcodeDetector, prepareZXingModule } = await import("barcode-detector/ponyfill");
  // Instantiate now (with the camera starting), so the first frame does not wait for it.
  await prepareZXingModule({ overrides: { locateFile }, fireImmediately: true });
  return wrap("zxing", new BarcodeDetector({ formats: ["qr_code"] }) as DetectorLike);
}
