// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import { OutboxPage } from "./OutboxPage";
import { MailWarning, TicketMailActions, type OutboxMessage, type OutboxSummary } from "./mail";

const queued: OutboxMessage = { id: 7, kind: "ticket_issued", to_email: "alice@example.com", to_name: "Alice Example", event_id: 1,
  status: "queued", attempts: 0, next_attempt_at: "2026-12-01T09:00:00Z", last_error: null, created_at: "2026-12-01T09:00:00Z", sent_at: null,
  ticket_serial: null };
const failed: OutboxMessage = { ...queued, id: 6, kind: "registration_received", status: "failed", attempts: 12,
  last_error: "connection refused" };
const sent: OutboxMessage = { ...queued, id: 5, kind: "registration_declined", status: "sent", attempts: 1, sent_at: "2026-12-01T08:00:00Z" };
const healthy: OutboxSummary = { queued: 1, sending: 0, sent: 1, failed: 1, smtp_configured: true, enabled: true };

type Call = { url: string; method: string };
function stub(summary: OutboxSummary, extra: (url: string) => Response | null = () => null) {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? "GET" });
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
    const other = extra(url);
    if (other) return other;
    if (url === "/api/admin/outbox/summary") return json(200, summary);
    if (url.startsWith("/api/admin/outbox?")) {
      const status = new URLSearchParams(url.split("?")[1]).get("status");
      return json(200, { items: [queued, failed, sent].filter((m) => !status || m.status === status) });
    }
    if (/^\/api\/admin\/outbox\/\d+\/retry$/.test(url)) return json(200, { status: "queued" });
    return json(404, { error: { code: "not_found", message: "Not found" } });
  }));
  return calls;
}

function renderWith(node: React.ReactNode, role = "admin") {
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "admin", role } }));
  render(<MemoryRouter><AuthProvider storageKey="gatepass.admin">{node}</AuthProvider></MemoryRouter>);
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the Mail (outbox) page", () => {
  it("shows the counts and the messages; Retry now only on queued and failed, and it posts the retry", async () => {
    const calls = stub(healthy);
    renderWith(<OutboxPage />);
    const row = await screen.findByTestId("message-7");
    expect(within(row).getByText("Ticket issued")).toBeTruthy();
    expect(within(row).getByText("alice@example.com")).toBeTruthy();
    expect((await screen.findByTestId("count-queued")).textContent).toContain("1");
    expect(screen.getByTestId("count-failed").textContent).toContain("1");
    expect(screen.queryByTestId("mail-not-sending")).toBeNull();
    expect(within(screen.getByTestId("message-6")).getByText("connection refused")).toBeTruthy();
    expect(within(screen.getByTestId("message-5")).queryByRole("button", { name: "Retry now" })).toBeNull();
    fireEvent.click(within(screen.getByTestId("message-6")).getByRole("button", { name: "Retry now" }));
    expect(await screen.findByText("Message #6 to alice@example.com will be sent now.")).toBeTruthy();
    expect(calls.some((c) => c.url === "/api/admin/outbox/6/retry" && c.method === "POST")).toBe(true);
  });

  it("filters by status through the API", async () => {
    const calls = stub(healthy);
    renderWith(<OutboxPage />);
    await screen.findByTestId("message-7");
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "failed" } });
    await vi.waitFor(() => expect(screen.queryByTestId("message-7")).toBeNull());
    expect(screen.getByTestId("message-6")).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith("/api/admin/outbox?") && c.url.includes("status=failed"))).toBe(true);
  });

  it("says why nothing is sent: SMTP_URL missing, or MAIL_ENABLED=0", async () => {
    stub({ ...healthy, smtp_configured: false });
    renderWith(<OutboxPage />);
    const banner = (await screen.findByTestId("mail-not-sending")).textContent;
    expect(banner).toContain("Outgoing mail is not set up: see docs/operations.md");
    expect(banner).toContain("no mail server is set (SMTP_URL)");
    cleanup();
    stub({ ...healthy, enabled: false });
    renderWith(<OutboxPage />);
    expect((await screen.findByTestId("mail-not-sending")).textContent).toContain("sending is switched off (MAIL_ENABLED=0)");
  });
});

describe("the dashboard's mail warning", () => {
  it("appears when messages are queued and SMTP is not configured, with a link for admins", async () => {
    stub({ ...healthy, queued: 3, smtp_configured: false });
    renderWith(<MailWarning />);
    const warning = await screen.findByTestId("mail-warning");
    expect(warning.textContent).toContain("3 messages are waiting in the outbox. Outgoing mail is not set up: see docs/operations.md (no mail server is set (SMTP_URL)).");
    expect(within(warning).getByRole("link", { name: "Open Mail" }).getAttribute("href")).toBe("/admin/mail");
  });
  it("stays away when mail goes out, or nothing waits; viewers get no link", async () => {
    const calls = stub(healthy);
    renderWith(<MailWarning />);
    await vi.waitFor(() => expect(calls.length).toBe(1));
    expect(screen.queryByTestId("mail-warning")).toBeNull();
    cleanup();
    stub({ ...healthy, queued: 0, smtp_configured: false });
    renderWith(<MailWarning />);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId("mail-warning")).toBeNull();
    cleanup();
    stub({ ...healthy, queued: 1, smtp_configured: false });
    renderWith(<MailWarning />, "viewer");
    expect((await screen.findByTestId("mail-warning")).textContent).toContain("1 message is waiting");
    expect(screen.queryByRole("link")).toBeNull();
  });
});

describe("resend and revoke on a ticket", () => {
  it("resends (202) and revokes after a confirmation, reporting how many links stopped", async () => {
    const calls = stub(healthy, (url) =>
      url.endsWith("/resend") ? new Response(JSON.stringify({ status: "queued" }), { status: 202 })
        : url.endsWith("/links/revoke") ? new Response(JSON.stringify({ revoked: 2 }), { status: 200 }) : null);
    renderWith(<TicketMailActions serial="HF2026-000001" status="valid" />);
    fireEvent.click(screen.getByRole("button", { name: "Resend ticket" }));
    expect(await screen.findByText("Ticket queued to be mailed again, with a new link.")).toBeTruthy();
    expect(calls.some((c) => c.url === "/api/tickets/HF2026-000001/resend" && c.method === "POST")).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Revoke links" }));
    expect(calls.some((c) => c.url.endsWith("/links/revoke"))).toBe(false);  // not before the confirmation
    fireEvent.click(screen.getByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("2 links revoked: they no longer open the ticket.")).toBeTruthy();
    expect(calls.some((c) => c.url === "/api/tickets/HF2026-000001/links/revoke" && c.method === "POST")).toBe(true);
  });
  it("a voided ticket offers no resend; a server refusal is shown", async () => {
    stub(healthy, (url) => url.endsWith("/links/revoke")
      ? new Response(JSON.stringify({ error: { code: "forbidden", message: "Not allowed" } }), { status: 403 }) : null);
    renderWith(<TicketMailActions serial="HF2026-000002" status="void" />);
    expect(screen.queryByRole("button", { name: "Resend ticket" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Revoke links" }));
    fireEvent.click(screen.getByRole("button", { name: "Revoke" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Not allowed");
  });
});
