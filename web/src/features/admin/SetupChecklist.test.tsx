// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import { SetupChecklist, setupItems } from "./SetupChecklist";

const fresh = { events: 0, withTicketTypes: 0, otherStaff: 0, mailReady: false };

describe("setup items", () => {
  it("ticks each item from the real state", () => {
    expect(setupItems(fresh).map((i) => i.done)).toEqual([false, false, false, false]);
    expect(setupItems({ events: 1, withTicketTypes: 0, otherStaff: 2, mailReady: false }).map((i) => i.done)).toEqual([true, false, true, false]);
    expect(setupItems({ events: 3, withTicketTypes: 1, otherStaff: 1, mailReady: true }).every((i) => i.done)).toBe(true);
    expect(setupItems(fresh).map((i) => i.to)).toEqual(["/admin/events", "/admin/box-office", "/admin/users", "/admin/mail"]);
  });
});

function stub({ types, users, summary }: { types: number; users: unknown[]; summary: object }) {
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (url.startsWith("/api/events/4/ticket-types")) return json({ items: Array.from({ length: types }, (_, i) => ({ id: i + 1 })) });
    if (url.startsWith("/api/users")) return json({ items: users, total: users.length, limit: 200, offset: 0 });
    if (url === "/api/admin/outbox/summary") return json(summary);
    return new Response("{}", { status: 404 });
  }));
}
const me = { id: 1, username: "admin", role: "admin", active: true };
function renderAs(role: string, eventIds: number[] | null) {
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "admin", role } }));
  render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><SetupChecklist eventIds={eventIds} /></AuthProvider></MemoryRouter>);
}

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the dashboard's set-up checklist", () => {
  it("on a fresh install: nothing ticked, each item links to its page; the signed-in admin is not staff", async () => {
    stub({ types: 0, users: [me], summary: { queued: 0, sending: 0, sent: 0, failed: 0, smtp_configured: false, enabled: true } });
    renderAs("admin", []);
    const list = await screen.findByTestId("setup-checklist");
    expect(list.textContent).toContain("0 of 4 done");
    expect(within(screen.getByTestId("setup-event")).getByRole("link", { name: "Open Events" }).getAttribute("href")).toBe("/admin/events");
    expect(screen.getByTestId("setup-staff").getAttribute("data-done")).toBe("false");
    expect(screen.getByTestId("setup-mail").getAttribute("data-done")).toBe("false");
  });
  it("ticks what is done from the server's answers", async () => {
    stub({ types: 2, users: [me, { id: 2, username: "gate1", role: "scanner", active: true }],
      summary: { queued: 0, sending: 0, sent: 0, failed: 0, smtp_configured: false, enabled: true } });
    renderAs("admin", [4]);
    const list = await screen.findByTestId("setup-checklist");
    expect(list.textContent).toContain("3 of 4 done");
    expect(screen.getByTestId("setup-ticket-types").getAttribute("data-done")).toBe("true");
    expect(within(screen.getByTestId("setup-mail")).getByRole("link", { name: "Open Mail" })).toBeTruthy();
  });
  it("is gone when everything is set up, and for viewers", async () => {
    stub({ types: 1, users: [me, { id: 2, username: "v", role: "viewer", active: true }],
      summary: { queued: 0, sending: 0, sent: 0, failed: 0, smtp_configured: true, enabled: true } });
    renderAs("admin", [4]);
    await vi.waitFor(() => expect((fetch as unknown as { mock: { calls: unknown[] } }).mock.calls.length).toBe(3));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId("setup-checklist")).toBeNull();
    cleanup();
    renderAs("viewer", []);
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId("setup-checklist")).toBeNull();
  });
});
