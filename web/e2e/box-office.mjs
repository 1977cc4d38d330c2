// Box office end to end (issue 7), run by run.mjs on its server and browser:
// an admin adds a ticket type, generates 1,000 tickets (progress bar to the end), downloads the
// batch's CSV and PDF sheet and sells one -> the box office reads its claim code in the ticket's
// details -> a holder signs up, verifies the address from the mail and claims it with that claim code -> sends
// it to a second holder who accepts -> at the gate the OLD code is SUPERSEDED and the new one is
// VALID and admitted -> another sold ticket is refunded (holder asks, admin approves in the queue)
// and the gate says REFUNDED. Also: the tickets list and a ticket's history, transfers, bulk
// approval (selected rows, then everything matching a filter), the phone layout of the lists, and
// an attendee who opens /admin. Screenshots of every new screen, phone and desktop.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DESKTOP, PHONE, apiCall, daysFromNow, launch, linkIn, login, qrVideo, shot, shotBoth } from "./harness.mjs";

const HOLDER_PASSWORD = "holder-password-1";

/** The CSV export ("serial,payload" lines) as a map serial -> payload. */
function parseCsv(text) {
  const rows = new Map();
  for (const line of text.split(/\r?\n/)) {
    const [serial, payload] = line.split(",");
    if (serial && payload && serial !== "serial") rows.set(serial.trim(), payload.trim());
  }
  return rows;
}

/** The page has no horizontal scrolling, and `locator` lies inside the viewport. */
async function assertReachable(page, locator, what) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `${what}: the page scrolls sideways (${scrollWidth} > ${innerWidth})`);
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  assert.ok(box, `${what}: not rendered`);
  assert.ok(box.x >= 0 && box.x + box.width <= innerWidth, `${what}: off-screen at x=${box.x}, width ${box.width} (viewport ${innerWidth})`);
}

/** `mailbox`: the SMTP sink run.mjs's server sends to (harness.mjs startServerWithMail). That server
 *  runs with GATEPASS_CLAIM_COOLING_OFF_HOURS=0: the transfer below is about the new code and the
 *  old one's SUPERSEDED, not the cooling-off after a claim (accounts.mjs shows that and its lifting). */
