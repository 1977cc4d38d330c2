// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import type { TicketType } from "../../lib/types";
import { BoxOfficePage } from "./BoxOfficePage";

const event = { id: 3, name: "Summer Concert", slug: "summer", venue: null, starts_at: null, ends_at: null, capacity: null,
  serial_prefix: "SUM", requires_approval: false, published: true, currency: "EUR" };
const standing: TicketType = { id: 11, event_id: 3, name: "Standing", price: "19.99", currency: "EUR", quota: 100, generated: 100, sold: 99, available: 1 };

function stub(sellAnswer: { status: number; body: unknown }) {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, body: typeof init?.body === "string" ? JSON.parse(init.body) : null });
    const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status });
    if (url.startsWith("/api/events?")) return json(200, { items: [event], total: 1, limit: 200, offset: 0 });
    if (url === "/api/events/3/ticket-types") return json(200, { items: [standing] });
    if (url === "/api/events/3/sell") return json(sellAnswer.status, sellAnswer.body);
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

function renderPage() {
  render(<MemoryRouter initialEntries={["/admin/box-office?event=3"]}>
    <AuthProvider storageKey="gatepass.admin"><BoxOfficePage canEdit /></AuthProvider></MemoryRouter>);
}

async function sell(quantity: string) {
  const form = await screen.findByRole("form", { name: "Sell tickets" });
  fireEvent.change(within(form).getByLabelText("Buyer name"), { target: { value: "Rita" } });
  fireEvent.change(within(form).getByLabelText("Buyer email"), { target: { value: "rita@example.com" } });
  fireEvent.change(within(form).getByLabelText("Quantity"), { target: { value: quantity } });
  expect(within(form).getByText(`Total €${quantity === "3" ? "59.97" : "19.99"}`)).toBeTruthy();
  fireEvent.click(within(form).getByRole("button", { name: "Sell" }));
  return form;
}

describe("box office", () => {
  it("shows ticket types with exact prices and counts", async () => {
    stub({ status: 201, body: {} });
    renderPage();
    const card = await screen.findByTestId("ticket-type-11");
    expect(within(card).getByText("€19.99")).toBeTruthy();
    expect(within(card).getByTestId("available-11").textContent).toBe("1");
  });

  it("a sale lists the sold serials", async () => {
    const calls = stub({ status: 201, body: { id: 1, event_id: 3, ticket_type_id: 11, buyer_name: "Rita", buyer_email: "rita@example.com",
      quantity: 1, unit_price: "19.99", total: "19.99", currency: "EUR", seller: "root", sold_at: "t", tickets: [{ serial: "SUM-000100" }] } });
    renderPage();
    const form = await sell("1");
    expect((await within(form).findByTestId("sold-serial")).textContent).toBe("SUM-000100");
    expect(calls.find((c) => c.url === "/api/events/3/sell")?.body).toEqual(
      { ticket_type_id: 11, buyer_name: "Rita", buyer_email: "rita@example.com", quantity: 1 });
  });

  it("409 sold_out is a plain SOLD OUT alert, and nothing is shown as sold", async () => {
    stub({ status: 409, body: { error: { code: "sold_out", message: "Only 1 Standing ticket is left" } } });
    renderPage();
    const form = await sell("3");
    const alert = await within(form).findByTestId("sold-out");
    expect(alert.textContent).toContain("SOLD OUT");
    expect(alert.textContent).toContain("Only 1 Standing ticket is left");
    expect(within(form).queryByTestId("sale-result")).toBeNull();
  });
});
