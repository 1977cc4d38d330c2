// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import { PrivacyPage } from "./PrivacyPage";

const request = { id: 4, user_id: 9, username: "zoe-p", email: "zoe@example.com", email_verified: true, status: "pending",
  requested_at: "2026-12-01T09:00:00Z", decided_at: null, decided_by: null };
const counts = { accounts: 1, registrations: 1, attachments: 0, tickets: 2, ticket_history: 3, scans: 0, sales: 0, refunds: 0,
  transfers: 0, mail: 4, audit_entries: 5, jobs: 0 };
let sent: { url: string; method: string; body: unknown }[] = [];

beforeEach(() => {
  sent = [];
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "admin" } }));
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) as { dry_run?: boolean } : null;
    if (method !== "GET") sent.push({ url, method, body });
    const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status });
    if (url.startsWith("/api/admin/privacy/requests?")) return json(200, { items: [request], total: 1, limit: 200, offset: 0 });
    if (url === "/api/admin/privacy/requests/4/confirm") return json(200, { subject: "s", dry_run: false, erased: counts });
    if (url === "/api/admin/privacy/erase") {
      if (!body || !("email" in body) || !(body as { email: string }).email)
        return json(400, { error: { code: "validation", message: "An email address is required", fields: { email: "is required" } } });
      return json(200, { subject: "s", dry_run: !!body.dry_run, erased: counts });
    }
    return json(404, { error: { code: "not_found", message: "Not found", fields: {} } });
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = () => render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><PrivacyPage /></AuthProvider></MemoryRouter>);

describe("the Privacy page", () => {
  it("lists holders' requests and erases one when the admin confirms", async () => {
    vi.stubGlobal("confirm", vi.fn(() => true));
    renderPage();
    const row = await screen.findByTestId("erase-request-4");
    expect(row.textContent).toContain("zoe-p");
    fireEvent.click(within(row).getByRole("button", { name: "Erase" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "Erased: 1 holder accounts, 1 registrations, 2 tickets, 3 ticket history entries, 4 mails, 5 audit log entries.");
    expect(sent).toEqual([{ url: "/api/admin/privacy/requests/4/confirm", method: "POST", body: null }]);
  });

  it("shows a dry run's counts before erasing an address, with a reason", async () => {
    renderPage();
    fireEvent.change(screen.getByLabelText("Email address"), { target: { value: " zoe@example.com " } });
    fireEvent.click(screen.getByRole("button", { name: "Erase…" }));
    const dialog = await screen.findByRole("dialog", { name: "Erase zoe@example.com?" });
    expect(within(dialog).getByTestId("erase-plan").textContent).toContain("2 tickets");
    expect(sent).toEqual([{ url: "/api/admin/privacy/erase", method: "POST", body: { email: "zoe@example.com", dry_run: true } }]);
    fireEvent.change(within(dialog).getByLabelText("Reason (for the audit log)"), { target: { value: "asked by mail" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Erase" }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1].body).toEqual({ email: "zoe@example.com", reason: "asked by mail" });
    expect((await screen.findByRole("status")).textContent).toContain("Erased: 1 holder accounts");
  });

  it("names the field the server refused", async () => {
    renderPage();
    fireEvent.click(screen.getByRole("button", { name: "Erase…" }));
    expect((await screen.findByText("is required")).id).toBe("privacy-email-error");
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
