// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { AuthProvider } from "../../lib/auth";
import { RefundsPage } from "./RefundsPage";

const refund = { id: 4, serial: "SUM-000007", event_id: 3, event_name: "Summer Concert", status: "approved", reason: "Cannot come",
  amount: "30.00", requested_by: "rita", requested_at: "t", decided_by: "root", decided_at: "t", notes: null, completed_at: null,
  refunded_amount: null, sale_id: 12, price_paid: "25.50", refundable: "20.50", currency: "EUR", buyer_name: "Bob Buyer", buyer_email: "bob@example.com",
  purchaser_name: "Bob Buyer", purchaser_email: "bob@example.com" };

function stub(complete: (body: Record<string, unknown>) => [number, unknown]) {
  const bodies: unknown[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status });
    if (url.startsWith("/api/refunds?")) return json(200, { items: [refund], total: 1, limit: 50, offset: 0 });
    if (url === "/api/refunds/4/complete") {
      const body = JSON.parse(String(init?.body));
      bodies.push(body);
      return json(...complete(body));
    }
    return json(404, { error: { code: "not_found", message: "Not found", fields: {} } });
  }));
  return bodies;
}

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "admin" } }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openComplete() {
  render(<AuthProvider storageKey="gatepass.admin"><RefundsPage canEdit /></AuthProvider>);
  const card = await screen.findByTestId("refund-4");
  return card;
}

describe("admin refunds", () => {
  it("show what was paid, what is refundable, the sale, the buyer and the purchaser", async () => {
    stub(() => [200, refund]);
    const card = await openComplete();
    const money = within(card).getByTestId("refund-money").textContent;
    for (const part of ["Paid€25.50", "Refundable€20.50", "Sale#12", "BuyerBob Buyer · bob@example.com", "PurchaserBob Buyer · bob@example.com"])
      expect(money).toContain(part);
  });

  it("completing starts at the refundable amount; more asks for an override reason, sent with it", async () => {
    const bodies = stub(() => [200, { ...refund, status: "completed" }]);
    const card = await openComplete();
    fireEvent.click(within(card).getByRole("button", { name: "Mark money returned" }));
    const dialog = screen.getByRole("dialog", { name: "Money returned?" });
    const amount = within(dialog).getByLabelText("Amount returned") as HTMLInputElement;
    expect(amount.value).toBe("20.50");  // not the 30.00 the holder asked for
    expect(within(dialog).queryByLabelText(/Why more than the refundable amount/)).toBeNull();
    fireEvent.change(amount, { target: { value: "30" } });
    const why = within(dialog).getByLabelText(/Why more than the refundable amount/);
    fireEvent.click(within(dialog).getByRole("button", { name: "Complete refund" }));
    expect(within(dialog).getByText(/^is required: 30.00 is more than the refundable 20.50/)).toBeTruthy();
    expect(bodies).toHaveLength(0);
    fireEvent.change(why, { target: { value: "Goodwill" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Complete refund" }));
    await screen.findByTestId("refund-4");
    await vi.waitFor(() => expect(bodies).toEqual([{ amount: "30.00", override_reason: "Goodwill" }]));
  });

  it("422 amount_too_large is shown next to the amount", async () => {
    stub(() => [422, { error: { code: "amount_too_large", message: "At most 20.50 can be refunded", fields: { amount: "too large" } } }]);
    const card = await openComplete();
    fireEvent.click(within(card).getByRole("button", { name: "Mark money returned" }));
    const dialog = screen.getByRole("dialog", { name: "Money returned?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Complete refund" }));
    const error = await within(dialog).findByText("At most 20.50 can be refunded");
    expect(error.id).toBe("refund_amount-error");
  });
});
