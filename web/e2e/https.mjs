// End-to-end: HTTPS for venue phones (issue 22, docs/operations.md "Phones and HTTPS").
// `gatepass tls init` makes the venue CA and a certificate for gate.venue.test; the server serves
// HTTPS with it and redirects a plain-HTTP port. A phone that has never trusted the CA is refused
// the HTTPS page and finds the certificate and the steps on the plain port's /ca page. A phone that
// trusts the CA (added to its own certificate store, as a steward does on Android) opens
// https://gate.venue.test/scan: a secure context by its name, not by being localhost, so the
// service worker installs, WebCrypto and the camera are there, and the camera admits a ticket.
// Chromium resolves gate.venue.test to 127.0.0.1 (--host-resolver-rules): nothing leaves the machine.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADMIN_PASSWORD, GATEPASS_BIN, PHONE, freePort, launch, publishShot, qrVideo, runner, serviceWorkerActive, shot, signInAt, startServer } from "./harness.mjs";

const t = runner({ suite: "https" });
const HOST = "gate.venue.test";
const dataDir = mkdtempSync(join(tmpdir(), "gatepass-e2e-tls-"));
const phoneHome = mkdtempSync(join(tmpdir(), "gatepass-phone-home-"));
const init = execFileSync(GATEPASS_BIN, ["tls", "init", "--host", HOST, "--ip", "127.0.0.1", "--data-dir", dataDir], { encoding: "utf8" });
const fingerprint = /SHA-256 fingerprint ([0-9A-F:]+)/.exec(init)[1];
const redirectPort = await freePort();
const server = await startServer({ dataDir, args: ["--tls-cert", join(dataDir, "tls/server.crt"), "--tls-key",
  join(dataDir, "tls/server.key"), "--http-redirect-port", String(redirectPort)] });
const port = new URL(server.url).port;
const secure = `https://${HOST}:${port}`;
const plain = `http://${HOST}:${redirectPort}`;
const resolveToLoopback = `--host-resolver-rules=MAP ${HOST} 127.0.0.1`;
// The API from node (fixtures): over TLS to 127.0.0.1, checked against the venue CA only.
const ca = readFileSync(join(dataDir, "tls/ca.crt"));
function apiCall(path, { method = "GET", body, token } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`https://127.0.0.1:${port}${path}`, { method, ca, headers: {
      ...(body ? { "Content-Type": "application/json" } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => { text += c; });
      res.on("end", () => {
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, json, text });
      });
    });
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
const browsers = [];
try {
  assert.match(server.url, /^https:/);
  const adminToken = (await apiCall("/api/auth/login", { method: "POST", body: { username: "admin", password: ADMIN_PASSWORD } })).json.access_token;
  assert.ok(adminToken, "the admin signs in over TLS from node, verified against the venue CA");
  const event = (await apiCall("/api/events", { method: "POST", token: adminToken,
    body: { name: "Venue LAN Night", venue: "Hall", starts_at: "2026-12-01T18:00:00Z", serial_prefix: "LAN26" } })).json;
  assert.equal((await apiCall("/api/users", { method: "POST", token: adminToken,
    body: { username: "steward", password: "steward-password", role: "scanner", event_ids: [event.id] } })).status, 201);
  const reg = await apiCall("/api/register", { method: "POST", body: { event_id: event.id, name: "Tia Tls", email: "tia@example.com" } });
  const ticket = (await apiCall(`/api/admin/approve/${reg.json.id}`, { method: "POST", token: adminToken })).json.ticket;

  await t.step("a phone that does not trust the venue CA is refused HTTPS and finds the certificate on the plain port's /ca page", async () => {
    const browser = await launch({ denyCamera: true, args: [resolveToLoopback] });
    browsers.push(browser);
    let page = await browser.newPage(PHONE);
    await assert.rejects(page.goto(`${secure}/scan`), /ERR_CERT_AUTHORITY_INVALID/);
    await page.close();
    page = await browser.newPage(PHONE);
    await page.goto(`${plain}/ca`);
    await page.getByRole("heading", { name: "Trust this venue's certificate" }).waitFor();
    assert.ok((await page.textContent("body")).includes(fingerprint), "the page shows the fingerprint tls init printed");
    await page.getByRole("heading", { name: "Android" }).waitFor();
    await page.getByRole("heading", { name: "iPhone and iPad" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the venue certificate" }).click()]);
    assert.equal(download.suggestedFilename(), "gatepass-venue-ca.crt");
    assert.equal(readFileSync(await download.path(), "utf8"), ca.toString());
    await shot(page, "phone-trust-venue-ca");
    publishShot("phone-trust-venue-ca");
  });

  await t.step("a phone that trusts the venue CA: plain HTTP goes to HTTPS, /scan is a secure context with its service worker, and the camera admits", async () => {
    // The steward's step on the phone: the CA into the browser's certificate store (NSS, in HOME).
    const nssdb = join(phoneHome, ".pki/nssdb");
    mkdirSync(nssdb, { recursive: true });
    execFileSync("certutil", ["-d", `sql:${nssdb}`, "-N", "--empty-password"]);
    execFileSync("certutil", ["-d", `sql:${nssdb}`, "-A", "-t", "C,,", "-n", "Gatepass venue CA", "-i", join(dataDir, "tls/ca.crt")]);
    const browser = await launch({ camera: await qrVideo(ticket.qr_payload, "https-qr"), args: [resolveToLoopback],
      env: { ...process.env, HOME: phoneHome } });
    browsers.push(browser);
    const page = await browser.newPage(PHONE);
    const response = await page.goto(`${plain}/scan`);
    assert.equal(page.url(), `${secure}/scan`, "the plain port redirected to HTTPS");
    assert.equal(response.status(), 200);
    const features = await page.evaluate(() => ({ secure: window.isSecureContext, subtle: !!crypto.subtle,
      camera: !!navigator.mediaDevices?.getUserMedia, workers: "serviceWorker" in navigator }));
    assert.deepEqual(features, { secure: true, subtle: true, camera: true, workers: true });
    await signInAt(secure)(page, "/scan", "steward", "steward-password");
    await page.getByRole("button", { name: /Venue LAN Night/ }).click();
    await serviceWorkerActive(page);
    assert.ok(await page.evaluate(async () => !!(await caches.match("/scan"))), "the worker has /scan for a phone with no network");
    await page.getByTestId("holder-name").waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId("holder-name").textContent(), "Tia Tls");
    await page.getByRole("button", { name: /^(Continue|Admit)/ }).click();
    await page.locator('[data-testid="result-card"][data-result="admitted"]').waitFor({ timeout: 10_000 });
    const scans = await apiCall(`/api/tickets/${ticket.serial}/scans`, { token: adminToken });
    assert.equal(scans.status, 200);
    assert.ok(scans.json.items.some((s) => s.result === "admitted"), JSON.stringify(scans.json));
    await shot(page, "phone-scanner-over-https");
    publishShot("phone-scanner-over-https");
  });
} finally {
  for (const b of browsers) await b.close().catch(() => undefined);
  await server.stop();
  rmSync(phoneHome, { recursive: true, force: true });
}
process.exit(t.finish() ? 0 : 1);
