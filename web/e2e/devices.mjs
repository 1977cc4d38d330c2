// End-to-end: gate devices (issue 19, docs/devices.md). An admin creates a device on Admin →
// Devices; the phone opens the pairing link, enrols, and loads the event pack. Its browser closes
// and starts again with no network: /scan opens from the service worker, shows the saved pack and
// admits a ticket offline; the network returns and the queue syncs (the server has the ticket
// used). A ticket admitted online at gate A reaches the phone (gate B) in a delta, and its offline
// check then refuses it as already used. Run after offline.mjs; its counts are merged into results.json.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADMIN_PASSWORD, DESKTOP, PHONE, apiCall, launch, launchPersistent, login, runner, serviceWorkerActive, shot, signInAt, startServer, until, wedge } from "./harness.mjs";

const t = runner({ suite: "devices" });
const server = await startServer();
const base = server.url;
const profile = mkdtempSync(join(tmpdir(), "gatepass-phone-"));
let browser, phone;
try {
  const adminToken = await login(base, "admin", ADMIN_PASSWORD);
  const event = (await apiCall(base, "/api/events", { method: "POST", token: adminToken,
    body: { name: "Device Fest 2026", venue: "Field", starts_at: "2026-12-01T18:00:00Z", serial_prefix: "DEV26" } })).json;
  const tickets = [];
  for (const name of ["Olli Offline", "Anna Atgatea"]) {
    const reg = await apiCall(base, "/api/register", { method: "POST", body: { event_id: event.id, name, email: `${name.split(" ")[0].toLowerCase()}@example.com` } });
    tickets.push((await apiCall(base, `/api/admin/approve/${reg.json.id}`, { method: "POST", token: adminToken })).json.ticket);
  }
  const [olli, anna] = tickets;
  const status = (page) => page.getByTestId("offline-status");
  const card = (page, result) => page.locator(`[data-testid="result-card"][data-result="${result}"][data-offline="true"]`);
  let pairingUrl, deviceId;

  await t.step("the admin creates a device for the event at gate B and sees its pairing QR", async () => {
    browser = await launch({ denyCamera: true });
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signInAt(base)(page, "/admin/devices", "admin", ADMIN_PASSWORD);
    await page.getByLabel("Device name").fill("Gate B phone");
    await page.getByTestId("device-events").getByLabel("Device Fest 2026").check();
    await page.getByLabel("Gate (optional)").fill("B");
    await page.getByRole("button", { name: "Create device" }).click();
    const code = (await page.getByTestId("pairing-code").textContent()).trim();
    assert.match(code, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    pairingUrl = (await page.getByTestId("pairing-url").textContent()).trim();
    assert.equal(pairingUrl, `${base}/scan#pair=${code}`);
    await page.getByAltText("Pairing QR code").waitFor();
    await shot(page, "desktop-devices-pairing");
    await context.close();
  });

  await t.step("the phone opens the pairing link, enrols, loads the pack; the service worker caches the app", async () => {
    phone = await launchPersistent(profile, PHONE);
    const page = phone.pages()[0] ?? await phone.newPage();
    // Auto-admit at this gate (the steward's choice, kept on the phone). Set on another page: the
    // pairing link must be a fresh page load of /scan, as when the camera opens it.
    await page.goto(`${base}/`);
    await page.evaluate(() => localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: "", mode: "entry", auto: true })));
    await page.goto(pairingUrl);
    await page.getByRole("button", { name: "Pair", exact: true }).click();
    await page.locator('[data-testid="offline-status"]:not([data-cursor=""])').waitFor({ timeout: 15_000 });
    assert.equal(new URL(page.url()).hash, "", "the spent code leaves the address");
    assert.match(await page.getByTestId("gate-mode").textContent(), /Gate B/);
    // The worker is activated (its precache done: install waits for it).
    await serviceWorkerActive(page);
    const cached = await page.evaluate(async () => {
      const scripts = [...document.scripts].map((s) => s.src).filter(Boolean);
      const hits = await Promise.all(scripts.map((s) => caches.match(s)));
      return { scripts: scripts.length, hits: hits.filter(Boolean).length, scanner: !!(await caches.match("/scan")) };
    });
    assert.ok(cached.scripts > 0 && cached.hits === cached.scripts && cached.scanner, JSON.stringify(cached));
    const devices = (await apiCall(base, "/api/devices", { token: adminToken })).json.items;
    const mine = devices.find((d) => d.name === "Gate B phone");
    assert.equal(mine.status, "active");
    assert.match(mine.app_version, /^web-/);
    deviceId = mine.device_id;
    await phone.close();
    phone = null;
  });

  await t.step("the phone restarts with no network: /scan opens from the service worker and admits offline", async () => {
    phone = await launchPersistent(profile, PHONE);
    await phone.setOffline(true);
    const page = phone.pages()[0] ?? await phone.newPage();
    await page.goto(`${base}/scan`);
    await status(page).and(page.locator('[data-state="offline"]:not([data-cursor=""])')).waitFor({ timeout: 15_000 });
    assert.match(await page.getByTestId("pack-age").textContent(), /^Pack as of /);
    assert.equal(await page.evaluate(() => fetch("/api/health").then(() => "reached", () => "unreachable")), "unreachable");
    await wedge(page, olli.qr_payload);
    await card(page, "admitted").waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId("offline-serial").textContent(), olli.serial);
    await status(page).and(page.locator('[data-queued="1"]')).waitFor();
    await shot(page, "phone-device-restarted-offline");
  });

  await t.step("the network returns: the queue syncs and the server has the ticket used, by this device", async () => {
    const page = phone.pages()[0];
    await phone.setOffline(false);
    await status(page).and(page.locator('[data-queued="0"][data-state="online"][data-sync-ok="true"]')).waitFor({ timeout: 20_000 });
    const ticket = await apiCall(base, `/api/tickets/${olli.serial}`, { token: adminToken });
    assert.equal(ticket.json.status, "used", ticket.text);
    const scans = (await apiCall(base, `/api/tickets/${olli.serial}/scans`, { token: adminToken })).json.items;
    const offline = scans.filter((s) => s.note === "offline");
    assert.equal(offline.length, 1, JSON.stringify(scans));
    assert.equal(offline[0].device_id, deviceId);
  });

  await t.step("a ticket admitted online at gate A is refused by the offline check at gate B after a delta", async () => {
    const page = phone.pages()[0];
    const before = await status(page).getAttribute("data-cursor");
    const admitted = await apiCall(base, `/api/mark-used/${encodeURIComponent(anna.qr_payload)}`, { method: "POST", token: adminToken,
      body: { event_id: event.id, gate: "A" } });
    assert.equal(admitted.status, 200, admitted.text);
    // Within the contract's 10 s (the live stream usually brings it at once). A new cursor alone
    // is not enough: a pull already under way when Anna was admitted (after Olli's upload) moves
    // it too. So the server is asked what changed since the phone's cursor: nothing about Anna
    // means the phone's pack has her admission.
    const annaNumber = Number(anna.serial.split("-").at(-1));
    await until("gate B's pack to have Anna's admission", async () => {
      const cursor = await page.locator('[data-testid="offline-status"][data-state="online"]').getAttribute("data-cursor", { timeout: 1_000 })
        .catch(() => null);
      if (!cursor || cursor === before) return false;
      const since = await apiCall(base, `/api/events/${event.id}/offline-pack?since=${encodeURIComponent(cursor)}`, { token: adminToken });
      assert.equal(since.status, 200, since.text);
      return !since.json.changes.some((c) => c.number === annaNumber);
    }, { timeout: 12_000 });
    await phone.setOffline(true);
    await status(page).and(page.locator('[data-state="offline"]')).waitFor();
    await wedge(page, anna.qr_payload);
    await card(page, "already_used").waitFor({ timeout: 10_000 });
    assert.equal(await page.locator(".result-title").textContent(), "ALREADY USED (offline)");
    assert.match(await page.getByTestId("result-detail").textContent(), /another gate/);
    assert.equal(await status(page).getAttribute("data-queued"), "0", "a refusal is not queued");
    await shot(page, "phone-device-used-at-other-gate");
    await phone.setOffline(false);
  });
} finally {
  await phone?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await server.stop();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(t.finish() ? 0 : 1);
