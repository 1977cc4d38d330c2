// @vitest-environment jsdom
// The cards of My tickets: when and where, the chip of a pending refund or transfer (instead of
// Send and Refund) with Cancel, Download PDF, and the saved copy shown with no connection.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { AuthProvider } from "../../lib/auth";
import type { MyTicket } from "../../lib/types";
import { formatTime } from "../../lib/format";
import { LOAD_TIMEOUT_MS, MyTicketsPage } from "./MyTicketsPage";
import { savedTickets, saveTickets } from "./saved-tickets";

const ticket: MyTicket = { serial: "SUM-000007", status: "valid", name: "Rita", team_name: null, event_id: 3, event_name: "Summer Concert",
  ticket_type_id: 11, ticket_type: "Standing", price: "19.99", currency: "EUR", holder_username: "rita", code_id: 1,
  issued_at: "t", used_at: null, voided_at: null, inside: false, inside_gate: null, email: "rita@example.com", qr_payload: "GP1:payload-7",
  venue: "Harbour Hall, Pier 4", starts_at: "2031-06-01T18:30:00.000Z", ends_at: "2031-06-01T23:00:00.000Z", pending_request: null,
  event_description: null, locale: "en", time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
const sentToLeo = { id: 5, kind: "transfer" as const, to_username: "leo.park", to_email: null, created_at: "2031-05-01T10:00:00.000Z", can_cancel: true };
const refundAsked = { id: 8, kind: "refund" as const, to_username: null, to_email: null, created_at: "2031-05-01T10:00:00.000Z", can_cancel: true };

type Handler = (url: string, init?: RequestInit) => Response | Promise<Response>;
function stub(handler: Handler) {
  const calls: { url: string; method: string; auth: string | undefined }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? "GET", auth: (init?.headers as Record<string, string> | undefined)?.Authorization });
    if (url === "/api/transfers/pending") return json(200, { items: [] });
    return handler(url, init);
  }));
  return calls;
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  sessionStorage.setItem("gatepass.holder", JSON.stringify({ token: "htok", user: { id: 9, username: "rita", role: "attendee" } }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const renderPage = () => render(<AuthProvider storageKey="gatepass.holder" persist><MyTicketsPage /></AuthProvider>);

describe("the ticket card", () => {
  it("shows when and where, a map link, Add to calendar and Download PDF", async () => {
    const calls = stub((url) => (url === "/api/me/tickets" ? json(200, { items: [ticket] })
      : url === "/api/tickets/SUM-000007/ticket.pdf" ? new Response("%PDF-1.7", { status: 200 }) : json(404, {})));
    Object.assign(URL, { createObjectURL: vi.fn(() => "blob:pdf"), revokeObjectURL: vi.fn() });  // jsdom has none
    renderPage();
    const card = await screen.findByTestId("my-ticket-SUM-000007");
    expect(within(card).getByTestId("event-when").textContent).toMatch(/2031/);
    expect(within(card).getByTestId("event-venue").textContent).toContain("Harbour Hall, Pier 4");
    expect(within(card).getByRole("link", { name: "Map ↗" }).getAttribute("href"))
      .toBe("https://www.openstreetmap.org/search?query=Harbour%20Hall%2C%20Pier%204");
    expect(within(card).getByRole("button", { name: "Add to calendar" })).toBeTruthy();
    fireEvent.click(within(card).getByRole("button", { name: "Download PDF" }));
    await waitFor(() => expect(calls.find((c) => c.url === "/api/tickets/SUM-000007/ticket.pdf")?.auth).toBe("Bearer htok"));
  });

  it("a pending transfer is a chip with Cancel instead of valid, Send and Refund; Cancel cancels it", async () => {
    let pending: MyTicket["pending_request"] = sentToLeo;
    const calls = stub((url, init) => {
      if (url === "/api/me/tickets") return json(200, { items: [{ ...ticket, pending_request: pending }] });
      if (url === "/api/transfers/5/cancel" && init?.method === "POST") {
        pending = null;
        return json(200, {});
      }
      return json(404, {});
    });
    renderPage();
    const card = await screen.findByTestId("my-ticket-SUM-000007");
    expect(within(card).getByTestId("pending-chip").textContent).toContain("Sent to leo.park — waiting");
    expect(within(card).queryByText("valid")).toBeNull();
    expect(within(card).queryByRole("button", { name: "Send" })).toBeNull();
    expect(within(card).queryByRole("button", { name: "Request refund" })).toBeNull();
    fireEvent.click(within(card).getByRole("button", { name: "Cancel" }));
    expect(await screen.findByText("Transfer of SUM-000007 cancelled: the ticket stays yours.")).toBeTruthy();
    expect(calls.some((c) => c.url === "/api/transfers/5/cancel" && c.method === "POST")).toBe(true);
    await within(card).findByRole("button", { name: "Send" });
    expect(within(card).queryByTestId("pending-chip")).toBeNull();
  });

  it("a pending refund says so; one the box office asked for has no Cancel", async () => {
    stub((url) => (url === "/api/me/tickets" ? json(200, { items: [{ ...ticket, pending_request: refundAsked },
      { ...ticket, serial: "SUM-000008", pending_request: { ...refundAsked, id: 9, can_cancel: false } }] }) : json(404, {})));
    renderPage();
    const mine = await screen.findByTestId("my-ticket-SUM-000007");
    expect(within(mine).getByTestId("pending-chip").textContent).toContain("Refund requested — waiting");
    expect(within(mine).getByRole("button", { name: "Cancel" })).toBeTruthy();
    const theirs = screen.getByTestId("my-ticket-SUM-000008");
    expect(within(theirs).getByTestId("pending-chip").textContent).toContain("Refund requested by the box office — waiting");
    expect(within(theirs).queryByRole("button", { name: "Cancel" })).toBeNull();
  });
});

describe("the saved copy", () => {
  it("each load is saved on the phone; with no connection the saved copy shows, marked, with its QR", async () => {
    stub((url) => (url === "/api/me/tickets" ? json(200, { items: [ticket] }) : json(404, {})));
    renderPage();
    await screen.findByTestId("my-ticket-SUM-000007");
    await waitFor(() => expect(savedTickets(9)?.items.map((t) => t.serial)).toEqual(["SUM-000007"]));
    cleanup();

    saveTickets(9, [ticket], new Date("2031-05-31T20:15:00.000Z"));
    stub(() => Promise.reject(new TypeError("Failed to fetch")));
    renderPage();
    const banner = await screen.findByTestId("saved-copy");
    await within(banner).findByText(`Saved copy from ${formatTime("2031-05-31T20:15:00.000Z")} — no connection`);
    const card = screen.getByTestId("my-ticket-SUM-000007");
    expect(await within(card).findByRole("img", { name: "Ticket QR code" })).toBeTruthy();
    expect(within(card).getByRole("button", { name: "Show at the gate" })).toBeTruthy();
    expect(within(card).queryByRole("button", { name: "Send" })).toBeNull();
    expect(within(card).queryByRole("button", { name: "Download PDF" })).toBeNull();
    expect(screen.queryByRole("form", { name: "Claim a ticket" })).toBeNull();
  });

  it("a load that hangs (weak signal) gives up after the timeout and shows the saved copy", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    saveTickets(9, [ticket], new Date("2031-05-31T20:15:00.000Z"));
    stub((_url, init) => new Promise<Response>((_resolve, reject) =>
      init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))));
    renderPage();
    // At once: the saved copy, while it asks.
    expect((await screen.findByTestId("saved-copy")).textContent).toMatch(/updating/);
    vi.advanceTimersByTime(LOAD_TIMEOUT_MS + 10);
    await within(screen.getByTestId("saved-copy")).findByText(/— no connection$/);
  });

  it("with no connection and nothing saved, it says so", async () => {
    stub(() => Promise.reject(new TypeError("Failed to fetch")));
    renderPage();
    expect((await screen.findByRole("alert")).textContent).toMatch(/No connection, and no saved copy/);
  });
});
