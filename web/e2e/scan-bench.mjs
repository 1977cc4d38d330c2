// Scanner benchmark: QR decode time per frame and scan-to-card latency, in headless Chromium with
// the e2e fake camera. The camera plays N approved tickets one after another (white, then a QR,
// 640x480 at 10 fps); the scanner is an entry gate in auto-admit mode, so each code is one POST
// /api/mark-used and one ADMITTED card. Latency = from the first camera frame that shows the code
// (requestVideoFrameCallback's presentationTime of that frame) to the animation frame in which
// the result card is in the page. Decode time = the decoder's own timing of each frame
// (performance.measure "gatepass:decode", recorded when localStorage gatepass.scanner.timing=1).
//
//   node e2e/scan-bench.mjs [--codes 12] [--cpu 4]     (--cpu: Chromium CPU slowdown, as Lighthouse's mobile)
//
// Needs a built web app (npm run build) and the server binary (GATEPASS_BIN or build/release/src/gatepass).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import QRCode from "qrcode";
import { ADMIN_PASSWORD, OUT, PHONE, apiCall, launch, login, startServer } from "./harness.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CODES = arg("codes", 12);
const CPU = arg("cpu", 1);
const FPS = 10, BLANK_S = 1.2, CODE_S = 1.3, LEAD_IN_S = 4;  // the lead-in: the decoder loads before the first code

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), max: +s.at(-1).toFixed(1), min: +s[0].toFixed(1) };
};

/** One y4m: for each code a white gap, then the code, centred at 400x400 on 640x480. Written frame
 *  by frame (ffmpeg makes one raw yuv420p frame per picture; the file repeats them). */
async function feed(codes, dir) {
  mkdirSync(dir, { recursive: true });
  const frameOf = (input, lavfi = false) => execFileSync("ffmpeg", ["-loglevel", "error", ...(lavfi ? ["-f", "lavfi"] : []), "-i", input,
    "-vf", "scale=400:400,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p", "-frames:v", "1", "-f", "rawvideo", "-"], { maxBuffer: 1 << 24 });
  const white = frameOf("color=white:s=400x400", true);
  const parts = [Buffer.from(`YUV4MPEG2 W640 H480 F${FPS}:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n`)];
  const put = (frame, seconds) => {
    for (let i = 0; i < Math.round(seconds * FPS); i++) parts.push(Buffer.from("FRAME\n"), frame);
  };
  put(white, LEAD_IN_S);
  for (const [i, text] of codes.entries()) {
    const png = join(dir, `code-${i}.png`);
    await QRCode.toFile(png, text, { errorCorrectionLevel: "M", margin: 4, width: 400 });
    put(white, BLANK_S);
    put(frameOf(png), CODE_S);
  }
  put(white, BLANK_S);
  const y4m = join(dir, "bench.y4m");
  writeFileSync(y4m, Buffer.concat(parts));
  return y4m;
}

/** Where each scan's time goes (medians): waiting for the decoder, decoding the frame with the code,
 *  decoded -> request sent, the request, answer -> card painted. */
function stages(marks, decodes, api) {
  const rows = [];
  for (const at of marks.shown) {
    const d = decodes.find((x) => x.found && x.start >= at - 1);
    const r = d && api.find((x) => x.start >= d.start + d.ms - 1);
    const c = r && marks.cards.find((x) => x.at >= r.end);
    if (c) rows.push([d.start - at, d.ms, r.start - (d.start + d.ms), r.ms, c.at - r.end]);
  }
  const names = ["frame_to_decode_start", "decode", "decoded_to_request", "request", "answer_to_card"];
  return Object.fromEntries(names.map((n, i) => [n, stats(rows.map((row) => row[i])).median]));
}

