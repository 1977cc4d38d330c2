import { describe, expect, it } from "vitest";
import { arrivalText, maskEmail } from "./arrival";

describe("how the ticket arrives", () => {
  it("masks the address: first letter, an ellipsis, the domain", () => {
    expect(maskEmail("alice@example.org")).toBe("a…@example.org");
    expect(maskEmail("  Zoë.Å@mail.example.com ")).toBe("Z…@mail.example.com");
    expect(maskEmail("x@y.z")).toBe("x…@y.z");
    // Nothing that looks like an address is shown as it was typed.
    expect(maskEmail("@example.org")).toBe("…");
    expect(maskEmail("alice@")).toBe("…");
    expect(maskEmail("alice")).toBe("…");
  });
  it("says where and how: email (once approved when pending), and /my with that email", () => {
    expect(arrivalText("alice@example.org", true)).toBe("Once approved, we'll email it to a…@example.org; check /my with this email.");
    expect(arrivalText("alice@example.org", false)).toBe("We'll also email it to a…@example.org; check /my with this email.");
    expect(arrivalText("alice@example.org", true)).not.toContain("alice@");
  });
});
