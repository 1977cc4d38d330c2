// End-to-end: the interactive API docs at /api/docs (served by gatepass itself, from
// src/http/handlers/docs.cpp). The page loads /api/openapi.json and nothing from outside (it must
// work offline), signs in through its own form, opens GET /api/events, sends it with the token
// and shows the 200 with the JSON answer. Its counts are merged into results.json.
import assert from "node:assert/strict";
import { ADMIN_PASSWORD, DESKTOP, launch, runner, shot, startServer } from "./harness.mjs";

const t = runner({ suite: "docs" });
const server = await startServer();
const base = server.url;
let browser;
try {
  browser = await launch();
  const page = await browser.newPage(DESKTOP);
  page.setDefaultTimeout(5000);  // a lean check: the whole file stays well under 20 s
  const outside = [];
  page.on("request", (r) => {
    if (!/^(blob|data):/.test(r.url()) && !r.url().startsWith(base)) outside.push(r.url());
  });
  const pageErrors = [];
  page.on("pageerror", (err) => pageErrors.push(String(err)));

  await t.step("/api/docs lists the document's operations by tag, with nothing loaded from outside", async () => {
    await page.goto(`${base}/api/docs`);
    const events = page.locator('details.op[data-op="GET /api/events"]');
    await events.waitFor();
    assert.ok(await page.locator("#ops section h2").count() > 3, "operations are grouped under tag headings");
    assert.match(await page.locator('details.op[data-op="POST /api/events"] .roles').textContent(), /admin/);
    assert.deepEqual(outside, []);
  });

  await t.step("logging in through the page's form fills in the bearer token", async () => {
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByText(/Logged in as admin/).waitFor();
    assert.match(await page.getByLabel(/Bearer token/).inputValue(), /^\S{20,}$/);
  });

  await t.step("GET /api/events: Send answers 200 with the events page as JSON", async () => {
    const op = page.locator('details.op[data-op="GET /api/events"]');
    await op.locator(":scope > summary").click();
    await op.getByLabel(/^limit/).fill("5");
    await op.getByRole("button", { name: "Send" }).click();
    const status = op.locator(".result .status[data-status]");
    await status.waitFor();
    assert.equal(await status.getAttribute("data-status"), "200");
    const body = JSON.parse(await op.locator(".result pre.body").textContent());
    assert.equal(body.limit, 5);
    assert.ok(Array.isArray(body.items));
    await shot(page, "desktop-api-docs");
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser?.close().catch(() => undefined);
  await server.stop();
}
process.exit(t.finish() ? 0 : 1);
