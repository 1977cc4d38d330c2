// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { TicketLinkPage, type LinkedTicket } from "./TicketLinkPage";

const TOKEN = "tok_abcdefghijklmnopqrstuvwxyz0123456789";
const ticket: LinkedTicket = { serial: "HF2026-000001", status: "valid", name: "Alice Example", team_name: "Team X", event_id: 1,
  event_name: "HackFest 2026", issued_at: "2026-12-01T09:00:00Z", used_at: null, voided_at: null, ticket_type_id: null, ticket_type: null,
  inside: false, inside_gate: null, price: null, currency: "EUR", holder_username: null, code_id: 1, qr_payload: "GP1:payload-1",
  email: "alice@example.com", ticket_pdf_url: `/api/ticket-links/${TOKEN}/ticket.pdf`,
  event_description: null, locale: "en", venue: null, starts_at: null, ends_at: null, time_zone: "UTC" };

function stub(answer: () => Response | Promise<Response>) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    calls.push(url);
    return answer();
  }));
  return calls;
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

function open() {
  render(
    <MemoryRouter initialEntries={[`/t/${TOKEN}`]}>
      <Routes><Route path="/t/:token" element={<TicketLinkPage />} /></Routes>
    </MemoryRouter>,
  );
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the ticket page behind a mailed link", () => {
  it("says when and where on the event's clock, naming its zone when the phone is elsewhere", async () => {
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const zone = here === "Asia/Tokyo" ? "Europe/Berlin" : "Asia/Tokyo";
    stub(() => json(200, { ...ticket, venue: "Harbour Hall", starts_at: "2026-06-21T09:00:00Z", time_zone: zone }));
    open();
    const when = (await screen.findByTestId("event-when")).textContent ?? "";
    expect(when).toContain(zone === "Asia/Tokyo" ? "06:00 PM" : "11:00 AM");  // 09:00 UTC on the event's clock
    expect(when).toMatch(/GMT\+\d|JST|CEST/);
    expect(when).toContain("Harbour Hall");
  });

  it("shows the event, holder, serial and the QR, with a full-screen view and the PDF", async () => {
    const calls = stub(() => json(200, ticket));
    open();
    const card = await screen.findByTestId("linked-ticket");
    expect(calls).toEqual([`/api/ticket-links/${TOKEN}`]);
    expect(within(card).getByRole("heading", { name: "HackFest 2026" })).toBeTruthy();
    expect(within(card).getByTestId("holder-name").textContent).toBe("Alice Example · Team X");
    expect(within(card).getByTestId("ticket-serial").textContent).toBe("HF2026-000001");
    expect(await within(card).findByRole("img", { name: "Ticket QR code" })).toBeTruthy();
    const pdf = within(card).getByRole("link", { name: "Download PDF" });
    expect(pdf.getAttribute("href")).toBe(`/api/ticket-links/${TOKEN}/ticket.pdf`);
    expect(screen.getByText(/Add to Home Screen/)).toBeTruthy();
    fireEvent.click(within(card).getByRole("button", { name: "Full screen" }));
    const gate = screen.getByRole("dialog", { name: "Ticket for the gate" });
    expect(gate.className).toContain("bg-white");
    expect(within(gate).getByText("HF2026-000001")).toBeTruthy();
    expect(await within(gate).findByRole("img", { name: "Ticket QR code" })).toBeTruthy();
    fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("a revoked or replaced link (404) says the link is no longer valid and forgets the saved copy", async () => {
    localStorage.setItem(`gatepass.ticket-link.${TOKEN}`, JSON.stringify(ticket));
    stub(() => json(404, { error: { code: "not_found", message: "This ticket link is not valid (any more)" } }));
    open();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("This link is no longer valid: the ticket was transferred or the link revoked");
    expect(screen.queryByRole("img")).toBeNull();
    expect(localStorage.getItem(`gatepass.ticket-link.${TOKEN}`)).toBeNull();
  });

  it("with no network it shows the copy saved on the phone", async () => {
    localStorage.setItem(`gatepass.ticket-link.${TOKEN}`, JSON.stringify(ticket));
    stub(() => Promise.reject(new TypeError("Failed to fetch")));
    open();
    expect(await screen.findByText(/Offline or the server is busy: showing the copy saved/)).toBeTruthy();
    expect(await screen.findByRole("img", { name: "Ticket QR code" })).toBeTruthy();
  });

  it("a busy server (429 at a crowded venue) still shows the saved copy", async () => {
    localStorage.setItem(`gatepass.ticket-link.${TOKEN}`, JSON.stringify(ticket));
    stub(() => json(429, { error: { code: "too_many_requests", message: "Too many unknown ticket links from your network" } }));
    open();
    expect(await screen.findByText(/showing the copy saved/)).toBeTruthy();
    expect(await screen.findByRole("img", { name: "Ticket QR code" })).toBeTruthy();
    expect(localStorage.getItem(`gatepass.ticket-link.${TOKEN}`)).not.toBeNull();
  });

  it("a ticket already checked in shows no QR, only its state", async () => {
    stub(() => json(200, { ...ticket, status: "used", used_at: "2026-12-01T10:00:00Z" }));
    open();
    expect((await screen.findByTestId("ticket-state")).textContent).toMatch(/^Checked in/);
    expect(screen.queryByRole("button", { name: "Full screen" })).toBeNull();
    expect(screen.getByRole("link", { name: "Download PDF" })).toBeTruthy();
  });

  it("without a holder session it hints to sign in (and come back); nothing is claimed", async () => {
    const calls = stub(() => json(200, ticket));
    open();
    const hint = await screen.findByTestId("claim-hint");
    expect(hint.textContent).toBe("Sign in to add this ticket to your account.");
    expect(within(hint).getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe(`/my/login?next=${encodeURIComponent(`/t/${TOKEN}`)}`);
    expect(screen.queryByRole("button", { name: "Add to my tickets" })).toBeNull();
    expect(calls).toEqual([`/api/ticket-links/${TOKEN}`]);
  });

  it("a signed-in holder adds the ticket with the holder's token; an unverified account is told to verify first", async () => {
    sessionStorage.setItem("gatepass.holder", JSON.stringify({ token: "htok", user: { id: 9, username: "rita", role: "attendee" } }));
    const seen: { url: string; method: string; auth?: string }[] = [];
    let claim = () => json(403, { error: { code: "email_unverified", message: "verify", fields: {} } });
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      seen.push({ url, method: init?.method ?? "GET", auth: (init?.headers as Record<string, string>)?.Authorization });
      return url.endsWith("/claim") ? claim() : json(200, ticket);
    }));
    open();
    const add = await screen.findByRole("button", { name: "Add to my tickets" });
    fireEvent.click(add);
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Verify your email address first/);
    claim = () => json(200, { ...ticket, holder_username: "rita" });
    fireEvent.click(screen.getByRole("button", { name: "Add to my tickets" }));
    expect((await screen.findByRole("status")).textContent).toMatch(/^This ticket is in your account/);
    expect(seen.filter((c) => c.url.endsWith("/claim"))).toEqual([
      { url: `/api/ticket-links/${TOKEN}/claim`, method: "POST", auth: "Bearer htok" },
      { url: `/api/ticket-links/${TOKEN}/claim`, method: "POST", auth: "Bearer htok" }]);
  });
});
