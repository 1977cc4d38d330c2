// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import type { ReactNode } from "react";
import { AuthProvider } from "../../../lib/auth";
import type { OutboxMessage, TicketType } from "../../../lib/types";
import { canHandOver, PrintAll, TicketHandover, type HandoverTicket } from "./TicketHandover";
import { EditTicketType, ticketTypePatch } from "./TicketTypesEditor";
import { OutboxActions, offersTicket } from "./OutboxActions";
import { SalesPage } from "./SalesPage";

const event = { id: 3, name: "Harbour Concert", slug: "harbour", venue: "Pier 4", starts_at: "2026-08-01T19:00:00Z", ends_at: null,
  capacity: null, serial_prefix: "HC", requires_approval: false, published: true, currency: "EUR" };
const ticket = (serial: string, status = "valid"): HandoverTicket =>
  ({ serial, status, name: "Bea Buyer", email: "bea@example.com", team_name: null, event_name: "Harbour Concert",
    ticket_type: "Standing" }) as HandoverTicket;

type Call = { url: string; method: string; body: unknown };
function stub(answer: (url: string, method: string) => Response | null = () => null) {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    calls.push({ url, method, body: typeof init?.body === "string" ? JSON.parse(init.body) : null });
    const own = answer(url, method);
    if (own) return own;
    // The QR pictures come from the server (staff views of a ticket carry no code).
    const qr = /^\/api\/tickets\/([^/]+)\/qr\.png\?scale=10$/.exec(url);
    if (qr) return new Response(`png of ${qr[1]}`, { status: 200, headers: { "Content-Type": "image/png" } });
    return new Response(JSON.stringify({ error: { code: "not_found", message: "Not found" } }), { status: 404 });
  }));
  return calls;
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

function renderAdmin(node: ReactNode, entry = "/") {
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "admin" } }));
  render(<MemoryRouter initialEntries={[entry]}><AuthProvider storageKey="gatepass.admin">{node}</AuthProvider></MemoryRouter>);
}

