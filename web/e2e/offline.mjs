// End-to-end: offline gates (issue 9, docs/offline-gates.md). Two camera gates load the event pack,
// then lose the network (DevTools offline emulation); both admit the same ticket from the camera,
// each checked offline on its own device, and each refuses it a second time (once per device). A
// forged QR is INVALID offline. The network comes back: both sync, and the admin's Conflicts page
// shows the double admission with both devices. A third gate is offline while a ticket is
// refunded; back online, the next delta brings the refund and an offline check says REFUNDED.
// Run after gate.mjs; its counts are merged into results.json.
import assert from "node:assert/strict";
import { ADMIN_PASSWORD, DESKTOP, PHONE, apiCall, launch, login, qrVideo, runner, shot, startServer, signInAt, wedge } from "./harness.mjs";

const t = runner({ suite: "offline" });
const server = await startServer();
const base = server.url;
const browsers = [];
try {
  const adminToken = await login(base, "admin", ADMIN_PASSWORD);
  const event = (await apiCall(base, "/api/events", { method: "POST", token: adminToken,
    body: { name: "Offline Fest 2026", venue: "Field", starts_at: "2026-12-01T18:00:00Z", serial_prefix: "OFF26" } })).json;
  const tickets = [];
  for (const name of ["Dora Double", "Rudi Refund"]) {
    const reg = await apiCall(base, "/api/register", { method: "POST", body: { event_id: event.id, name, email: `${name.split(" ")[0].toLowerCase()}@example.com` } });
    tickets.push((await apiCall(base, `/api/admin/approve/${reg.json.id}`, { method: "POST", token: adminToken })).json.ticket);
  }
  const [dora, rudi] = tickets;
  for (const username of ["gate-a", "gate-b", "gate-c"])
    assert.equal((await apiCall(base, "/api/users", { method: "POST", token: adminToken,
      body: { username, password: `${username}-password`, role: "scanner", event_ids: [event.id] } })).status, 201);

  const signIn = signInAt(base);
  /** A scanner page of its own browser context. With `holdCamera`, the camera starts only when
   *  the test calls window.__releaseCamera(): the steward points it at the ticket once the network
   *  is gone (else the gate would admit the ticket online while the pack is still loading). */
  async function openGate(browser, username, gate, auto, { holdCamera = false } = {}) {
    const context = await browser.newContext(PHONE);
    if (holdCamera)
      await context.addInitScript(() => {
        const media = navigator.mediaDevices;
        if (!media) return;
        const real = media.getUserMedia.bind(media);
        const held = new Promise((release) => { window.__releaseCamera = release; });
        media.getUserMedia = async (constraints) => {
          await held;
          return real(constraints);
        };
      });
    const page = await context.newPage();
    await signIn(page, "/scan", username, `${username}-password`);
    await page.getByLabel("Gate name (optional)").fill(gate);
    await page.locator("label", { hasText: /^Entry$/ }).click();
    await page.getByRole("checkbox", { name: /Auto-admit/ }).setChecked(auto);
    await page.getByRole("button", { name: /Offline Fest 2026/ }).click();
    // The pack comes with the event: its cursor shows on the status strip.
    await page.locator('[data-testid="offline-status"]:not([data-cursor=""])').waitFor();
    const device = await page.evaluate(() => localStorage.getItem("gatepass.scanner.device"));
    return { context, page, device };
  }
  const card = (page, result) => page.locator(`[data-testid="result-card"][data-result="${result}"][data-offline="true"]`);
  const title = async (page) => (await page.locator(".result-title").textContent()).trim();
  const status = (page) => page.getByTestId("offline-status");

  const video = await qrVideo(dora.qr_payload, "offline-dora-qr");
  const camA = await launch({ camera: video });
  browsers.push(camA);
  const camB = await launch({ camera: video });
  browsers.push(camB);
  const plain = await launch({ denyCamera: true });
  browsers.push(plain);
  let gateA, gateB;

  await t.step("two camera gates load the event pack while online", async () => {
    [gateA, gateB] = await Promise.all([
      openGate(camA, "gate-a", "North", true, { holdCamera: true }),
      openGate(camB, "gate-b", "South", false, { holdCamera: true }),
    ]);
    for (const g of [gateA, gateB]) {
      assert.equal(await status(g.page).getAttribute("data-state"), "online");
      assert.equal(await status(g.page).getAttribute("data-queued"), "0");
      assert.match(await g.page.getByTestId("pack-age").textContent(), /^Pack as of (just now|.* ago)$/);
    }
    assert.notEqual(gateA.device, gateB.device);
  });

  await t.step("network cut: both gates admit the same ticket from the camera, each checked offline", async () => {
    await gateA.context.setOffline(true);
    await gateB.context.setOffline(true);
    for (const g of [gateA, gateB]) {
      await status(g.page).and(g.page.locator('[data-state="offline"]')).waitFor();
      await g.page.evaluate(() => window.__releaseCamera());
    }
    // Gate A, auto-admit: admitted at once.
    await card(gateA.page, "admitted").waitFor({ timeout: 15_000 });
    assert.equal(await title(gateA.page), "ADMITTED — checked offline");
    assert.equal(await gateA.page.getByTestId("offline-serial").textContent(), dora.serial);
    await shot(gateA.page, "phone-offline-admitted");
    // Gate B, confirm each: VALID (offline), then Admit 1 person.
    await card(gateB.page, "admitted").and(gateB.page.locator('[data-tone="valid"]')).waitFor({ timeout: 15_000 });
    assert.equal(await title(gateB.page), "VALID — checked offline");
    assert.equal(await gateB.page.getByTestId("offline-serial").textContent(), dora.serial);
    await shot(gateB.page, "phone-offline-valid");
    await gateB.page.getByRole("button", { name: "Admit 1 person" }).click();
    await card(gateB.page, "admitted").and(gateB.page.locator('[data-tone="admitted"]')).waitFor();
    for (const g of [gateA, gateB]) await status(g.page).and(g.page.locator('[data-queued="1"]')).waitFor();
  });

  await t.step("the same ticket again on the same device is ALREADY USED (offline); a forged QR is INVALID (offline)", async () => {
    // Both cameras still see the ticket: once the first card is gone, they read it again.
    await card(gateA.page, "already_used").waitFor({ timeout: 15_000 });
    await card(gateB.page, "already_used").waitFor({ timeout: 15_000 });
    assert.equal(await title(gateB.page), "ALREADY USED (offline)");
    // Confirm mode keeps the card (and the camera paused); a wedge scan of a forged code replaces it.
    const last = dora.qr_payload.at(-1);
    const forged = dora.qr_payload.slice(0, -1) + (last === "A" ? "B" : "A");  // the signature's last bits
    await wedge(gateB.page, forged);
    await card(gateB.page, "invalid").waitFor();
    assert.equal(await title(gateB.page), "INVALID (offline)");
    assert.equal(await gateB.page.getByTestId("offline-serial").count(), 0);
    await shot(gateB.page, "phone-offline-invalid");
    for (const g of [gateA, gateB]) assert.equal(await status(g.page).getAttribute("data-queued"), "1", "refusals are not queued");
  });

  await t.step("the network returns: both gates sync their queue; one admission was a conflict", async () => {
    await gateA.context.setOffline(false);
    await gateB.context.setOffline(false);
    const conflicts = [];
    for (const g of [gateA, gateB]) {
      await status(g.page).and(g.page.locator('[data-queued="0"][data-state="online"][data-sync-ok="true"]')).waitFor({ timeout: 15_000 });
      conflicts.push(Number(await status(g.page).getAttribute("data-conflicts")));
    }
    // Whichever synced second lost (the order of the two syncs is not fixed).
    const loser = conflicts[0] === 1 ? gateA : gateB;
    assert.deepEqual([...conflicts].sort(), [0, 1], `conflicts per device: ${conflicts}`);
    assert.match(await loser.page.getByTestId("last-sync").textContent(), /1 conflict/);
  });

  await t.step("the admin's Conflicts page shows the double admission with both devices", async () => {
    const context = await plain.newContext(DESKTOP);
    const dash = await context.newPage();
    await signIn(dash, `/admin/conflicts?event=${event.id}`, "admin", ADMIN_PASSWORD);
    const row = dash.locator('[data-testid^="conflict-"]', { hasText: dora.serial });
    await row.waitFor();
    assert.equal(await row.count(), 1);
    const text = await row.textContent();
    assert.equal(await row.locator("[data-reason]").getAttribute("data-reason"), "double_admission");
    assert.ok(text.includes(gateA.device) && text.includes(gateB.device), `both devices in: ${text}`);
    assert.match(text, /North/);
    assert.match(text, /South/);
    assert.equal(await row.getByTestId("server-offline").count(), 1, "the admission the server kept was offline too");
    for (const g of [gateA, gateB]) await dash.getByTestId(`device-${g.device}`).waitFor();
    assert.match(await dash.getByTestId(`device-${gateA.device}`).textContent(), /gate-a/);
    await shot(dash, "desktop-conflicts");
    await context.close();
    // The server's own record: both offline scans are scan rows of the ticket, noted offline.
    const scans = await apiCall(base, `/api/tickets/${dora.serial}/scans`, { token: adminToken });
    assert.equal(scans.status, 200);
    const offline = scans.json.items.filter((s) => s.note === "offline");
    assert.equal(offline.length, 2, JSON.stringify(scans.json.items));
    assert.deepEqual(new Set(offline.map((s) => s.device_id)), new Set([gateA.device, gateB.device]));
  });

  await t.step("a ticket refunded while a gate is offline: after the next delta the gate's offline check says REFUNDED", async () => {
    const gateC = await openGate(plain, "gate-c", "East", true);
    const cursor = await status(gateC.page).getAttribute("data-cursor");
    await gateC.context.setOffline(true);
    await status(gateC.page).and(gateC.page.locator('[data-state="offline"]')).waitFor();
    const refund = await apiCall(base, "/api/refunds", { method: "POST", token: adminToken, body: { serial: rudi.serial, reason: "Cannot come" } });
    assert.equal(refund.status, 201, refund.text);
    const approved = await apiCall(base, `/api/refunds/${refund.json.id}/approve`, { method: "POST", token: adminToken, body: {} });
    assert.equal(approved.status, 200, approved.text);
    await gateC.context.setOffline(false);
    // Back online, the sync fetches a delta after the gate's cursor.
    await gateC.page.locator(`[data-testid="offline-status"][data-state="online"]:not([data-cursor="${cursor}"])`).waitFor({ timeout: 15_000 });
    await gateC.page.getByRole("button", { name: "Offline mode: off" }).click();
    await status(gateC.page).and(gateC.page.locator('[data-state="offline-mode"]')).waitFor();
    await wedge(gateC.page, rudi.qr_payload);
    await card(gateC.page, "refunded").waitFor();
    assert.equal(await title(gateC.page), "REFUNDED (offline)");
    assert.equal(await gateC.page.getByTestId("offline-serial").textContent(), rudi.serial);
    await shot(gateC.page, "phone-offline-refunded");
    assert.equal(await status(gateC.page).getAttribute("data-queued"), "0");
  });
} finally {
  for (const b of browsers) await b.close().catch(() => undefined);
  await server.stop();
}
process.exit(t.finish() ? 0 : 1);
