// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { AuthProvider } from "../../lib/auth";
import type { HeldTicket } from "../../lib/types";
import { formatTime } from "../../lib/format";
import { MyTicketsPage } from "./MyTicketsPage";

const mine: HeldTicket = { serial: "SUM-000007", status: "valid", name: "Rita", team_name: null, event_id: 3, event_name: "Summer Concert",
  ticket_type_id: 11, ticket_type: "Standing", price: "19.99", currency: "EUR", holder_username: "rita", code_id: 1,
  issued_at: "t", used_at: null, voided_at: null, inside: false, inside_gate: null, email: "rita@example.com", qr_payload: "GP1:payload-7" };

type Answer = { status: number; body: unknown };
function stub(claimAnswer: Answer = { status: 200, body: mine }, more: Record<string, Answer> = {}, start: "held" | "empty" = "empty") {
  const calls: { url: string; method: string; body: unknown }[] = [];
  let claimed = start === "held";
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
    if (url in more) return json(more[url].status, more[url].body);
    if (url === "/api/transfers/5/accept") return json(200, {});
    return json(404, { error: { code: "not_found", message: "Not found" } });
  }));
  return calls;
}

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();  // no saved copy from another test
  sessionStorage.setItem("gatepass.holder", JSON.stringify({ token: "htok", user: { id: 9, username: "rita", role: "attendee" } }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = () => render(<AuthProvider storageKey="gatepass.holder"><MyTicketsPage /></AuthProvider>);

describe("my tickets", () => {
  it("claims by a typed claim code (normalised), then shows the ticket with its QR and the gate view", async () => {
    const calls = stub();
    renderPage();
    const form = await screen.findByRole("form", { name: "Claim a ticket" });
    fireEvent.change(within(form).getByLabelText("Claim code"), { target: { value: " sum-000007 abcd efgh jklm\n" } });
    fireEvent.click(within(form).getByRole("button", { name: "Claim" }));
    const card = await screen.findByTestId("my-ticket-SUM-000007");
    expect(calls.find((c) => c.url === "/api/me/tickets/claim")?.body).toEqual({ claim_code: "SUM-000007-ABCD-EFGH-JKLM" });
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

  it("a claim code another account holds, an unverified account, a wrong code and the QR text each say so", async () => {
    const claim = async (value: string) => {
      const form = await screen.findByRole("form", { name: "Claim a ticket" });
      fireEvent.change(within(form).getByLabelText("Claim code"), { target: { value } });
      fireEvent.click(within(form).getByRole("button", { name: "Claim" }));
      return (await within(form).findByRole("alert")).textContent;
    };
    const calls = stub({ status: 409, body: { error: { code: "already_claimed", message: "already claimed" } } });
    renderPage();
    expect(await claim("SUM-000007-ABCD-EFGH-JKLM")).toMatch(/^Someone else already holds this ticket/);
    cleanup();
    stub({ status: 403, body: { error: { code: "email_unverified", message: "Verify first" } } });
    renderPage();
    expect(await claim("SUM-000007-ABCD-EFGH-JKLM")).toMatch(/^Verify your email address first/);
    cleanup();
    stub({ status: 404, body: { error: { code: "invalid", message: "No such code" } } });
    renderPage();
    expect(await claim("SUM-000007-ABCD-EFGH-JKLM")).toMatch(/does not match a ticket/);
    cleanup();
    // The QR's own text is not a claim code: nothing is sent.
    const before = calls.length;
    renderPage();
    expect(await claim("GP1:payload-7")).toMatch(/Type the claim code printed beside the QR/);
    expect(calls.slice(before).some((c) => c.url === "/api/me/tickets/claim")).toBe(false);
  });

  it("a leaked QR gets a new code after a confirmation, and the new QR is shown", async () => {
    const fresh = { ...mine, code_id: 2, qr_payload: "GP1:payload-7-new" };
    const calls = stub(undefined, { "/api/me/tickets/SUM-000007/reissue": { status: 200, body: fresh } }, "held");
    renderPage();
    const card = await screen.findByTestId("my-ticket-SUM-000007");
    fireEvent.click(within(card).getByRole("button", { name: "My QR leaked — get a new code" }));
    const ask = screen.getByRole("dialog", { name: "Get a new code?" });
    expect(calls.some((c) => c.url.endsWith("/reissue"))).toBe(false);  // nothing before the confirmation
    fireEvent.change(within(ask).getByLabelText("What happened? (optional)"), { target: { value: "Posted it online" } });
    fireEvent.click(within(ask).getByRole("button", { name: "Get a new code" }));
    const done = await screen.findByRole("dialog", { name: "Your new code" });
    expect(await within(done).findByRole("img", { name: "Ticket QR code" })).toBeTruthy();
    expect(calls.find((c) => c.url === "/api/me/tickets/SUM-000007/reissue")).toMatchObject({ method: "POST", body: { reason: "Posted it online" } });
  });

  it("a transfer in the cooling-off time shows the server's message with its end", async () => {
    stub(undefined, { "/api/transfers": { status: 409, body: { error: { code: "cooling_off", message: "It can be transferred from 2026-07-02 18:00 UTC." } } } }, "held");
    renderPage();
    fireEvent.click(within(await screen.findByTestId("my-ticket-SUM-000007")).getByRole("button", { name: "Send" }));
    const dialog = screen.getByRole("dialog", { name: "Send this ticket" });
    fireEvent.change(within(dialog).getByLabelText("Recipient (username or email)"), { target: { value: "sam" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Send ticket" }));
    expect((await within(dialog).findByRole("alert")).textContent).toMatch(/only recently.*It can be transferred from 2026-07-02 18:00 UTC\./);
  });

  it("a transfer in the cooling-off time says when it ends as a local time, not the server's ISO text", async () => {
    const message = "This ticket was claimed recently; it can be sent on from 2026-12-05T21:42:09.057Z (or ask the organiser)";
    stub(undefined, { "/api/transfers": { status: 409, body: { error: { code: "cooling_off", message, fields: {} } } } }, "held");
    renderPage();
    fireEvent.click(within(await screen.findByTestId("my-ticket-SUM-000007")).getByRole("button", { name: "Send" }));
    const dialog = screen.getByRole("dialog", { name: "Send this ticket" });
    fireEvent.change(within(dialog).getByLabelText("Recipient (username or email)"), { target: { value: "sam" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Send ticket" }));
    const text = (await within(dialog).findByRole("alert")).textContent ?? "";
    expect(text).toContain(`You can send it from ${formatTime("2026-12-05T21:42:09.057Z")}, or ask the organiser to allow it sooner.`);
    expect(text).not.toContain("2026-12-05T21");
  });

  it("a refund request says the server decides the amount, sends no amount, and explains refund_closed", async () => {
    const calls = stub(undefined, { "/api/refunds": { status: 409, body: { error: { code: "refund_closed", message: "closed" } } } }, "held");
    renderPage();
    fireEvent.click(within(await screen.findByTestId("my-ticket-SUM-000007")).getByRole("button", { name: "Request refund" }));
    const dialog = screen.getByRole("dialog", { name: "Request a refund" });
    expect(within(dialog).getByTestId("refundable").textContent).toMatch(/refunds what was paid for this ticket, minus any earlier refund/);
    expect(within(dialog).queryByLabelText(/amount/i)).toBeNull();
    fireEvent.change(within(dialog).getByLabelText("Reason"), { target: { value: "Cannot come" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Request refund" }));
    expect((await within(dialog).findByRole("alert")).textContent).toMatch(/Refunds for this ticket are closed/);
    expect(calls.find((c) => c.url === "/api/refunds")?.body).toEqual({ serial: "SUM-000007", reason: "Cannot come" });
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
