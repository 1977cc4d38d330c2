// Test harness: a fresh gatepass server on SQLite, Chromium launchers, a tiny step runner that
// prints "N passed, N failed", and screenshot helpers. Everything stays on 127.0.0.1.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import QRCode from "qrcode";

export const ROOT = resolve(import.meta.dirname, "../..");
export const OUT = resolve(process.env.E2E_OUTPUT ?? join(ROOT, "test-output/e2e"));
export const SHOTS = join(OUT, "screenshots");
export const ADMIN_PASSWORD = "e2e-admin-password";

/** `env`: extra environment (SMTP_URL, ...); `port`: a fixed port instead of any free one. */
export async function startServer({ env = {}, port = 0 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "gatepass-e2e-"));
  const bin = process.env.GATEPASS_BIN ?? join(ROOT, "build/release/src/gatepass");
  const proc = spawn(bin, ["serve", "--port", String(port), "--web-root", join(ROOT, "web/dist")], {
    env: { ...process.env, GATEPASS_DATA_DIR: dataDir, GATEPASS_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start")), 15000);
    const onData = (chunk) => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(chunk.toString());
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const BASE_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
  "--disable-component-update", "--disable-sync"];

/** Chromium; with `camera` (a .y4m file) it plays that file as the webcam and grants permission. */
export function launch({ camera, denyCamera } = {}) {
  const args = [...BASE_ARGS];
  if (camera) args.push("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${camera}`);
  if (denyCamera) args.push("--use-fake-device-for-media-stream", "--deny-permission-prompts");
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args });
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** The same screen at phone and desktop size ("<size>-<name>.png"). */
export async function shotBoth(page, name) {
  const original = page.viewportSize();
  for (const [size, options] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    await page.setViewportSize(options.viewport);
    await shot(page, `${size}-${name}`);
  }
  await page.setViewportSize(original);
}

/** A QR code video for Chromium's fake camera: the code centred on a white 640x480 frame. */
export async function qrVideo(text, name) {
  mkdirSync(OUT, { recursive: true });
  const png = join(OUT, `${name}.png`);
  const y4m = join(OUT, `${name}.y4m`);
  await QRCode.toFile(png, text, { errorCorrectionLevel: "M", margin: 4, width: 400 });
  execFileSync("ffmpeg", ["-loglevel", "error", "-y", "-loop", "1", "-i", png, "-vf",
    "scale=400:400,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p", "-t", "2", "-r", "10", y4m]);
  return y4m;
}

export async function apiCall(base, path, { method = "GET", body, token, headers = {} } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { "Content-Type": "application/json" } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

/** `signIn(page, path, username, password)` through the web app's sign-in form on `base`. */
export function signInAt(base) {
  return async (page, path, username, password) => {
    await page.goto(`${base}${path}`);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
}

/** What a keyboard-wedge scanner does: the code typed fast, then Enter, with no field focused.
 *  A hardware wedge types a whole code in a few milliseconds, so the keys are dispatched in the
 *  page at that speed: typed over DevTools one by one they stalled past the detector's 100 ms gap
 *  on a loaded CI machine (a timing artefact of the test, not of a real scanner). */
export async function wedge(page, code) {
  await page.evaluate((text) => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    for (const key of [...text, "Enter"])
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  }, code);
}

export async function login(base, username, password) {
  const r = await apiCall(base, "/api/auth/login", { method: "POST", body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return r.json.access_token;
}

/** With a `suite` name the counts are merged into results.json next to the other suites' (a
 *  second script run after run.mjs); without one the file starts afresh. */
export function runner({ suite } = {}) {
  let passed = 0, failed = 0;
  return {
    async step(name, fn) {
      const started = Date.now();
      try {
        await fn();
        passed++;
        console.log(`  ok   ${name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        console.log(`  FAIL ${name}: ${err?.stack ?? err}`);
      }
    },
    finish() {
      mkdirSync(OUT, { recursive: true });
      const file = join(OUT, "results.json");
      let results = { passed, failed };
      if (suite) {
        const old = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
        const suites = { ...(old?.suites ?? (old ? { main: { passed: old.passed, failed: old.failed } } : {})), [suite]: { passed, failed } };
        const sum = (k) => Object.values(suites).reduce((n, s) => n + s[k], 0);
        results = { passed: sum("passed"), failed: sum("failed"), suites };
      }
      writeFileSync(file, JSON.stringify(results));
      console.log(`${passed} passed, ${failed} failed`);
      return failed === 0;
    },
  };
}
