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

describe("events: texts per language", () => {
  const translated = { ...event, default_locale: "en", description: "By the sea", mail_text: null,
    name_i18n: { en: "Fest", de: "Fest auf Deutsch" }, description_i18n: { en: "By the sea", de: "Am Meer" }, mail_text_i18n: {} };
  /** The server: the event list, its ticket types, and `answer` for the PATCH. */
  function serve(answer: () => Response, types: unknown[] = []) {
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method && init.method !== "GET") {
        sent.push({ url, method: init.method, body: JSON.parse(String(init.body)) });
        return answer();
      }
      if (url.includes("/ticket-types")) return new Response(JSON.stringify({ items: types }), { status: 200 });
      return new Response(JSON.stringify({ items: [translated], total: 1, limit: 200, offset: 0 }), { status: 200 });
    }));
  }
  const open = async () => {
    render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><EventsPage canEdit /></AuthProvider></MemoryRouter>);
    fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
    return screen.getByRole("dialog", { name: "Edit event" });
  };

  it("each language's tab says how many texts it has; what is typed there is sent in the maps", async () => {
    serve(() => new Response(JSON.stringify(translated), { status: 200 }));
    const dialog = await open();
    expect(within(dialog).getByRole("tab", { name: "English (default)" }).getAttribute("aria-selected")).toBe("true");
    expect(within(dialog).getByRole("tab", { name: "German: 2 of 2 texts" })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("tab", { name: "French: 0 of 2 texts" }));
    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "Fête" } });
    expect(within(dialog).getByRole("tab", { name: "French: 1 of 2 texts" })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("tab", { name: "English (default)" }));
    fireEvent.change(within(dialog).getByLabelText("Mail addition"), { target: { value: "Bring a towel." } });
    expect(within(dialog).getByRole("tab", { name: "German: 2 of 3 texts" })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].body).toMatchObject({
      default_locale: "en", name: "Fest", description: "By the sea", mail_text: "Bring a towel.",
      name_i18n: { en: "Fest", de: "Fest auf Deutsch", fr: "Fête" }, description_i18n: { en: "By the sea", de: "Am Meer" },
    });
    expect(sent[0].body.mail_text_i18n, "no translation of it: no map").toBeUndefined();
  });

  it("a 422 invalid_translation opens the language it names and shows the reason at that field", async () => {
    serve(() => new Response(JSON.stringify({ error: { code: "invalid_translation", message: "Some translations are invalid",
      fields: { "description_i18n.de": "at most 2000 characters" } } }), { status: 422 }));
    const dialog = await open();
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    const reason = await within(dialog).findByText("at most 2000 characters");
    expect(reason.id).toBe("description_i18n.de-error");
    expect(within(dialog).getByRole("tab", { name: /^German/ }).getAttribute("aria-selected")).toBe("true");
  });

  it("a new default language that a ticket type has no name in is said at the choice, naming the type", async () => {
    serve(() => new Response(JSON.stringify({ error: { code: "invalid_translation", message: "Some translations are invalid",
      fields: { "ticket_types.9.name_i18n.de": "is required" } } }), { status: 422 }),
    [{ id: 9, event_id: 2, name: "Adult", price: "10.00", currency: "EUR", quota: null, generated: 0, sold: 0, available: 0, name_i18n: { en: "Adult", fr: "Adulte" } }]);
    const dialog = await open();
    fireEvent.change(within(dialog).getByLabelText("Default language"), { target: { value: "de" } });
    expect(await within(dialog).findByText(/This ticket type has no name in German yet: Adult/)).toBeTruthy();
    // The German texts are now the plain ones.
    expect((within(dialog).getByLabelText("Name") as HTMLInputElement).value).toBe("Fest auf Deutsch");
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].body).toMatchObject({ default_locale: "de", name: "Fest auf Deutsch", description: "Am Meer" });
    expect(within(dialog).getByLabelText("Default language").getAttribute("aria-invalid")).toBe("true");
  });

  it("a translation without the default language's text is refused before sending", async () => {
    serve(() => new Response("{}", { status: 200 }));
    const dialog = await open();
    fireEvent.click(within(dialog).getByRole("tab", { name: /^Spanish/ }));
    fireEvent.change(within(dialog).getByLabelText("Mail addition"), { target: { value: "Traiga una toalla." } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText(/write this text in English \(the default language\) first/)).toBeTruthy();
    expect(within(dialog).getByRole("tab", { name: "English (default)" }).getAttribute("aria-selected")).toBe("true");
    expect(sent).toHaveLength(0);
    // Writing it takes the error away, and the tab stays where the organiser is.
    fireEvent.change(within(dialog).getByLabelText("Mail addition"), { target: { value: "Bring a towel." } });
    expect(within(dialog).queryByText(/write this text in English/)).toBeNull();
    expect(within(dialog).getByRole("tab", { name: "English (default)" }).getAttribute("aria-selected")).toBe("true");
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
