// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import { ScansPage } from "./ScansPage";

const row = (id: number) => ({ id, event_id: 1, serial: `F-${id}`, type: "entry", result: id % 2 ? "admitted" : "already_inside", gate: "A",
  device_id: "web-1", user: "gate1", scanned_at: "2026-12-01T09:00:00Z" });
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "admin" } }));
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    calls.push(url);
    const json = (payload: unknown) => new Response(JSON.stringify(payload), { status: 200 });
    if (url.startsWith("/api/events?")) return json({ items: [{ id: 1, name: "Fest" }], total: 1, limit: 200, offset: 0 });
    if (url.startsWith("/api/scans?")) {
      const after = new URL(url, "http://x").searchParams.get("after");
      return after === "c2" ? json({ items: [row(1)], next_cursor: null }) : json({ items: [row(3), row(2)], next_cursor: "c2" });
    }
    return new Response("{}", { status: 404 });
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("scans page", () => {
  it("sends the filters and pages on with the cursor until there is no next one", async () => {
    render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><ScansPage canEdit /></AuthProvider></MemoryRouter>);
    await screen.findByTestId("scan-3");
    fireEvent.change(screen.getByLabelText("Result"), { target: { value: "already_inside" } });
    fireEvent.change(screen.getByLabelText("Type"), { target: { value: "entry" } });
    fireEvent.change(screen.getByLabelText("Gate"), { target: { value: "A" } });
    await waitFor(() => {
      const last = new URL(calls.filter((c) => c.startsWith("/api/scans?")).at(-1)!, "http://x");
      expect(Object.fromEntries(last.searchParams)).toEqual({ limit: "50", gate: "A", result: "already_inside", type: "entry" });
    });
    fireEvent.click(await screen.findByRole("button", { name: "Load more" }));
    await screen.findByTestId("scan-1");
    expect(new URL(calls.at(-1)!, "http://x").searchParams.get("after")).toBe("c2");
    expect(screen.getByText("3 shown")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(screen.getByRole("button", { name: "Export CSV" })).toBeTruthy();
  });

  it("viewers get no export button", async () => {
    render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><ScansPage canEdit={false} /></AuthProvider></MemoryRouter>);
    await screen.findByTestId("scan-3");
    expect(screen.queryByRole("button", { name: "Export CSV" })).toBeNull();
  });
});
