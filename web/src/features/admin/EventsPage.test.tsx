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

describe("events: personal data retention", () => {
  it("the days are sent as personal_data_retention_days (empty: null), and the list says when the data goes", async () => {
    const at = "2026-08-01T10:00:00.000Z";
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method && init.method !== "GET") sent.push({ url, method: init.method, body: JSON.parse(String(init.body)) });
      const listed = { ...event, personal_data_retention_days: 30, personal_data_erase_at: at, personal_data_erased_at: null };
      return new Response(JSON.stringify({ items: [listed], total: 1, limit: 200, offset: 0 }), { status: 200 });
    }));
    render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><EventsPage canEdit /></AuthProvider></MemoryRouter>);
    expect((await screen.findByTestId("retention-2")).textContent).toContain("Personal data will be erased on");
    fireEvent.click(screen.getByRole("button", { name: "Edit" }));
    const dialog = screen.getByRole("dialog", { name: "Edit event" });
    const days = within(dialog).getByLabelText("Erase personal data after (days)") as HTMLInputElement;
    expect(days.value).toBe("30");
    fireEvent.change(days, { target: { value: "" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].body.personal_data_retention_days).toBeNull();
  });
});

describe("events: time zone", () => {
  it("shows and takes the times on the event's clock, and sends the chosen zone", async () => {
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method && init.method !== "GET") sent.push({ url, method: init.method, body: JSON.parse(String(init.body)) });
      const listed = { ...event, starts_at: "2026-06-21T16:00:00Z", time_zone: "Europe/Berlin" };
      return new Response(JSON.stringify({ items: [listed], total: 1, limit: 200, offset: 0 }), { status: 200 });
    }));
    render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><EventsPage canEdit /></AuthProvider></MemoryRouter>);
    fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = screen.getByRole("dialog", { name: "Edit event" });
    expect((within(dialog).getByLabelText("Starts") as HTMLInputElement).value).toBe("2026-06-21T18:00");
    const zone = within(dialog).getByLabelText(/^Time zone/) as HTMLSelectElement;
    expect(zone.value).toBe("Europe/Berlin");
    // The same wall clock, now in New York: 18:00 EDT is 22:00 UTC.
    fireEvent.change(zone, { target: { value: "America/New_York" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].body).toMatchObject({ time_zone: "America/New_York", starts_at: "2026-06-21T22:00:00.000Z" });
  });
});