beforeEach(() => {
  sessionStorage.clear();
  vi.stubGlobal("print", vi.fn());
  let n = 0;
  URL.createObjectURL = vi.fn(() => `blob:qr-${++n}`);
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("handing a ticket over", () => {
  it("offers print, PDF, QR and mail for a sold ticket; no mail for a used one; nothing for void, refunded or unsold", () => {
    stub();
    renderAdmin(<>
      <TicketHandover ticket={ticket("HC-1")} event={event} />
      <TicketHandover ticket={ticket("HC-2", "used")} event={event} />
      <TicketHandover ticket={ticket("HC-3", "void")} event={event} />
      <TicketHandover ticket={ticket("HC-4", "refunded")} event={event} />
      <TicketHandover ticket={ticket("HC-5", "created")} event={event} />
    </>);
    const names = (serial: string) => within(screen.getByTestId(`handover-${serial}`)).getAllByRole("button").map((b) => b.textContent);
    expect(names("HC-1")).toEqual(["Print ticket", "Download PDF", "Show QR", "Email again"]);
    expect(names("HC-2")).toEqual(["Print ticket", "Download PDF", "Show QR"]);
    for (const s of ["HC-3", "HC-4", "HC-5"]) expect(screen.queryByTestId(`handover-${s}`)).toBeNull();
    expect(["valid", "used"].every(canHandOver) && !["void", "refunded", "created"].some(canHandOver)).toBe(true);
  });

  it("Print ticket shows the full ticket (event, date, venue, holder, type, QR) and opens the print dialog", async () => {
    const calls = stub();
    renderAdmin(<TicketHandover ticket={ticket("HC-1")} event={event} />);
    fireEvent.click(screen.getByRole("button", { name: "Print ticket" }));
    const view = await screen.findByRole("dialog", { name: "Print ticket HC-1" });
    expect(within(view).getByTestId("printed-event").textContent).toBe("Harbour Concert");
    expect(within(view).getByTestId("printed-date").textContent).toContain("2026");
    expect(within(view).getByTestId("printed-venue").textContent).toBe("Pier 4");
    expect(within(view).getByTestId("printed-holder").textContent).toBe("Bea Buyer");
    expect(within(view).getByTestId("printed-type").textContent).toBe("Standing");
    expect((await within(view).findByRole("img", { name: "QR code of ticket HC-1" })).getAttribute("src")).toMatch(/^blob:qr-/);
    await vi.waitFor(() => expect(window.print).toHaveBeenCalledTimes(1));
    // The picture is the server's, for this ticket.
    expect(calls.some((c) => c.url === "/api/tickets/HC-1/qr.png?scale=10")).toBe(true);
    fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.queryByTestId("print-view")).toBeNull();
  });

  it("Print all N prints every ticket of the sale, one a page; a single ticket has no Print all", async () => {
    stub();
    renderAdmin(<PrintAll tickets={[ticket("HC-1"), ticket("HC-2"), ticket("HC-3"), ticket("HC-9", "void")]} event={event} />);
    fireEvent.click(screen.getByRole("button", { name: "Print all 3" }));
    const printed = await screen.findAllByTestId("printed-ticket");
    // The print dialog waits for every QR picture.
    await vi.waitFor(() => expect(window.print).toHaveBeenCalledTimes(1));
    expect(screen.getAllByRole("img")).toHaveLength(3);
    expect(printed.map((p) => within(p).getByTestId("printed-serial").textContent)).toEqual(["HC-1", "HC-2", "HC-3"]);
    expect(printed[0].className).toContain("break-after-page");
    expect(printed[2].className).not.toContain("break-after-page");
    cleanup();
    renderAdmin(<PrintAll tickets={[ticket("HC-1")]} event={event} />);
    expect(screen.queryByRole("button", { name: /Print all/ })).toBeNull();
  });

  it("Show QR covers the screen for the buyer's camera; Escape closes it", async () => {
    stub();
    renderAdmin(<TicketHandover ticket={ticket("HC-1")} event={event} />);
    fireEvent.click(screen.getByRole("button", { name: "Show QR" }));
    const overlay = await screen.findByRole("dialog", { name: "QR code of ticket HC-1" });
    const img = await within(overlay).findByRole("img", { name: "QR code of ticket HC-1" });
    expect(Number(img.getAttribute("width"))).toBeGreaterThanOrEqual(200);
    fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("Email again queues the ticket mail; Copy ticket link asks for a fresh link and names it", async () => {
    const calls = stub((url, method) => {
      if (url === "/api/tickets/HC-1/resend" && method === "POST") return json(202, { status: "queued" });
      if (url === "/api/tickets/HC-1/links" && method === "POST")
        return json(201, { serial: "HC-1", url: "https://t.example.org/t/abc", path: "/t/abc", expires_at: null });
      return null;
    });
    renderAdmin(<TicketHandover ticket={ticket("HC-1")} event={event} links />);
    fireEvent.click(screen.getByRole("button", { name: "Email again" }));
    expect((await screen.findByRole("status")).textContent).toContain("bea@example.com");
    fireEvent.click(screen.getByRole("button", { name: "Copy ticket link" }));
    await vi.waitFor(() => expect(screen.getByRole("status").textContent).toContain("https://t.example.org/t/abc"));
    expect(calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual(["/api/tickets/HC-1/resend", "/api/tickets/HC-1/links"]);
  });
});

describe("editing a ticket type", () => {
  const standing: TicketType = { id: 11, event_id: 3, name: "Standing", price: "19.99", currency: "EUR", quota: 100, generated: 40, sold: 10, available: 30 };
  it("sends only what changed; an empty quota is no quota", () => {
    expect(ticketTypePatch(standing, { name: "Standing", price: "19.99", quota: "100" })).toEqual({});
    expect(ticketTypePatch(standing, { name: " Floor ", price: "19.99", quota: "" })).toEqual({ name: "Floor", quota: null });
    expect(ticketTypePatch(standing, { name: "Standing", price: "21", quota: "120" })).toEqual({ price: "21", quota: 120 });
  });
  it("sends the names per language when one changed, with the default language's name", async () => {
    const named = { ...standing, name_i18n: { de: "Stehplatz", en: "Standing", fr: "Debout" } };
    const same = { name: "Stehplatz", price: "19.99", quota: "100", names: { en: "Standing", de: "", fr: "Debout", es: "" } };
    expect(ticketTypePatch({ ...named, name: "Stehplatz" }, same, "de")).toEqual({});
    expect(ticketTypePatch({ ...named, name: "Stehplatz" }, { ...same, names: { ...same.names, es: "De pie" } }, "de"))
      .toEqual({ name_i18n: { de: "Stehplatz", en: "Standing", fr: "Debout", es: "De pie" } });
    // In the dialog: a field per other language; the server's entry error shows at its field.
    stub((url, method) => url === "/api/ticket-types/11" && method === "PATCH"
      ? json(422, { error: { code: "invalid_translation", message: "Some translations are invalid", fields: { "name_i18n.fr": "at most 100 characters" } } }) : null);
    renderAdmin(<EditTicketType type={{ ...named, name: "Stehplatz" }} defaultLocale="de" onClose={() => undefined} onSaved={() => undefined} />);
    expect(screen.queryByLabelText("Name in German")).toBeNull();
    fireEvent.change(screen.getByLabelText("Name in French"), { target: { value: "Debout !" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByText("at most 100 characters")).id).toBe("edit_name_i18n.fr-error");
  });
  it("shows the server's field errors at the fields", async () => {
    const calls = stub((url, method) => url === "/api/ticket-types/11" && method === "PATCH"
      ? json(400, { error: { code: "validation", message: "Bad ticket type", fields: { price: "must have at most 2 decimals" } } }) : null);
    const saved = vi.fn();
    renderAdmin(<EditTicketType type={standing} defaultLocale="en" onClose={() => undefined} onSaved={saved} />);
    fireEvent.change(screen.getByLabelText("Price (EUR)"), { target: { value: "19.999" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByText("must have at most 2 decimals")).id).toBe("edit_price-error");
    expect(calls.at(-1)?.body).toEqual({ price: "19.999" });
    expect(saved).not.toHaveBeenCalled();
  });
  it("refuses a quota that is not a whole number before sending", async () => {
    const calls = stub();
    renderAdmin(<EditTicketType type={standing} defaultLocale="en" onClose={() => undefined} onSaved={() => undefined} />);
    fireEvent.change(screen.getByLabelText("Quota (empty: no quota)"), { target: { value: "1.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("must be a whole number")).toBeTruthy();
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
  });
});

describe("a waiting message in the outbox", () => {
  const waiting = { id: 7, kind: "ticket_sold", to_email: "bea@example.com", to_name: "Bea", event_id: 3, status: "queued", attempts: 0,
    next_attempt_at: "t", last_error: null, created_at: "t", sent_at: null, ticket_serial: "HC-1" } as OutboxMessage;
  it("offers the ticket only while the message waits and carries a ticket", () => {
    expect(offersTicket(waiting)).toBe(true);
    expect(offersTicket({ ...waiting, status: "failed" })).toBe(true);
    expect(offersTicket({ ...waiting, status: "sent" })).toBe(false);
    expect(offersTicket({ ...waiting, ticket_serial: null })).toBe(false);
  });
  it("previews the subject and text", async () => {
    stub((url) => url === "/api/admin/outbox/7/preview"
      ? json(200, { id: 7, kind: "ticket_sold", to_email: "bea@example.com", status: "queued", ticket_serial: "HC-1",
        subject: "Your ticket for Harbour Concert: HC-1", text: "Hello Bea,\n[link not shown in the preview]" }) : null);
    renderAdmin(<OutboxActions message={waiting} />);
    expect(screen.getByRole("button", { name: "Copy ticket link of HC-1" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Preview message 7" }));
    const dialog = await screen.findByRole("dialog", { name: "Message #7 to bea@example.com" });
    expect(within(dialog).getByTestId("preview-subject").textContent).toBe("Your ticket for Harbour Concert: HC-1");
    expect(within(dialog).getByTestId("preview-text").textContent).toContain("Hello Bea,");
  });
});

describe("the Sales screen", () => {
  it("lists sales with buyer, count, total, time and clerk; a sale opens its tickets by sale_id with the hand-over", async () => {
    const calls = stub((url) => {
      if (url.startsWith("/api/events?")) return json(200, { items: [event], total: 1, limit: 200, offset: 0 });
      if (url.startsWith("/api/events/3/sales?")) return json(200, { items: [{ id: 9, event_id: 3, ticket_type_id: 11, buyer_name: "Bea Buyer",
        buyer_email: "bea@example.com", quantity: 2, unit_price: "30.00", total: "60.00", currency: "EUR", seller: "clerk1", sold_at: "2026-07-01T10:00:00Z" }] });
      if (url.startsWith("/api/events/3/tickets?")) return json(200, { items: [ticket("HC-1"), ticket("HC-2")], total: 2, limit: 100, offset: 0 });
      return null;
    });
    renderAdmin(<SalesPage canEdit />, "/admin/sales?event=3");
    const card = await screen.findByTestId("sale-9");
    expect(card.textContent).toContain("Bea Buyer");
    expect(card.textContent).toContain("2 tickets");
    expect(card.textContent).toContain("€60.00");
    expect(card.textContent).toContain("by clerk1");
    expect(calls.find((c) => c.url.startsWith("/api/events/3/sales?"))?.url).toContain("limit=20");
    fireEvent.click(within(card).getByRole("button", { name: "Tickets of sale 9" }));
    expect(await within(card).findByRole("button", { name: "Print all 2" })).toBeTruthy();
    expect(within(card).getByTestId("handover-HC-2")).toBeTruthy();
    expect(calls.find((c) => c.url.startsWith("/api/events/3/tickets?"))?.url).toContain("sale_id=9");
  });
});
