// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { AuthProvider } from "../../lib/auth";
import type { Registration } from "../../lib/types";
import { RegistrationsPage } from "./RegistrationsPage";

const SERIAL = "EVT2026-000001";
const event = { id: 7, name: "HackFest", slug: "hackfest", venue: null, starts_at: null, ends_at: null, capacity: null,
  serial_prefix: "EVT2026", requires_approval: true, published: true };
const approved: Registration = { id: 12, event_id: 7, name: "Alice", email: "alice@example.com", phone: null, team_name: null,
  members: null, amount: null, status: "approved", decline_reason: null, created_at: "2026-05-01T10:00:00Z",
  decided_at: "2026-05-01T11:00:00Z", attachments: [], ticket: { serial: SERIAL, status: "valid", used_at: null },
  duplicate_of: null, duplicate_count: 1, locale: "en" };

type Call = { url: string; method: string; body: unknown; auth: string | null };
type Answer = { status: number; body: unknown };

// The server as far as this page needs it; `voidAnswer` decides how the void route answers.
function stubServer(voidAnswer: Answer, initialStatus = "valid", extra: Partial<Registration> = {}) {
  const calls: Call[] = [];
  let ticketStatus = initialStatus;
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    const auth = new Headers(init?.headers).get("Authorization");
    calls.push({ url, method, body, auth });
    const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status });
    if (url.startsWith("/api/events")) return json(200, { items: [event], total: 1, limit: 200, offset: 0 });
    if (url.startsWith("/api/admin/registrations")) {
      const reg = { ...approved, ticket: { ...approved.ticket!, status: ticketStatus }, ...extra };
      return json(200, { items: [reg], total: 1, limit: 20, offset: 0 });
    }
    if (url === `/api/admin/approve/${approved.id}`)
      return json(200, { status: "approved", registration_id: approved.id, newly_issued: false,
        ticket: { serial: SERIAL, qr_payload: "x", status: ticketStatus, issued_at: "t0",
          qr_png_url: `/api/tickets/${SERIAL}/qr.png`, qr_svg_url: `/api/tickets/${SERIAL}/qr.svg` } });
    if (url === `/api/admin/tickets/${SERIAL}/void` && method === "POST") {
      if (voidAnswer.status === 200) ticketStatus = "void";
      return json(voidAnswer.status, voidAnswer.body);
    }
    return json(404, { error: { code: "not_found", message: "Not found" } });
  }));
  return calls;
}

function renderPage(canEdit: boolean) {
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: canEdit ? "admin" : "viewer" } }));
  render(<AuthProvider storageKey="gatepass.admin"><RegistrationsPage canEdit={canEdit} /></AuthProvider>);
}

