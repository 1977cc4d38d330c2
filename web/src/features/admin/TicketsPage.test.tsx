// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import type { Ticket } from "../../lib/types";
import { TicketsPage } from "./TicketsPage";

const event = { id: 3, name: "Summer Concert", slug: "summer", venue: null, starts_at: null, ends_at: null, capacity: null,
  serial_prefix: "SUM", requires_approval: false, published: true, currency: "EUR" };
const unsold: Ticket = { serial: "SUM-000004", status: "created", name: "", team_name: null, event_id: 3, event_name: "Summer Concert",
  ticket_type_id: 11, ticket_type: "Standing", price: "25.50", currency: "EUR", holder_username: null, code_id: 1, issued_at: "t", used_at: null,
  voided_at: null, inside: false, inside_gate: null, email: "", void_reason: null, purchaser_name: "", purchaser_email: "" };

function stub() {
  const calls: { url: string; method: string; body: unknown }[] = [];
  let status = "created";
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    calls.push({ url, method, body });
    const json = (code: number, payload: unknown) => new Response(JSON.stringify(payload), { status: code });
    if (url.startsWith("/api/events?")) return json(200, { items: [event], total: 1, limit: 200, offset: 0 });
    if (url === "/api/events/3/ticket-types") return json(200, { items: [{ id: 11, event_id: 3, name: "Standing", price: "25.50", currency: "EUR", quota: null, generated: 1000, sold: 3, available: 997 }] });
    if (url.startsWith("/api/events/3/tickets?")) return json(200, { items: [{ ...unsold, status }], total: 997 });
    if (url === "/api/tickets/SUM-000004") return json(200, { ...unsold, status, name: status === "valid" ? "Walk-in" : "" });
    if (url === "/api/tickets/SUM-000004/history")
      return json(200, { items: status === "valid" ? [{ id: 1, action: "sold", actor: "root", at: "t", from_holder: null, to_holder: null, old_code_id: null, new_code_id: null, details: {} }] : [] });
    if (url === "/api/tickets/SUM-000004/sell" && method === "POST") {
      status = "valid";
      return json(200, { id: 1, tickets: [{ ...unsold, status }] });
    }
    return json(404, { error: { code: "not_found", message: "Not found" } });
  }));
  return calls;
}

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "admin" } }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = (canEdit = true) => render(<MemoryRouter initialEntries={["/admin/tickets?event=3"]}>
  <AuthProvider storageKey="gatepass.admin"><TicketsPage canEdit={canEdit} /></AuthProvider></MemoryRouter>);

