// End-to-end: holder accounts and staff sign-in (issue 18, docs/accounts.md), against a real SMTP
// server (harness.mjs: Debian's aiosmtpd writing a Maildir). Holders on a phone: sign up -> the
// verification mail -> its link verifies the address; an unverified account cannot claim; the
// ticket mail's /t/<token> link adds the ticket to the signed-in holder's account; sending it by
// email meets the cooling-off after a claim, which an admin lifts ("Allow transfer now"); the second
// holder verifies and accepts, and the first holder's old QR is SUPERSEDED at the gate; "Forgot your
// password?" -> mail -> new password -> sign in. The holder on a phone whose browser keeps its
// profile: closes and reopens it and is still signed in (the refresh token); with no network the
// saved copy shows, QR and all; a ticket sent to leo.park shows "Sent to leo.park — waiting" and
// Cancel takes it back; Download PDF and Add to calendar give the files. Staff: an admin turns on two-factor sign-in at
// /admin/security (TOTP codes computed here from the shown key), gets 10 recovery codes, signs out
// and in again with a code, then turns it off with a recovery code. One server, one browser. Its
// counts are merged into results.json.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADMIN_PASSWORD, DESKTOP, PHONE, apiCall, daysFromNow, launch, launchPersistent, linkIn, login, publishShot, runner, shot,
  serviceWorkerActive, shotBoth, signInAt, startServerWithMail } from "./harness.mjs";

