// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
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
    fireEvent.change(screen.getByLabelText("Username"), { target: { value: "rita" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "holder-password-1" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Ticket holder accounts cannot check tickets in/);
    expect(sessionStorage.getItem("gatepass.scanner")).toBeNull();
    expect(screen.queryByText("Which event is this gate for?")).toBeNull();
  });
});
