import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, retryAfterSeconds } from "./api-client";

afterEach(() => vi.unstubAllGlobals());

describe("Retry-After", () => {
  it("reads delta-seconds and HTTP dates, and ignores junk", () => {
    expect(retryAfterSeconds("42")).toBe(42);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds("soon")).toBeNull();
    const now = Date.parse("2026-05-01T10:00:00Z");
    expect(retryAfterSeconds("Fri, 01 May 2026 10:00:30 GMT", now)).toBe(30);
  });

  it("a 429's Retry-After reaches the ApiError", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(
      JSON.stringify({ error: { code: "too_many_requests", message: "Slow down" } }), { status: 429, headers: { "Retry-After": "17" } })));
    const err = await api("/api/register", { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("too_many_requests");
    expect((err as ApiError).retryAfter).toBe(17);
  });
});
