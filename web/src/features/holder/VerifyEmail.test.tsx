// @vitest-environment jsdom
import { StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { HolderApp } from "./HolderApp";

type Answer = [number, unknown, Record<string, string>?];
function stub(answers: Record<string, Answer | ((body: Record<string, unknown>) => Answer)>) {
  const calls: { url: string; method: string; body: unknown; auth?: string }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    calls.push({ url, method: init?.method ?? "GET", body, auth: (init?.headers as Record<string, string>)?.Authorization });
    const a = answers[url];
    const [status, json, headers] = typeof a === "function" ? a(body) : a ?? [200, { items: [] }];
    return new Response(JSON.stringify(json), { status, headers });
  }));
  return calls;
}

const unverified = { id: 9, username: "rita", role: "attendee", email: "rita@example.com", email_verified: false, two_factor: false };
const signIn = () => sessionStorage.setItem("gatepass.holder", JSON.stringify({ token: "htok", user: { id: 9, username: "rita", role: "attendee" } }));
const openAt = (path: string) => render(
  <StrictMode><MemoryRouter initialEntries={[path]}><Routes><Route path="/my/*" element={<HolderApp />} /></Routes></MemoryRouter></StrictMode>);

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("verifying the email address", () => {
  it("after sign-up, /my says where the link went and what waits for it", async () => {
    const calls = stub({
      "/api/auth/register": [201, { access_token: "htok", token_type: "bearer", expires_in: 60, user: { id: 9, username: "rita", role: "attendee" } }],
      "/api/auth/me": [200, unverified],
    });
    openAt("/my/signup");
    for (const [label, value] of [["Full name", "Rita K"], ["Email", "rita@example.com"], ["Username", "rita"], ["Password", "long-enough-pw"]])
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
    const banner = await screen.findByRole("region", { name: "Verify your email address" });
    expect(banner.textContent).toContain("Check your inbox: we sent a link to r…@example.com to verify your address.");
    expect(banner.textContent).toMatch(/cannot claim a ticket, accept a ticket sent to you/);
    expect(screen.getByRole("heading", { name: "My tickets" })).toBeTruthy();
    expect(calls.find((c) => c.url === "/api/auth/me")?.auth).toBe("Bearer htok");
  });

  it("the banner sends the link again, and says how long to wait after a 429", async () => {
    signIn();
    let sent = 0;
    const calls = stub({
      "/api/auth/me": [200, unverified],
      "/api/auth/verify-email/resend": () => (++sent === 1 ? [202, {}] : [429, { error: { code: "too_many_requests", message: "slow", fields: {} } }, { "Retry-After": "1500" }]),
    });
    openAt("/my");
    const banner = await screen.findByRole("region", { name: "Verify your email address" });
    expect(banner.textContent).not.toContain("Check your inbox");
    fireEvent.click(within(banner).getByRole("button", { name: "Send the link again" }));
    expect((await within(banner).findByRole("status")).textContent).toBe("Sent. Check your inbox at r…@example.com (and the spam folder).");
    fireEvent.click(within(banner).getByRole("button", { name: "Send the link again" }));
    expect((await within(banner).findByRole("alert")).textContent).toBe("You asked for several links in the last hour. Try again in 25 minutes.");
    expect(calls.filter((c) => c.url === "/api/auth/verify-email/resend" && c.method === "POST")).toHaveLength(2);
  });

  it("no banner once verified", async () => {
    signIn();
    stub({ "/api/auth/me": [200, { ...unverified, email_verified: true }] });
    openAt("/my");
    await screen.findByRole("heading", { name: "My tickets" });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole("region", { name: "Verify your email address" })).toBeNull();
  });

  it("the mailed link verifies once (even rendered twice), without a sign-in", async () => {
    const calls = stub({ "/api/auth/verify-email": [200, { status: "verified", username: "rita" }] });
    openAt("/my/verify-email#token=tok_verify_1");
    expect(await screen.findByRole("heading", { name: "Email address verified" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Sign in as rita" }).getAttribute("href")).toBe("/my/login");
    expect(calls.filter((c) => c.url === "/api/auth/verify-email")).toEqual([
      { url: "/api/auth/verify-email", method: "POST", body: { token: "tok_verify_1" }, auth: undefined }]);
  });

  it("an expired or used link offers a new one to a signed-in holder; an address verified elsewhere says so", async () => {
    signIn();
    stub({ "/api/auth/verify-email": [404, { error: { code: "invalid", message: "invalid", fields: {} } }], "/api/auth/me": [200, unverified] });
    openAt("/my/verify-email#token=tok_old");
    expect(await screen.findByRole("heading", { name: "This link has expired" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Send the link again" })).toBeTruthy();
    cleanup();
    sessionStorage.clear();
    stub({ "/api/auth/verify-email": [409, { error: { code: "email_taken", message: "taken", fields: {} } }] });
    openAt("/my/verify-email#token=tok_taken");
    expect(await screen.findByRole("heading", { name: "Address already in use" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toMatch(/Another account verified this email address first/);
  });

  it("the holder's sign-in sends account: holder, links to the reset page, and returns to a ticket link", async () => {
    const calls = stub({
      "/api/auth/login": [200, { access_token: "htok", token_type: "bearer", expires_in: 60, user: { id: 9, username: "rita", role: "attendee" } }],
      "/api/auth/me": [200, unverified],
    });
    render(<MemoryRouter initialEntries={["/my/login?next=/t/tok_link"]}><Routes>
      <Route path="/my/*" element={<HolderApp />} /><Route path="/t/:token" element={<p>Ticket page</p>} /></Routes></MemoryRouter>);
    expect(screen.getByRole("link", { name: "Forgot your password?" }).getAttribute("href")).toBe("/my/forgot-password");
    fireEvent.change(screen.getByLabelText("Username"), { target: { value: "rita" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "long-enough-pw" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Ticket page")).toBeTruthy();
    expect(calls.find((c) => c.url === "/api/auth/login")?.body).toEqual({ username: "rita", password: "long-enough-pw", account: "holder" });
  });
});