// The event is in the future (60 days from now): holders may ask for refunds until it starts.
export async function boxOfficeSteps({ t, base, browser, adminToken, signIn, mailbox }) {
  const EVENT = "Summer Concert";
  const eventId = (await apiCall(base, "/api/events", { method: "POST", token: adminToken,
    body: { name: EVENT, venue: "Open Air Stage", starts_at: daysFromNow(60), serial_prefix: "SUM26", requires_approval: false } })).json.id;
  // Scanner users scan only the events they are assigned to (docs/devices.md §2): run.mjs's gate1
  // gets this event too (PATCH replaces the list, so its HackFest event is kept).
  const gate1 = (await apiCall(base, "/api/users?limit=200", { token: adminToken })).json.items.find((u) => u.username === "gate1");
  assert.ok(gate1, "run.mjs made the scanner gate1");
  const assigned = await apiCall(base, `/api/users/${gate1.id}`, { method: "PATCH", token: adminToken,
    body: { event_ids: [...(gate1.event_ids ?? []), eventId] } });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.json));
  assert.ok(assigned.json.event_ids.includes(eventId));
  const s = { typeId: 0, csv: new Map(), soldSerial: "", oldPayload: "", claimCode: "", newPayload: "", refundSerial: "", refundPayload: "" };

  async function scanWith(payload, name, viewport = PHONE, user = "gate1") {
    const scanner = await launch({ camera: await qrVideo(payload, name) });
    const page = await scanner.newPage(viewport);
    await signIn(page, "/scan", user, `${user}-password`);
    await page.getByRole("button", { name: new RegExp(EVENT) }).click();
    await page.getByTestId("result-card").waitFor({ timeout: 15000 });
    return { page, close: () => scanner.close() };
  }

  await t.step("box office: an admin adds a ticket type, generates 1,000 tickets (progress to the end), downloads CSV and PDF, sells one", async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page, "/admin", "admin", "e2e-admin-password");
    await page.getByRole("link", { name: "Box office" }).click();
    await page.getByLabel("Event").selectOption({ label: EVENT });
    await page.getByText("No ticket types yet").waitFor();
    const form = page.getByRole("form", { name: "New ticket type" });
    await form.getByLabel("Type name").fill("Standing");
    await form.getByLabel(/^Price/).fill("25.5");
    await form.getByLabel("Quota (optional)").fill("2000");
    await form.getByRole("button", { name: "Add ticket type" }).click();
    const card = page.locator('[data-testid^="ticket-type-"]', { hasText: "Standing" });
    await card.waitFor();
    assert.match(await card.textContent(), /€25\.50/);
    s.typeId = Number((await card.getAttribute("data-testid")).replace("ticket-type-", ""));

    const gen = page.getByRole("form", { name: "Generate tickets" });
    await gen.getByLabel("How many").fill("1000");
    await gen.getByRole("button", { name: "Generate" }).click();
    const bar = gen.getByRole("progressbar", { name: "Ticket generation" });
    await bar.waitFor();
    assert.equal(await bar.getAttribute("aria-valuemax"), "1000");
    await shot(page, "desktop-admin-generate-progress");
    await gen.getByText("Done: 1,000 / 1,000").waitFor({ timeout: 60000 });
    assert.equal(await bar.getAttribute("aria-valuenow"), "1000");
    await page.locator(`[data-testid="generated-${s.typeId}"]`, { hasText: "1,000" }).waitFor();  // the type's counts were reloaded

    const [csvDownload] = await Promise.all([page.waitForEvent("download"), gen.getByRole("button", { name: "Download CSV" }).click()]);
    s.csv = parseCsv(readFileSync(await csvDownload.path(), "utf8"));
    assert.equal(s.csv.size, 1000, "the CSV lists every generated ticket");
    const [pdfDownload] = await Promise.all([page.waitForEvent("download"), gen.getByRole("button", { name: "PDF sheet 1–500" }).click()]);
    assert.equal(readFileSync(await pdfDownload.path()).subarray(0, 5).toString(), "%PDF-");
    await shot(page, "desktop-admin-generate-done");

    const sell = page.getByRole("form", { name: "Sell tickets" });
    await sell.getByLabel("Buyer name").fill("Rita Buyer");
    await sell.getByLabel("Buyer email").fill("rita@example.com");
    await sell.getByLabel("Quantity").fill("1");
    await sell.getByRole("button", { name: "Sell" }).click();
    s.soldSerial = (await sell.getByTestId("sold-serial").textContent()).trim();
    assert.match(s.soldSerial, /^SUM26-\d+$/);
    s.oldPayload = s.csv.get(s.soldSerial);
    assert.ok(s.oldPayload, `the sold serial ${s.soldSerial} is in the batch's CSV`);
    await sell.getByTestId("sale-result").scrollIntoViewIfNeeded();
    await shotBoth(page, "admin-box-office");
    await page.close();
    // The CSV export through the API says the same (the code the buyer finds on the printed sheet).
    const viaApi = await apiCall(base, `/api/events/${eventId}/tickets?q=${s.soldSerial}`, { token: adminToken });
    assert.equal(viaApi.json.items[0].status, "valid");
  });

  await t.step("box office: generating past the quota is refused, selling more than is left is SOLD OUT", async () => {
    const vip = await apiCall(base, `/api/events/${eventId}/ticket-types`, { method: "POST", token: adminToken, body: { name: "VIP", price: "90.00", quota: 2 } });
    assert.equal(vip.status, 201);
    const page = await browser.newPage(PHONE);
    await signIn(page, `/admin/box-office?event=${eventId}`, "admin", "e2e-admin-password");
    const gen = page.getByRole("form", { name: "Generate tickets" });
    await gen.getByLabel("Ticket type").selectOption({ label: "VIP" });
    await gen.getByLabel("How many").fill("2");
    await gen.getByRole("button", { name: "Generate" }).click();
    await gen.getByText("Done: 2 / 2").waitFor();
    await gen.getByLabel("How many").fill("1");  // the quota is full now
    await gen.getByRole("button", { name: "Generate" }).click();
    await gen.getByText(/^Not generated: /).waitFor();
    const sell = page.getByRole("form", { name: "Sell tickets" });
    await sell.getByLabel("Ticket type to sell").selectOption({ label: "VIP (2 available)" });
    await sell.getByLabel("Buyer name").fill("Greedy Buyer");
    await sell.getByLabel("Buyer email").fill("greedy@example.com");
    await sell.getByLabel("Quantity").fill("3");
    await sell.getByRole("button", { name: "Sell" }).click();
    await sell.getByTestId("sold-out").waitFor();
    await sell.getByTestId("sold-out").scrollIntoViewIfNeeded();
    await shot(page, "phone-admin-sold-out");
    await page.close();
  });

  let holderPage;
  await t.step("the box office reads the sold ticket's claim code in its details and copies it for the buyer", async () => {
    const page = await browser.newPage(DESKTOP);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    await signIn(page, `/admin/tickets?event=${eventId}`, "admin", "e2e-admin-password");
    await page.getByLabel("Search tickets").fill(s.soldSerial);
    await page.getByTestId(`ticket-${s.soldSerial}`).getByRole("button", { name: "Details" }).click();
    const dialog = page.getByRole("dialog", { name: `Ticket ${s.soldSerial}` });
    const shown = (await dialog.getByTestId("claim-code").textContent()).trim();
    assert.match(shown, new RegExp(`^${s.soldSerial}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$`), "the claim code is the serial and 3 groups of 4");
    await dialog.getByRole("button", { name: "Copy the claim code" }).click();
    await dialog.getByText("Copied.").waitFor();
    s.claimCode = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(s.claimCode, shown, "Copy puts the claim code on the clipboard");
    await shot(page, "desktop-admin-claim-code");
    await page.close();
  });

  await t.step("a holder signs up on a phone, verifies the address from the mail, claims the ticket with its claim code, shows it at the gate", async () => {
    holderPage = await browser.newPage(PHONE);
    const page = holderPage;
    await page.goto(`${base}/my/signup`);
    await page.getByLabel("Full name").fill("Rita Holder");
    await page.getByLabel("Email").fill("rita.holder@example.com");
    await page.getByLabel("Username").fill("rita");
    await page.getByLabel("Password").fill(HOLDER_PASSWORD);
    await shot(page, "phone-holder-signup");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("heading", { name: "My tickets" }).waitFor();
    await page.getByRole("region", { name: "Verify your email address" }).getByText("Check your inbox").waitFor();
    // The verification mail, as the SMTP server received it; its link opens in the same tab.
    const mail = await mailbox.waitForMail("the verification mail to rita", (m) => m.to.includes("rita.holder@example.com") && /confirm your email/i.test(m.subject));
    await page.goto(linkIn(mail, `${base}/my/verify-email#token=`));
    await page.getByRole("heading", { name: "Email address verified" }).waitFor();
    await page.getByRole("link", { name: "Go to My tickets" }).click();
    await page.getByRole("heading", { name: "My tickets" }).waitFor();
    assert.equal(await page.getByRole("region", { name: "Verify your email address" }).count(), 0, "no verify banner once verified");
    // The QR text (the gate's code) is not a claim code: the form says so and sends nothing.
    await page.getByLabel("Claim code").fill(s.oldPayload);
    await page.getByRole("button", { name: "Claim" }).click();
    await page.getByText("Type the claim code printed beside the QR").waitFor();
    await page.getByLabel("Claim code").fill(s.claimCode.toLowerCase());  // read out at the desk: case does not matter
    await page.getByRole("button", { name: "Claim" }).click();
    await page.getByText(`Ticket ${s.soldSerial} added.`).waitFor();
    const card = page.getByTestId(`my-ticket-${s.soldSerial}`);
    await card.getByRole("img", { name: "Ticket QR code" }).waitFor();
    await shotBoth(page, "holder-my-tickets");
    await card.getByRole("button", { name: "Show at the gate" }).click();
    const gate = page.getByTestId("gate-view");
    await gate.getByRole("img", { name: "Ticket QR code" }).waitFor();
    assert.equal(await gate.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(255, 255, 255)");
    await shotBoth(page, "holder-gate-view");
    await gate.getByRole("button", { name: "Close" }).click();
    // The buyer (the purchaser) is told that the ticket went into an account.
    await mailbox.waitForMail("the claim notice to the buyer", (m) => m.to.includes("rita@example.com") && m.subject.includes(s.soldSerial) && /added to an account/.test(m.subject));
  });

  await t.step("the holder sends the ticket; the second holder accepts it in the UI and gets a new code", async () => {
    const sam = await apiCall(base, "/api/auth/register", { method: "POST",
      body: { username: "sam", password: HOLDER_PASSWORD, email: "sam@example.com", name: "Sam Second" } });
    assert.equal(sam.status, 201, JSON.stringify(sam.json));
    assert.equal(sam.json.user.role, "attendee");
    assert.ok(sam.json.access_token);
    // Only a verified account accepts a ticket: sam opens the link of his verification mail (here by its API call).
    const samMail = await mailbox.waitForMail("the verification mail to sam", (m) => m.to.includes("sam@example.com") && /confirm your email/i.test(m.subject));
    const samToken = new URL(linkIn(samMail, `${base}/my/verify-email#token=`)).hash.replace("#token=", "");
    assert.equal((await apiCall(base, "/api/auth/verify-email", { method: "POST", body: { token: samToken } })).json?.status, "verified");
    const page = holderPage;
    await page.getByTestId(`my-ticket-${s.soldSerial}`).getByRole("button", { name: "Send" }).click();
    const dialog = page.getByRole("dialog", { name: "Send this ticket" });
    await dialog.getByLabel("Recipient (username or email)").fill("sam");
    await shot(page, "phone-holder-send");
    await dialog.getByRole("button", { name: "Send ticket" }).click();
    await page.getByText(`Ticket ${s.soldSerial} sent to sam`).waitFor();

    const samPage = await browser.newPage(PHONE);
    await signIn(samPage, "/my/login", "sam", HOLDER_PASSWORD);
    const incoming = samPage.getByRole("region", { name: "Tickets sent to you" });
    await incoming.getByText(s.soldSerial).waitFor();
    await shotBoth(samPage, "holder-incoming-transfer");
    await incoming.getByRole("button", { name: "Accept" }).click();
    await samPage.getByText(`Ticket ${s.soldSerial} is yours now.`).waitFor();
    await samPage.getByTestId(`my-ticket-${s.soldSerial}`).getByRole("img", { name: "Ticket QR code" }).waitFor();
    await samPage.getByRole("link", { name: "Refunds & transfers" }).click();
    await samPage.getByText(`From rita`).waitFor();
    await shot(samPage, "phone-holder-requests");
    await samPage.close();

    const samTickets = await apiCall(base, "/api/me/tickets", { token: sam.json.access_token });
    const mine = samTickets.json.items.find((x) => x.serial === s.soldSerial);
    assert.ok(mine, "the ticket is in the second holder's My tickets");
    s.newPayload = mine.qr_payload;
    assert.notEqual(s.newPayload, s.oldPayload, "the transfer replaced the code");
  });

  await t.step("gate: the OLD code shows SUPERSEDED; the new one is VALID and admitted", async () => {
    let scan = await scanWith(s.oldPayload, "superseded-qr");
    try {
      const card = scan.page.getByTestId("result-card");
      assert.equal((await scan.page.locator(".result-title").textContent()).trim(), "SUPERSEDED");
      assert.equal(await card.getAttribute("data-tone"), "invalid");
      assert.match(await card.textContent(), /This code was replaced by a transfer\. Do not admit\./);
      assert.equal(await scan.page.getByRole("button", { name: "Admit 1 person" }).count(), 0);
      await shotBoth(scan.page, "scanner-superseded");
    } finally {
      await scan.close();
    }
    scan = await scanWith(s.newPayload, "transferred-qr");
    try {
      await scan.page.locator('[data-tone="valid"]').waitFor();
      await scan.page.getByRole("button", { name: "Admit 1 person" }).click();
      await scan.page.locator('[data-tone="admitted"]').waitFor();
    } finally {
      await scan.close();
    }
  });

  await t.step("refund: the holder asks in the UI, the admin approves in the queue, the gate says REFUNDED", async () => {
    const sale = await apiCall(base, `/api/events/${eventId}/sell`, { method: "POST", token: adminToken,
      body: { ticket_type_id: s.typeId, buyer_name: "Rita Holder", buyer_email: "rita.holder@example.com", quantity: 1, holder_username: "rita" } });
    assert.equal(sale.status, 201, JSON.stringify(sale.json));
    s.refundSerial = sale.json.tickets[0].serial;
    s.refundPayload = s.csv.get(s.refundSerial);
    const page = holderPage;
    await page.reload();
    const card = page.getByTestId(`my-ticket-${s.refundSerial}`);
    await card.getByRole("button", { name: "Request refund" }).click();
    const dialog = page.getByRole("dialog", { name: "Request a refund" });
    await dialog.getByLabel("Reason").fill("I cannot come, sorry");
    await shot(page, "phone-holder-refund-request");
    await dialog.getByRole("button", { name: "Request refund" }).click();
    await page.getByText(`Refund asked for ${s.refundSerial}`).waitFor();

    const admin = await browser.newPage(DESKTOP);
    await signIn(admin, "/admin", "admin", "e2e-admin-password");
    await admin.getByRole("link", { name: "Refunds" }).click();
    const request = admin.getByRole("listitem").filter({ hasText: s.refundSerial });
    await request.getByText("I cannot come, sorry").waitFor();
    await shotBoth(admin, "admin-refund-queue");
    await request.getByRole("button", { name: "Approve" }).click();
    await admin.getByRole("dialog", { name: "Approve refund?" }).getByRole("button", { name: "Approve refund" }).click();
    await request.waitFor({ state: "detached" });
    await admin.getByLabel("Refund status").selectOption("approved");
    await admin.getByRole("listitem").filter({ hasText: s.refundSerial }).getByRole("button", { name: "Mark money returned" }).waitFor();
    await admin.close();

    // The holder's own list says approved.
    await page.getByRole("link", { name: "Refunds & transfers" }).click();
    await page.getByRole("listitem").filter({ hasText: s.refundSerial }).getByText("approved").waitFor();
    await shotBoth(page, "holder-requests");
    await page.getByRole("link", { name: "My tickets" }).click();

    const scan = await scanWith(s.refundPayload, "refunded-qr");
    try {
      assert.equal((await scan.page.locator(".result-title").textContent()).trim(), "REFUNDED");
      assert.equal(await scan.page.getByTestId("result-card").getAttribute("data-tone"), "invalid");
      assert.equal(await scan.page.getByRole("button", { name: "Admit 1 person" }).count(), 0);
      await shot(scan.page, "phone-scanner-refunded");
    } finally {
      await scan.close();
    }
  });

  await t.step("gate: a scanner not assigned to the event is told so (NOT ASSIGNED, ask an admin), not SIGNED OUT", async () => {
    const created = await apiCall(base, "/api/users", { method: "POST", token: adminToken,
      body: { username: "gate3", password: "gate3-password", role: "scanner" } });  // no events
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const payload = s.csv.values().next().value;
    assert.ok(payload, "a code of this event from the batch's CSV");
    const scan = await scanWith(payload, "not-assigned-qr", PHONE, "gate3");
    try {
      const card = scan.page.getByTestId("result-card");
      assert.equal((await scan.page.locator(".result-title").textContent()).trim(), "NOT ASSIGNED");
      assert.match(await card.textContent(), /not assigned to this event.*ask an admin/is);
      assert.equal(await scan.page.getByRole("button", { name: "Admit 1 person" }).count(), 0);
      await shot(scan.page, "phone-scanner-not-assigned");
    } finally {
      await scan.close();
    }
  });

  await t.step("tickets list: filters, a ticket's history (sale, claim, transfer, admission), transfers list", async () => {
    const page = await browser.newPage(DESKTOP);
    await signIn(page, `/admin/tickets?event=${eventId}`, "admin", "e2e-admin-password");
    await page.getByText("1–20 of 1,002").waitFor();
    await page.getByLabel("State").selectOption("used");
    const row = page.getByTestId(`ticket-${s.soldSerial}`);
    await row.waitFor();
    await page.getByText("1–1 of 1").waitFor();
    await shotBoth(page, "admin-tickets");
    await row.getByRole("button", { name: "Details" }).click();
    const dialog = page.getByRole("dialog", { name: `Ticket ${s.soldSerial}` });
    const history = dialog.getByRole("list", { name: "History" });
    await history.getByRole("listitem").nth(2).waitFor();  // at least: sold, transferred, used
    assert.match(await history.textContent(), /rita.*sam/s);
    await shotBoth(page, "admin-ticket-history");
    await dialog.getByRole("button", { name: "Close" }).click();
    await page.getByLabel("State").selectOption("");
    await page.getByLabel("Search tickets").fill(s.refundSerial);
    await page.getByTestId(`ticket-${s.refundSerial}`).getByText("refunded").waitFor();
    await page.getByText("1–1 of 1").waitFor();
    await page.getByLabel("Search tickets").fill("");
    await page.getByLabel("State").selectOption("created");
    const unsold = page.locator('[data-testid^="ticket-SUM26-"]').first();
    await unsold.getByRole("button", { name: "Details" }).click();
    // An unsold ticket is sold from its details (POST /api/tickets/{serial}/sell).
    const details = page.getByRole("dialog");
    await details.getByRole("button", { name: "Void" }).waitFor();
    await details.getByRole("button", { name: "Sell", exact: true }).click();
    await details.getByLabel("Buyer name").fill("Walk-in Buyer");
    await details.getByLabel("Buyer email").fill("walkin@example.com");
    await details.getByRole("button", { name: "Sell ticket" }).click();
    await details.locator('[data-testid="ticket-status"]', { hasText: "valid" }).waitFor();
    await details.getByRole("list", { name: "History" }).getByText("Sold", { exact: true }).first().waitFor();
    assert.match(await details.textContent(), /Walk-in Buyer/);
    await details.getByRole("button", { name: "Close" }).click();
    await page.getByRole("link", { name: "Transfers" }).click();
    await page.getByRole("listitem").filter({ hasText: s.soldSerial }).getByText("rita → sam").waitFor();
    await shotBoth(page, "admin-transfers");
    await page.close();

    // On a phone the list is cards, and each card's action is on screen.
    const phone = await browser.newPage(PHONE);
    await signIn(phone, `/admin/tickets?event=${eventId}`, "admin", "e2e-admin-password");
    const first = phone.locator('li[data-testid^="ticket-SUM26-"]').first();
    await first.waitFor();
    await assertReachable(phone, first.getByRole("button", { name: "Details" }), "ticket card's Details button");
    await shot(phone, "phone-admin-tickets");
    await phone.close();
  });

  await t.step("registrations at 390 px: cards, Approve on screen without sideways scrolling", async () => {
    await apiCall(base, "/api/register", { method: "POST", body: { event_id: 1, name: "Pia Phone-Width", email: "pia@example.com",
      team_name: "A team with a rather long name to stretch things" } });
    const page = await browser.newPage(PHONE);
    await signIn(page, "/admin", "admin", "e2e-admin-password");
    // On a phone the admin menu is folded into one button.
    await page.getByTestId("menu-button").click();
    await page.getByRole("link", { name: "Registrations" }).click();
    const card = page.getByTestId(/^registration-/).filter({ hasText: "Pia Phone-Width" });
    await card.waitFor();
    await assertReachable(page, card.getByRole("button", { name: "Approve" }), "Approve button");
    await assertReachable(page, card.getByRole("button", { name: "Decline" }), "Decline button");
    await shot(page, "phone-admin-registrations-cards");
    await page.close();
  });

  await t.step("bulk: approve the selected registrations, then every pending one matching the filter (job progress)", async () => {
    const bulkEvent = (await apiCall(base, "/api/events", { method: "POST", token: adminToken,
      body: { name: "Bulk Day", serial_prefix: "BULK26" } })).json.id;
    const ids = [];
    for (const name of ["Bea Bulk", "Bo Bulk", "Bruno Bulk"])
      ids.push((await apiCall(base, "/api/register", { method: "POST", body: { event_id: bulkEvent, name, email: `${name.split(" ")[0].toLowerCase()}@example.com` } })).json.id);
    const page = await browser.newPage(DESKTOP);
    await signIn(page, "/admin", "admin", "e2e-admin-password");
    await page.getByRole("link", { name: "Registrations" }).click();
    await page.getByLabel("Event").selectOption({ label: "Bulk Day" });
    await page.getByText("Bruno Bulk").waitFor();
    await page.getByLabel("Select Bea Bulk").check();
    await page.getByRole("button", { name: "Approve selected (1)" }).click();
    let dialog = page.getByRole("dialog", { name: "Approve in bulk" });
    await dialog.getByText("Approve 1 selected registration?").waitFor();
    await dialog.getByRole("button", { name: "Yes, approve" }).click();
    await dialog.getByTestId("bulk-results").getByText("1 approved.").waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await page.getByRole("row", { name: /Bea Bulk/ }).waitFor({ state: "detached" });  // no longer pending

    await page.getByRole("button", { name: "Approve all matching this filter" }).click();
    dialog = page.getByRole("dialog", { name: "Approve in bulk" });
    await dialog.getByText("Approve all 2 pending registrations for Bulk Day?").waitFor();
    await shot(page, "desktop-admin-bulk-confirm");
    await dialog.getByRole("button", { name: "Yes, approve" }).click();
    await dialog.getByRole("progressbar", { name: "Bulk decisions" }).waitFor();
    await dialog.getByText("Done: 2 / 2").waitFor({ timeout: 30000 });
    await shot(page, "desktop-admin-bulk-done");
    await dialog.getByRole("button", { name: "Close" }).click();
    await page.getByText("Nothing here.").waitFor();
    await page.close();
    const approved = await apiCall(base, `/api/admin/registrations?event_id=${bulkEvent}&status=approved`, { token: adminToken });
    assert.deepEqual(approved.json.items.map((r) => r.id).sort(), [...ids].sort());
  });

  await t.step("a ticket holder who signs in at /admin is not let in: the staff sign-in knows no holder accounts", async () => {
    const page = await browser.newPage(PHONE);
    await signIn(page, "/admin", "rita", HOLDER_PASSWORD);
    // The same answer as a wrong password (holder and staff usernames are separate namespaces).
    await page.getByRole("form", { name: "Sign in" }).getByText("Invalid username or password").waitFor();
    assert.equal(await page.getByRole("navigation", { name: "Admin sections" }).count(), 0);
    await shot(page, "phone-admin-not-allowed");
    await page.close();
    const ritaToken = await login(base, "rita", HOLDER_PASSWORD);
    assert.equal((await apiCall(base, "/api/admin/registrations", { token: ritaToken })).status, 403);
    await holderPage?.close();
  });
}
