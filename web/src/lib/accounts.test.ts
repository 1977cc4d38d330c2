import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client";
import { cleanSecondFactorCode, coolingOffEnd, formatWait, loginFailure, maskEmail, tokenFromFragment } from "./accounts";

describe("mailed links", () => {
  it("read the token from the fragment, as sent (a + stays a +, %-escapes are decoded)", () => {
    expect(tokenFromFragment("#token=abc_DEF-123")).toBe("abc_DEF-123");
    expect(tokenFromFragment("token=abc")).toBe("abc");
    expect(tokenFromFragment("#token=a+b/c%3D")).toBe("a+b/c=");
    expect(tokenFromFragment("#from=mail&token=xyz&x=1")).toBe("xyz");
  });
  it("no token, an empty one, a look-alike name or a broken escape give null", () => {
    for (const hash of ["", "#", "#token=", "#token=%20", "#tokens=abc", "#mytoken=abc", "#token", "#token=%E0%A4%A"])
      expect(tokenFromFragment(hash), hash).toBeNull();
  });
  it("mask an address to its first letter and domain", () => {
    expect(maskEmail("alice@example.org")).toBe("a…@example.org");
    expect(maskEmail("x@y.z")).toBe("x…@y.z");
    expect(maskEmail(null)).toBe("your address");
    expect(maskEmail("@example.org")).toBe("your address");
  });
  it("say how long to wait after a 429", () => {
    expect(formatWait(1)).toBe("in 1 second");
    expect(formatWait(40)).toBe("in 40 seconds");
    expect(formatWait(61)).toBe("in 2 minutes");
    expect(formatWait(60)).toBe("in 1 minute");
    expect(formatWait(3600)).toBe("in 60 minutes");
    expect(formatWait(3 * 3600)).toBe("in 3 hours");
    expect(formatWait(null)).toBe("later");
    expect(formatWait(0)).toBe("later");
  });
});

describe("the sign-in's two-factor step", () => {
  const err = (status: number, code: string, retryAfter: number | null = null) => new ApiError(status, code, `msg ${code}`, {}, null, retryAfter);
  it("second_factor_required asks for the code without an error", () => {
    expect(loginFailure(err(401, "second_factor_required"), false)).toEqual({ needsCode: true, message: null });
  });
  it("a wrong or reused code keeps the code field and says so", () => {
    expect(loginFailure(err(401, "invalid_second_factor"), true)).toEqual({ needsCode: true, message: "Wrong or already used code" });
  });
  it("a wrong password stays on the password step; a throttle says how long", () => {
    expect(loginFailure(err(401, "unauthenticated"), false)).toEqual({ needsCode: false, message: "msg unauthenticated" });
    // The password changed meanwhile: back to the password step.
    expect(loginFailure(err(401, "unauthenticated"), true)).toEqual({ needsCode: false, message: "msg unauthenticated" });
    expect(loginFailure(err(429, "too_many_requests", 120), true)).toEqual({ needsCode: true, message: "Too many attempts. Try again in 2 minutes." });
    expect(loginFailure(new Error("Staff sign in at /admin"), false)).toEqual({ needsCode: false, message: "Staff sign in at /admin" });
  });
  it("a typed code loses its spaces", () => {
    expect(cleanSecondFactorCode(" 123 456 ")).toBe("123456");
    expect(cleanSecondFactorCode("abcd-efgh")).toBe("abcd-efgh");
  });
});

describe("cooling-off", () => {
  const err = (message: string, fields: Record<string, string> = {}) => new ApiError(409, "cooling_off", message, fields);
  it("reads the end from the server's field, else from the ISO time in its message", () => {
    expect(coolingOffEnd(err("x", { until: "2026-12-05T21:42:09Z" }))).toBe("2026-12-05T21:42:09Z");
    expect(coolingOffEnd(err("This ticket was claimed recently; it can be sent on from 2026-12-05T21:42:09.057Z (or ask the organiser)")))
      .toBe("2026-12-05T21:42:09.057Z");
    expect(coolingOffEnd(err("from 2026-12-05T21:42+01:00."))).toBe("2026-12-05T21:42+01:00");
  });
  it("no time: null (the message is shown as it is)", () => {
    expect(coolingOffEnd(err("It can be transferred from 2026-07-02 18:00 UTC."))).toBeNull();
    expect(coolingOffEnd(err("later"))).toBeNull();
  });
});
