// Issue 24, the web side: the visitor's language. A German phone registers in German; the language
// menu switches to French and the choice survives a reload; a Spanish holder sees My tickets in
// Spanish; a German steward's scanner shows German result cards. Translated text is asserted (not
// just the absence of English), and no page scrolls sideways with the long German words at 390 px.
// The German registrant's mail arrives in German at a real SMTP server (aiosmtpd) and their ticket
// PDF is in German (pdftotext). Last, an organiser gives the event a German name and description
// in the admin's event form (its German tab) and a German browser sees them on /.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADMIN_PASSWORD, PHONE, apiCall, assertNoSidewaysScroll, launch, login, publishShot, runner, shot, signInAt, startServerWithMail } from "./harness.mjs";

const t = runner({ suite: "languages" });
const server = await startServerWithMail();
const base = server.url;
const browser = await launch();
/** A phone whose browser speaks `locale` (navigator.languages and Accept-Language). */
const phone = async (locale) => (await browser.newContext({ ...PHONE, locale })).newPage();
try {
  const adminToken = await login(base, "admin", ADMIN_PASSWORD);
  const api = (path, options = {}) => apiCall(base, path, { token: adminToken, ...options });
  const event = (await api("/api/events", { method: "POST",
    body: { name: "Sommerfest 2027", venue: "Stadtpark", starts_at: "2027-07-10T16:00:00Z", serial_prefix: "SF27", requires_approval: false,
      time_zone: "Europe/Berlin" } })).json;
  assert.equal((await api("/api/users", { method: "POST",
    body: { username: "ordner", password: "ordner-password", role: "scanner", event_ids: [event.id] } })).status, 201);

  let serial = "";
  await t.step("a German browser opens / in German and registers", async () => {
    const page = await phone("de-DE");
    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "Anmeldung" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "de");
    await page.getByLabel("Vollständiger Name").fill("Jürgen Müller-Lüdenscheidt");
    await page.getByLabel("E-Mail").fill("juergen@example.com");
    await page.getByLabel("Telefon (optional)").fill("12");  // checked in German before sending
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByText("muss mindestens 5 Ziffern enthalten").waitFor();
    await page.getByLabel("Telefon (optional)").fill("");
    await assertNoSidewaysScroll(page, "register (de)");
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await shot(page, "phone-register-de");
    publishShot("phone-register-de");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("heading", { name: "Sie sind dabei!" }).waitFor();
    serial = (await page.locator("p.font-mono").textContent()).trim();
    assert.match(serial, /^SF27-/);
    await page.context().close();
  });

  await t.step("the language menu switches to French, and the choice is remembered after a reload", async () => {
    const page = await phone("de-DE");
    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "Anmeldung" }).waitFor();
    await page.getByLabel("Sprache").selectOption("fr");
    await page.getByRole("heading", { name: "Inscription" }).waitFor();
    await page.getByLabel("Nom complet").waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("gatepass.locale")), "fr");
    // The API calls now ask for French (Accept-Language), whatever the browser says.
    const asked = page.waitForRequest((r) => r.url().includes("/api/events"));
    await page.reload();
    assert.equal((await asked).headers()["accept-language"], "fr");
    await page.getByRole("heading", { name: "Inscription" }).waitFor();
    assert.equal(await page.getByLabel("Langue").inputValue(), "fr");
    await page.context().close();
  });

  await t.step("a Spanish holder sees My tickets in Spanish", async () => {
    assert.equal((await apiCall(base, "/api/auth/register", { method: "POST",
      body: { username: "lucia", password: "lucia-password-1", email: "lucia@example.com", name: "Lucía Fernández" } })).status, 201);
    const page = await phone("es-ES");
    await page.goto(`${base}/my/login`);
    await page.getByRole("heading", { name: "Mis entradas: iniciar sesión" }).waitFor();
    await page.getByLabel("Nombre de usuario").fill("lucia");
    await page.getByLabel("Contraseña").fill("lucia-password-1");
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    await page.getByRole("heading", { name: "Mis entradas" }).waitFor();
    await page.getByRole("heading", { name: "Vincular una entrada" }).waitFor();
    await page.getByRole("link", { name: "Reembolsos y transferencias" }).waitFor();
    await page.getByRole("region", { name: "Verifique su dirección de correo" }).waitFor();
    await assertNoSidewaysScroll(page, "holder (es)");
    await shot(page, "phone-holder-es");
    publishShot("phone-holder-es");
    await page.context().close();
  });

  await t.step("a German steward's scanner shows German result cards", async () => {
    const page = await phone("de-DE");
    await page.goto(`${base}/scan`);
    await page.getByLabel("Benutzername").fill("ordner");
    await page.getByLabel("Passwort").fill("ordner-password");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("heading", { name: "Einlass einrichten" }).waitFor();
    await assertNoSidewaysScroll(page, "scanner setup (de)");
    await page.getByRole("button", { name: /Sommerfest 2027/ }).click();
    await page.getByLabel("Ticketnummer").fill(serial);
    await page.getByRole("button", { name: "Prüfen" }).click();
    const card = page.getByTestId("result-card");
    await card.getByText("GÜLTIG", { exact: true }).waitFor();
    await card.getByRole("button", { name: "1 Person einlassen" }).click();
    await page.locator('[data-testid="result-card"][data-tone="admitted"]').getByText("EINGELASSEN").waitFor();
    // The same ticket again: refused in German.
    await page.getByLabel("Ticketnummer").fill(serial);
    await page.getByRole("button", { name: "Prüfen" }).click();
    await card.getByText("BEREITS EINGELÖST").waitFor();
    assert.match(await page.getByTestId("result-detail").textContent(), /^Eingelassen am /);
    await shot(page, "phone-scanner-de");
    publishShot("phone-scanner-de");
    await page.context().close();
  });

  // The server side: the registration stored the locale the page used, and everything sent to
  // that person is in it.
  const serverSteps = [
    ["the German registrant's ticket mail arrives in German", async () => {
      const mail = await server.mail.waitForMail("the German ticket mail",
        (m) => m.to.includes("juergen@example.com") && m.subject.includes(serial));
      assert.equal(mail.subject, `Ihr Ticket für Sommerfest 2027: ${serial}`);
      assert.match(mail.text, /Guten Tag Jürgen Müller-Lüdenscheidt/);
      assert.match(mail.text, /10\. Juli 2027, 18:00 Uhr CEST/, "the event's time on its own clock (16:00 UTC)");
      assert.doesNotMatch(mail.text, /\bYour ticket\b|\bHello\b/, "no English in the German mail");
    }],
    ["the German registrant's ticket PDF is in German", async () => {
      const res = await fetch(`${base}/api/tickets/${encodeURIComponent(serial)}/ticket.pdf`,
        { headers: { Authorization: `Bearer ${adminToken}` } });
      assert.equal(res.status, 200);
      const dir = mkdtempSync(join(tmpdir(), "gatepass-pdf-"));
      try {
        const file = join(dir, "ticket.pdf");
        writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
        assert.match(text, /Zeigen Sie diesen Code beim Einlass vor/);
        assert.match(text, /Jürgen Müller-Lüdenscheidt/);
        assert.match(text, /10\. Juli 2027, 18:00 Uhr CEST/);
        assert.doesNotMatch(text, /Show this code at the entrance/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }],
  ];
  for (const [name, fn] of serverSteps) await t.step(name, fn);

  await t.step("an organiser enters the German name in the admin's event form, and a German browser sees it on /", async () => {
    const admin = await (await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } })).newPage();
    await signInAt(base)(admin, "/admin/events", "admin", ADMIN_PASSWORD);
    await admin.getByRole("button", { name: "Edit" }).first().click();
    const dialog = admin.getByRole("dialog", { name: "Edit event" });
    await dialog.getByRole("tab", { name: "German: 0 of 1 text" }).click();
    await dialog.getByLabel("Name").fill("Sommerfest 2027 im Stadtpark");
    await dialog.getByLabel("Description").fill("Musik, Essen und Tanz unter Bäumen.");
    // The description has no English text yet: the form says so at the English field, before sending.
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("write this text in English (the default language) first").waitFor();
    await dialog.getByLabel("Description").fill("Music, food and dancing under the trees.");
    await dialog.getByRole("tab", { name: "German: 2 of 2 texts" }).waitFor();
    await shot(admin, "admin-event-translations");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    const stored = (await api(`/api/events/${event.id}`)).json;
    assert.deepEqual(stored.name_i18n, { en: "Sommerfest 2027", de: "Sommerfest 2027 im Stadtpark" });
    assert.equal(stored.description_i18n.de, "Musik, Essen und Tanz unter Bäumen.");
    await admin.context().close();

    const page = await phone("de-DE");
    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "Anmeldung" }).waitFor();
    await page.locator('select[name="event"] option', { hasText: "Sommerfest 2027 im Stadtpark" }).waitFor({ state: "attached" });
    await page.locator('select[name="event"]').selectOption({ value: String(event.id) });
    await page.getByText("Musik, Essen und Tanz unter Bäumen.").waitFor();
    await page.context().close();
    // An English browser still reads the English name.
    const english = await phone("en-US");
    await english.goto(`${base}/`);
    await english.locator('select[name="event"] option', { hasText: /^Sommerfest 2027( —|$)/ }).waitFor({ state: "attached" });
    await english.context().close();
  });
} finally {
  await browser.close();
  await server.stop();
}
process.exit(t.finish() ? 0 : 1);
