// End-to-end: a person registers -> an admin approves -> the ticket's QR, played as the phone's
// camera, is scanned and admitted -> a second scan says "already used" -> the audit log shows it.
// Also: manual entry, a forged QR, a viewer who cannot approve, camera permission denied.
// Screenshots of each main screen (desktop and phone) go to test-output/e2e/screenshots/.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import QRCode from "qrcode";
import { ADMIN_PASSWORD, DESKTOP, OUT, PHONE, apiCall, launch, login, qrVideo, runner, shot, shotBoth, startServerWithMail, wedge } from "./harness.mjs";
import { boxOfficeSteps } from "./box-office.mjs";

// With a real SMTP sink: the box-office holder verifies the address from the mailed link. No
// cooling-off after a claim here (GATEPASS_CLAIM_COOLING_OFF_HOURS=0): the box-office transfer step is
// about the new code, not about cooling-off, which accounts.mjs shows (and an admin lifting it).
const server = await startServerWithMail({ env: { GATEPASS_CLAIM_COOLING_OFF_HOURS: "0" } });
const base = server.url;
const t = runner();
const browser = await launch();
let serial = "";
let payload = "";
let eventId = 0;
const adminToken = await login(base, "admin", ADMIN_PASSWORD);

async function signIn(page, path, username, password) {
  await page.goto(`${base}${path}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Fixtures made through the API (the browser flows below are what is under test).
eventId = (await apiCall(base, "/api/events", { method: "POST", token: adminToken,
  body: { name: "HackFest 2026", venue: "Main Hall", starts_at: "2026-12-01T09:00:00Z", serial_prefix: "HF2026" } })).json.id;
for (const [username, role] of [["gate1", "scanner"], ["watcher", "viewer"]])
  assert.equal((await apiCall(base, "/api/users", { method: "POST", token: adminToken,
    body: { username, password: `${username}-password`, role, ...(role === "scanner" ? { event_ids: [eventId] } : {}) } })).status, 201);

await t.step("the registration page loads only its own JavaScript, brotli-compressed, under 100 KB", async () => {
  const page = await browser.newPage(PHONE);
  const scripts = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".js")) scripts.push({ url: r.url(), encoding: r.headers()["content-encoding"], bytes: Number(r.headers()["content-length"]) });
  });
  await page.goto(`${base}/`);
  await page.getByLabel("Full name").waitFor();
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  console.log(`  registration page JavaScript: ${scripts.length} file(s), ${(total / 1024).toFixed(1)} KB transferred`);
  assert.ok(scripts.length > 0);
  for (const s of scripts) assert.equal(s.encoding, "br", `${s.url} is sent brotli-compressed`);
  assert.ok(total <= 100 * 1024, `registration page JavaScript is ${total} bytes, over 100 KB`);
  assert.ok(!scripts.some((s) => /AdminApp|ScannerApp|HolderApp|BoxOfficePage|TicketsPage/.test(s.url)), "the admin, scanner and holder code stay out");
  await page.close();
});

await t.step("a person registers on a phone and sees that approval is pending", async () => {
  const page = await browser.newPage(PHONE);
  await page.goto(`${base}/`);
  await page.getByLabel("Full name").fill("Alice Example");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Team name (optional)").fill("Team X");
  await page.getByRole("button", { name: "Register" }).click();
  await page.getByText("must be an email address").waitFor();  // client-side check, next to the field
  await shot(page, "phone-register-form-error");
  await page.getByLabel("Email").fill("alice@example.com");
  await page.getByLabel(/Payment screenshot or PDF/).setInputFiles({
    name: "payment.png", mimeType: "image/png", buffer: await QRCode.toBuffer("PAID 12.50 EUR", { width: 200 }) });
  await page.getByRole("button", { name: "Register" }).click();
  await page.getByText("pending approval").waitFor();
  await shot(page, "phone-register-success");
  await page.close();
  const desktop = await browser.newPage(DESKTOP);
  await desktop.goto(`${base}/`);
  await desktop.getByLabel("Full name").waitFor();
  await shotBoth(desktop, "register-form");
  await desktop.close();
});

await t.step("an admin logs in, approves with confirmation and gets the ticket QR", async () => {
  const page = await browser.newPage(DESKTOP);
  await signIn(page, "/admin", "admin", ADMIN_PASSWORD);
  await page.getByText("Pending", { exact: true }).first().waitFor();
  await shotBoth(page, "admin-dashboard");
  await page.getByRole("link", { name: "Registrations" }).click();
  const row = page.getByRole("row", { name: /Alice Example/ });
  // Check the proof of payment first, as an organiser would.
  await row.getByRole("button", { name: "Image" }).click();
  await page.getByRole("img", { name: "Uploaded proof of payment" }).waitFor();
  await shot(page, "desktop-admin-payment-proof");
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
  await row.getByRole("button", { name: "Approve" }).click();
  await shot(page, "desktop-admin-approve-confirm");
  await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
  serial = (await page.getByTestId("ticket-serial").textContent()).trim();
  assert.equal(serial, "HF2026-000001");
  await page.getByRole("img", { name: /QR code of ticket/ }).waitFor();
  await page.getByRole("link", { name: "Download PNG" }).waitFor();
  await shot(page, "desktop-admin-ticket-qr");
  // The printable PDF ticket downloads from the same dialog.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PDF" }).click()]);
  assert.equal(download.suggestedFilename(), `${serial}.pdf`);
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByLabel("Status").selectOption("");
  await page.getByRole("row", { name: /Alice Example.*approved/ }).waitFor();
  await shotBoth(page, "admin-registrations");
  await page.close();
  // The QR content is the signed payload (re-approving is idempotent and returns it).
  payload = (await apiCall(base, "/api/admin/approve/1", { method: "POST", token: adminToken })).json.ticket.qr_payload;
  assert.match(payload, /^GP1:/);
});

async function scannerPage(scanner, viewport = PHONE) {
  const page = await scanner.newPage(viewport);
  await signIn(page, "/scan", "gate1", "gate1-password");
  await page.getByRole("button", { name: /HackFest 2026/ }).click();
  return page;
}

await t.step("the scanner reads the QR from the camera, shows the holder and admits once", async () => {
  const scanner = await launch({ camera: await qrVideo(payload, "ticket-qr") });
  try {
    const page = await scannerPage(scanner);
    const card = page.getByTestId("result-card");
    await card.and(page.locator('[data-tone="valid"]')).waitFor({ timeout: 15000 });
    assert.equal(await page.getByTestId("holder-name").textContent(), "Alice Example");
    await shotBoth(page, "scanner-valid");
    await page.getByRole("button", { name: "Admit 1 person" }).click();
    await page.locator('[data-tone="admitted"]').waitFor();
    await shot(page, "phone-scanner-admitted");
    // The same QR is still in front of the camera: the next read must say "already used".
    await page.locator('[data-tone="used"]').waitFor({ timeout: 15000 });
    assert.match(await page.getByTestId("result-detail").textContent(), /Checked in/);
    await shot(page, "phone-scanner-already-used");
    await page.close();
  } finally {
    await scanner.close();
  }
});

await t.step("the admin's audit log shows the check-in by the scanner", async () => {
  const page = await browser.newPage(DESKTOP);
  await signIn(page, "/admin", "admin", ADMIN_PASSWORD);
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action").selectOption("checkin.admitted");
  const row = page.locator('tr[data-action="checkin.admitted"]');
  await row.waitFor();
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /gate1.*HF2026-000001/);
  await page.getByLabel("Action").selectOption("");
  await page.locator('tr[data-action="registration.approve"]').first().waitFor();
  await shotBoth(page, "admin-audit-log");
  await page.close();
});

await t.step("manual serial entry admits a ticket when the QR will not scan", async () => {
  const reg = await apiCall(base, "/api/register", { method: "POST", body: { event_id: eventId, name: "Bob Manual", email: "bob@example.com" } });
  const approved = await apiCall(base, `/api/admin/approve/${reg.json.id}`, { method: "POST", token: adminToken });
  const bobSerial = approved.json.ticket.serial;
  const scanner = await launch({ denyCamera: true });
  try {
    const page = await scannerPage(scanner);
    await page.getByText(/Camera permission was denied|No camera could be opened/).waitFor();
    await shot(page, "phone-scanner-camera-denied");
    await page.getByLabel("Ticket serial").fill(bobSerial.toLowerCase());
    await page.getByRole("button", { name: "Check" }).click();
    await page.locator('[data-tone="valid"]').waitFor();
    assert.equal(await page.getByTestId("holder-name").textContent(), "Bob Manual");
    await page.getByRole("button", { name: "Admit 1 person" }).click();
    await page.locator('[data-tone="admitted"]').waitFor();
    await page.close();
  } finally {
    await scanner.close();
  }
});

await t.step("an admin voids a ticket in the dashboard; the gate then shows VOID", async () => {
  const reg = await apiCall(base, "/api/register", { method: "POST", body: { event_id: eventId, name: "Carl Void", email: "carl@example.com" } });
  const carlSerial = (await apiCall(base, `/api/admin/approve/${reg.json.id}`, { method: "POST", token: adminToken })).json.ticket.serial;
  const admin = await browser.newPage(DESKTOP);
  await signIn(admin, "/admin", "admin", ADMIN_PASSWORD);
  await admin.getByRole("link", { name: "Registrations" }).click();
  await admin.getByLabel("Status").selectOption("");
  await admin.getByRole("row", { name: /Carl Void/ }).getByRole("button", { name: "Ticket" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Void ticket" }).click();
  await admin.getByLabel(/Reason \(required/).fill("Chargeback from the card issuer");
  await shot(admin, "desktop-admin-void-confirm");
  await admin.getByRole("dialog").getByRole("button", { name: "Void ticket" }).click();
  await admin.getByRole("row", { name: /Carl Void.*void/ }).waitFor();
  await admin.close();
  const scanner = await launch({ denyCamera: true });
  try {
    const page = await scannerPage(scanner);
    await page.getByLabel("Ticket serial").fill(carlSerial);
    await page.getByRole("button", { name: "Check" }).click();
    await page.locator('[data-tone="invalid"]').waitFor();
    assert.equal((await page.locator(".result-title").textContent()).trim(), "VOID");
    assert.equal(await page.getByTestId("holder-name").textContent(), "Carl Void");
    assert.equal(await page.getByRole("button", { name: "Admit 1 person" }).count(), 0);
    await shot(page, "phone-scanner-void");
    await page.close();
  } finally {
    await scanner.close();
  }
});

// docs/offline-gates.md §3 (`already_recorded`): the mark-used is committed but its answer is lost,
// so the phone decides from its event pack, admits offline and queues the scan. At the sync the
// server finds its own online admission by the same device and account: `admitted`, reason
// `already_recorded`, no second row. One holder, one admission, never a false "already used" and
// never a silent merge (the conflict report lists it). `how`: the signed code from a keyboard-wedge
// scanner (its signature checked on the phone), or the serial typed by hand (checked by its number).
async function lostAnswer(name, how, screenshot) {
  const reg = await apiCall(base, "/api/register", { method: "POST", body: { event_id: eventId, name, email: `${name.split(" ")[0].toLowerCase()}@example.com` } });
  const ticket = (await apiCall(base, `/api/admin/approve/${reg.json.id}`, { method: "POST", token: adminToken })).json.ticket;
  const scanner = await launch({ denyCamera: true });
  try {
    const page = await scannerPage(scanner);
    // The pack (fetched when the event is chosen) is what the phone falls back on: wait for it, so the
    // step does not depend on whether it arrived before the answer was lost.
    const status = page.getByTestId("offline-status");
    await page.locator('[data-testid="offline-status"]:not([data-cursor=""])').waitFor();
    // The request reaches the server and is committed, but the answer never arrives (Wi-Fi drop).
    let markUsed = 0;
    await page.route("**/api/mark-used/**", async (route) => {
      markUsed++;
      await route.fetch();
      await route.abort("connectionreset");
    });
    if (how === "typed") {
      await page.getByLabel("Ticket serial").fill(ticket.serial);
      await page.getByRole("button", { name: "Check" }).click();
    } else {
      await wedge(page, ticket.qr_payload);
    }
    await page.locator('[data-tone="valid"]').waitFor();
    assert.equal(await page.getByTestId("holder-name").textContent(), name);
    const synced = page.waitForResponse((r) => r.url().endsWith("/api/scans/offline") && r.request().method() === "POST", { timeout: 30000 });
    await page.getByRole("button", { name: "Admit 1 person" }).click();
    // The steward sees the admission, and that it was decided on the phone.
    const card = page.locator('[data-testid="result-card"][data-tone="admitted"]');
    await card.waitFor();
    assert.equal(await card.getAttribute("data-offline"), "true");
    assert.equal((await card.locator(".result-title").textContent()).trim(), "ADMITTED — checked offline");
    assert.equal((await card.getByTestId("offline-serial").textContent()).trim(), ticket.serial);
    if (how === "typed") assert.match(await card.getByTestId("result-detail").textContent(), /Typed serial: no signature was checked/);
    if (screenshot) await shot(page, screenshot);
    assert.equal(markUsed, 1, "the lost answer is not asked for again online: the phone decided from its pack");
    // The queued scan goes up at the next sync; the server merges it with its own admission.
    const answer = await (await synced).json();
    assert.equal(answer.results.length, 1);
    const { nonce: _, ...result } = answer.results[0];
    assert.deepEqual(result, { outcome: "admitted", reason: "already_recorded", serial: ticket.serial, replayed: false },
      `the server's answer to the queued scan: ${JSON.stringify(answer)}`);
    await page.locator('[data-testid="offline-status"][data-queued="0"]').waitFor();
    assert.equal(await status.getAttribute("data-conflicts"), "0");
    // One admission: one admitted entry row (the online one, by this phone), one audit entry.
    const scans = await apiCall(base, `/api/tickets/${ticket.serial}/scans`, { token: adminToken });
    assert.equal(scans.status, 200, JSON.stringify(scans.json));
    const entries = scans.json.items.filter((r) => r.type === "entry");
    assert.deepEqual(entries.map((r) => [r.result, r.user, r.device_id]), [["admitted", "gate1", answer.device_id]], JSON.stringify(scans.json.items));
    const logs = await apiCall(base, "/api/admin/logs?action=checkin.admitted&limit=200", { token: adminToken });
    assert.equal(logs.json.items.filter((e) => e.entity_id === ticket.serial).length, 1);
    // The merge is not silent: the conflict report lists it as already_recorded.
    const report = await apiCall(base, `/api/events/${eventId}/conflicts`, { token: adminToken });
    const merged = report.json.items.filter((c) => c.ticket.serial === ticket.serial);
    assert.deepEqual(merged.map((c) => [c.reason, c.scan.user, c.scan.device_id]), [["already_recorded", "gate1", answer.device_id]],
      JSON.stringify(report.json.items));
    await page.close();
  } finally {
    await scanner.close();
  }
}

