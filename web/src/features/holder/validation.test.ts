import { describe, expect, it } from "vitest";
import { normaliseClaimCode, safeNext, scannedClaimCode, transferTarget, validateSignup } from "./validation";

describe("holder forms", () => {
  it("sign-up: every field checked, good input passes", () => {
    expect(validateSignup({ username: "rita_k", password: "long-enough-pw", email: "rita@example.com", name: "Rita K" })).toEqual({});
    const e = validateSignup({ username: "r!", password: "short", email: "rita", name: " " });
    expect(Object.keys(e).sort()).toEqual(["email", "name", "password", "username"]);
    expect(e.password).toBe("must be at least 10 characters");
  });
  it("a transfer goes to an email or a username (a leading @ is a username)", () => {
    expect(transferTarget("bob")).toEqual({ to_username: "bob" });
    expect(transferTarget(" @bob ")).toEqual({ to_username: "bob" });
    expect(transferTarget("bob@example.com")).toEqual({ to_email: "bob@example.com" });
    expect(transferTarget("  ")).toBeNull();
  });
  it("a claim code is normalised: case, spaces, odd dashes, groups typed together", () => {
    const want = "SUM-000007-ABCD-EFG2-JK7M";
    for (const typed of [want, " sum-000007-abcd-efg2-jk7m ", "SUM 000007 ABCD EFG2 JK7M", "SUM-000007 ABCDEFG2JK7M",
      "sum–000007—abcd efg2-jk7m", "SUM-000007ABCD-EFG2-JK7M", "SUM-000007-ABCD-\nEFG2-JK7M", "Claim code: SUM-000007-ABCD-EFG2-JK7M"])
      expect(normaliseClaimCode(typed), typed).toBe(want);
    // The serial's number may end in a digit the code starts with: the last 12 characters are the code.
    expect(normaliseClaimCode("HF2026-0000012ABC-DEFG-HIJK")).toBe("HF2026-000001-2ABC-DEFG-HIJK");
    expect(normaliseClaimCode("EVT2025-000123-abcdefghijkl")).toBe("EVT2025-000123-ABCD-EFGH-IJKL");
  });
  it("what is not a claim code is refused (the entry QR, a bare serial, a short or long code)", () => {
    for (const bad of ["", "GP1:AEAAAAAQAAAAKgAAAAAAAAB7", "SUM-000007", "SUM-000007-ABCD-EFGH-JKL", "SUM-000007-ABCD-EFGH-JKLMN",
      "SUM-ABCD-EFGH-JKLM", "SUM-000007-AB!D-EFGH-JKLM", "-000007-ABCD-EFGH-JKLM"])
      expect(normaliseClaimCode(bad), bad).toBeNull();
  });
  it("a scanned QR: a claim code is taken, the entry QR is explained", () => {
    expect(scannedClaimCode("sum-000007-abcd-efgh-jklm")).toEqual({ claimCode: "SUM-000007-ABCD-EFGH-JKLM" });
    expect(scannedClaimCode("GP1:AEAAAAAQ")).toEqual({ problem: expect.stringMatching(/entry QR code.*claim code printed beside it/) });
    expect(scannedClaimCode("https://example.org")).toEqual({ problem: "That QR code is not a claim code." });
  });
  it("sign-in goes back only to the holder pages and ticket links", () => {
    expect(safeNext("/t/tok_123")).toBe("/t/tok_123");
    expect(safeNext("/my/requests")).toBe("/my/requests");
    for (const bad of [null, "", "https://evil.example/t/x", "//evil.example/t/x", "/admin", "/t\\evil", "/tickets", "/myself"])
      expect(safeNext(bad), String(bad)).toBe("/my");
  });
});
