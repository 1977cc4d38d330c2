import { describe, expect, it } from "vitest";
import { normaliseTypedSerial, typedNumber } from "./serial";

// The same cases as the server's tests/unit/serial_test.cpp: the scanner's offline check must read
// a typed serial exactly as the server does.
describe("normaliseTypedSerial", () => {
  it("forgives spaces, case and dashes", () => {
    for (const typed of ["HL2027-000002", "  hl2027-000002 ", "HL2027 000002", "HL2027 - 000002", "HL2027--000002", "HL2027\t000002"])
      expect(normaliseTypedSerial(typed, "HL2027")).toBe("HL2027-000002");
  });
  it("adds a missing dash and the padding", () => {
    expect(normaliseTypedSerial("HL2027000002", "HL2027")).toBe("HL2027-000002");
    expect(normaliseTypedSerial("hl20272", "HL2027")).toBe("HL2027-000002");
    expect(normaliseTypedSerial("HL2027-0000002", "HL2027")).toBe("HL2027-000002");
    expect(normaliseTypedSerial("HL2027-1234567", "HL2027")).toBe("HL2027-1234567");
  });
  it("takes the number alone as the gate's serial", () => {
    expect(normaliseTypedSerial("2", "HL2027")).toBe("HL2027-000002");
    expect(normaliseTypedSerial(" 000017 ", "SUMMER26")).toBe("SUMMER26-000017");
    expect(normaliseTypedSerial("2")).toBe("2");
  });
  it("never takes another event's prefix for the gate's", () => {
    expect(normaliseTypedSerial("HL2026-000002", "HL2027")).toBe("HL2026-000002");
    expect(normaliseTypedSerial("hl2026 2", "HL2027")).toBe("HL2026-000002");
    expect(normaliseTypedSerial("EVT12-000005", "EVT1")).toBe("EVT12-000005");
    expect(normaliseTypedSerial("EVT12 5", "EVT1")).toBe("EVT12-000005");
    expect(normaliseTypedSerial("XHL2027-000002", "HL2027")).toBe("XHL2027-000002");
    expect(normaliseTypedSerial("evt2026 - 123")).toBe("EVT2026-000123");
  });
  it("refuses what cannot be a serial", () => {
    for (const typed of ["", "   ", " - ", "O'Brien", "https://example.org/t/1", "1".repeat(65)])
      expect(normaliseTypedSerial(typed, "HL2027")).toBeNull();
    expect(normaliseTypedSerial(`${"A".repeat(60)} 2`, "HL2027")).toBeNull();
    expect(normaliseTypedSerial("Ann Smith", "HL2027")).toBe("ANN-SMITH");
    expect(normaliseTypedSerial("1234567890123456", "HL2027")).toBe("1234567890123456");
  });
});

describe("typedNumber", () => {
  it("is the number of a serial of the pack's event only", () => {
    expect(typedNumber("2", "HL2027")).toBe(2);
    expect(typedNumber("hl2027 17", "HL2027")).toBe(17);
    expect(typedNumber("HL2026-2", "HL2027")).toBeNull();
    expect(typedNumber("Ann Smith", "HL2027")).toBeNull();
  });
});
