// @vitest-environment jsdom
// Holders stay signed in (docs/accounts.md, "Staying signed in"): the refresh token kept on the
// phone gives a new tab an access token, a 401 is retried once after one refresh, a refused refresh
// signs out, and signing out clears the kept sign-in and the saved tickets and tells the server.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { HolderApp } from "./HolderApp";
import { savedTickets, saveTickets } from "./saved-tickets";
import type { MyTicket } from "../../lib/types";

const rita = { id: 9, username: "rita", role: "attendee" as const };
const ticket = { serial: "SUM-000007", status: "valid", name: "Rita", team_name: null, event_id: 3, event_name: "Summer Concert",
  ticket_type_id: null, ticket_type: null, price: null, currency: "EUR", holder_username: "rita", code_id: 1, issued_at: "t",
  used_at: null, voided_at: null, inside: false, inside_gate: null, email: "rita@example.com", qr_payload: "GP1:payload-7",
  venue: null, starts_at: null, ends_at: null, pending_request: null } as MyTicket;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const unauthenticated = () => json(401, { error: { code: "unauthenticated", message: "Missing, invalid or expired access token" } });

/** A server whose valid access token is `access`; POST /api/auth/refresh answers `refresh`. */
function server({ access = "fresh", refresh = (token: string) => token === "r1"
  ? json(200, { access_token: "fresh", token_type: "bearer", expires_in: 43200, user: rita, refresh_token: "r2" }) : unauthenticated() } = {}) {
  const calls: { url: string; auth?: string; body: unknown }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const auth = (init?.headers as Record<string, string> | undefined)?.Authorization;
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    calls.push({ url, auth, body });
    if (url === "/api/auth/refresh") return refresh(body.refresh_token);
    if (url === "/api/auth/logout") return json(200, { status: "logged_out" });
    if (auth !== `Bearer ${access}`) return unauthenticated();
    if (url === "/api/me/tickets") return json(200, { items: [ticket] });
    if (url === "/api/auth/me") return json(200, { ...rita, email: "rita@example.com", email_verified: true, two_factor: false });
    if (url === "/api/transfers/pending") return json(200, { items: [] });
    return json(404, { error: { code: "not_found", message: "no" } });
  }));
  return calls;
}

const keep = (refreshToken = "r1") => localStorage.setItem("gatepass.holder.refresh", JSON.stringify({ refresh_token: refreshToken, user: rita }));
const kept = () => JSON.parse(localStorage.getItem("gatepass.holder.refresh") ?? "null");
const tab = () => JSON.parse(sessionStorage.getItem("gatepass.holder") ?? "null");
const renderApp = () => render(<MemoryRouter initialEntries={["/my"]}><Routes><Route path="/my/*" element={<HolderApp />} /></Routes></MemoryRouter>);

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("a holder's kept sign-in", () => {
  it("a new tab (or a reopened browser) is signed in: the kept refresh token is traded once for an access token", async () => {
    keep();
    const calls = server();
    renderApp();
    await screen.findByTestId("my-ticket-SUM-000007");
    expect(calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(1);
    expect(calls.find((c) => c.url === "/api/auth/refresh")?.body).toEqual({ refresh_token: "r1" });
    expect(calls.find((c) => c.url === "/api/me/tickets" && c.auth === "Bearer fresh")).toBeTruthy();
    expect(kept().refresh_token).toBe("r2");  // rotated: the next trade uses the new one
    expect(tab().token).toBe("fresh");
  });

  it("a 401 (expired access token) refreshes once, for all the calls refused at once, and each is retried", async () => {
    keep();
    sessionStorage.setItem("gatepass.holder", JSON.stringify({ token: "expired", user: rita }));
    const calls = server();
    renderApp();
    await screen.findByTestId("my-ticket-SUM-000007");
    await waitFor(() => expect(calls.filter((c) => c.url === "/api/transfers/pending" && c.auth === "Bearer fresh")).toHaveLength(1));
    expect(calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(1);
    expect(calls.filter((c) => c.url === "/api/me/tickets").map((c) => c.auth)).toEqual(["Bearer expired", "Bearer fresh"]);
    expect(screen.queryByRole("form", { name: "Sign in" })).toBeNull();
  });

  it("a refused refresh (the sign-in ended) signs out and removes the saved tickets", async () => {
    keep("revoked");
    saveTickets(9, [ticket]);
    server();
    renderApp();
    await screen.findByRole("form", { name: "Sign in" });
    expect(kept()).toBeNull();
    expect(tab()).toBeNull();
    expect(savedTickets(9)).toBeNull();
  });

  it("signing out tells the server (this device's sign-in ends) and forgets the sign-in and the saved tickets", async () => {
    keep();
    const calls = server();
    renderApp();
    await screen.findByTestId("my-ticket-SUM-000007");
    await waitFor(() => expect(savedTickets(9)).not.toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByRole("form", { name: "Sign in" });
    expect(calls.find((c) => c.url === "/api/auth/logout")?.body).toEqual({ refresh_token: "r2" });
    expect(kept()).toBeNull();
    expect(tab()).toBeNull();
    expect(savedTickets(9)).toBeNull();
  });

  it("staff areas keep nothing on the device", async () => {
    const { AuthProvider, useAuth } = await import("../../lib/auth");
    vi.stubGlobal("fetch", vi.fn(async () => json(200, { access_token: "staff", token_type: "bearer", expires_in: 1, user: { id: 1, username: "admin", role: "admin" } })));
    let login: ((u: string, p: string) => Promise<unknown>) | null = null;
    function Grab() {
      login = useAuth().login;
      return null;
    }
    render(<AuthProvider storageKey="gatepass.admin" account="staff"><Grab /></AuthProvider>);
    await login!("admin", "pw");
    expect(JSON.parse(sessionStorage.getItem("gatepass.admin") ?? "null")?.token).toBe("staff");
    expect(localStorage.length).toBe(0);
  });
});
