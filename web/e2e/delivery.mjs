// End-to-end: ticket delivery by mail (issue 10), against a real SMTP server (Debian's aiosmtpd
// writing a Maildir). A person registers on a phone -> an admin approves -> the ticket mail
// arrives -> its /t/<token> link opens the holder's ticket page (no account) -> the QR drawn there
// is decoded (zxing-wasm, the scanner's decoder) and played to the scanner's camera -> ADMITTED. Then the admin's Mail page, and
// "Revoke links" in the ticket dialog makes the mailed link say it is no longer valid.
// One server, one browser; the SMTP sink and the server are stopped however the run ends.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { ADMIN_PASSWORD, DESKTOP, PHONE, apiCall, launch, login, qrVideo, runner, shot, shotBoth, startServerWithMail } from "./harness.mjs";

const started = Date.now();
const NAME = "Mia Mailed";
const EMAIL = "mia@example.com";

const t = runner({ suite: "delivery" });
let server = null;
let browser = null;

try {
  // The SMTP sink (harness.mjs) is stopped with the server, and on exit however the run ends.
  server = await startServerWithMail();
  const mails = () => server.mail.mails();
  const base = server.url;
  const adminToken = await login(base, "admin", ADMIN_PASSWORD);
  // The QR video the scanner's fake camera plays: a placeholder now, the real code once the page shows it
  // (Chromium opens the file when the scanner asks for the camera).
  const camera = await qrVideo("placeholder", "delivery-qr");
  browser = await launch({ camera });

  const eventId = (await apiCall(base, "/api/events", { method: "POST", token: adminToken,
    body: { name: "MailFest 2026", venue: "Dock 4", starts_at: "2026-12-05T18:00:00Z", serial_prefix: "MAIL26" } })).json.id;
  assert.ok(eventId);
  assert.equal((await apiCall(base, "/api/users", { method: "POST", token: adminToken,
    body: { username: "gate-mail", password: "gate-mail-password", role: "scanner", event_ids: [eventId] } })).status, 201);

  async function signIn(page, path, username, password) {
    await page.goto(`${base}${path}`);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  let link = "";
  let token = "";
  let payload = "";
  let serial = "";

  await t.step("a person registers on a phone; the admin approves; the ticket mail arrives with QR, PDF and link", async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`${base}/`);
    await page.getByLabel("Full name").fill(NAME);
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByRole("button", { name: "Register" }).click();
    await page.getByText("pending approval").waitFor();
    await page.close();
    const pending = await apiCall(base, `/api/admin/registrations?status=pending&event_id=${eventId}`, { token: adminToken });
    const reg = pending.json.items.find((r) => r.email === EMAIL);
    assert.ok(reg, "the registration is pending");
    const approved = await apiCall(base, `/api/admin/approve/${reg.id}`, { method: "POST", token: adminToken });
    assert.equal(approved.status, 200);
    serial = approved.json.ticket.serial;
    const mail = await server.mail.waitForMail("the ticket mail in the Maildir", (m) => m.subject.startsWith("Your ticket for MailFest 2026"));
    assert.match(mail.to, /mia@example\.com/);
    assert.ok(mail.subject.includes(serial), `the subject names ${serial}`);
    assert.ok(mail.parts.includes("application/pdf"), "the PDF is attached");
    assert.ok(mail.parts.includes("image/png"), "the QR is inline");
    const m = /(https?:\/\/\S+\/t\/([A-Za-z0-9_-]+))/.exec(mail.text);
    assert.ok(m, "the plain-text part carries the ticket link");
    [, link, token] = m;
    assert.ok(link.startsWith(`${base}/t/`), `the link ${link} points at GATEPASS_PUBLIC_URL`);
    // The registration-received mail went out before it.
    assert.ok(mails().some((x) => x.to.includes(EMAIL) && !x.subject.startsWith("Your ticket")), "the received mail was sent too");
  });

  await t.step("the mailed link opens the ticket page (no login) with the QR; full screen; the PDF downloads", async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(link);
    const card = page.getByTestId("linked-ticket");
    await card.getByRole("img", { name: "Ticket QR code" }).waitFor();
    assert.equal(await card.getByTestId("ticket-serial").textContent(), serial);
    assert.equal(await card.getByTestId("holder-name").textContent(), NAME);
    await card.getByRole("heading", { name: "MailFest 2026" }).waitFor();
    await page.getByText(/Add to Home Screen/).waitFor();
    await shotBoth(page, "ticket-link");
    // Decode the QR exactly as the page drew it (pixels of the <img>), not from the API.
    const pixels = await card.getByRole("img", { name: "Ticket QR code" }).evaluate((img) => {
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext("2d");
      ctx.drawImage(img, 0, 0);
      return { width: canvas.width, height: canvas.height, data: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
    });
    // The scanner's own decoder (zxing-wasm), its .wasm read from node_modules (no network here).
    prepareZXingModule({ overrides: { wasmBinary: readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm")).buffer } });
    const [code] = await readBarcodes({ data: Uint8ClampedArray.from(pixels.data), width: pixels.width, height: pixels.height, colorSpace: "srgb" },
      { formats: ["QRCode"] });
    assert.ok(code?.isValid, "the QR on the page decodes");
    payload = code.text;
    const api = await apiCall(base, `/api/ticket-links/${token}`);
    assert.equal(payload, api.json.qr_payload, "the page's QR is the ticket's signed payload");
    assert.match(payload, /^GP1:/);
    await page.getByRole("button", { name: "Full screen" }).click();
    const gate = page.getByRole("dialog", { name: "Ticket for the gate" });
    await gate.getByRole("img", { name: "Ticket QR code" }).waitFor();
    await shot(page, "phone-ticket-link-fullscreen");
    await gate.getByRole("button", { name: "Close" }).click();
    const pdf = await fetch(base + api.json.ticket_pdf_url);
    assert.equal(pdf.status, 200);
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), "%PDF-");
    await page.close();
  });

  await t.step("that QR, played to the scanner's camera, is ADMITTED; the ticket page then says checked in", async () => {
    await qrVideo(payload, "delivery-qr");  // the same file the browser's fake camera plays
    const page = await browser.newPage(PHONE);
    await signIn(page, "/scan", "gate-mail", "gate-mail-password");
    await page.getByRole("button", { name: /MailFest 2026/ }).click();
    await page.getByTestId("result-card").and(page.locator('[data-tone="valid"]')).waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId("holder-name").textContent(), NAME);
    await page.getByRole("button", { name: "Admit 1 person" }).click();
    await page.locator('[data-tone="admitted"]').waitFor();
    await shot(page, "phone-delivery-scanner-admitted");
    await page.close();
    const holder = await browser.newPage(PHONE);
    await holder.goto(link);
    assert.match(await holder.getByTestId("ticket-state").textContent(), /^Checked in/);
    await holder.close();
  });

  await t.step("the admin's Mail page lists both messages as sent; Revoke links kills the mailed link", async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page, "/admin", "admin", ADMIN_PASSWORD);
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    assert.equal(await page.getByTestId("mail-warning").count(), 0, "no warning: SMTP is configured");
    await page.getByRole("link", { name: "Mail" }).click();
    const row = page.getByRole("row", { name: /Ticket issued.*mia@example\.com.*sent/ });
    await row.waitFor();
    await page.getByRole("row", { name: /Registration received.*mia@example\.com.*sent/ }).waitFor();
    assert.equal(await page.getByTestId("mail-not-sending").count(), 0);
    await page.getByTestId("count-sent").filter({ hasText: /^2/ }).waitFor();  // the counts refresh with the list
    await shotBoth(page, "admin-mail");
    await page.getByRole("link", { name: "Registrations" }).click();
    // The Mail page has a "Status" filter too: wait for the Registrations page before choosing.
    await page.getByRole("heading", { name: "Registrations" }).waitFor();
    await page.getByLabel("Status").selectOption("");
    await page.getByRole("row", { name: new RegExp(NAME) }).getByRole("button", { name: "Ticket" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Revoke links" }).click();
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await dialog.getByText(/links? revoked: (it|they) no longer open/).waitFor();
    await shot(page, "desktop-admin-ticket-links-revoked");
    await page.close();
    const holder = await browser.newPage(PHONE);
    await holder.goto(link);
    await holder.getByText("This link is no longer valid: the ticket was transferred or the link revoked").waitFor();
    await shot(holder, "phone-ticket-link-revoked");
    await holder.close();
    assert.equal((await apiCall(base, `/api/ticket-links/${token}`)).status, 404);
  });
} catch (err) {
  // A failure outside a step (the SMTP sink or the server did not start): count it, then clean up.
  await t.step("delivery e2e setup", () => { throw err; });
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
}
console.log(`  delivery e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(t.finish() ? 0 : 1);
