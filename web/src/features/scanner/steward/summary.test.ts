import { afterEach, describe, expect, it, vi } from "vitest";
import { loadSummary, queryProblem, reasonProblem, summaryFrom, undoable } from "./summary";
import type { LiveCounts, Scan } from "../../../lib/types";

afterEach(() => vi.unstubAllGlobals());

const counts = { event_id: 7, sold: 10, issued: 10, admitted: 6, inside: 4, at: "t", last_scans: [], missed_scans: [],
  per_gate: [{ gate: "North", entries: 5, exits: 1, inside: 4 }, { gate: "South", entries: 1, exits: 0, inside: 0 }] } as unknown as LiveCounts;
const scan = (id: number, over: Partial<Scan> = {}) => ({ id, serial: `S-${id}`, type: "entry", result: "admitted", scanned_at: "t", ...over }) as Scan;

describe("the steward's numbers", () => {
  it("the route's answer when the server has it, asked for this gate and device", async () => {
    const fetchMock = vi.fn(async (_url: string) => new Response(JSON.stringify({ inside: 9, admitted_total: 12, admitted_at_gate: 7, last_scans: [] })));
    vi.stubGlobal("fetch", fetchMock);
    const r = await loadSummary("tok", 7, " North ", "dev-1", counts);
    expect(r).toEqual({ fallback: false, summary: { inside: 9, admitted_total: 12, admitted_at_gate: 7, last_scans: [] } });
    expect(fetchMock.mock.calls[0][0]).toBe("/api/events/7/gate-summary?gate=North&device_id=dev-1");
  });

  it("without the route (404): the live counts and this device's scans", async () => {
    const fetchMock = vi.fn(async (url: string) => url.includes("gate-summary")
      ? new Response(JSON.stringify({ error: { code: "not_found", message: "no" } }), { status: 404 })
      : new Response(JSON.stringify({ items: Array.from({ length: 25 }, (_, i) => scan(i + 1)), next_cursor: null })));
    vi.stubGlobal("fetch", fetchMock);
    const r = await loadSummary("tok", 7, "North", "dev-1", counts);
    expect(r.fallback).toBe(true);
    expect(r.summary).toMatchObject({ inside: 4, admitted_total: 6, admitted_at_gate: 5 });
    expect(r.summary.last_scans).toHaveLength(20);
    expect(fetchMock.mock.calls[1][0]).toBe("/api/scans?event_id=7&device_id=dev-1&limit=20");
  });

  it("another error is not papered over", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ error: { code: "not_assigned", message: "Not your event" } }), { status: 403 })));
    await expect(loadSummary("tok", 7, "", "d", null)).rejects.toThrow("Not your event");
  });

  it("fallback numbers for an unnamed gate, undo only on admissions, reason and query rules", () => {
    expect(summaryFrom(null, [], "")).toEqual({ inside: 0, admitted_total: 0, admitted_at_gate: 0, last_scans: [] });
    expect(undoable(scan(1))).toBe(true);
    expect(undoable(scan(2, { result: "already_used" }))).toBe(false);
    expect(undoable(scan(3, { type: "exit", result: "exited" }))).toBe(false);
    expect(reasonProblem("  ")).toMatch(/Say why/);
    expect(reasonProblem("x".repeat(501))).toMatch(/500/);
    expect(reasonProblem("wrong ticket")).toBeNull();
    expect(queryProblem("a")).toMatch(/at least 2/);
    expect(queryProblem("an")).toBeNull();
  });
});
