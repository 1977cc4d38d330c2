// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { AuthProvider } from "../../lib/auth";
import { RequestsPage } from "./RequestsPage";

const transfer = { id: 1, serial: "SUM-000007", event_id: 3, event_name: "Summer Concert", status: "pending", from_username: "rita",
  notes: null, created_at: "t", decided_at: null };

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.holder", JSON.stringify({ token: "htok", user: { id: 9, username: "rita", role: "attendee" } }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("my transfers", () => {
  it("a transfer made by email shows the address only; one to an account shows the username", async () => {
    vi.stubGlobal("fetch", vi.fn(async (url: string) => new Response(JSON.stringify({ items: url === "/api/me/transfers" ? [
      // The server leaves to_username out for an email transfer; an older answer might still carry one.
      { ...transfer, id: 1, to_email: "sam@example.com" },
      { ...transfer, id: 2, to_email: "kim@example.com", to_username: "kim_account" },
      { ...transfer, id: 3, to_email: null, to_username: "sam" },
    ] : [] }), { status: 200 })));
    render(<AuthProvider storageKey="gatepass.holder"><RequestsPage /></AuthProvider>);
    expect((await screen.findByTestId("my-transfer-1")).textContent).toContain("Sent to sam@example.com");
    expect(screen.getByTestId("my-transfer-2").textContent).toContain("Sent to kim@example.com");
    expect(screen.getByTestId("my-transfer-2").textContent).not.toContain("kim_account");
    expect(screen.getByTestId("my-transfer-3").textContent).toContain("Sent to sam");
  });
});
