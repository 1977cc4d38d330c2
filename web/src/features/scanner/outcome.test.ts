import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api-client";
import type { TicketView } from "../../lib/types";
import { fromError, fromVerify } from "./outcome";

const fmt = (s: string | null) => s ?? "—";
const ticket: TicketView = { serial: "EVT2026-000001", status: "valid", name: "Alice", email: "a@x.io", team_name: "X",
  event_id: 1, event_name: "Fest", issued_at: "t0", used_at: null };

describe("scan outcomes", () => {
  it("valid tickets of the chosen event can be admitted", () => {
    const o = fromVerify(ticket, 1, fmt);
    expect(o.tone).toBe("valid");
    expect(o.canAdmit).toBe(true);
  });
  it("a ticket of another event is refused", () => {
    const o = fromVerify(ticket, 2, fmt);
    expect(o.title).toBe("WRONG EVENT");
    expect(o.canAdmit).toBe(false);
  });
  it("used tickets show the first check-in time", () => {
    const o = fromVerify({ ...ticket, status: "used", used_at: "18:02" }, 1, fmt);
    expect(o.tone).toBe("used");
    expect(o.detail).toContain("18:02");
  });
  it("409 already_used from mark-used carries the first time and the holder", () => {
    const err = new ApiError(409, "already_used", "Already used", {}, { used_at: "18:02", ticket: { ...ticket, status: "used" } });
    const o = fromError(err, fmt);
    expect(o.tone).toBe("used");
    expect(o.detail).toContain("18:02");
    expect(o.ticket?.name).toBe("Alice");
  });
  it("the server's wrong_event refusal is shown as WRONG EVENT", () => {
    const o = fromError(new ApiError(409, "wrong_event", "This ticket is for Expo", {}, { ticket }), fmt);
    expect(o.title).toBe("WRONG EVENT");
    expect(o.canAdmit).toBe(false);
  });
  it("404 is invalid; network errors are retryable, never 'already used'", () => {
    expect(fromError(new ApiError(404, "invalid", "x"), fmt).title).toBe("INVALID");
    const net = fromError(new ApiError(0, "network_error", "offline"), fmt);
    expect(net.canRetry).toBe(true);
    expect(net.tone).toBe("error");
    expect(fromError(new ApiError(503, "unavailable", "busy"), fmt).canRetry).toBe(true);
  });
});
