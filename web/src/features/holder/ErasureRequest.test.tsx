// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { AuthProvider } from "../../lib/auth";
import { ErasureRequest } from "./ErasureRequest";

const pending = { id: 4, user_id: 9, username: "rita", email: "rita@example.com", email_verified: true, status: "pending",
  requested_at: "2026-12-01T09:00:00Z", decided_at: null, decided_by: null };
let posted = 0;

beforeEach(() => {
  posted = 0;
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.holder", JSON.stringify({ token: "htok", user: { id: 9, username: "rita", role: "attendee" } }));
  vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => {
    if (init?.method === "POST") {
      posted++;
      return new Response(JSON.stringify(pending), { status: 200 });
    }
    return new Response(JSON.stringify({ request: null }), { status: 200 });
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("asking to be erased", () => {
  it("asks only after the holder confirms, then says an organiser will confirm", async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal("confirm", confirm);
    render(<AuthProvider storageKey="gatepass.holder"><ErasureRequest /></AuthProvider>);
    fireEvent.click(await screen.findByRole("button", { name: "Ask to erase my data" }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(posted).toBe(0);
    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByRole("button", { name: "Ask to erase my data" }));
    expect((await screen.findByText(/An organiser will confirm it/)).textContent).toContain("You asked on");
    expect(posted).toBe(1);
    expect(screen.queryByRole("button", { name: "Ask to erase my data" })).toBeNull();
  });
});
