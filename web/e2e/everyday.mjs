// End-to-end: the everyday issue (items 5-8 and 10), done as the people who got stuck did it, in
// Chromium at 1280x800 and 390x844 on a fresh install. A first-time organiser goes through every
// admin page on a laptop and a phone (nothing scrolls sideways, the row actions are in reach, the
// phone menu folds away), changes a steward's role and deactivates an account (confirmed, naming
// the person; nobody demotes themselves or the last admin), half-fills the New event form and
// clicks beside it (kept); a gate steward types serials as people do (`2`, `hl2027 3`, a name):
// VALID is a white "Not admitted yet" card, ADMITTED green with a large check, a typed miss amber
// NO SUCH SERIAL, offline too, and the dashboard counts typed misses apart from refusals. axe-core
// checks every state (harness a11y(), also through shot()). Its counts are merged into results.json.
import assert from "node:assert/strict";
import { ADMIN_PASSWORD, DESKTOP, PHONE, a11y, apiCall, assertNoSidewaysScroll, launch, login, publishShot, runner, shot,
  signInAt, startServer } from "./harness.mjs";

const t = runner({ suite: "everyday" });
const server = await startServer();
const base = server.url;
const signIn = signInAt(base);
const browser = await launch();
try {
  const adminToken = await login(base, "admin", ADMIN_PASSWORD);
  const api = (path, options = {}) => apiCall(base, path, { token: adminToken, ...options });
  // A fresh install's first event, with a long name and a few of everything the lists show.
  const event = (await api("/api/events", { method: "POST",
    body: { name: "Harbour Lights Festival 2027 — Main Stage", venue: "Harbour Quay", starts_at: "2027-06-01T18:00:00Z", serial_prefix: "HL2027" } })).json;
  const tickets = [];
  for (const name of ["Anna Approved", "Bert Approved", "Cleo Approved"]) {
    const reg = await api("/api/register", { method: "POST", body: { event_id: event.id, name, email: `${name.split(" ")[0].toLowerCase()}@example.com` } });
    tickets.push((await api(`/api/admin/approve/${reg.json.id}`, { method: "POST" })).json.ticket);
  }
  for (const name of ["Dora Pending-With-A-Rather-Long-Double-Barrelled-Name", "Emil Pending"])
    await api("/api/register", { method: "POST", body: { event_id: event.id, name, email: `${name.split(" ")[0].toLowerCase()}@example.org`,
      team_name: "The Quite Extraordinarily Long Team Name Ltd." } });
  for (const [username, role] of [["steward1", "scanner"], ["watcher", "viewer"]])
    assert.equal((await api("/api/users", { method: "POST", body: { username, password: `${username}-password`, role,
      ...(role === "scanner" ? { event_ids: [event.id] } : {}) } })).status, 201);
  const steward = await login(base, "steward1", "steward1-password");
  // Some scans for the Scans page and the audit log: an admission at a gate, a refusal, a typed miss.
  await apiCall(base, `/api/mark-used/${encodeURIComponent(tickets[0].qr_payload)}`, { method: "POST", token: steward,
    body: { event_id: event.id, gate: "North Quay Pedestrian Gate", device_id: "web-0123456789abcdef" } });
  await apiCall(base, `/api/mark-used/${encodeURIComponent(tickets[0].qr_payload)}`, { method: "POST", token: steward,
    body: { event_id: event.id, gate: "North Quay Pedestrian Gate", device_id: "web-0123456789abcdef" } });

  const ADMIN_PAGES = [
    ["/admin", "Dashboard", () => "live-panel"],
    ["/admin/registrations", "Registrations"],
    ["/admin/events", "Events"],
    ["/admin/box-office", "Box office"],
    ["/admin/tickets", "Tickets"],
    ["/admin/refunds", "Refunds"],
    ["/admin/transfers", "Transfers"],
    ["/admin/scans", "Scans"],
    ["/admin/conflicts", "Conflicts"],
    ["/admin/users", "Users"],
    ["/admin/devices", "Devices"],
    ["/admin/logs", "Audit log"],
    ["/admin/mail", "Mail"],
    ["/admin/security", "Two-factor sign-in"],
  ];

  await t.step("every admin page fits a 1280x800 laptop and a 390x844 phone: no sideways scroll, 0 axe violations", async () => {
    const failures = [];
    for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      const page = await browser.newPage(viewport);
      await signIn(page, "/admin", "admin", ADMIN_PASSWORD);
      await page.getByRole("heading", { name: "Dashboard" }).waitFor();
      for (const [path, heading] of ADMIN_PAGES) {
        await page.goto(`${base}${path}`);
        await page.locator("main h1").first().waitFor();
        // The lists load after the heading (the dashboard's live stream never goes idle: a short wait at most).
        await page.waitForLoadState("networkidle", { timeout: 2000 }).catch(() => undefined);
        for (const check of [() => assertNoSidewaysScroll(page, `${size} ${path}`), () => a11y(page, `${size} ${path} (${heading})`)]) {
          try {
            await check();
          } catch (e) {
            failures.push(e.message);
          }
        }
      }
      await page.close();
    }
    assert.deepEqual(failures, []);
  });

  await t.step("organiser on a laptop: Approve and Decline are in reach without scrolling; the phone menu folds away", async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page, "/admin/registrations", "admin", ADMIN_PASSWORD);
    const row = page.getByRole("row", { name: /Dora Pending/ });
    for (const name of ["Approve", "Decline"]) {
      const box = await row.getByRole("button", { name }).boundingBox();
      assert.ok(box && box.x + box.width <= 1280 && box.y + box.height <= 800, `${name} is on screen at 1280x800: ${JSON.stringify(box)}`);
    }
    await shot(page, "desktop-admin-registrations-laptop");
    publishShot("desktop-admin-registrations-laptop");
    await page.close();
    const phone = await browser.newPage(PHONE);
    await signIn(phone, "/admin", "admin", ADMIN_PASSWORD);
    await phone.getByRole("heading", { name: "Dashboard" }).waitFor();
    const menu = phone.getByTestId("menu-button");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    assert.equal(await phone.getByRole("link", { name: "Registrations" }).isVisible(), false, "the links are folded away");
    await shot(phone, "phone-admin-menu-closed");
    await menu.click();
    await phone.getByRole("link", { name: "Registrations" }).waitFor();
    await shot(phone, "phone-admin-menu-open");
    publishShot("phone-admin-menu-open");
    await phone.getByRole("link", { name: "Users" }).click();
    await phone.getByRole("heading", { name: "Users" }).waitFor();
    assert.equal(await menu.getAttribute("aria-expanded"), "false", "choosing a page folds the menu again");
    await assertNoSidewaysScroll(phone, "phone users after the menu");
    await shot(phone, "phone-admin-users-cards");
    publishShot("phone-admin-users-cards");
    await phone.close();
  });

  await t.step("role change and deactivation are confirmed naming the user; nobody demotes themselves or the last admin", async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page, "/admin/users", "admin", ADMIN_PASSWORD);
    // The only admin is the one signed in: both locks, said on the row.
    const own = page.getByTestId("user-admin");
    await own.waitFor();
    assert.equal(await own.getByLabel("Role of admin").isDisabled(), true);
    assert.equal(await own.getByRole("button", { name: "Deactivate" }).isDisabled(), true);
    assert.match(await own.textContent(), /cannot change your own role/);
    // A mis-click on the steward's role asks first; Cancel changes nothing.
    const row = page.getByTestId("user-steward1");
    await row.getByLabel("Role of steward1").selectOption("viewer");
    const dialog = page.getByRole("dialog", { name: "Change steward1's role to viewer?" });
    await dialog.waitFor();
    await shot(page, "desktop-admin-role-confirm");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    assert.equal(await row.getByLabel("Role of steward1").inputValue(), "scanner");
    const users = (await api("/api/users?limit=200")).json.items;
    assert.equal(users.find((u) => u.username === "steward1").role, "scanner", "nothing was sent");
    // Deactivating asks, naming the person and what it does; Escape closes without doing it.
    await row.getByRole("button", { name: "Deactivate" }).click();
    const deactivate = page.getByRole("dialog", { name: "Deactivate steward1?" });
    await deactivate.getByText(/steward1 can no longer sign in or scan tickets/).waitFor();
    await shot(page, "desktop-admin-deactivate-confirm");
    publishShot("desktop-admin-deactivate-confirm");
    await page.keyboard.press("Escape");
    await deactivate.waitFor({ state: "detached" });
    assert.equal(await row.getByText("active", { exact: true }).count(), 1);
    // Making a second admin unlocks nothing for yourself, and deactivating the watcher goes through once confirmed.
    await page.getByTestId("user-watcher").getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate watcher" }).click();
    await page.getByTestId("user-watcher").getByText("deactivated").waitFor();
    assert.equal((await apiCall(base, "/api/auth/login", { method: "POST", body: { username: "watcher", password: "watcher-password" } })).status, 401);
    await page.close();
  });

  await t.step("a half-filled New event form survives a click beside it; Escape asks, then closes", async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page, "/admin/events", "admin", ADMIN_PASSWORD);
    // A clean dialog closes on Escape at once.
    await page.getByRole("button", { name: "New event" }).click();
    await page.getByRole("dialog", { name: "New event" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "New event" }).click();
    const dialog = page.getByRole("dialog", { name: "New event" });
    await dialog.getByLabel("Name").fill("Harbour Lights Winter Market");
    await dialog.getByLabel("Venue").fill("Old Customs House");
    await page.mouse.click(5, 400);  // the backdrop, beside the form
    await dialog.getByTestId("discard-prompt").waitFor();
    assert.equal(await dialog.getByLabel("Name").inputValue(), "Harbour Lights Winter Market", "what was typed is still there");
    await shot(page, "desktop-admin-dialog-keeps-typing");
    publishShot("desktop-admin-dialog-keeps-typing");
    await dialog.getByRole("button", { name: "Keep editing" }).click();
    await dialog.getByTestId("discard-prompt").waitFor({ state: "detached" });
    await page.keyboard.press("Escape");
    await dialog.getByTestId("discard-prompt").waitFor();
    await dialog.getByRole("button", { name: "Discard" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.equal((await api("/api/events?limit=200")).json.items.some((e) => e.name === "Harbour Lights Winter Market"), false);
    await page.close();
  });

  const card = (page) => page.getByTestId("result-card");
  async function gatePage(viewport = PHONE) {
    const page = await browser.newPage(viewport);
    await signIn(page, "/scan", "steward1", "steward1-password");
    await page.getByRole("button", { name: /Harbour Lights Festival 2027/ }).click();
    await page.getByTestId("gate-mode").waitFor();
    return page;
  }
  async function type(page, text) {
    await page.getByLabel("Ticket serial").fill(text);
    await page.getByRole("button", { name: "Check" }).click();
  }

  await t.step("a steward types '2': a white 'Not admitted yet' card, 'Admit 1 person', then ADMITTED with a large check", async () => {
    const page = await gatePage();
    assert.match(await page.getByLabel("Ticket serial").getAttribute("placeholder"), /HL2027-000123/, "the event's own prefix in the hint");
    await shot(page, "phone-scanner-typed-serial-hint");
    await type(page, "2");
    await card(page).and(page.locator('[data-tone="valid"]')).waitFor();
    assert.equal(await page.getByTestId("holder-name").textContent(), "Bert Approved");
    assert.equal((await page.getByTestId("not-yet").textContent()).trim(), "Not admitted yet");
    const background = await card(page).evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(background, "rgb(255, 255, 255)", "VALID is white, not green");
    assert.equal(await page.getByRole("button", { name: "Cancel — not admitted" }).count(), 1);
    await shot(page, "phone-scanner-valid-not-admitted");
    publishShot("phone-scanner-valid-not-admitted");
    await page.getByRole("button", { name: "Admit 1 person" }).click();
    await card(page).and(page.locator('[data-tone="admitted"]')).waitFor();
    await page.getByTestId("admitted-mark").waitFor();
    const admitted = await card(page).evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(admitted, background);
    await shot(page, "phone-scanner-admitted-check");
    publishShot("phone-scanner-admitted-check");
    await page.close();
  });

  await t.step("typing mistakes: 'hl2027 3' is found; a name is amber NO SUCH SERIAL with 'Type again', counted apart from refusals", async () => {
    const page = await gatePage();
    await type(page, "hl2027 3");
    await card(page).and(page.locator('[data-tone="valid"]')).waitFor();
    assert.equal(await page.getByTestId("holder-name").textContent(), "Cleo Approved");
    await page.getByRole("button", { name: "Cancel — not admitted" }).click();
    await card(page).waitFor({ state: "detached" });
    await type(page, "Cleo Approved");
    await card(page).and(page.locator('[data-result="unknown_serial"]')).waitFor();
    assert.equal(await card(page).getAttribute("data-tone"), "used", "amber, not the red of a forgery");
    assert.equal((await page.locator(".result-title").textContent()).trim(), "NO SUCH SERIAL");
    await shot(page, "phone-scanner-no-such-serial");
    publishShot("phone-scanner-no-such-serial");
    await page.getByRole("button", { name: "Type again" }).click();
    assert.equal(await page.getByLabel("Ticket serial").inputValue(), "Cleo Approved", "what was typed comes back to correct");
    await type(page, "HL2027-000099");
    await card(page).and(page.locator('[data-result="unknown_serial"]')).waitFor();
    await page.close();
    // The dashboard: typed misses apart, refusals (the double admission before) as before.
    const report = (await api(`/api/events/${event.id}/attendance`)).json;
    assert.equal(report.typed_misses, 2);
    assert.deepEqual(report.refused.map((r) => r.result), ["already_used"]);
    const dash = await browser.newPage(DESKTOP);
    await signIn(dash, `/admin?event=${event.id}`, "admin", ADMIN_PASSWORD);
    await dash.getByTestId("typed-misses").and(dash.locator(":has-text('not found: 2')")).waitFor();
    await dash.getByTestId("chart-refused").scrollIntoViewIfNeeded();
    await shot(dash, "desktop-admin-typed-misses");
    publishShot("desktop-admin-typed-misses");
    await dash.close();
  });

  await t.step("offline, the phone reads typed serials the same way: '3' is checked by its number, a name is NO SUCH SERIAL", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, "/scan", "steward1", "steward1-password");
    await page.getByRole("button", { name: /Harbour Lights Festival 2027/ }).click();
    await page.locator('[data-testid="offline-status"]:not([data-cursor=""])').waitFor();
    await context.setOffline(true);
    await type(page, "Anna");
    await card(page).and(page.locator('[data-result="unknown_serial"]')).waitFor();
    assert.equal(await card(page).getAttribute("data-offline"), "true");
    assert.equal((await page.locator(".result-title").textContent()).trim(), "NO SUCH SERIAL (offline)");
    await shot(page, "phone-offline-no-such-serial");
    await page.getByRole("button", { name: "Type again" }).click();
    await type(page, "3");
    await card(page).and(page.locator('[data-tone="valid"]')).waitFor();
    assert.equal((await page.getByTestId("offline-serial").textContent()).trim(), "HL2027-000003");
    await context.close();
  });
} finally {
  await browser.close();
  await server.stop();
}
process.exit(t.finish() ? 0 : 1);