const started = Date.now();
const EVENT = "Accounts Fest 2026";
const HANA = { name: "Hana Holder", username: "hana", email: "hana@example.com", password: "hana-password-1" };
const OLLI = { name: "Olli Other", username: "olli", email: "olli@example.com", password: "olli-password-1" };
const OLLI_NEW_PASSWORD = "olli-new-password-2";
// Hana's ticket was registered with her work address: the ticket mail (and its link) went there.
const WORK_EMAIL = "hana.work@example.com";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** RFC 6238 TOTP (HMAC-SHA-1, 30 s steps, 6 digits) of a base32 secret, for time step `step`. */
function totp(secret, step) {
  let bits = "";
  for (const c of secret.replace(/[\s=]/g, "").toUpperCase()) {
    const v = BASE32.indexOf(c);
    if (v < 0) throw new Error(`not a base32 secret: ${secret}`);
    bits += v.toString(2).padStart(5, "0");
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
const stepNow = () => Math.floor(Date.now() / 30_000);
// RFC 6238 appendix B (SHA-1, T = 59 s): 94287082, of which a 6-digit code is the last 6 digits.
assert.equal(totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1), "287082", "the TOTP helper matches RFC 6238's test vector");

const t = runner({ suite: "accounts" });
let server = null;
let browser = null;
try {
  server = await startServerWithMail();  // default cooling-off (24 h): the transfer step meets it
  const base = server.url;
  const mailbox = server.mail;
  const signIn = signInAt(base);
  const adminToken = await login(base, "admin", ADMIN_PASSWORD);
  browser = await launch();
  /** The holder app's token in a page's tab (sessionStorage), for checks through the API. */
  const tokenOf = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem("gatepass.holder")).token);

  const event = (await apiCall(base, "/api/events", { method: "POST", token: adminToken,
    body: { name: EVENT, venue: "Hall 2", starts_at: daysFromNow(30), serial_prefix: "ACC26", requires_approval: false } })).json;
  assert.ok(event?.id, "the event is created");
  const registered = await apiCall(base, "/api/register", { method: "POST", body: { event_id: event.id, name: HANA.name, email: WORK_EMAIL } });
  assert.equal(registered.status, 201, JSON.stringify(registered.json));
  const serial = (await apiCall(base, `/api/events/${event.id}/tickets`, { token: adminToken })).json.items[0]?.serial;
  assert.match(serial ?? "", /^ACC26-\d+$/, "the registration issued a ticket at once");

  async function signUp(page, who) {
    await page.goto(`${base}/my/signup`);
    await page.getByLabel("Full name").fill(who.name);
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Username").fill(who.username);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("heading", { name: "My tickets" }).waitFor();
  }
  const verificationMail = (who) => mailbox.waitForMail(`the verification mail to ${who.email}`,
    (m) => m.to.includes(who.email) && /confirm your email address/i.test(m.subject));

  const hana = await browser.newPage(PHONE);
  const olli = await browser.newPage(PHONE);

  await t.step("sign up at /my; the verification mail arrives at the SMTP server; its link verifies the address", async () => {
    await signUp(hana, HANA);
    const banner = hana.getByRole("region", { name: "Verify your email address" });
    await banner.getByText("Check your inbox: we sent a link to h…@example.com").waitFor();
    await shot(hana, "phone-holder-verify-banner");
    const mail = await verificationMail(HANA);
    const link = linkIn(mail, `${base}/my/verify-email#token=`);
    await hana.goto(link);
    await hana.getByRole("heading", { name: "Email address verified" }).waitFor();
    assert.equal(new URL(hana.url()).hash, "", "the token is taken out of the address bar");
    await shot(hana, "phone-holder-verify-email");
    publishShot("phone-holder-verify-email");
    const me = await apiCall(base, "/api/auth/me", { token: await tokenOf(hana) });
    assert.equal(me.json.email_verified, true, "the server has the address as verified");
    await hana.getByRole("link", { name: "Go to My tickets" }).click();
    await hana.getByRole("heading", { name: "My tickets" }).waitFor();
    await hana.getByRole("form", { name: "Claim a ticket" }).waitFor();
    assert.equal(await banner.count(), 0, "no verify banner once verified");
    // The link works once.
    await hana.goto(link);
    await hana.getByRole("heading", { name: "This link has expired" }).waitFor();
  });

  await t.step("an unverified second account that tries to claim a ticket is told to verify its address first", async () => {
    await signUp(olli, OLLI);
    await olli.getByRole("region", { name: "Verify your email address" }).waitFor();
    // A real claim code (the one on Hana's PDF): the server refuses it for the address, not for the code.
    const claimCode = (await apiCall(base, `/api/tickets/${serial}`, { token: adminToken })).json.claim_code;
    assert.match(claimCode ?? "", new RegExp(`^${serial}-`));
    await olli.getByLabel("Claim code").fill(claimCode);
    await olli.getByRole("button", { name: "Claim" }).click();
    await olli.getByRole("form", { name: "Claim a ticket" }).getByText("Verify your email address first").waitFor();
    await shot(olli, "phone-holder-claim-unverified");
    publishShot("phone-holder-claim-unverified");
    assert.equal((await apiCall(base, `/api/tickets/${serial}`, { token: adminToken })).json.holder_username, null, "nobody holds the ticket");
  });

  let oldPayload = "";
  await t.step("the ticket mail's /t/<token> link: 'Add to my tickets' puts it in the signed-in, verified holder's account", async () => {
    const mail = await mailbox.waitForMail("the ticket mail", (m) => m.to.includes(WORK_EMAIL) && m.subject.startsWith(`Your ticket for ${EVENT}`));
    await hana.goto(linkIn(mail, `${base}/t/`));
    const card = hana.getByTestId("linked-ticket");
    assert.equal(await card.getByTestId("ticket-serial").textContent(), serial);
    await card.getByText(`Signed in as ${HANA.username}`).waitFor();
    await card.getByRole("button", { name: "Add to my tickets" }).click();
    await card.getByRole("status").getByText("This ticket is in your account.").waitFor();
    await shot(hana, "phone-holder-add-to-my-tickets");
    publishShot("phone-holder-add-to-my-tickets");
    await card.getByRole("link", { name: "My tickets" }).click();
    await hana.getByTestId(`my-ticket-${serial}`).getByRole("img", { name: "Ticket QR code" }).waitFor();
    const mine = (await apiCall(base, "/api/me/tickets", { token: await tokenOf(hana) })).json.items.find((x) => x.serial === serial);
    assert.equal(mine?.holder_username, HANA.username);
    oldPayload = mine.qr_payload;
    // The purchaser (the registration's address) is told the ticket went into an account.
    await mailbox.waitForMail("the claim notice to the purchaser", (m) => m.to.includes(WORK_EMAIL) && /added to an account/.test(m.subject));
  });

  await t.step("transfer by email: the cooling-off is explained, the admin allows the transfer now, the verified recipient accepts, the old QR is SUPERSEDED", async () => {
    const send = async () => {
      await hana.getByTestId(`my-ticket-${serial}`).getByRole("button", { name: "Send" }).click();
      const dialog = hana.getByRole("dialog", { name: "Send this ticket" });
      await dialog.getByLabel("Recipient (username or email)").fill(OLLI.email);
      await dialog.getByRole("button", { name: "Send ticket" }).click();
      return dialog;
    };
    let dialog = await send();
    await dialog.getByText(/came to your account only recently, so it cannot be sent on yet\. You can send it from .*, or ask the organiser/).waitFor();
    assert.doesNotMatch(await dialog.getByRole("alert").textContent(), /\d{4}-\d\d-\d\dT/, "the end is a local time, not the server's ISO text");
    await shot(hana, "phone-holder-cooling-off");
    publishShot("phone-holder-cooling-off");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    const admin = await browser.newPage(DESKTOP);
    await signIn(admin, `/admin/tickets?event=${event.id}`, "admin", ADMIN_PASSWORD);
    await admin.getByTestId(`ticket-${serial}`).getByRole("button", { name: "Details" }).click();
    const details = admin.getByRole("dialog", { name: `Ticket ${serial}` });
    assert.equal(await details.getByTestId("claim-code").count(), 0, "a held ticket shows no claim code");
    await details.getByRole("button", { name: "Allow transfer now" }).click();
    await details.getByLabel(/^Reason/).fill("Hana asked at the desk, ID checked");
    await details.getByRole("button", { name: "Allow transfer", exact: true }).click();
    await details.getByText("The holder may offer this ticket for transfer now.").waitFor();
    await shot(admin, "desktop-admin-allow-transfer");
    publishShot("desktop-admin-allow-transfer");
    await admin.close();

    dialog = await send();
    await hana.getByText(`Ticket ${serial} sent to ${OLLI.email}`).waitFor();
    await mailbox.waitForMail("the transfer mail to olli", (m) => m.to.includes(OLLI.email) && m.subject.includes(EVENT) && /waiting for you/.test(m.subject));

    // Olli verifies the address from his mail, then accepts.
    await olli.goto(linkIn(await verificationMail(OLLI), `${base}/my/verify-email#token=`));
    await olli.getByRole("heading", { name: "Email address verified" }).waitFor();
    await olli.getByRole("link", { name: "Go to My tickets" }).click();
    const incoming = olli.getByRole("region", { name: "Tickets sent to you" });
    await incoming.getByText(serial).waitFor();
    await incoming.getByRole("button", { name: "Accept" }).click();
    await olli.getByText(`Ticket ${serial} is yours now.`).waitFor();
    await olli.getByTestId(`my-ticket-${serial}`).getByRole("img", { name: "Ticket QR code" }).waitFor();
    await shot(olli, "phone-holder-accepted-transfer");

    // At the gate (the scanner's own call): Hana's old QR is superseded, Olli's new one is valid.
    const gate = await apiCall(base, `/api/mark-used/${encodeURIComponent(oldPayload)}?event_id=${event.id}`, { method: "POST", token: adminToken });
    assert.equal(gate.status, 409, JSON.stringify(gate.json));
    assert.equal(gate.json.error.code, "superseded");
    const fresh = (await apiCall(base, "/api/me/tickets", { token: await tokenOf(olli) })).json.items.find((x) => x.serial === serial);
    assert.ok(fresh && fresh.qr_payload !== oldPayload, "the accepted ticket has a new code");
    const check = await apiCall(base, `/api/verify-ticket/${encodeURIComponent(fresh.qr_payload)}?event_id=${event.id}`, { token: adminToken });
    assert.equal(check.status, 200, JSON.stringify(check.json));
    await hana.reload();
    await hana.getByRole("heading", { name: "My tickets" }).waitFor();
    await hana.getByText("No tickets yet.").waitFor();
  });

  await t.step("'Forgot your password?': the reset mail's link sets a new password; signing in with it works, the old one no longer", async () => {
    await olli.getByRole("button", { name: "Sign out" }).click();
    await olli.getByRole("link", { name: "Forgot your password?" }).click();
    await olli.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await olli.getByLabel("Email").fill(OLLI.email);
    await olli.getByRole("button", { name: "Send the link" }).click();
    await olli.getByRole("heading", { name: "Check your inbox" }).waitFor();
    await shot(olli, "phone-holder-forgot-password");
    const mail = await mailbox.waitForMail("the password reset mail", (m) => m.to.includes(OLLI.email) && /password/i.test(m.subject));
    await olli.goto(linkIn(mail, `${base}/my/reset-password#token=`));
    await olli.getByRole("heading", { name: "Choose a new password" }).waitFor();
    assert.equal(new URL(olli.url()).hash, "", "the token is taken out of the address bar");
    await olli.getByLabel("New password", { exact: true }).fill(OLLI_NEW_PASSWORD);
    await olli.getByLabel("The new password again").fill(OLLI_NEW_PASSWORD);
    await shot(olli, "phone-holder-reset-password");
    publishShot("phone-holder-reset-password");
    await olli.getByRole("button", { name: "Change password" }).click();
    await olli.getByText("Your password is changed: sign in with the new one.", { exact: false }).waitFor();
    await olli.getByLabel("Username").fill(OLLI.username);
    await olli.getByLabel("Password").fill(OLLI_NEW_PASSWORD);
    await olli.getByRole("button", { name: "Sign in" }).click();
    await olli.getByRole("heading", { name: "My tickets" }).waitFor();
    await olli.getByTestId(`my-ticket-${serial}`).waitFor();
    const old = await apiCall(base, "/api/auth/login", { method: "POST", body: { username: OLLI.username, password: OLLI.password, account: "holder" } });
    assert.equal(old.status, 401, "the old password no longer signs in");
  });

  // Olli's phone: a browser with a profile on disk, closed and opened again as a phone's is.
  const profile = mkdtempSync(join(tmpdir(), "gatepass-holder-phone-"));
  let phone = null;
  const phonePage = async () => phone.pages()[0] ?? await phone.newPage();
  try {
    await t.step("a holder signs in on the phone, closes the browser and opens it again: still signed in", async () => {
      phone = await launchPersistent(profile, PHONE);
      const page = await phonePage();
      await signIn(page, "/my/login", OLLI.username, OLLI_NEW_PASSWORD);
      await page.getByTestId(`my-ticket-${serial}`).getByRole("img", { name: "Ticket QR code" }).waitFor();
      // The service worker keeps the app for the queue with no signal.
      await serviceWorkerActive(page);
      const first = await page.evaluate(() => JSON.parse(localStorage.getItem("gatepass.holder.refresh")).refresh_token);
      await phone.close();

      phone = await launchPersistent(profile, PHONE);
      const again = await phonePage();
      await again.goto(`${base}/my`);
      const card = again.getByTestId(`my-ticket-${serial}`);
      await card.getByRole("img", { name: "Ticket QR code" }).waitFor();
      assert.equal(await again.getByRole("form", { name: "Sign in" }).count(), 0, "no password asked");
      await card.getByTestId("event-when").waitFor();
      assert.match(await card.getByTestId("event-venue").textContent(), /Hall 2/);
      const next = await again.evaluate(() => JSON.parse(localStorage.getItem("gatepass.holder.refresh")).refresh_token);
      assert.notEqual(next, first, "the refresh token was traded (rotated) for this browser session");
    });

    await t.step("no network in the queue: the browser reopens on the saved copy, marked, with the QR", async () => {
      await phone.close();
      phone = await launchPersistent(profile, PHONE);
      await phone.setOffline(true);
      const page = await phonePage();
      await page.goto(`${base}/my`);
      await page.getByTestId("saved-copy").getByText(/^Saved copy from .* — no connection$/).waitFor({ timeout: 20_000 });
      const card = page.getByTestId(`my-ticket-${serial}`);
      await card.getByRole("img", { name: "Ticket QR code" }).waitFor();
      assert.equal(await card.getByRole("button", { name: "Send" }).count(), 0, "nothing that needs the server");
      await shot(page, "phone-holder-saved-copy");
      publishShot("phone-holder-saved-copy");
      await card.getByRole("button", { name: "Show at the gate" }).click();
      await page.getByTestId("gate-view").getByRole("img", { name: "Ticket QR code" }).waitFor();
      await page.getByTestId("gate-view").getByRole("button", { name: "Close" }).click();
      await phone.setOffline(false);
    });

    await t.step("a ticket sent to leo.park shows 'Sent to leo.park — waiting' instead of Send; Cancel takes it back", async () => {
      const leo = await apiCall(base, "/api/auth/register", { method: "POST",
        body: { username: "leo.park", password: "leo-password-1", email: "leo@example.com", name: "Leo Park" } });
      assert.equal(leo.status, 201, leo.text);
      // The ticket came to Olli by a transfer just now: the organiser lets him send it on at once.
      assert.equal((await apiCall(base, `/api/admin/tickets/${serial}/allow-transfer`, { method: "POST", token: adminToken,
        body: { reason: "e2e: Olli passes it on" } })).status, 200);
      const page = await phonePage();
      await page.goto(`${base}/my`);
      const card = page.getByTestId(`my-ticket-${serial}`);
      await card.getByRole("button", { name: "Send" }).click();
      const dialog = page.getByRole("dialog", { name: "Send this ticket" });
      await dialog.getByLabel("Recipient (username or email)").fill("leo.park");
      await dialog.getByRole("button", { name: "Send ticket" }).click();
      const chip = card.getByTestId("pending-chip");
      await chip.getByText("Sent to leo.park — waiting").waitFor();
      assert.equal(await card.getByRole("button", { name: "Send" }).count(), 0);
      assert.equal(await card.getByRole("button", { name: "Request refund" }).count(), 0);
      await card.scrollIntoViewIfNeeded();
      await shotBoth(page, "holder-pending-transfer");
      publishShot("phone-holder-pending-transfer");
      await chip.getByRole("button", { name: "Cancel" }).click();
      await page.getByText(`Transfer of ${serial} cancelled: the ticket stays yours.`).waitFor();
      await card.getByRole("button", { name: "Send" }).waitFor();
      const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("gatepass.holder")).token);
      const mine = (await apiCall(base, "/api/me/tickets", { token })).json.items.find((x) => x.serial === serial);
      assert.equal(mine.pending_request, null, "the server has no transfer pending");
    });

    await t.step("Download PDF gives the ticket's PDF; Add to calendar an .ics of the event", async () => {
      const page = await phonePage();
      const card = page.getByTestId(`my-ticket-${serial}`);
      const [pdf] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "Download PDF" }).click()]);
      assert.equal(pdf.suggestedFilename(), `${serial}.pdf`);
      assert.equal(readFileSync(await pdf.path()).subarray(0, 5).toString(), "%PDF-");
      const [ics] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "Add to calendar" }).click()]);
      const text = readFileSync(await ics.path(), "utf8");
      assert.match(text, /^BEGIN:VCALENDAR\r\n/);
      // In the language the page asked the API in (English here), and saying so.
      assert.match(text, new RegExp(`\r\nSUMMARY;LANGUAGE=en:${EVENT}\r\n`));
      assert.match(text.replace(/\r\n /g, ""), /\r\nDESCRIPTION;LANGUAGE=en:Ticket \S+\. Show its QR code at the gate \(My tickets\)\.\r\n/);
      assert.match(text, /\r\nLOCATION:Hall 2\r\n/);
      assert.match(text, /\r\nDTSTART:\d{8}T\d{6}Z\r\n/);
    });
  } finally {
    await phone?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }

  await t.step("staff two-factor: an admin enrols at /admin/security, keeps 10 recovery codes, signs out, signs in again with a code, turns it off with a recovery code", async () => {
    const admin = await browser.newPage(DESKTOP);
    await signIn(admin, "/admin/security", "admin", ADMIN_PASSWORD);
    await admin.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
    await admin.getByTestId("two-factor-off").getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const secret = (await admin.getByTestId("totp-secret").textContent()).replace(/\s+/g, "");
    assert.match(secret, /^[A-Z2-7]{16,}$/, "the key is shown in base32");
    await admin.getByRole("img", { name: "QR code for the authenticator app" }).waitFor();
    const confirmStep = stepNow();
    await admin.getByLabel("Code from the app").fill(totp(secret, confirmStep));
    await admin.getByRole("button", { name: "Turn on" }).click();
    const codes = admin.getByRole("region", { name: "Recovery codes" }).getByTestId("recovery-codes").getByRole("listitem");
    await codes.first().waitFor();
    assert.equal(await codes.count(), 10, "10 recovery codes");
    const recoveryCode = (await codes.first().textContent()).trim();
    await shot(admin, "desktop-admin-two-factor");
    publishShot("desktop-admin-two-factor");
    await admin.getByRole("button", { name: "I have saved them" }).click();
    await admin.getByTestId("two-factor-on").waitFor();
    assert.equal((await apiCall(base, "/api/auth/me", { token: await admin.evaluate(() => JSON.parse(sessionStorage.getItem("gatepass.admin")).token) })).json.two_factor, true);

    await admin.getByRole("button", { name: "Sign out" }).click();
    await admin.getByLabel("Username").fill("admin");
    await admin.getByLabel("Password").fill(ADMIN_PASSWORD);
    await admin.getByRole("button", { name: "Sign in" }).click();
    const code = admin.getByLabel("Authentication code");
    await code.waitFor();
    await admin.getByText("signs in with two-factor").waitFor();
    // A code from ten minutes ago is refused, and the form says so.
    await code.fill(totp(secret, stepNow() - 20));
    await admin.getByRole("button", { name: "Verify and sign in" }).click();
    await admin.getByText("Wrong or already used code").waitFor();
    await shot(admin, "desktop-admin-two-factor-sign-in");
    publishShot("desktop-admin-two-factor-sign-in");
    // The confirming code was used once: the app shows the next one after the 30-second step.
    const wait = (confirmStep + 1) * 30_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait + 200));
    await code.fill(totp(secret, stepNow()));
    await admin.getByRole("button", { name: "Verify and sign in" }).click();
    await admin.getByRole("navigation", { name: "Admin sections" }).waitFor();
    await admin.getByText("admin (admin)").waitFor();

    // Turning it off (with a recovery code) ends every session: the page goes on with the new token.
    await admin.getByRole("link", { name: "Two-factor sign-in" }).click();
    const on = admin.getByTestId("two-factor-on");
    await on.getByRole("button", { name: "Turn off…" }).click();
    await on.getByLabel("Code from the app, or a recovery code").fill(recoveryCode);
    await on.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
    await admin.getByRole("status").getByText("Two-factor sign-in is off.").waitFor();
    await admin.getByTestId("two-factor-off").waitFor();
    await admin.getByRole("link", { name: "Dashboard" }).click();  // still signed in
    await admin.getByRole("heading", { name: "Dashboard" }).waitFor();
    assert.equal((await apiCall(base, "/api/auth/login", { method: "POST", body: { username: "admin", password: ADMIN_PASSWORD, account: "staff" } })).status,
      200, "signing in needs no code any more");
    await admin.close();
  });
} catch (err) {
  // A failure outside a step (the SMTP sink, the server or the fixtures): count it, then clean up.
  await t.step("accounts e2e setup", () => { throw err; });
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
}
console.log(`  accounts e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(t.finish() ? 0 : 1);
