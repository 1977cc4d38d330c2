// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import type { Scan } from "../../lib/types";
import { Dashboard, mergeScans } from "./Dashboard";

// The charts (chart.js on a canvas) are their own chunk; here a stand-in shows what it was given.
vi.mock("./AttendanceCharts", () => ({
  AttendanceCharts: ({ version }: { version: number }) => <p data-testid="charts-version">{version}</p>,
}));

const event = { id: 1, name: "Fest", slug: "fest", venue: null, starts_at: null, ends_at: null, capacity: null, serial_prefix: "F",
  requires_approval: true, published: true, reentry: true };
const scan = (id: number, result = "admitted", gate = "A"): Scan => ({ id, event_id: 1, serial: `F-00000${id}`, code: null, type: "entry", result,
  gate, device_id: "d", user: "gate1", scanned_at: "2026-12-01T09:00:00Z", note: null });
const message = (id: number, inside: number, extra: Record<string, unknown> = {}) =>
  `id: ${id}\nevent: counts\ndata: ${JSON.stringify({ event_id: 1, sold: 10, issued: 12, admitted: 4, inside,
    per_gate: [{ gate: "A", entries: 4, exits: 4 - inside, inside }], last_scans: [scan(id)], missed_scans: [], at: "t", ...extra })}\n\n`;

let push: (text: string) => void = () => undefined;
const liveHeaders: Headers[] = [];

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: "admin" } }));
  liveHeaders.length = 0;
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const json = (payload: unknown) => new Response(JSON.stringify(payload), { status: 200 });
    if (url.startsWith("/api/events?")) return json({ items: [event], total: 1, limit: 200, offset: 0 });
    if (url === "/api/admin/stats") return json({ events: [{ event_id: 1, event_name: "Fest", pending: 2, approved: 12, declined: 0, checked_in: 4, capacity: null }] });
    if (url === "/api/events/1/live") {
      liveHeaders.push(new Headers(init?.headers));
      const enc = new TextEncoder();
      return new Response(new ReadableStream<Uint8Array>({ start(c) { push = (t) => c.enqueue(enc.encode(t)); } }), { status: 200 });
    }
    if (url.startsWith("/api/admin/outbox")) return json({ queued: 0, sending: 0, sent: 0, failed: 0, smtp_configured: true, enabled: true });
    return new Response("{}", { status: 404 });
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("live dashboard", () => {
  it("shows the stream's counts (inside, per gate, last scans) and asks the charts to refresh when they change", async () => {
    render(<MemoryRouter initialEntries={["/admin?event=1"]}><AuthProvider storageKey="gatepass.admin"><Dashboard /></AuthProvider></MemoryRouter>);
    await vi.waitFor(() => expect(liveHeaders).toHaveLength(1));
    expect(liveHeaders[0].get("Authorization")).toBe("Bearer tok");
    push(message(3, 2));
    expect((await screen.findByTestId("live-inside")).textContent).toBe("2");
    await vi.waitFor(() => expect(screen.getByTestId("live-state").textContent).toBe("Live"));
    expect(screen.getByTestId("gate-inside-A").textContent).toBe("2");
    expect(screen.getByTestId("live-rate").textContent).toBe("40 %");
    expect(screen.getByTestId("live-no-shows").textContent).toBe("6");
    expect(within(screen.getByTestId("last-scans")).getByText("F-000003")).toBeTruthy();
    expect(screen.getByTestId("charts-version").textContent).toBe("0");  // the first message is the loaded state
    push(message(4, 3));
    await vi.waitFor(() => expect(screen.getByTestId("live-inside").textContent).toBe("3"));
    await vi.waitFor(() => expect(screen.getByTestId("charts-version").textContent).toBe("1"));
    expect(screen.getAllByText("Pending")).toHaveLength(1);  // the registration counts stay
  });

  it("keeps each scan once, newest first, the missed ones included", () => {
    const merged = mergeScans([scan(2), scan(1)], [scan(5), scan(4), scan(2)], 3);
    expect(merged.map((s) => s.id)).toEqual([5, 4, 2]);
  });
});
