// Test harness: a fresh gatepass server on SQLite, Chromium launchers, a tiny step runner that
// prints "N passed, N failed", and screenshot helpers. Everything stays on 127.0.0.1.
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import QRCode from "qrcode";

export const ROOT = resolve(import.meta.dirname, "../..");
export const OUT = resolve(process.env.E2E_OUTPUT ?? join(ROOT, "test-output/e2e"));
export const SHOTS = join(OUT, "screenshots");
export const ADMIN_PASSWORD = "e2e-admin-password";
/** The screenshots the docs show (a copy of some of SHOTS). */
export const DOC_SHOTS = join(ROOT, "docs/screenshots");

export const GATEPASS_BIN = process.env.GATEPASS_BIN ?? join(ROOT, "build/release/src/gatepass");

/** `env`: extra environment (SMTP_URL, ...); `port`: a fixed port instead of any free one;
 *  `dataDir`: a data directory made beforehand (e.g. with `gatepass tls init`); `args`: more flags. */
export async function startServer({ env = {}, port = 0, dataDir = mkdtempSync(join(tmpdir(), "gatepass-e2e-")), args = [] } = {}) {
  const bin = GATEPASS_BIN;
  const proc = spawn(bin, ["serve", "--port", String(port), "--web-root", join(ROOT, "web/dist"), ...args], {
    env: { ...process.env, GATEPASS_DATA_DIR: dataDir, GATEPASS_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start")), 15000);
    const onData = (chunk) => {
      const m = /listening on (https?:\/\/[\d.]+:\d+)/.exec(chunk.toString());
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

/** An ISO time `days` from now (events whose rules depend on the date, e.g. refunds until the start). */
export const daysFromNow = (days) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A free TCP port on 127.0.0.1 (for a server whose address must be known before it starts). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

/** Polls `fn` until it returns something truthy (that value), or throws after `timeout` ms. */
export async function until(what, fn, { timeout = 20_000, every = 200 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

const canConnect = (port) => new Promise((r) => {
  const socket = connect(port, "127.0.0.1", () => { socket.end(); r(true); });
  socket.once("error", () => r(false));
});

const PYTHON = "/usr/bin/python3";
// Every message in the Maildir, parsed by Python's email module: subject and recipient (RFC 2047
// decoded), the plain-text part, and the content types of all parts.
const PARSE_MAILDIR = `
import email, json, os, sys
from email import policy
out = []
for sub in ("new", "cur"):
    d = os.path.join(sys.argv[1], sub)
    for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        with open(os.path.join(d, name), "rb") as f:
            m = email.message_from_binary_file(f, policy=policy.default)
        body = m.get_body(preferencelist=("plain",))
        out.append({"subject": str(m["subject"]), "to": str(m["to"]), "text": body.get_content() if body else "",
                    "parts": [p.get_content_type() for p in m.walk()]})
print(json.dumps(out))
`;

/**
 * A real SMTP server: Debian's aiosmtpd writing every message into a Maildir. `mails()` lists them
 * ({subject, to, text, parts}); `waitForMail(what, predicate)` polls until one matches. The sink
 * and its Maildir go away on stop(), and on process exit however the run ends.
 */
export async function startSmtpSink() {
  const tmp = mkdtempSync(join(tmpdir(), "gatepass-mail-"));
  const maildir = join(tmp, "maildir");
  const port = await freePort();
  const proc = spawn(PYTHON, ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", maildir],
    { stdio: ["ignore", "ignore", "inherit"] });
  const stop = () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
    rmSync(tmp, { recursive: true, force: true });
  };
  process.once("exit", stop);
  await until("the SMTP sink to listen", () => proc.exitCode === null && canConnect(port), { timeout: 10_000, every: 100 });
  const mails = () => (existsSync(maildir) ? JSON.parse(execFileSync(PYTHON, ["-c", PARSE_MAILDIR, maildir], { encoding: "utf8" })) : []);
  return {
    port,
    maildir,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitForMail: (what, predicate, options = { timeout: 20_000, every: 250 }) => until(what, () => mails().find(predicate), options),
    stop,
  };
}

/**
 * A gatepass server that sends its mail to a fresh SMTP sink, with GATEPASS_PUBLIC_URL its own
 * address (so mailed links open on it). Returns the server ({url, stop}) with `mail`: the sink.
 */
export async function startServerWithMail({ env = {} } = {}) {
  const mail = await startSmtpSink();
  try {
    const port = await freePort();
    const server = await startServer({ port, env: { SMTP_URL: mail.url, MAIL_FROM: "Gatepass e2e <tickets@example.org>",
      MAIL_ENABLED: "1", GATEPASS_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env } });
    return { ...server, mail, async stop() { await server.stop(); mail.stop(); } };
  } catch (err) {
    mail.stop();
    throw err;
  }
}

/** The first link in a mail's text that starts with `prefix` (e.g. `${base}/my/verify-email#token=`). */
export function linkIn(mail, prefix) {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}[A-Za-z0-9_\\-.~%=]+`).exec(mail.text);
  if (!m) throw new Error(`no link starting with ${prefix} in the mail "${mail.subject}":\n${mail.text}`);
  return m[0];
}

const BASE_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
  "--disable-component-update", "--disable-sync"];

/**
 * Every page a test opens is checked by axe (a11y()) in the state it is closed in, besides the
 * states the test checks itself (and every screenshot): so each page an e2e visits is checked at
 * least once without anyone having to remember. A violation fails the step that closes the page.
 */
function checkPagesOnClose(target) {
  const newPage = target.newPage.bind(target);
  target.newPage = async (...args) => {
    const page = await newPage(...args);
    const close = page.close.bind(page);
    page.close = async (options) => {
      const url = page.url();
      if (!page.isClosed() && /^https?:/.test(url)) await a11y(page, `last state of ${new URL(url).pathname}`);
      return close(options);
    };
    return page;
  };
  if (typeof target.newContext === "function") {
    const newContext = target.newContext.bind(target);
    target.newContext = async (...args) => checkPagesOnClose(await newContext(...args));
  }
  return target;
}

/** Chromium; with `camera` (a .y4m file) it plays that file as the webcam and grants permission.
 *  `args`: more command-line flags; `env`: its environment (HOME decides which NSS certificate
 *  store it trusts). */
export async function launch({ camera, denyCamera, args: extra = [], env } = {}) {
  const args = [...BASE_ARGS, ...extra];
  if (camera) args.push("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${camera}`);
  if (denyCamera) args.push("--use-fake-device-for-media-stream", "--deny-permission-prompts");
  return checkPagesOnClose(await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args, ...(env ? { env } : {}) }));
}

/** A browser with a profile on disk (`dir`): closing it and launching again on the same `dir` is a
 *  phone's browser restarting (service worker, caches and IndexedDB kept). Returns the context. */
export async function launchPersistent(dir, contextOptions = {}) {
  return checkPagesOnClose(await chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [...BASE_ARGS], ...contextOptions }));
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** Every axe check run, per label: written to OUT/a11y.json at exit (what was checked, and how long it took). */
const a11yRuns = [];
process.once("exit", () => {
  if (!a11yRuns.length) return;
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, "a11y.json");
  const old = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
  writeFileSync(file, JSON.stringify([...old.filter((r) => !a11yRuns.some((n) => n.label === r.label)), ...a11yRuns], null, 1));
});

