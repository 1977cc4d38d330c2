// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { ForgotPasswordPage, ResetPasswordPage } from "./PasswordReset";

type Call = { url: string; body: unknown };
function stub(answer: (url: string, body: Record<string, unknown>) => [number, unknown]) {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body ?? "{}"));
    calls.push({ url, body });
    const [status, json] = answer(url, body);
    return new Response(JSON.stringify(json), { status });
  }));
  return calls;
}

/** Where the page went, and with which notice. */
function Where() {
  const loc = useLocation();
  return <p data-testid="where">{loc.pathname}{loc.hash}|{(loc.state as { notice?: string } | null)?.notice ?? ""}</p>;
}

function open(entry: string) {
  render(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route path="/my/forgot-password" element={<ForgotPasswordPage audience="holder" />} />
        <Route path="/my/reset-password" element={<><ResetPasswordPage audience="holder" /><Where /></>} />
        <Route path="/admin/reset-password" element={<><ResetPasswordPage audience="staff" /><Where /></>} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("forgot password", () => {
  it("always answers the same way, whatever the server knows", async () => {
    const calls = stub(() => [202, { status: "accepted" }]);
    open("/my/forgot-password");
    type("Email", " rita@example.com ");
    fireEvent.click(screen.getByRole("button", { name: "Send the link" }));
    expect((await screen.findByRole("status")).textContent).toBe("If an account has this address, we sent a link to choose a new password.");
    expect(calls).toEqual([{ url: "/api/auth/password-reset", body: { email: "rita@example.com" } }]);
  });
});

describe("reset password (the mailed link)", () => {
  it("sends the fragment's token with the new password, drops the token from the address, then goes to sign-in", async () => {
    const calls = stub(() => [200, { status: "password_changed" }]);
    open("/admin/reset-password#token=t0k+en");
    expect(screen.getByTestId("where").textContent).toBe("/admin/reset-password|");  // the token left the address bar
    type("New password", "a new long password");
    type("The new password again", "a new long password");
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    await waitFor(() => expect(screen.getByTestId("where").textContent).toMatch(/^\/admin\|Your password is changed/));
    expect(calls).toEqual([{ url: "/api/auth/password-reset/confirm", body: { token: "t0k+en", password: "a new long password" } }]);
  });

  it("a weak password is shown next to the field (the link stays usable); a mismatch is caught before sending", async () => {
    const calls = stub(() => [400, { error: { code: "validation_error", message: "Some fields are not valid", fields: { password: "is too common" } } }]);
    open("/my/reset-password#token=abc");
    type("New password", "password123");
    type("The new password again", "password124");
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(screen.getByText("is not the same password").id).toBe("repeat-error");
    expect(calls).toHaveLength(0);
    type("The new password again", "password123");
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    const error = await screen.findByText("is too common");
    expect(error.id).toBe("password-error");
    expect(screen.getByLabelText("New password").getAttribute("aria-describedby")).toBe("password-error");
    expect(screen.getByRole("button", { name: "Change password" })).toBeTruthy();
  });

  it("an expired or used link (404) offers a new one; a link without a token says it is incomplete", async () => {
    stub(() => [404, { error: { code: "invalid", message: "invalid" } }]);
    open("/my/reset-password#token=old");
    type("New password", "a new long password");
    type("The new password again", "a new long password");
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByRole("heading", { name: "This link has expired" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Ask for a new link" }).getAttribute("href")).toBe("/my/forgot-password");
    cleanup();
    open("/my/reset-password");
    expect(screen.getByRole("heading", { name: "This link is incomplete" })).toBeTruthy();
  });
});
