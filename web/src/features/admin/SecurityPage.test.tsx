// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { AdminApp } from "./AdminApp";
import { groupSecret, recoveryCodesText } from "../../components/TwoFactorSetup";

const CODES = Array.from({ length: 10 }, (_, i) => `rc${i}-abcd-efgh`);

/** A server with GATEPASS_REQUIRE_2FA=admin: until two-factor is on, every other route answers 403. */
function stub({ on = false } = {}) {
  const calls: { url: string; auth: string; body: unknown }[] = [];
  let twoFactor = on;
  // Tokens that a change ended (turning two-factor off ends every session of the account).
  const ended = new Set<string>();
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const auth = (init?.headers as Record<string, string> | undefined)?.Authorization ?? "";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    calls.push({ url, auth, body });
    const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status });
    if (ended.has(auth)) return json(401, { error: { code: "unauthenticated", message: "This session has ended; log in again", fields: {} } });
    if (url === "/api/auth/me") return json(200, { id: 1, username: "root", role: "admin", email: "root@example.org", email_verified: true, two_factor: twoFactor });
    if (url === "/api/auth/2fa/enroll") return json(200, { secret: "JBSWY3DPEHPK3PXP", otpauth_uri: "otpauth://totp/Gatepass:root?secret=JBSWY3DPEHPK3PXP", qr_svg: "<svg/>" });
    if (url === "/api/auth/2fa/confirm") {
      if (body.code !== "123456") return json(401, { error: { code: "invalid_second_factor", message: "wrong", fields: {} } });
      twoFactor = true;
      return json(200, { recovery_codes: CODES, access_token: "tok-with-factor" });
    }
    if (url === "/api/auth/2fa/disable") {
      if (body.code !== "rc0-abcd-efgh") return json(400, { error: { code: "validation_error", message: "Wrong code", fields: { code: "is wrong" } } });
      twoFactor = false;
      ended.add(auth);
      return json(200, { status: "disabled", access_token: "tok-after-disable" });
    }
    if (!twoFactor) return json(403, { error: { code: "second_factor_enrolment_required", message: "Set up two-factor sign-in first", fields: {} } });
    return json(200, { events: [], items: [], total: 0 });
  }));
  return calls;
}

/** Mounted as App.tsx mounts it (/admin/*). */
const openAt = (path: string) => render(
  <MemoryRouter initialEntries={[path]}><Routes><Route path="/admin/*" element={<AdminApp />} /></Routes></MemoryRouter>);

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "admin" } }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("two-factor sign-in (staff)", () => {
  it("a required enrolment sends the user to the page, which sets it up and shows the recovery codes once", async () => {
    const calls = stub();
    openAt("/admin/registrations");
    // The registrations call answers 403 second_factor_enrolment_required: the page says why.
    expect((await screen.findByRole("heading", { name: "Two-factor sign-in" }))).toBeTruthy();
    expect((await screen.findByText(/requires two-factor sign-in for your role/))).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Set up two-factor sign-in" }));
    const form = await screen.findByRole("form", { name: "Set up two-factor sign-in" });
    expect(within(form).getByTestId("totp-secret").textContent).toBe("JBSW Y3DP EHPK 3PXP");
    expect(await within(form).findByRole("img", { name: "QR code for the authenticator app" })).toBeTruthy();
    fireEvent.change(within(form).getByLabelText("Code from the app"), { target: { value: "000000" } });
    fireEvent.click(within(form).getByRole("button", { name: "Turn on" }));
    expect((await within(form).findByRole("alert")).textContent).toMatch(/^Wrong or already used code/);
    expect(sessionStorage.getItem("gatepass.admin")).toContain("\"tok\"");  // a wrong code does not sign out
    fireEvent.change(within(form).getByLabelText("Code from the app"), { target: { value: "123 456" } });
    fireEvent.click(within(form).getByRole("button", { name: "Turn on" }));
    const codes = await screen.findByRole("region", { name: "Recovery codes" });
    expect(within(codes).getAllByRole("listitem").map((li) => li.textContent)).toEqual(CODES);
    expect(JSON.parse(sessionStorage.getItem("gatepass.admin")!).token).toBe("tok-with-factor");
    expect(calls.find((c) => c.url === "/api/auth/2fa/confirm" && c.body && (c.body as { code: string }).code === "123456")?.auth).toBe("Bearer tok");
    fireEvent.click(within(codes).getByRole("button", { name: "I have saved them" }));
    expect(screen.queryByRole("region", { name: "Recovery codes" })).toBeNull();  // shown once
    expect(await screen.findByTestId("two-factor-on")).toBeTruthy();
    // The dashboard opens again, with the new token.
    fireEvent.click(screen.getByRole("link", { name: "Registrations" }));
    await screen.findByRole("navigation", { name: "Admin sections" });
    expect(screen.queryByText(/requires two-factor sign-in/)).toBeNull();
  });

  it("turning it off with a recovery code keeps the user signed in, with the token the answer carries", async () => {
    const calls = stub({ on: true });
    openAt("/admin/security");
    const on = await screen.findByTestId("two-factor-on");
    fireEvent.click(within(on).getByRole("button", { name: "Turn off…" }));
    const form = within(on).getByRole("form", { name: "Turn off two-factor sign-in" });
    fireEvent.change(within(form).getByLabelText("Code from the app, or a recovery code"), { target: { value: "nope" } });
    fireEvent.click(within(form).getByRole("button", { name: "Turn off two-factor sign-in" }));
    expect((await within(form).findByRole("alert")).textContent).toBe("Wrong or already used code");
    fireEvent.change(within(form).getByLabelText("Code from the app, or a recovery code"), { target: { value: "rc0-abcd-efgh" } });
    fireEvent.click(within(form).getByRole("button", { name: "Turn off two-factor sign-in" }));
    expect((await screen.findByRole("status")).textContent).toBe("Two-factor sign-in is off.");
    expect(await screen.findByTestId("two-factor-off")).toBeTruthy();
    expect(JSON.parse(sessionStorage.getItem("gatepass.admin")!).token).toBe("tok-after-disable");
    expect(screen.getByRole("navigation", { name: "Admin sections" })).toBeTruthy();  // still signed in
    // Nothing was asked with the ended token after the answer.
    const after = calls.slice(calls.findIndex((c) => c.url === "/api/auth/2fa/disable" && c.auth === "Bearer tok" && (c.body as { code: string }).code === "rc0-abcd-efgh") + 1);
    expect(after.every((c) => c.auth === "Bearer tok-after-disable")).toBe(true);
  });

  it("every staff role finds the page in the menu; scanners reach it from their card", async () => {
    stub();
    sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 2, username: "vera", role: "viewer" } }));
    openAt("/admin/events");
    expect(screen.getByRole("link", { name: "Two-factor sign-in" }).getAttribute("href")).toBe("/admin/security");
    cleanup();
    sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 3, username: "sam", role: "scanner" } }));
    openAt("/admin");
    fireEvent.click(screen.getByRole("link", { name: "Two-factor sign-in" }));
    expect(await screen.findByRole("button", { name: "Set up two-factor sign-in" })).toBeTruthy();
  });

  it("the secret is grouped for typing; the downloaded file lists every code", () => {
    expect(groupSecret("JBSWY3DPEHPK3PXPX")).toBe("JBSW Y3DP EHPK 3PXP X");
    const text = recoveryCodesText("root", CODES);
    for (const c of CODES) expect(text).toContain(`\n${c}\n`);
  });
});