await t.step("a check-in whose answer is lost is retried safely: ADMITTED, not a false 'already used'", () =>
  lostAnswer("Dana Retry", "wedge", "phone-scanner-network-retry"));

// The same with a serial typed by hand (the QR will not scan): checked offline by its number
// (docs/devices.md §4), so the queued scan names the serial, not a signed code. The server must take
// such a scan like a signed one (contract: offline-gates.md §2 step 8, "store and queue"); a server
// that answers it `invalid` / `invalid_ticket` never records a typed admission made offline.
await t.step("a typed serial whose answer is lost: ADMITTED (typed, checked offline), merged at the sync as already_recorded", () =>
  lostAnswer("Tess Typed", "typed", "phone-scanner-network-retry-typed"));

await t.step("an admin creates an event and a scanner account, then deactivates it", async () => {
  const page = await browser.newPage(DESKTOP);
  await signIn(page, "/admin", "admin", ADMIN_PASSWORD);
  await page.getByRole("link", { name: "Events" }).click();
  await page.getByRole("button", { name: "New event" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Open Day");
  await dialog.getByLabel("Serial prefix").fill("bad prefix!");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.getByText("may contain only uppercase letters and digits").waitFor();  // the server's field error
  await dialog.getByLabel("Serial prefix").fill("OPEN26");
  await dialog.getByLabel("Registrations need approval").uncheck();
  await dialog.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { name: "Open Day" }).waitFor();
  await shot(page, "desktop-admin-events");
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Username").fill("gate2");
  await page.getByLabel("Password").fill("gate2-password");
  await page.getByRole("button", { name: "Create user" }).click();
  const row = page.getByRole("row", { name: /gate2/ });
  await row.waitFor();
  await row.getByRole("button", { name: "Deactivate" }).click();
  // Confirmed, naming the account (a mis-click must not lock a steward out mid-event).
  await page.getByRole("dialog", { name: "Deactivate gate2?" }).getByRole("button", { name: "Deactivate gate2" }).click();
  await row.getByText("deactivated").waitFor();
  await shot(page, "desktop-admin-users");
  await page.close();
  assert.equal((await apiCall(base, "/api/auth/login", { method: "POST", body: { username: "gate2", password: "gate2-password" } })).status, 401);
});

await t.step("registering for an event without approval shows the ticket QR at once", async () => {
  const page = await browser.newPage(PHONE);
  await page.goto(`${base}/`);
  await page.getByLabel("Event").selectOption({ label: "Open Day" });
  await page.getByLabel("Full name").fill("Erin Instant");
  await page.getByLabel("Email").fill("erin@example.com");
  await page.getByRole("button", { name: "Register" }).click();
  await page.getByText("You're in!").waitFor();
  await page.getByRole("img", { name: "Ticket QR code" }).waitFor();
  await page.getByText("OPEN26-000001").waitFor();
  await shot(page, "phone-register-instant-ticket");
  // The manifest the scanner installs from is served and names the scanner as its start page.
  const manifest = await (await fetch(`${base}/manifest.webmanifest`)).json();
  assert.equal(manifest.start_url, "/scan");
  assert.ok(manifest.icons.some((i) => i.sizes === "512x512"));
  await page.close();
});

await t.step("a forged QR code shows INVALID", async () => {
  // Same claims, one signature character changed: what a forger who copies a ticket would try.
  const i = payload.length - 10;
  const forged = payload.slice(0, i) + (payload[i] === "A" ? "B" : "A") + payload.slice(i + 1);
  const scanner = await launch({ camera: await qrVideo(forged, "forged-qr") });
  try {
    const page = await scannerPage(scanner);
    await page.locator('[data-tone="invalid"]').waitFor({ timeout: 15000 });
    assert.match(await page.getByTestId("result-card").textContent(), /INVALID/);
    assert.equal(await page.getByRole("button", { name: "Admit 1 person" }).count(), 0);
    await shotBoth(page, "scanner-invalid");
    await page.close();
  } finally {
    await scanner.close();
  }
});

await t.step("a viewer sees registrations read-only and the server refuses approval", async () => {
  const carol = await apiCall(base, "/api/register", { method: "POST", body: { event_id: eventId, name: "Carol Pending", email: "carol@example.com" } });
  const page = await browser.newPage(DESKTOP);
  await signIn(page, "/admin", "watcher", "watcher-password");
  await page.getByRole("link", { name: "Registrations" }).click();
  await page.getByRole("row", { name: /Carol Pending/ }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Approve" }).count(), 0);
  assert.equal(await page.getByRole("link", { name: "Users" }).count(), 0);
  await shot(page, "desktop-viewer-registrations");
  await page.close();
  const viewerToken = await login(base, "watcher", "watcher-password");
  const refused = await apiCall(base, `/api/admin/approve/${carol.json.id}`, { method: "POST", token: viewerToken });
  assert.equal(refused.status, 403);
  const still = await apiCall(base, `/api/admin/registrations?status=pending`, { token: adminToken });
  assert.ok(still.json.items.some((r) => r.id === carol.json.id), "Carol is still pending");
});

// Box office (issue 7): generation, sale, holders, transfer, refund, the gate's new refusals,
// bulk decisions and the phone layout of the lists.
await boxOfficeSteps({ t, base, browser, adminToken, signIn, mailbox: server.mail });

// Lighthouse (mobile emulation, simulated slow 4G and CPU) on the three entry pages, with floors.
// /admin and /scan are measured as a person first opens them: their sign-in screens.
// Lighthouse's simulated CPU is the host's CPU slowed 4x, so one busy moment on a shared CI machine
// can cost 10+ points (one CI run measured the scanner at TBT 420 ms, locally 80 ms). Lighthouse's
// own variability guide says to judge the median of several runs: a page whose first run misses a
// floor is measured twice more and judged by the median, so a real regression still fails.
const LIGHTHOUSE = resolve(import.meta.dirname, "../node_modules/.bin/lighthouse");
const FLOORS = { performance: 90, accessibility: 95 };
const lighthouseScores = {};

function lighthouseRun(path, name, attempt) {
  const report = join(OUT, `lighthouse-${name}${attempt ? `-${attempt + 1}` : ""}.json`);
  execFileSync(LIGHTHOUSE, [`${base}${path}`, "--quiet", "--form-factor=mobile", "--only-categories=performance,accessibility",
    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking", "--output=json", `--output-path=${report}`],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? "/usr/bin/chromium" }, timeout: 180_000, stdio: "ignore" });
  const r = JSON.parse(readFileSync(report, "utf8"));
  return {
    performance: Math.round(r.categories.performance.score * 100),
    accessibility: Math.round(r.categories.accessibility.score * 100),
    lcp: r.audits["largest-contentful-paint"].displayValue,
    tbt: r.audits["total-blocking-time"].displayValue,
    host_benchmark_index: Math.round(r.environment.benchmarkIndex),
  };
}

const meetsFloors = (run) => run.performance >= FLOORS.performance && run.accessibility >= FLOORS.accessibility;
const describeRun = (run) => `performance ${run.performance}, accessibility ${run.accessibility}, LCP ${run.lcp}, ` +
  `TBT ${run.tbt}, host benchmark index ${run.host_benchmark_index}`;

for (const [path, name] of [["/", "registration"], ["/scan", "scanner"], ["/admin", "dashboard"]]) {
  await t.step(`Lighthouse (mobile) on the ${name} page: performance >= ${FLOORS.performance}, accessibility >= ${FLOORS.accessibility}`, async () => {
    const runs = [lighthouseRun(path, name, 0)];
    console.log(`  lighthouse ${name}: ${describeRun(runs[0])}`);
    if (!meetsFloors(runs[0])) {
      for (const attempt of [1, 2]) {
        runs.push(lighthouseRun(path, name, attempt));
        console.log(`  lighthouse ${name} (run ${attempt + 1} of 3): ${describeRun(runs[attempt])}`);
      }
    }
    // The run with the median performance score is the one judged (and reported, LCP and TBT with it).
    const judged = { ...[...runs].sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)], runs: runs.length };
    lighthouseScores[name] = judged;
    assert.ok(judged.performance >= FLOORS.performance, `performance ${judged.performance} < ${FLOORS.performance} (median of ${runs.length})`);
    assert.ok(judged.accessibility >= FLOORS.accessibility, `accessibility ${judged.accessibility} < ${FLOORS.accessibility} (median of ${runs.length})`);
  });
}
writeFileSync(join(OUT, "lighthouse.json"), JSON.stringify(lighthouseScores, null, 2));

await browser.close();
await server.stop();
process.exit(t.finish() ? 0 : 1);
