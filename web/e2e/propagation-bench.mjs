// Benchmark (issue 19, not part of the test run): how long after an online admission at gate A
// does an online scanner device at gate B know it, so that B refuses the ticket (and would go on
// refusing it if its network dropped)? B is a real enrolled scanner page in Chromium; A is the
// API. For each of ROUNDS tickets: admit at A, then watch B's pack cursor and ask the server
// what changed since it: once nothing about that ticket is newer than B's cursor, B has it.
// Goal (docs/devices.md §4): at most 10 s, median at most 3 s.
//   GATEPASS_BIN=build/release/src/gatepass node e2e/propagation-bench.mjs   (from web/, after npm run build)
import { ADMIN_PASSWORD, PHONE, apiCall, launch, login, startServer, until } from "./harness.mjs";

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const server = await startServer();
const base = server.url;
let browser;
try {
  const admin = await login(base, "admin", ADMIN_PASSWORD);
  const event = (await apiCall(base, "/api/events", { method: "POST", token: admin,
    body: { name: "Propagation Night", starts_at: "2026-12-01T18:00:00Z", serial_prefix: "PROP26" } })).json;
  const tickets = [];
  for (let i = 0; i < ROUNDS; i++) {
    const reg = await apiCall(base, "/api/register", { method: "POST", body: { event_id: event.id, name: `Guest ${i}`, email: `g${i}@example.com` } });
    tickets.push((await apiCall(base, `/api/admin/approve/${reg.json.id}`, { method: "POST", token: admin })).json.ticket);
  }
  const device = (await apiCall(base, "/api/devices", { method: "POST", token: admin,
    body: { name: "Gate B phone", event_ids: [event.id], gate: "B" } })).json;

  browser = await launch({ denyCamera: true });
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(`${base}${device.pairing_url}`);
  await page.getByRole("button", { name: "Pair", exact: true }).click();
  const online = page.locator('[data-testid="offline-status"][data-state="online"]:not([data-cursor=""])');
  await online.waitFor({ timeout: 15_000 });

  const times = [];
  for (const ticket of tickets) {
    const number = Number(ticket.serial.split("-").at(-1));
    const started = Date.now();
    const admitted = await apiCall(base, `/api/mark-used/${encodeURIComponent(ticket.qr_payload)}`, { method: "POST", token: admin,
      body: { event_id: event.id, gate: "A" } });
    if (admitted.status !== 200) throw new Error(admitted.text);
    await until(`gate B to know ${ticket.serial}`, async () => {
      const cursor = await online.getAttribute("data-cursor", { timeout: 1_000 }).catch(() => null);
      if (!cursor) return false;
      const since = await apiCall(base, `/api/events/${event.id}/offline-pack?since=${encodeURIComponent(cursor)}`, { token: admin });
      return !since.json.changes.some((c) => c.number === number);
    }, { timeout: 30_000, every: 50 });
    times.push(Date.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(`admission at A -> known at B, ${ROUNDS} tickets: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${times.at(-1)} ms`);
  console.log(`all: ${times.join(" ")}`);
} finally {
  await browser?.close().catch(() => undefined);
  await server.stop();
}
