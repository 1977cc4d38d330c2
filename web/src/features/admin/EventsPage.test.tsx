// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import { EventsPage } from "./EventsPage";

const event = { id: 2, name: "Fest", slug: "fest", venue: null, starts_at: null, ends_at: null, capacity: null, serial_prefix: "F",
  requires_approval: true, published: true, currency: "EUR", reentry: false };
let sent: { url: string; method: string; body: Record<string, unknown> }[] = [];

beforeEach(() => {
  sent = [];
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "admin" } }));
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method && init.method !== "GET") sent.push({ url, method: init.method, body: JSON.parse(String(init.body)) });
    return new Response(JSON.stringify({ items: [{ ...event, reentry: sent.length > 0 }], total: 1, limit: 200, offset: 0 }), { status: 200 });
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("events: re-entry", () => {
  it("the 'Re-entry allowed' toggle is sent as reentry, and the list says so", async () => {
    render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><EventsPage canEdit /></AuthProvider></MemoryRouter>);
    fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = screen.getByRole("dialog", { name: "Edit event" });
    const toggle = within(dialog).getByRole("checkbox", { name: /Re-entry allowed/ }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ url: "/api/events/2", method: "PATCH", body: { reentry: true } });
    expect(await screen.findByText(/re-entry allowed/)).toBeTruthy();
  });
});