/**
 * axe-core (WCAG 2.1 A and AA) on the page as it is now: throws on any violation, naming the rule,
 * the elements and how to fix it. Every e2e calls it on each page and state it visits (shot() does,
 * so every screenshot is a checked state). Injected through DevTools, so the page's CSP is not in
 * the way; the page's own state is untouched.
 */
export async function a11y(page, label) {
  const started = Date.now();
  const result = await page.evaluate(async ([source, tags]) => {
    if (!window.axe) (0, eval)(source);
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })) }));
  }, [AXE_SOURCE, AXE_TAGS]);
  const size = page.viewportSize();
  a11yRuns.push({ label, viewport: size ? `${size.width}x${size.height}` : "?", url: page.url(), violations: result.length, ms: Date.now() - started });
  if (result.length)
    throw new Error(`axe (WCAG 2.1 AA) on ${label} (${page.url()}): ${result.length} violation(s)\n` + result.map((v) =>
      `  - ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `      ${n.target}: ${n.summary?.replace(/\n/g, " ")}`).join("\n")).join("\n"));
}

/** A screenshot of the page as it is, after the accessibility check of that state (a11y()). */
export async function shot(page, name) {
  await a11y(page, name);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** No sideways scrolling: the page is no wider than the window, and nothing in it (a table in a
 *  scroll box) is cut at its right edge (item 7 of the everyday issue). */
export async function assertNoSidewaysScroll(page, label) {
  const { scroll, width, widest, cut } = await page.evaluate(() => {
    const doc = document.documentElement;
    // The element reaching furthest right, to say what is too wide.
    let widest = "";
    let right = doc.clientWidth;
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > right + 1 && r.width > 0) {
        right = r.right;
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").slice(0, 3).join(".")}` : ""} (right edge ${Math.round(r.right)} px)`;
      }
    }
    const cut = [];
    for (const el of document.querySelectorAll("body *")) {
      const x = getComputedStyle(el).overflowX;
      if ((x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1)
        cut.push(`${el.tagName.toLowerCase()}[${el.getAttribute("aria-label") ?? el.className}] ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
    return { scroll: doc.scrollWidth, width: doc.clientWidth, widest, cut };
  });
  if (scroll > width + 1) throw new Error(`${label}: the page scrolls sideways (${scroll} px wide in a ${width} px window); widest: ${widest}`);
  if (cut.length) throw new Error(`${label}: cut at the right edge (scrolls sideways inside): ${cut.join("; ")}`);
}

/** A screenshot already taken (SHOTS/<name>.png) copied into docs/screenshots/. */
export function publishShot(name) {
  mkdirSync(DOC_SHOTS, { recursive: true });
  copyFileSync(join(SHOTS, `${name}.png`), join(DOC_SHOTS, `${name}.png`));
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

/** Waits until the page's origin has an activated service worker (its install, and so its precache,
 *  done). Tests wait for this, not for the worker to control the page they are on: Chromium leaves a
 *  page uncontrolled when its load raced the worker's install (clients.claim() skips a page still
 *  loading) or when the worker was slow to start for that navigation (the load falls back to the
 *  network); both seen on a loaded CI machine. What a phone needs offline is the activated worker and
 *  its cache, which the offline steps then use. A timeout says where the worker got to. */
export async function serviceWorkerActive(page, timeout = 15_000) {
  try {
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === "activated",
      null, { timeout, polling: 100 });
  } catch (error) {
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { url: location.href, registered: !!r, installing: r?.installing?.state ?? null, waiting: r?.waiting?.state ?? null,
        active: r?.active?.state ?? null };
    }).catch((e) => ({ unreadable: String(e) }));
    throw new Error(`${error.message.split("\n")[0]} (service worker: ${JSON.stringify(state)})`, { cause: error });
  }
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
