// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { RegisterPage } from "./RegisterPage";

const event = { id: 7, name: "HackFest", slug: "hackfest", venue: null, starts_at: null, ends_at: null, capacity: null,
  serial_prefix: "EVT2026", requires_approval: true, published: true };

function stubFetch(registerResponse: { status: number; body: unknown; headers?: Record<string, string> },
  events: object[] = [event]) {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    if (url.startsWith("/api/events"))
      return new Response(JSON.stringify({ items: events, total: events.length, limit: 200, offset: 0 }), { status: 200 });
    return new Response(JSON.stringify(registerResponse.body), { status: registerResponse.status, headers: registerResponse.headers });
  }));
  return calls;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function fillAndSubmit() {
  render(<MemoryRouter><RegisterPage /></MemoryRouter>);
  fireEvent.change(await screen.findByLabelText("Full name"), { target: { value: "Alice" } });
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "alice@example.com" } });
  fireEvent.click(screen.getByRole("button", { name: "Register" }));
}

describe("RegisterPage", () => {
  it("sends the form and tells the person their registration is pending", async () => {
    const calls = stubFetch({ status: 201, body: { id: 12, event_id: 7, status: "pending" } });
    await fillAndSubmit();
    expect(await screen.findByText(/pending approval/)).toBeTruthy();
    const sent = calls.find((c) => c.url === "/api/register")!.init!.body as FormData;
    expect(sent.get("event_id")).toBe("7");
    expect(sent.get("name")).toBe("Alice");
  });

  it("shows the server's field errors next to the field", async () => {
    stubFetch({ status: 400, body: { error: { code: "validation_error", message: "Some fields are invalid",
      fields: { email: "is already registered elsewhere" } } } });
    await fillAndSubmit();
    const alert = await screen.findByText("is already registered elsewhere");
    expect(alert.getAttribute("id")).toBe("email-error");
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
  });

  it("does not send a form the server would refuse", async () => {
    const calls = stubFetch({ status: 201, body: {} });
    render(<MemoryRouter><RegisterPage /></MemoryRouter>);
    fireEvent.click(await screen.findByRole("button", { name: "Register" }));
    expect(await screen.findAllByText("is required")).toHaveLength(2);
    expect(calls.some((c) => c.url === "/api/register")).toBe(false);
  });

  it("a 429 from the public rate limit shows how long to wait, from Retry-After", async () => {
    stubFetch({ status: 429, headers: { "Retry-After": "42" },
      body: { error: { code: "too_many_requests", message: "Too many requests from your network; please wait a moment" } } });
    await fillAndSubmit();
    const banner = await screen.findByText(/Too many registrations from your network; try again in 42 seconds/);
    expect(banner.getAttribute("role")).toBe("alert");
    // No field is blamed, and the form is not sent again while waiting.
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBe("false");
    expect((screen.getByRole("button", { name: "Register" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("409 duplicate_email is shown next to the email field", async () => {
    stubFetch({ status: 409, body: { error: { code: "duplicate_email", message: "This email address already has a ticket for this event",
      fields: { email: "already has 1 ticket(s) for this event" } } } });
    await fillAndSubmit();
    const alert = await screen.findByText("already has 1 ticket(s) for this event");
    expect(alert.getAttribute("id")).toBe("email-error");
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByText(/pending approval|You're in/)).toBeNull();
  });

  it("409 already_registered says when and under which reference, at the email field", async () => {
    stubFetch({ status: 409, body: { error: { code: "already_registered", message: "This email address already registered for this event",
      fields: { email: "already registered for this event" }, registered_at: "2026-12-04T10:15:00.000Z", reference: 1 } } });
    await fillAndSubmit();
    expect(await screen.findByText(/You already registered on .*4.* \(ref #1\)/)).toBeTruthy();
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByText(/pending approval/)).toBeNull();
  });

  it("offers no box-office-only event, shows the description and no staff links", async () => {
    stubFetch({ status: 201, body: {} }, [
      { ...event, description: "Doors at 18:00.\nBring your card.", sales_channel: "registration" },
      { ...event, id: 8, name: "Concert", sales_channel: "box_office" },
    ]);
    render(<MemoryRouter><RegisterPage /></MemoryRouter>);
    expect((await screen.findByTestId("event-description")).textContent).toBe("Doors at 18:00.\nBring your card.");
    expect(screen.queryByRole("option", { name: /Concert/ })).toBeNull();
    expect(screen.queryByRole("link", { name: "Admin" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Scanner" })).toBeNull();
    expect(screen.getByRole("link", { name: "My tickets" })).toBeTruthy();
  });

  it("409 duplicate_email without fields still marks the email field", async () => {
    stubFetch({ status: 409, body: { error: { code: "duplicate_email", message: "This email address already has a ticket for this event" } } });
    await fillAndSubmit();
    const alert = await screen.findByText("already has a ticket for this event");
    expect(alert.getAttribute("id")).toBe("email-error");
  });
});
