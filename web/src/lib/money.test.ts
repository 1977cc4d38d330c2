import { describe, expect, it } from "vitest";
import { centsToDecimal, formatMoney, moneyError, multiplyMoney, normalizeMoney, parseCents } from "./money";

describe("money", () => {
  it("parses decimal strings to whole cents, refusing anything else", () => {
    expect(parseCents("25")).toBe(2500n);
    expect(parseCents("25.5")).toBe(2550n);
    expect(parseCents(" 0.05 ")).toBe(5n);
    expect(parseCents("19.999")).toBeNull();
    expect(parseCents("-1.00")).toBeNull();
    expect(parseCents("1e3")).toBeNull();
    expect(parseCents("12,50")).toBeNull();
    expect(parseCents("")).toBeNull();
  });

  it("normalizes to the API's two decimals and multiplies exactly (no float drift)", () => {
    expect(normalizeMoney("25")).toBe("25.00");
    expect(normalizeMoney("7.5")).toBe("7.50");
    expect(centsToDecimal(5n)).toBe("0.05");
    expect(multiplyMoney("0.10", 3)).toBe("0.30");  // 0.1 * 3 is 0.30000000000000004 in floats
    expect(multiplyMoney("19.99", 3)).toBe("59.97");
    expect(multiplyMoney("x", 3)).toBeNull();
    expect(() => normalizeMoney("abc")).toThrow();
  });

  it("says why a price is refused", () => {
    expect(moneyError("")).toBe("is required");
    expect(moneyError("25.001")).toBe("must have at most 2 decimals");
    expect(moneyError("twenty")).toBe("must be an amount like 25.00");
    expect(moneyError("25.00")).toBeNull();
  });

  it("formats in the event's currency, exactly, with a fallback for unknown codes", () => {
    expect(formatMoney("1234.5", "EUR", "en-US")).toBe("€1,234.50");
    expect(formatMoney("25.00", "USD", "en-US")).toBe("$25.00");
    expect(formatMoney("90071992547409.93", "EUR", "en-US")).toBe("€90,071,992,547,409.93");
    expect(formatMoney("3.00", "NOPE", "en-US")).toBe("3.00 NOPE");
    expect(formatMoney(null, "EUR")).toBe("—");
  });
});
