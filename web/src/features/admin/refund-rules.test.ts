import { describe, expect, it } from "vitest";
import { checkCompletion, overrideNeeded } from "./refund-rules";

const form = (amount: string, overrideReason = "", notes = "") => ({ amount, overrideReason, notes });

describe("completing a refund", () => {
  it("up to the refundable amount needs no override (and sends none even if typed)", () => {
    expect(checkCompletion(form("12.50"), "12.50")).toEqual({ ok: true, body: { amount: "12.50" } });
    expect(checkCompletion(form("7", "typed anyway", " ref 42 "), "12.50")).toEqual({ ok: true, body: { amount: "7.00", notes: "ref 42" } });
    expect(overrideNeeded("12.50", "12.50")).toBe(false);
  });
  it("more than the refundable amount asks for an override reason, and sends it", () => {
    expect(overrideNeeded("12.51", "12.50")).toBe(true);
    expect(overrideNeeded("100", "99.99")).toBe(true);
    const refused = checkCompletion(form("12.51"), "12.50");
    expect(refused).toEqual({ ok: false, fields: { override_reason: "is required: 12.51 is more than the refundable 12.50" } });
    expect(checkCompletion(form("12.51", "  "), "12.50").ok).toBe(false);
    expect(checkCompletion(form("20", "Goodwill: the show started late"), "12.50"))
      .toEqual({ ok: true, body: { amount: "20.00", override_reason: "Goodwill: the show started late" } });
  });
  it("a free ticket (refundable 0.00): any money back is an override", () => {
    expect(overrideNeeded("0.01", "0.00")).toBe(true);
    expect(checkCompletion(form("0"), "0.00")).toEqual({ ok: true, body: { amount: "0.00" } });
  });
  it("a bad or missing amount is the amount's error; without a refundable amount the server's default is kept", () => {
    expect(checkCompletion(form("12.505"), "12.50")).toEqual({ ok: false, fields: { amount: "must have at most 2 decimals" } });
    expect(checkCompletion(form("ten"), "12.50")).toEqual({ ok: false, fields: { amount: "must be an amount like 25.00" } });
    expect(checkCompletion(form(""), "12.50")).toEqual({ ok: false, fields: { amount: "is required" } });
    expect(checkCompletion(form(""), undefined)).toEqual({ ok: true, body: {} });
    expect(overrideNeeded("1000", undefined)).toBe(false);
  });
});
