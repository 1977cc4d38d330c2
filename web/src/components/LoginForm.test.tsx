// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { AuthProvider, useAuth } from "../lib/auth";
import { LoginForm } from "./ui";

type Body = { username: string; password: string; account?: string; code?: string };

/** A staff account with two-factor: no code -> 401 second_factor_required; 123456 is right, once. */
function stubServer() {
  const bodies: Body[] = [];
  const used = new Set<string>();
  vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Body;
    bodies.push(body);
    const fail = (code: string) => new Response(JSON.stringify({ error: { code, message: code, fields: {} } }), { status: 401 });
    if (body.password !== "right password") return fail("unauthenticated");
    if (!body.code) return fail("second_factor_required");
    if (body.code !== "123456" || used.has(body.code)) return fail("invalid_second_factor");
    used.add(body.code);
    return new Response(JSON.stringify({ access_token: "tok-2fa", token_type: "bearer", expires_in: 60,
      user: { id: 1, username: "root", role: "admin" } }), { status: 200 });
  }));
  return bodies;
}

function Who() {
  const { session, login } = useAuth();
  return session ? <p>Signed in as {session.user.username}</p>
    : <LoginForm title="Admin sign in" onLogin={async (u, p, code) => void (await login(u, p, code))} />;
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("sign-in with two-factor", () => {
  it("asks for the code after the password, says when it is wrong, and signs in with the right one", async () => {
    const bodies = stubServer();
    render(<AuthProvider storageKey="gatepass.admin" account="staff"><Who /></AuthProvider>);
    type("Username", "root");
    type("Password", "right password");
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByLabelText("Authentication code");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByLabelText("Password")).toBeNull();
    type("Authentication code", "654 321");
    fireEvent.click(screen.getByRole("button", { name: "Verify and sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Wrong or already used code");
    type("Authentication code", "123 456");
    fireEvent.click(screen.getByRole("button", { name: "Verify and sign in" }));
    await screen.findByText("Signed in as root");
    expect(bodies).toEqual([
      { username: "root", password: "right password", account: "staff" },
      { username: "root", password: "right password", account: "staff", code: "654321" },
      { username: "root", password: "right password", account: "staff", code: "123456" },
    ]);
    expect(JSON.parse(sessionStorage.getItem("gatepass.admin")!).token).toBe("tok-2fa");
  });

  it("a wrong password never shows the code field; 'Use another account' goes back to the password", async () => {
    stubServer();
    render(<AuthProvider storageKey="gatepass.admin" account="staff"><Who /></AuthProvider>);
    type("Username", "root");
    type("Password", "wrong");
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("unauthenticated");
    expect(screen.queryByLabelText("Authentication code")).toBeNull();
    type("Password", "right password");
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByLabelText("Authentication code");
    fireEvent.click(screen.getByRole("button", { name: "Use another account" }));
    expect(screen.getByLabelText("Password")).toBeTruthy();
  });

  it("an empty code is not sent", async () => {
    const bodies = stubServer();
    render(<AuthProvider storageKey="gatepass.admin" account="staff"><Who /></AuthProvider>);
    type("Username", "root");
    type("Password", "right password");
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByLabelText("Authentication code");
    fireEvent.click(screen.getByRole("button", { name: "Verify and sign in" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Type the code/);
    expect(bodies).toHaveLength(1);
  });
});
