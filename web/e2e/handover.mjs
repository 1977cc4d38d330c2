// End-to-end: issue 21, items 1 and 2, done as the organiser and the box-office clerk did it, in
// Chromium at 1280x800 and 390x844, on a fresh install WITHOUT mail. The organiser finds a set-up
// checklist on the empty dashboard; the clerk sells 3 tickets and hands them over (Print all 3:
// each printed ticket names event, date, venue, holder, type and carries a QR that decodes to the
// ticket; Show QR full screen; Download PDF; Email again), finds the sale again on the Sales screen,
// hands a ticket over from Tickets -> Details (a fresh link, revoke links), edits a ticket type (the
// server's field error shown at the field). A person registering is told where the ticket goes;
// with mail off the Mail page says so plainly and each waiting ticket message has Preview, Download
// PDF and Copy ticket link, and that link opens the ticket. axe-core checks every state shot.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { ADMIN_PASSWORD, DESKTOP, PHONE, apiCall, assertNoSidewaysScroll, freePort, launch, login, publishShot, runner, shot,
  shotBoth, signInAt, startServer, until } from "./harness.mjs";

const t = runner({ suite: "handover" });
const port = await freePort();
// The links the server makes name the address people open: here, this test server.
const server = await startServer({ port, env: { GATEPASS_PUBLIC_URL: `http://127.0.0.1:${port}`, SMTP_URL: "" } });
const base = server.url;
const signIn = signInAt(base);
const browser = await launch();
prepareZXingModule({ overrides: { wasmBinary: readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm")).buffer } });

/** The text of the QR an <img> shows, decoded from its pixels with the scanner's own decoder. */
async function decodeImg(img) {
  const px = await img.evaluate((el) => {
    const canvas = document.createElement("canvas");
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(el, 0, 0);
    return { width: canvas.width, height: canvas.height, data: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
  });
  const [code] = await readBarcodes({ data: Uint8ClampedArray.from(px.data), width: px.width, height: px.height, colorSpace: "srgb" },
    { formats: ["QRCode"] });
  return code?.isValid ? code.text : null;
}

/** A page whose window.print() is counted instead of opening the dialog (headless has none to see). */
async function adminPage(viewport, path) {
  const page = await browser.newPage(viewport);
  await page.addInitScript(() => {
    window.__prints = 0;
    window.print = () => { window.__prints += 1; };
  });
  await signIn(page, path, "admin", ADMIN_PASSWORD);
  return page;
}

try {
  const adminToken = await login(base, "admin", ADMIN_PASSWORD);
  const api = (path, options = {}) => apiCall(base, path, { token: adminToken, ...options });
  const s = {};

  await t.step("organiser: the empty dashboard shows a set-up checklist, ticked from the real state", async () => {
    const page = await adminPage(DESKTOP, "/admin");
    const list = page.getByTestId("setup-checklist");
    await list.getByText("0 of 4 done").waitFor();
    for (const [key, link] of [["event", "/admin/events"], ["ticket-types", "/admin/box-office"], ["staff", "/admin/users"], ["mail", "/admin/mail"]]) {
      assert.equal(await page.getByTestId(`setup-${key}`).getAttribute("data-done"), "false", key);
      assert.equal(await page.getByTestId(`setup-${key}`).getByRole("link").getAttribute("href"), link, key);
    }
    await assertNoSidewaysScroll(page, "desktop dashboard checklist");
    await shotBoth(page, "admin-setup-checklist");
    for (const size of ["desktop", "phone"]) publishShot(`${size}-admin-setup-checklist`);

    // The organiser sets up an event, a ticket type and a steward; mail stays off.
    s.event = (await api("/api/events", { method: "POST", body: { name: "Harbour Concert", venue: "Pier 4", starts_at: "2027-08-01T19:00:00Z",
      serial_prefix: "HC27", requires_approval: true } })).json;
    s.type = (await api(`/api/events/${s.event.id}/ticket-types`, { method: "POST", body: { name: "Standing", price: "30.00", quota: 50 } })).json;
    const job = (await api(`/api/events/${s.event.id}/tickets/generate`, { method: "POST", body: { count: 10, ticket_type_id: s.type.id } })).json;
    await until("generation", async () => (await api(`/api/jobs/${job.id}`)).json.status === "done");
    assert.equal((await api("/api/users", { method: "POST", body: { username: "steward1", password: "steward1-password", role: "scanner",
      event_ids: [s.event.id] } })).status, 201);
    await page.reload();
    await page.getByTestId("setup-checklist").getByText("3 of 4 done").waitFor();
    assert.equal(await page.getByTestId("setup-mail").getAttribute("data-done"), "false", "mail is still off");
    await page.close();
  });

  await t.step("clerk: sells 3 tickets and prints all 3 (event, date, venue, holder, type, a QR that decodes to each ticket)", async () => {
    const page = await adminPage(DESKTOP, `/admin/box-office?event=${s.event.id}`);
    const sell = page.getByRole("form", { name: "Sell tickets" });
    await sell.getByLabel("Buyer name").fill("Bea Buyer");
    await sell.getByLabel("Buyer email").fill("bea@example.org");
    await sell.getByLabel("Quantity").fill("3");
    await sell.getByRole("button", { name: "Sell" }).click();
    await sell.getByTestId("sale-result").waitFor();
    s.serials = (await sell.getByTestId("sold-serial").allTextContents()).map((x) => x.trim());
    assert.equal(s.serials.length, 3);
    const sale = (await api(`/api/events/${s.event.id}/sales`)).json.items[0];
    s.saleId = sale.id;
    const tickets = (await api(`/api/events/${s.event.id}/tickets?sale_id=${sale.id}`)).json.items;
    assert.deepEqual(tickets.map((x) => x.serial).sort(), [...s.serials].sort(), "the sale's tickets, by sale");
    // Each ticket's signed code, as its holder's page has it (staff views carry none).
    s.payloads = {};
    for (const serial of s.serials) {
      const link = (await api(`/api/tickets/${serial}/links`, { method: "POST" })).json;
      s.payloads[serial] = (await apiCall(base, `/api/ticket-links/${link.path.slice(3)}`)).json.qr_payload;
    }
    await shot(page, "desktop-box-office-sold");
    publishShot("desktop-box-office-sold");

    await sell.getByRole("button", { name: "Print all 3" }).click();
    const view = page.getByRole("dialog", { name: "Print 3 tickets" });
    await view.waitFor();
    const printed = view.getByTestId("printed-ticket");
    await until("three QR codes drawn", async () => (await view.getByRole("img").count()) === 3);
    for (let i = 0; i < 3; i++) {
      const card = printed.nth(i);
      const serial = (await card.getByTestId("printed-serial").textContent()).trim();
      assert.equal(serial, s.serials[i]);
      assert.equal(await card.getByTestId("printed-event").textContent(), "Harbour Concert");
      assert.match(await card.getByTestId("printed-date").textContent(), /2027/);
      assert.equal(await card.getByTestId("printed-venue").textContent(), "Pier 4");
      assert.equal(await card.getByTestId("printed-holder").textContent(), "Bea Buyer");
      assert.equal(await card.getByTestId("printed-type").textContent(), "Standing");
      assert.equal(await decodeImg(card.getByRole("img", { name: `QR code of ticket ${serial}` })), s.payloads[serial], `${serial}'s QR is its code`);
    }
    await until("the print dialog opened", () => page.evaluate(() => window.__prints === 1));
    await shot(page, "desktop-box-office-print-all");
    publishShot("desktop-box-office-print-all");
    // On paper only the tickets are printed (not the admin around them), one a page.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("header").first().evaluate((el) => getComputedStyle(el).visibility), "hidden");
    assert.equal(await printed.first().evaluate((el) => getComputedStyle(el).breakAfter), "page");
    await page.emulateMedia({ media: "screen" });
    await view.getByRole("button", { name: "Close" }).click();
    await view.waitFor({ state: "detached" });

    // Show QR: the code alone and large, for the buyer's phone camera; Escape closes it.
    const first = page.getByTestId(`handover-${s.serials[0]}`);
    await first.getByRole("button", { name: "Show QR" }).click();
    const overlay = page.getByRole("dialog", { name: `QR code of ticket ${s.serials[0]}` });
    const big = overlay.getByRole("img");
    await big.waitFor();
    assert.ok((await big.boundingBox()).width >= 600, "the QR fills most of a laptop screen");
    assert.equal(await decodeImg(big), s.payloads[s.serials[0]]);
    await shot(page, "desktop-box-office-show-qr");
    await page.keyboard.press("Escape");
    await overlay.waitFor({ state: "detached" });

    const [download] = await Promise.all([page.waitForEvent("download"), first.getByRole("button", { name: "Download PDF" }).click()]);
    assert.equal(readFileSync(await download.path()).subarray(0, 5).toString(), "%PDF-");
    assert.equal(download.suggestedFilename(), `${s.serials[0]}.pdf`);

    const queuedBefore = (await api("/api/admin/outbox/summary")).json.queued;
    await first.getByRole("button", { name: "Email again" }).click();
    await first.getByRole("status").getByText(/Queued to be mailed to bea@example.org again/).waitFor();
    assert.equal((await api("/api/admin/outbox/summary")).json.queued, queuedBefore + 1);
    await page.close();
  });

  await t.step("the Sales screen lists the sale (buyer, count, total, time, clerk) and hands its tickets over, at both sizes", async () => {
    for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      const page = await adminPage(viewport, `/admin/sales?event=${s.event.id}`);
      const card = page.getByTestId(`sale-${s.saleId}`);
      await card.waitFor();
      const text = await card.textContent();
      for (const part of ["Bea Buyer", "bea@example.org", "3 tickets", "€90.00", "by admin"]) assert.ok(text.includes(part), `${part} in ${text}`);
      await card.getByRole("button", { name: `Tickets of sale ${s.saleId}` }).click();
      await card.getByRole("button", { name: "Print all 3" }).waitFor();
      assert.equal(await card.locator('[data-testid^="handover-"]').count(), 3);
      await assertNoSidewaysScroll(page, `${size} sales`);
      await shot(page, `${size}-admin-sales`);
      publishShot(`${size}-admin-sales`);
      await page.close();
    }
  });

  await t.step("Tickets -> Details: a sold ticket is handed over (fresh link, revoke links); an unsold one offers none of it", async () => {
    const page = await adminPage(DESKTOP, `/admin/tickets?event=${s.event.id}`);
    await page.getByLabel("Search tickets").fill(s.serials[1]);
    await page.getByTestId(`ticket-${s.serials[1]}`).getByRole("button", { name: "Details" }).click();
    const dialog = page.getByRole("dialog", { name: `Ticket ${s.serials[1]}` });
    const actions = dialog.getByTestId(`handover-${s.serials[1]}`);
    for (const name of ["Print ticket", "Download PDF", "Show QR", "Email again", "Copy ticket link"]) await actions.getByRole("button", { name }).waitFor();
    await actions.getByRole("button", { name: "Copy ticket link" }).click();
    const link = (await actions.getByRole("status").textContent()).match(/http:\/\/\S+\/t\/\S+/)?.[0];
    assert.ok(link, "the fresh link is named");
    assert.equal((await apiCall(base, `/api/ticket-links/${link.split("/t/")[1]}`)).json.serial, s.serials[1]);
    await shot(page, "desktop-admin-ticket-handover");
    publishShot("desktop-admin-ticket-handover");
    await dialog.getByRole("button", { name: "Revoke links" }).click();
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await dialog.getByText(/links? revoked/).waitFor();
    assert.equal((await apiCall(base, `/api/ticket-links/${link.split("/t/")[1]}`)).status, 404, "revoked");
    await dialog.getByRole("button", { name: "Close", exact: true }).click();

    const unsold = (await api(`/api/events/${s.event.id}/tickets?status=created&limit=1`)).json.items[0].serial;
    await page.getByLabel("Search tickets").fill(unsold);
    await page.getByTestId(`ticket-${unsold}`).getByRole("button", { name: "Details" }).click();
    const other = page.getByRole("dialog", { name: `Ticket ${unsold}` });
    await other.getByRole("button", { name: "Sell" }).waitFor();
    assert.equal(await other.getByRole("button", { name: "Print ticket" }).count(), 0);
    await page.close();
  });

  await t.step("organiser: edits a ticket type; the server's field error shows at the field", async () => {
    const page = await adminPage(PHONE, `/admin/box-office?event=${s.event.id}`);
    await page.getByRole("button", { name: "Edit ticket type Standing" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit ticket type Standing" });
    await dialog.getByLabel("Price (EUR)").fill("30.999");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.locator("#edit_price-error").getByText(/at most 2 decimals/).waitFor();
    await shot(page, "phone-admin-edit-ticket-type");
    publishShot("phone-admin-edit-ticket-type");
    await dialog.getByLabel("Price (EUR)").fill("32.50");
    await dialog.getByLabel("Type name").fill("Standing (late)");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByTestId(`ticket-type-${s.type.id}`).getByText("€32.50").waitFor();
    assert.equal((await api(`/api/events/${s.event.id}/ticket-types`)).json.items[0].name, "Standing (late)");
    await assertNoSidewaysScroll(page, "phone box office");
    await page.close();
  });

  await t.step("with mail off: the thank-you page says where the ticket goes; Mail previews it, gives its PDF and a link that opens it", async () => {
    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${base}/register`);
    await visitor.getByLabel("Full name").fill("Alice Attendee");
    await visitor.getByLabel("Email").fill("alice@example.org");
    await visitor.getByRole("button", { name: "Register" }).click();
    await visitor.getByTestId("ticket-arrival").getByText("Once approved, we'll email it to a…@example.org; check /my with this email.").waitFor();
    await shot(visitor, "phone-register-thank-you");
    publishShot("phone-register-thank-you");
    await visitor.close();

    for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      const page = await adminPage(viewport, "/admin/mail");
      await page.getByTestId("mail-not-sending").getByText("Outgoing mail is not set up: see docs/operations.md").waitFor();
      const message = page.locator('[data-testid^="message-"]', { hasText: "Ticket sold" }).first();
      await message.getByRole("button", { name: /^Preview/ }).click();
      const preview = page.getByRole("dialog", { name: /to bea@example.org/ });
      assert.match(await preview.getByTestId("preview-subject").textContent(), /Your ticket for Harbour Concert: HC27-/);
      const body = await preview.getByTestId("preview-text").textContent();
      assert.ok(body.includes("[link not shown in the preview]") && !body.includes("/t/"), body);
      await shot(page, `${size}-admin-mail-preview`);
      await preview.getByRole("button", { name: "Close" }).click();
      await assertNoSidewaysScroll(page, `${size} mail`);
      await page.evaluate(() => window.scrollTo(0, 0));  // the banner in the picture
      await shot(page, `${size}-admin-mail-off`);
      publishShot(`${size}-admin-mail-off`);
      if (size === "desktop") {
        const [download] = await Promise.all([page.waitForEvent("download"), message.getByRole("button", { name: /^Download PDF/ }).click()]);
        assert.equal(readFileSync(await download.path()).subarray(0, 5).toString(), "%PDF-");
        await message.getByRole("button", { name: /^Copy ticket link/ }).click();
        const link = (await message.getByTestId("outbox-notice").textContent()).match(/http:\/\/\S+\/t\/\S+/)?.[0];
        assert.ok(link);
        // The buyer opens it: their ticket, with its QR.
        const buyer = await browser.newPage(PHONE);
        await buyer.goto(link);
        const serial = (await buyer.getByTestId("ticket-serial").textContent()).trim();
        assert.ok(s.serials.includes(serial), serial);
        await buyer.close();
      }
      await page.close();
    }
  });
} finally {
  await browser.close();
  await server.stop();
}
process.exit(t.finish() ? 0 : 1);