describe("tickets list", () => {
  it("sends the filters (state, type, search) and starts again at the first page", async () => {
    const calls = stub();
    renderPage();
    await screen.findByText("1–20 of 997");
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(calls.some((c) => c.url.includes("offset=20"))).toBe(true));
    await screen.findByRole("option", { name: "Standing" });
    fireEvent.change(screen.getByLabelText("State"), { target: { value: "created" } });
    fireEvent.change(screen.getByLabelText("Ticket type"), { target: { value: "11" } });
    fireEvent.change(screen.getByLabelText("Search tickets"), { target: { value: "SUM-0000" } });
    await waitFor(() => {
      const last = new URL(calls.filter((c) => c.url.startsWith("/api/events/3/tickets?")).at(-1)!.url, "http://x");
      expect(Object.fromEntries(last.searchParams)).toEqual({ limit: "20", offset: "0", status: "created", ticket_type_id: "11", q: "SUM-0000" });
    });
  });

  it("an unsold ticket is sold from its details; the history and state follow", async () => {
    const calls = stub();
    renderPage();
    const row = await screen.findByTestId("ticket-SUM-000004");
    expect(within(row).getByText("not sold")).toBeTruthy();
    expect(within(row).getByText("€25.50")).toBeTruthy();
    fireEvent.click(within(row).getByRole("button", { name: "Details" }));
    const dialog = await screen.findByRole("dialog", { name: "Ticket SUM-000004" });
    expect(await within(dialog).findByText("No history.")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Sell" }));
    fireEvent.change(within(dialog).getByLabelText("Buyer name"), { target: { value: "Walk-in" } });
    fireEvent.change(within(dialog).getByLabelText("Buyer email"), { target: { value: "w@example.com" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Sell ticket" }));
    expect(await within(dialog).findByText("Sold")).toBeTruthy();
    expect(within(dialog).getByTestId("ticket-status").textContent).toBe("valid");
    // The price is the type's (not sent again); no holder account was named.
    expect(calls.find((c) => c.url.endsWith("/sell"))?.body).toEqual({ buyer_name: "Walk-in", buyer_email: "w@example.com" });
  });

  it("viewers see details without Sell or Void", async () => {
    stub();
    renderPage(false);
    fireEvent.click(within(await screen.findByTestId("ticket-SUM-000004")).getByRole("button", { name: "Details" }));
    const dialog = await screen.findByRole("dialog", { name: "Ticket SUM-000004" });
    await within(dialog).findByText("No history.");
    expect(within(dialog).queryByRole("button", { name: "Sell" })).toBeNull();
    expect(within(dialog).queryByRole("button", { name: "Void" })).toBeNull();
  });

  it("a valid ticket shows its purchaser beside the holder; an admin re-issues its code and lifts the cooling-off, each with a reason", async () => {
    const held = { ...unsold, status: "valid", name: "Rita Holder", email: "rita@example.com", holder_username: "rita",
      purchaser_name: "Bob Buyer", purchaser_email: "bob@example.com" };
    const posts: { url: string; body: unknown }[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      const json = (code: number, payload: unknown) => new Response(JSON.stringify(payload), { status: code });
      if (init?.method === "POST") {
        posts.push({ url, body: JSON.parse(String(init.body)) });
        return json(200, { ...held, code_id: 2 });
      }
      if (url.startsWith("/api/events?")) return json(200, { items: [event], total: 1, limit: 200, offset: 0 });
      if (url === "/api/events/3/ticket-types") return json(200, { items: [] });
      if (url.startsWith("/api/events/3/tickets?")) return json(200, { items: [held], total: 1 });
      if (url === "/api/tickets/SUM-000004") return json(200, held);
      if (url === "/api/tickets/SUM-000004/history") return json(200, { items: [] });
      return json(200, { items: [] });
    }));
    renderPage();
    fireEvent.click(within(await screen.findByTestId("ticket-SUM-000004")).getByRole("button", { name: "Details" }));
    const dialog = await screen.findByRole("dialog", { name: "Ticket SUM-000004" });
    expect((await within(dialog).findByTestId("ticket-purchaser")).textContent).toBe("Bob Buyer · bob@example.com");
    fireEvent.click(within(dialog).getByRole("button", { name: "Re-issue code" }));
    const reissue = within(dialog).getByRole("form", { name: "Re-issue code" });
    fireEvent.click(within(reissue).getByRole("button", { name: "Re-issue code" }));
    expect(within(reissue).getByRole("alert").textContent).toBe("A reason is required.");
    fireEvent.change(within(reissue).getByLabelText(/Why a new code/), { target: { value: "QR posted online" } });
    fireEvent.click(within(reissue).getByRole("button", { name: "Re-issue code" }));
    expect((await within(dialog).findByRole("status")).textContent).toMatch(/^New code issued/);
    fireEvent.click(within(dialog).getByRole("button", { name: "Allow transfer now" }));
    const allow = within(dialog).getByRole("form", { name: "Allow transfer" });
    fireEvent.change(within(allow).getByLabelText(/Reason/), { target: { value: "Buyer's friend, checked by phone" } });
    fireEvent.click(within(allow).getByRole("button", { name: "Allow transfer" }));
    expect((await within(dialog).findByText(/may offer this ticket for transfer now/))).toBeTruthy();
    expect(posts).toEqual([
      { url: "/api/admin/tickets/SUM-000004/reissue", body: { reason: "QR posted online" } },
      { url: "/api/admin/tickets/SUM-000004/allow-transfer", body: { reason: "Buyer's friend, checked by phone" } },
    ]);
    cleanup();
    renderPage(false);
    fireEvent.click(within(await screen.findByTestId("ticket-SUM-000004")).getByRole("button", { name: "Details" }));
    const readOnly = await screen.findByRole("dialog", { name: "Ticket SUM-000004" });
    await within(readOnly).findByTestId("ticket-purchaser");
    expect(within(readOnly).queryByRole("button", { name: "Re-issue code" })).toBeNull();
    expect(within(readOnly).queryByRole("button", { name: "Allow transfer now" })).toBeNull();
  });

  it("a sold ticket no account holds shows its claim code, copied with one click; a held one shows none", async () => {
    const sold = { ...unsold, status: "valid", name: "Rita Buyer", email: "rita@example.com", purchaser_name: "Rita Buyer",
      purchaser_email: "rita@example.com", claim_code: "SUM-000004-ABCD-EFGH-JKLM" };
    let holder: string | null = null;
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      const json = (code: number, payload: unknown) => new Response(JSON.stringify(payload), { status: code });
      if (url.startsWith("/api/events?")) return json(200, { items: [event], total: 1, limit: 200, offset: 0 });
      if (url === "/api/events/3/ticket-types") return json(200, { items: [] });
      if (url.startsWith("/api/events/3/tickets?")) return json(200, { items: [sold], total: 1 });
      // The server sends claim_code only while no account holds the ticket (null then).
      if (url === "/api/tickets/SUM-000004") return json(200, holder ? { ...sold, holder_username: holder, claim_code: null } : sold);
      return json(200, { items: [] });
    }));
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    renderPage();
    fireEvent.click(within(await screen.findByTestId("ticket-SUM-000004")).getByRole("button", { name: "Details" }));
    let dialog = await screen.findByRole("dialog", { name: "Ticket SUM-000004" });
    expect((await within(dialog).findByTestId("claim-code")).textContent).toBe("SUM-000004-ABCD-EFGH-JKLM");
    expect(within(dialog).getByText("Claim code")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Copy the claim code" }));
    expect((await within(dialog).findByRole("status")).textContent).toBe("Copied.");
    expect(writeText).toHaveBeenCalledWith("SUM-000004-ABCD-EFGH-JKLM");
    cleanup();
    holder = "rita";
    renderPage();
    fireEvent.click(within(await screen.findByTestId("ticket-SUM-000004")).getByRole("button", { name: "Details" }));
    dialog = await screen.findByRole("dialog", { name: "Ticket SUM-000004" });
    await within(dialog).findByText("rita");
    expect(within(dialog).queryByText("Claim code")).toBeNull();
    expect(within(dialog).queryByRole("button", { name: "Copy the claim code" })).toBeNull();
  });
});
