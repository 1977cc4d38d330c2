// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { ScannerApp } from "./ScannerApp";

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("scanner sign-in", () => {
  it("a ticket holder (attendee) account is refused and not kept signed in", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ access_token: "t", user: { id: 4, username: "rita", role: "attendee" } }), { status: 200 })));
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    fireEvent.change(await screen.findByLabelText("Username"), { target: { value: "rita" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "holder-password-1" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Ticket holder accounts cannot check tickets in/);
    expect(sessionStorage.getItem("gatepass.scanner")).toBeNull();
    expect(screen.queryByText("Which event is this gate for?")).toBeNull();
  });
});

// The camera needs a real browser (e2e/gate.mjs); here scans come from a keyboard-wedge scanner.
vi.mock("../../components/Camera", () => ({ Camera: () => null }));

describe("scanning at a gate", () => {
  const ticket = { serial: "F-000001", status: "used", name: "Gina", team_name: null, event_id: 1, event_name: "Fest", issued_at: "t", used_at: "t" };
  let posts: { url: string; body: Record<string, unknown>; key: string | null }[] = [];
  let answers: Response[] = [];

  beforeEach(() => {
    localStorage.clear();
    posts = [];
    sessionStorage.setItem("gatepass.scanner", JSON.stringify({ token: "tok", user: { id: 2, username: "gate1", role: "scanner" } }));
    sessionStorage.setItem("gatepass.scanner.event", "1");
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      if (url === "/api/events/1") return new Response(JSON.stringify({ id: 1, name: "Fest", reentry: true }), { status: 200 });
      if (url.startsWith("/api/mark-used/")) {
        posts.push({ url, body: JSON.parse(String(init?.body)), key: new Headers(init?.headers).get("Idempotency-Key") });
        return answers.shift()!;
      }
      return new Response("{}", { status: 404 });
    }));
  });

  const wedge = (code: string) => {
    for (const key of [...code, "Enter"]) window.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  };

  it("auto-admit: one wedge scan admits (gate, type, device sent), the card goes by itself; a second entry is ALREADY INSIDE", async () => {
    localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: "A", mode: "entry", auto: true }));
    answers = [
      new Response(JSON.stringify({ ...ticket, result: "admitted", reentry: false, inside: true, replayed: false }), { status: 200 }),
      new Response(JSON.stringify({ error: { code: "already_inside", message: "Inside" }, ticket: { ...ticket, inside: true, inside_gate: "A" },
        result: "already_inside" }), { status: 409 }),
    ];
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    expect((await screen.findByTestId("gate-mode")).textContent).toMatch(/ENTRY · Gate A.*auto-admit/);
    wedge("GP1:payload-of-gina");
    const card = await screen.findByTestId("result-card");
    expect(card.dataset.tone).toBe("admitted");
    expect(screen.queryByRole("button", { name: "Admit 1 person" })).toBeNull();
    expect(posts[0].url).toBe("/api/mark-used/GP1%3Apayload-of-gina");
    expect(posts[0].body).toMatchObject({ event_id: 1, type: "entry", gate: "A" });
    expect(String(posts[0].body.device_id)).toMatch(/^web-/);
    expect(posts[0].key).toMatch(/^[0-9a-f]{32}$/);
    await waitFor(() => expect(screen.queryByTestId("result-card")).toBeNull(), { timeout: 3000 });
    wedge("GP1:payload-of-gina");
    await waitFor(() => expect(screen.getByTestId("result-card").dataset.result).toBe("already_inside"));
    expect(screen.getByText("ALREADY INSIDE")).toBeTruthy();
    expect(posts[1].key).not.toBe(posts[0].key);
  });

  it("an exit gate lets out and says EXITED; check only sends entry_check", async () => {
    localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: "B", mode: "exit", auto: true }));
    answers = [new Response(JSON.stringify({ ...ticket, result: "exited", inside: false, scan: { id: 4, gate: "B" } }), { status: 200 })];
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    await screen.findByTestId("gate-mode");
    wedge("F-000001");
    await waitFor(() => expect(screen.getByTestId("result-card").dataset.tone).toBe("exited"));
    expect(posts[0].body).toMatchObject({ type: "exit", gate: "B" });
    cleanup();
    localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: "", mode: "entry_check", auto: false }));
    answers = [new Response(JSON.stringify({ ...ticket, status: "valid", result: "valid", reentry: false }), { status: 200 })];
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    await screen.findByTestId("gate-mode");
    wedge("F-000001");
    await waitFor(() => expect(screen.getByTestId("result-card").dataset.result).toBe("valid"));
    expect(posts[1].body).toMatchObject({ type: "entry_check" });
    expect(posts[1].body).not.toHaveProperty("gate");
    expect(screen.queryByRole("button", { name: "Admit 1 person" })).toBeNull();
    expect(screen.getByRole("button", { name: "Scan next" })).toBeTruthy();
  });
});
