// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { AuthProvider } from "../../lib/auth";
import type { HeldTicket } from "../../lib/types";
import { MyTicketsPage } from "./MyTicketsPage";

const mine: HeldTicket = { serial: "SUM-000007", status: "valid", name: "Rita", team_name: null, event_id: 3, event_name: "Summer Concert",
  ticket_type_id: 11, ticket_type: "Standing", price: "19.99", currency: "EUR", holder_username: "rita", code_id: 1,
  issued_at: "t", used_at: null, voided_at: null, inside: false, inside_gate: null, email: "rita@example.com", qr_payload: "GP1:payload-7" };

function stub(claimAnswer: { status: number; body: unknown } = { status: 200, body: mine }) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  let claimed = false;
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    calls.push({ url, method: init?.method ?? "GET", body });
    const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status });
    if (url === "/api/me/tickets") return json(200, { items: claimed ? [mine] : [] });
    if (url === "/api/transfers/pending")
      return json(200, { items: [{ id: 5, serial: "SUM-000009", event_id: 3, event_name: "Summer Concert", status: "pending",
        from_username: "sam", to_username: "rita", to_email: null, notes: "Enjoy", created_at: "t", decided_at: null }] });
    if (url === "/api/me/tickets/claim") {
      if (claimAnswer.status === 200) claimed = true;
      return json(claimAnswer.status, claimAnswer.body);
    }
    if (url === "/api/transfers/5/accept") return json(200, {});
    return json(404, { error: { code: "not_found", message: "Not found" } });
  }));
  return calls;
}

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.holder", JSON.stringify({ token: "htok", user: { id: 9, username: "rita", role: "attendee" } }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = () => render(<AuthProvider storageKey="gatepass.holder"><MyTicketsPage /></AuthProvider>);

describe("my tickets", () => {
  it("claims a pasted code (line breaks dropped), then shows the ticket with its QR and the gate view", async () => {
    const calls = stub();
    renderPage();
    const form = await screen.findByRole("form", { name: "Claim a ticket" });
    fireEvent.change(within(form).getByLabelText("Ticket code"), { target: { value: " GP1:payload-7\n" } });
    fireEvent.click(within(form).getByRole("button", { name: "Claim" }));
    const card = await screen.findByTestId("my-ticket-SUM-000007");
    expect(calls.find((c) => c.url === "/api/me/tickets/claim")?.body).toEqual({ code: "GP1:payload-7" });
    expect(calls.find((c) => c.url === "/api/me/tickets/claim")).toBeTruthy();
    expect(screen.getByText("Ticket SUM-000007 added.")).toBeTruthy();
    expect(within(card).getByText(/Standing · €19.99/)).toBeTruthy();
    fireEvent.click(within(card).getByRole("button", { name: "Show at the gate" }));
    const gate = screen.getByRole("dialog", { name: "Ticket for the gate" });
    expect(gate.className).toContain("bg-white");
    expect(within(gate).getByText("SUM-000007")).toBeTruthy();
    fireEvent.click(within(gate).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("a code another account holds says so", async () => {
    stub({ status: 409, body: { error: { code: "already_claimed", message: "already claimed" } } });
    renderPage();
    const form = await screen.findByRole("form", { name: "Claim a ticket" });
    fireEvent.change(within(form).getByLabelText("Ticket code"), { target: { value: "GP1:x" } });
    fireEvent.click(within(form).getByRole("button", { name: "Claim" }));
    expect((await within(form).findByRole("alert")).textContent).toBe("Someone else already holds this ticket.");
  });

  it("an incoming transfer is accepted with one tap", async () => {
    const calls = stub();
    renderPage();
    const incoming = await screen.findByTestId("incoming-5");
    expect(incoming.textContent).toContain("sam sends you SUM-000009");
    fireEvent.click(within(incoming).getByRole("button", { name: "Accept" }));
    expect(await screen.findByText("Ticket SUM-000009 is yours now.")).toBeTruthy();
    expect(calls.some((c) => c.url === "/api/transfers/5/accept" && c.method === "POST")).toBe(true);
  });
});