// Runs in the page before the app: marks when a code first shows in the video, and when a card appears.
function instrument() {
  localStorage.setItem("gatepass.scanner.timing", "1");
  const marks = { shown: [], cards: [] };
  window.__bench = marks;
  const probe = document.createElement("canvas");
  probe.width = 64;
  probe.height = 48;
  const pctx = probe.getContext("2d", { willReadFrequently: true });
  let present = false;
  const watch = (video) => {
    const onFrame = (_now, meta) => {
      pctx.drawImage(video, 0, 0, 64, 48);
      const d = pctx.getImageData(16, 8, 32, 32).data;  // the middle, where the code is
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 96) dark++;
      const margin = pctx.getImageData(0, 0, 8, 48).data;  // left of the code: white on every frame of the feed
      let white = true;
      for (let i = 0; i < margin.length; i += 4) if (margin[i] < 200) white = false;
      const now = white && dark > 64;  // (a camera's first frames are black: not a code)
      if (now && !present) marks.shown.push(meta.presentationTime);
      present = now;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  new MutationObserver(() => {
    const v = document.querySelector("video");
    if (v && !v.__benchWatched) {
      v.__benchWatched = true;
      watch(v);
    }
    const card = document.querySelector('[data-testid="result-card"]');
    if (card && !card.__benchSeen) {
      card.__benchSeen = true;
      const result = card.getAttribute("data-result");
      requestAnimationFrame((t) => marks.cards.push({ at: t, result }));
    }
  }).observe(document, { childList: true, subtree: true });
}

const server = await startServer();
const base = server.url;
let browser;
try {
  const admin = await login(base, "admin", ADMIN_PASSWORD);
  const event = (await apiCall(base, "/api/events", { method: "POST", token: admin,
    body: { name: "Bench Night", starts_at: "2026-12-01T18:00:00Z", serial_prefix: "BENCH" } })).json;
  const payloads = [];
  for (let i = 0; i < CODES; i++) {
    const reg = await apiCall(base, "/api/register", { method: "POST", body: { event_id: event.id, name: `Bench ${i}`, email: `b${i}@example.com` } });
    payloads.push((await apiCall(base, `/api/admin/approve/${reg.json.id}`, { method: "POST", token: admin })).json.ticket.qr_payload);
  }
  assert.equal((await apiCall(base, "/api/users", { method: "POST", token: admin, body: { username: "bench", password: "bench-password", role: "scanner", event_ids: [event.id] } })).status, 201);
  const y4m = await feed(payloads, join(OUT, "scan-bench"));
  browser = await launch({ camera: y4m });
  const context = await browser.newContext(PHONE);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  if (CPU > 1) await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: CPU });
  await page.goto(`${base}/scan`);
  await page.getByLabel("Username").fill("bench");
  await page.getByLabel("Password").fill("bench-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Gate name (optional)").fill("Bench");
  await page.locator("label", { hasText: /^Entry$/ }).click();
  await page.getByRole("checkbox", { name: /Auto-admit/ }).check();
  await page.getByRole("button", { name: /Bench Night/ }).click();
  const seconds = LEAD_IN_S + CODES * (BLANK_S + CODE_S) + 10;
  await page.waitForFunction((n) => window.__bench.cards.filter((c) => c.result === "admitted").length >= n, CODES, { timeout: seconds * 1000 })
    .catch(async (e) => {
      console.error("bench state:", JSON.stringify(await page.evaluate(() => ({ ...window.__bench,
        decodes: performance.getEntriesByName("gatepass:decode").length, card: document.querySelector('[data-testid="result-card"]')?.textContent }))));
      throw e;
    });
  const { marks, decodes, wasm, api } = await page.evaluate(() => ({
    marks: window.__bench,
    decodes: performance.getEntriesByName("gatepass:decode").map((e) => ({ ms: e.duration, start: e.startTime, ...e.detail })),
    api: performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/mark-used/"))
      .map((e) => ({ ms: e.duration, start: e.startTime, end: e.responseEnd })),
    wasm: performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm"))
      .map((e) => ({ ms: e.duration, bytes: e.encodedBodySize, decoded: e.decodedBodySize }))[0] ?? null,
  }));
  // Pair each appearance of a code with the first card after it.
  const latencies = marks.shown.map((at) => {
    const card = marks.cards.find((c) => c.at > at);
    return card ? card.at - at : null;
  }).filter((x) => x !== null).slice(0, CODES);
  const kind = decodes[0]?.kind ?? "?";
  const found = decodes.filter((d) => d.found).map((d) => d.ms);
  const empty = decodes.filter((d) => !d.found).map((d) => d.ms);
  const result = {
    chromium: browser.version(), decoder: kind, cpu_slowdown: CPU, codes: CODES, frame: "640x480", fps: FPS,
    cards: marks.cards.length, admitted: marks.cards.filter((c) => c.result === "admitted").length,
    decode_ms_all: stats(decodes.map((d) => d.ms)), decode_ms_with_code: stats(found), decode_ms_without_code: stats(empty),
    wasm_fetch: wasm && { ms: Math.round(wasm.ms), transferred_kb: Math.round(wasm.bytes / 1024), size_kb: Math.round(wasm.decoded / 1024) },
    first_decode_ms: decodes[0] ? +decodes[0].ms.toFixed(1) : null,
    mark_used_request_ms: stats(api.map((a) => a.ms)), first_mark_used_ms: Math.round(api[0].ms),
    stages_median_ms: stages(marks, decodes, api),
    scan_to_card_ms: stats(latencies), latencies_ms: latencies.map((x) => Math.round(x)),
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(join(OUT, `scan-bench${CPU > 1 ? `-cpu${CPU}` : ""}.json`), JSON.stringify(result, null, 2));
} finally {
  await browser?.close();
  await server.stop();
}