async function openVoidConfirmation() {
  fireEvent.click(await screen.findByRole("button", { name: "Ticket" }));
  fireEvent.click(await screen.findByRole("button", { name: "Void ticket" }));
  return screen.findByRole("dialog", { name: "Void ticket?" });
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("RegistrationsPage tickets", () => {
  it("shows an approved row's ticket serial and status; viewers get no action buttons", async () => {
    stubServer({ status: 200, body: {} });
    renderPage(false);
    const row = await screen.findByTestId(`registration-${approved.id}`);
    expect(within(row).getByText(SERIAL)).toBeTruthy();
    expect(within(row).getByTestId("ticket-status").textContent).toBe("valid");
    expect(within(row).queryAllByRole("button")).toHaveLength(0);
  });

  it("voiding needs a reason, then calls the void route and refreshes the list (void shown in red)", async () => {
    const calls = stubServer({ status: 200, body: { serial: SERIAL, status: "void", name: "Alice", void_reason: "Chargeback" } });
    renderPage(true);
    const dialog = await openVoidConfirmation();
    expect(within(dialog).getByText(SERIAL)).toBeTruthy();

    // No reason: refused here, nothing sent.
    fireEvent.click(within(dialog).getByRole("button", { name: "Void ticket" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe("is required");
    fireEvent.change(within(dialog).getByRole("textbox"), { target: { value: "   " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Void ticket" }));
    expect(await within(dialog).findByText("is required")).toBeTruthy();
    expect(calls.some((c) => c.url.includes("/void"))).toBe(false);

    const listLoads = calls.filter((c) => c.url.startsWith("/api/admin/registrations")).length;
    fireEvent.change(within(dialog).getByRole("textbox"), { target: { value: "  Chargeback " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Void ticket" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());

    const voids = calls.filter((c) => c.url.includes("/void"));
    expect(voids).toEqual([{ url: `/api/admin/tickets/${SERIAL}/void`, method: "POST", body: { reason: "Chargeback" }, auth: "Bearer tok" }]);
    await waitFor(() => expect(calls.filter((c) => c.url.startsWith("/api/admin/registrations")).length).toBeGreaterThan(listLoads));
    const badge = await within(screen.getByTestId(`registration-${approved.id}`)).findByText("void");
    expect(badge.className).toContain("text-red-800");
  });

  it("a server refusal stays in the dialog, with the reason's field error", async () => {
    stubServer({ status: 409, body: { error: { code: "ticket_not_valid", message: "This ticket is void and cannot be voided" } } });
    renderPage(true);
    let dialog = await openVoidConfirmation();
    fireEvent.change(within(dialog).getByRole("textbox"), { target: { value: "Duplicate" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Void ticket" }));
    expect(await within(dialog).findByText("This ticket is void and cannot be voided")).toBeTruthy();
    expect(screen.getByRole("dialog", { name: "Void ticket?" })).toBeTruthy();

    cleanup();
    vi.unstubAllGlobals();
    stubServer({ status: 400, body: { error: { code: "validation", message: "Bad reason", fields: { reason: "must be at most 500 characters" } } } });
    renderPage(true);
    dialog = await openVoidConfirmation();
    fireEvent.change(within(dialog).getByRole("textbox"), { target: { value: "x" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Void ticket" }));
    expect(await within(dialog).findByText("must be at most 500 characters")).toBeTruthy();
    expect(within(dialog).getByRole("textbox").getAttribute("aria-invalid")).toBe("true");
  });

  it("a ticket that is already void offers no Void button", async () => {
    stubServer({ status: 200, body: {} }, "void");
    renderPage(true);
    fireEvent.click(await screen.findByRole("button", { name: "Ticket" }));
    const dialog = await screen.findByRole("dialog", { name: `Ticket ${SERIAL}` });
    expect(within(dialog).getByText("void")).toBeTruthy();
    expect(within(dialog).queryByRole("button", { name: "Void ticket" })).toBeNull();
  });
});

describe("registrations list", () => {
  it("shows the newest filter's answer even when an older answer arrives later", async () => {
    // The first load (status=pending) answers only after the second (all statuses) has.
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      const json = (payload: unknown) => new Response(JSON.stringify(payload), { status: 200 });
      if (url.startsWith("/api/events")) return json({ items: [event], total: 1, limit: 200, offset: 0 });
      if (url.includes("status=pending")) {
        await firstHeld;
        return json({ items: [], total: 0, limit: 20, offset: 0 });
      }
      return json({ items: [approved], total: 1, limit: 20, offset: 0 });
    }));
    renderPage(true);
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "" } });
    await screen.findByRole("row", { name: /Alice/ });
    // Release the late answer and let its promise chain run to the end (microtasks, no clock).
    await act(async () => {
      releaseFirst();
      for (let i = 0; i < 20; i++) await Promise.resolve();
    });
    expect(screen.getByRole("row", { name: /Alice/ })).toBeTruthy();
    expect(screen.queryByText("Nothing here.")).toBeNull();
  });

  it("marks a duplicate registration, naming the first of the same email", async () => {
    stubServer({ status: 200, body: {} }, "valid", { duplicate_of: 3, duplicate_count: 2 });
    renderPage(true);
    const mark = await screen.findByTestId(`duplicate-${approved.id}`);
    expect(mark.textContent).toBe("Duplicate of #3");
    expect(mark.getAttribute("title")).toContain("2 registrations with this email");
  });
});
