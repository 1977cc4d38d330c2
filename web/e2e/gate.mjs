// End-to-end: gate operations (issue 8). An event with re-entry on and two approved tickets; two
// scanner pages open at once (gate A: entry, auto-admit, with the camera; gate B: exit,
// auto-admit, with a keyboard-wedge scanner) and the admin dashboard. Ticket 1 enters at A (read
// from the camera), leaves at B (typed by the wedge), re-enters at A (the camera again); a further
// read while it is inside is ALREADY INSIDE. Ticket 2 is admitted at A by a wedge scan. The
// dashboard's inside count and its charts follow without a reload. Then the Scans page and its
// CSV export. Run after run.mjs and delivery.mjs; its counts are merged into results.json.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ADMIN_PASSWORD, DESKTOP, PHONE, apiCall, launch, login, qrVideo, runner, shot, startServer, signInAt, wedge } from "./harness.mjs";

const t = runner({ suite: "gate" });
const server = await startServer();
const base = server.url;
const browsers = [];
try {
  const adminToken = await login(base, "admin", ADMIN_PASSWORD);
  const event = (await apiCall(base, "/api/events", { method: "POST", token: adminToken,
    body: { name: "Gate Night 2026", venue: "Arena", starts_at: "2026-12-01T18:00:00Z", serial_prefix: "GATE26", reentry: true } })).json;
  assert.equal(event.reentry, true, "the event is created with re-entry on");
  const tickets = [];
  for (const name of ["Rita Reentry", "Walt Wedge"]) {
    const reg = await apiCall(base, "/api/register", { method: "POST", body: { event_id: event.id, name, email: `${name.split(" ")[0].toLowerCase()}@example.com` } });
    tickets.push((await apiCall(base, `/api/admin/approve/${reg.json.id}`, { method: "POST", token: adminToken })).json.ticket);
  }
  for (const username of ["gate-a", "gate-b"])
    assert.equal((await apiCall(base, "/api/users", { method: "POST", token: adminToken,
      body: { username, password: `${username}-password`, role: "scanner", event_ids: [event.id] } })).status, 201);

  const signIn = signInAt(base);
  async function openGate(browser, username, gate, mode, auto = true) {
    const page = await browser.newPage(PHONE);
    await signIn(page, "/scan", username, `${username}-password`);
    await page.getByLabel("Gate name (optional)").fill(gate);
    await page.locator("label", { hasText: new RegExp(`^${mode}$`) }).click();
    await page.getByRole("checkbox", { name: /Auto-admit/ }).setChecked(auto);
    if (auto) await shot(page, "phone-scanner-gate-setup");
    await page.getByRole("button", { name: /Gate Night 2026/ }).click();
    await page.getByTestId("gate-mode").waitFor();
    return page;
  }
  const card = (page, result) => page.locator(`[data-testid="result-card"][data-result="${result}"]`);

  const dashboardBrowser = await launch();
  browsers.push(dashboardBrowser);
  const dash = await dashboardBrowser.newPage(DESKTOP);
  const inside = dash.getByTestId("live-inside");
  const arrivals = dash.getByTestId("chart-arrivals");
  /** The chart's canvas as an image, to see that it was drawn again. */
  const canvasImage = (testId) => dash.getByTestId(testId).locator("canvas").evaluate((c) => c.toDataURL());
  let arrivalsBefore = "";
  let insideChartBefore = "";

  await t.step("the dashboard opens the event's live stream: nobody inside, empty charts", async () => {
    await signIn(dash, `/admin?event=${event.id}`, "admin", ADMIN_PASSWORD);
    await dash.getByTestId("live-state").and(dash.locator('[data-state="open"]')).waitFor();
    assert.equal(await inside.textContent(), "0");
    await arrivals.locator("canvas").waitFor();
    assert.match(await arrivals.locator("table").textContent(), /None yet/);
    arrivalsBefore = await canvasImage("chart-arrivals");
    insideChartBefore = await canvasImage("chart-inside");
    await dash.evaluate(() => { window.__sameDocument = true; });  // gone if the page reloads
  });

  // Gate A's camera plays ticket 1's QR; gate B has no camera and a wedge scanner.
  const cameraBrowser = await launch({ camera: await qrVideo(tickets[0].qr_payload, "gate-a-qr") });
  browsers.push(cameraBrowser);
  const wedgeBrowser = await launch({ denyCamera: true });
  browsers.push(wedgeBrowser);
  let gateA, gateB;
  const requests = [];

  await t.step("gate A (entry, auto-admit) admits ticket 1 from the camera; the QR reader's .wasm comes from us", async () => {
    gateB = await openGate(wedgeBrowser, "gate-b", "B", "Exit");
    // The event's re-entry rule arrives with the event (or its pack) a moment after the bar shows.
    await gateB.getByTestId("gate-mode").filter({ hasText: /EXIT · Gate B.*auto-admit.*re-entry on/ }).waitFor();
    const page = await cameraBrowser.newPage(PHONE);
    page.on("request", (r) => requests.push(r.url()));
    const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm"));
    await signIn(page, "/scan", "gate-a", "gate-a-password");
    await page.getByLabel("Gate name (optional)").fill("A");
    await page.locator("label", { hasText: /^Entry$/ }).click();
    await page.getByRole("checkbox", { name: /Auto-admit/ }).check();
    await page.getByRole("button", { name: /Gate Night 2026/ }).click();
    gateA = page;
    await card(gateA, "admitted").waitFor({ timeout: 15_000 });
    assert.equal(await gateA.getByTestId("holder-name").textContent(), "Rita Reentry");
    assert.equal(await gateA.getByRole("button", { name: "Admit 1 person" }).count(), 0, "auto-admit: no Continue tap");
    assert.equal(await gateA.getByTestId("reentry").count(), 0);
    await shot(gateA, "phone-scanner-auto-admitted");
    const w = await wasm;
    assert.ok(w.url().startsWith(`${base}/assets/`), `the .wasm is ours: ${w.url()}`);
    assert.equal(w.headers()["content-type"], "application/wasm");
    assert.equal(w.headers()["content-encoding"], "br");
    assert.ok(requests.every((u) => u.startsWith(base) || u.startsWith("data:") || u.startsWith("blob:")), "nothing from another origin");
  });

  await t.step("the dashboard shows 1 inside at once; gate B (exit) lets ticket 1 out with a wedge scan: 0 inside", async () => {
    // Quick, before gate A's camera may read ticket 1 again (auto-admit waits 5 s for the same code).
    await dash.waitForFunction(() => document.querySelector('[data-testid="live-inside"]')?.textContent === "1", null, { timeout: 5_000 });
    assert.equal(await dash.getByTestId("gate-inside-A").textContent(), "1");
    await wedge(gateB, tickets[0].qr_payload);
    await card(gateB, "exited").waitFor();
    assert.equal((await gateB.locator(".result-title").textContent()).trim(), "EXITED");
    assert.equal(await gateB.getByTestId("holder-name").textContent(), "Rita Reentry");
    await dash.waitForFunction(() => document.querySelector('[data-testid="live-inside"]')?.textContent === "0", null, { timeout: 5_000 });
    await shot(gateB, "phone-scanner-exited");
    console.log(`  per gate after the exit: ${(await dash.getByTestId("live-panel").locator("tbody").first().textContent()).replace(/\s+/g, " ")}`);
  });

  await t.step("back at gate A, the camera reads ticket 1 again: RE-ENTRY; the dashboard's count and charts follow without a reload", async () => {
    await gateA.locator('[data-testid="reentry"]').waitFor({ timeout: 20_000 });
    assert.equal(await card(gateA, "admitted").count(), 1);
    await shot(gateA, "phone-scanner-reentry");
    await dash.waitForFunction(() => document.querySelector('[data-testid="live-inside"]')?.textContent === "1", null, { timeout: 5_000 });
    await dash.getByTestId("last-scans").getByText(tickets[0].serial).first().waitFor();
    // The charts are fetched again when the stream says the counts moved (at most every 2 s).
    await dash.waitForFunction(() => !/None yet/.test(document.querySelector('[data-testid="chart-arrivals"] table')?.textContent ?? "None yet"),
      null, { timeout: 10_000 });
    assert.match(await arrivals.locator("table").textContent(), /Gate A/);
    assert.notEqual(await canvasImage("chart-arrivals"), arrivalsBefore, "the arrivals chart was drawn again");
    assert.equal(await dash.evaluate(() => window.__sameDocument), true, "no reload");
  });

  await t.step("a further read of ticket 1 at gate A while it is inside is ALREADY INSIDE", async () => {
    await card(gateA, "already_inside").waitFor({ timeout: 20_000 });
    assert.equal((await gateA.locator(".result-title").textContent()).trim(), "ALREADY INSIDE");
    assert.equal(await gateA.getByTestId("result-card").getAttribute("data-tone"), "used");
    await shot(gateA, "phone-scanner-already-inside");
  });

  await t.step("a keyboard-wedge scan admits ticket 2 at gate A in auto-admit mode; the inside chart changed", async () => {
    await wedge(gateA, tickets[1].serial);
    await gateA.locator('[data-testid="result-card"][data-result="admitted"]', { hasText: "Walt Wedge" }).waitFor();
    await dash.waitForFunction(() => document.querySelector('[data-testid="live-inside"]')?.textContent === "2", null, { timeout: 5_000 });
    // The table under the chart: its last row is the newest interval's inside count.
    await dash.waitForFunction(() => [...document.querySelectorAll('[data-testid="chart-inside"] tbody tr')].at(-1)?.lastElementChild?.textContent === "2",
      null, { timeout: 10_000 });
    assert.notEqual(await canvasImage("chart-inside"), insideChartBefore, "the inside-over-time chart was drawn again");
    await dash.waitForFunction(() => /already inside/.test(document.querySelector('[data-testid="chart-refused"] table')?.textContent ?? ""), null, { timeout: 10_000 });
    assert.equal(await dash.evaluate(() => window.__sameDocument), true, "no reload");
    await shot(dash, "desktop-admin-live-dashboard");
  });

  await t.step("confirm mode (verify, then Admit / Let out): LEAVING -> EXITED at an exit, RE-ENTRY -> ADMITTED at an entry", async () => {
    const exit = await openGate(wedgeBrowser, "gate-b", "C", "Exit", false);
    assert.match(await exit.getByTestId("gate-mode").textContent(), /EXIT · Gate C.*confirm each/);
    await wedge(exit, tickets[1].serial);
    await exit.locator('[data-testid="result-card"]', { hasText: "LEAVING" }).waitFor();
    await exit.getByRole("button", { name: "Let 1 person out" }).click();
    await card(exit, "exited").waitFor();
    await exit.close();
    const entry = await openGate(wedgeBrowser, "gate-b", "C", "Entry", false);
    await wedge(entry, tickets[1].serial);
    await entry.locator('[data-testid="result-card"]', { hasText: "RE-ENTRY" }).waitFor();  // verify's admissible + reentry_allowed
    await entry.getByRole("button", { name: "Admit 1 person" }).click();
    await entry.locator('[data-testid="result-card"][data-result="admitted"] [data-testid="reentry"]').waitFor();
    // The card goes by itself; the same ticket again is ALREADY INSIDE before anyone taps anything.
    await entry.getByTestId("result-card").waitFor({ state: "detached" });
    await wedge(entry, tickets[1].serial);
    await entry.locator('[data-testid="result-card"]', { hasText: "ALREADY INSIDE" }).waitFor();
    assert.equal(await entry.getByRole("button", { name: "Admit 1 person" }).count(), 0);
    await entry.close();
  });

  await t.step("the Scans page lists the exit at gate B; its CSV export downloads with a BOM", async () => {
    await dash.getByRole("link", { name: "Scans", exact: true }).click();
    await dash.getByRole("heading", { name: "Scans", exact: true }).waitFor().catch(async (e) => {
      await shot(dash, "debug-scans-page");
      throw e;
    });
    await dash.getByLabel("Event").selectOption(String(event.id));
    await dash.getByLabel("Result").selectOption("exited");
    await dash.getByLabel("Gate").fill("B");  // gate C let ticket 2 out too
    await dash.waitForResponse((r) => r.url().includes("/api/scans?") && r.url().includes("gate=B"));
    const rows = dash.locator('[data-testid^="scan-"]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().textContent(), new RegExp(`${tickets[0].serial}.*exit.*B`));
    await shot(dash, "desktop-admin-scans");
    const [download] = await Promise.all([dash.waitForEvent("download"), dash.getByRole("button", { name: "Export CSV" }).click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = readFileSync(await download.path());
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
    const lines = csv.toString("utf8").slice(1).trim().split(/\r?\n/);
    assert.equal(lines.length, 2, `header and the one exit: ${lines.join(" | ")}`);
    assert.match(lines[1], new RegExp(tickets[0].serial));
  });

  await t.step("the API agrees: ticket 1 came in at A, left at B, came back at A, was refused inside (oldest first)", async () => {
    const scans = await apiCall(base, `/api/tickets/${tickets[0].serial}/scans`, { token: adminToken });
    assert.equal(scans.status, 200);
    const seen = scans.json.items.map((s) => `${s.type}:${s.result}:${s.gate}`);
    let at = 0;
    for (const want of ["entry:admitted:A", "exit:exited:B", "entry:admitted:A", "entry:already_inside:A"]) {
      at = seen.indexOf(want, at);
      assert.ok(at >= 0, `${want} in order in ${seen.join(", ")}`);
      at++;
    }
    assert.ok(scans.json.items.every((s) => /^web-[0-9a-f]{16}$/.test(s.device_id)), "each scan names its device");
  });
} finally {
  for (const b of browsers) await b.close().catch(() => undefined);
  await server.stop();
}
process.exit(t.finish() ? 0 : 1);
