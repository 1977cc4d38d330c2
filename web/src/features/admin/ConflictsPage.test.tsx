// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import { ConflictsPage } from "./ConflictsPage";

let calls: string[] = [];
beforeEach(() => {
  calls = [];
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "viewer" } }));
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    calls.push(url);
    const json = (payload: unknown) => new Response(JSON.stringify(payload), { status: 200 });
    if (url.startsWith("/api/events?")) return json({ items: [{ id: 1, name: "Fest" }, { id: 7, name: "Summer Fest" }], total: 2, limit: 200, offset: 0 });
    if (url === "/api/events/7/conflicts") return json({
      items: [{
        id: 12, reason: "double_admission", ticket: { serial: "SUMMER26-000017", status: "used" },
        scan: { device_id: "gate-b-2", gate: "South", user: "steward2", scanned_at: "2026-12-01T09:58:11.000Z",
          device_scanned_at: "2026-12-01T09:58:09.480Z", received_at: "2026-12-01T10:02:00.000Z" },
        server: { decision: "already_used", at: "2026-12-01T09:40:00.000Z", device_id: "gate-a-1", gate: "North", user: "steward1", offline: true },
      }, {
        id: 11, reason: "refunded", ticket: { serial: "SUMMER26-000020", status: "refunded" },
        scan: { device_id: "gate-b-2", gate: null, user: "steward2", scanned_at: "2026-12-01T09:50:00.000Z",
          device_scanned_at: "2026-12-01T09:50:00.000Z", received_at: "2026-12-01T10:02:00.000Z" },
        server: { decision: "refunded", at: "2026-12-01T09:30:00.000Z", device_id: null, gate: null, user: null },
      }],
      devices: [
        { device_id: "gate-a-1", user: "steward1", last_sync_at: "2026-12-01T10:01:00.000Z", skew_ms: 1520, scans: 40, conflicts: 0 },
        { device_id: "gate-b-2", user: "steward2", last_sync_at: "2026-12-01T10:02:00.000Z", skew_ms: -95_000, scans: 3, conflicts: 2 },
      ],
    });
    return new Response("{}", { status: 404 });
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("conflicts page", () => {
  it("shows the event's conflicts (offline scan and the server's decision) and its devices with their clock skew", async () => {
    render(<MemoryRouter initialEntries={["/admin/conflicts?event=7"]}><AuthProvider storageKey="gatepass.admin"><ConflictsPage /></AuthProvider></MemoryRouter>);
    const row = await screen.findByTestId("conflict-12");
    expect(calls).toContain("/api/events/7/conflicts");
    expect(row.textContent).toMatch(/SUMMER26-000017/);
    expect(within(row).getByText("admitted twice")).toBeTruthy();
    expect(row.textContent).toMatch(/gate-b-2.*South.*steward2/);
    expect(row.textContent).toMatch(/device clock said/);
    expect(row.textContent).toMatch(/already used.*gate-a-1.*North.*steward1/);
    expect(within(row).getByTestId("server-offline").textContent).toBe("offline scan");
    const refunded = screen.getByTestId("conflict-11");
    expect(within(refunded).queryByTestId("server-offline")).toBeNull();
    expect(refunded.textContent).toMatch(/refunded/);
    expect(refunded.textContent).not.toMatch(/device clock said/);
    expect(within(screen.getByTestId("device-gate-a-1")).getByTestId("skew").textContent).toBe("+1.5 s");
    expect(within(screen.getByTestId("device-gate-b-2")).getByTestId("skew").textContent).toBe("−1 min 35 s");
    expect(screen.getByTestId("device-gate-b-2").textContent).toMatch(/steward2.*3.*2$/);
  });
});
