import { afterEach, describe, expect, it, vi } from "vitest";
import { api, apiGet, authorization, deviceCredential, apiPatch, apiPost, ApiError, buildUrl, retryAfterSeconds, setEnrolmentRequiredHandler, setUnauthorizedHandler, type BodyOf, type JsonOf, type ResponseOf } from "./api-client";
import type { Event } from "./types";

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

describe("typed helpers (keyed by src/api/openapi.json)", () => {
  it("fill path parameters (encoded) and the query, leaving out empty values", () => {
    expect(buildUrl("/api/events/{id}", { id: 7 })).toBe("/api/events/7");
    expect(buildUrl("/api/tickets/{serial}/history", { serial: "A B/1" })).toBe("/api/tickets/A%20B%2F1/history");
    expect(buildUrl("/api/events", undefined, { limit: 200, offset: undefined, q: "" })).toBe("/api/events?limit=200");
    expect(() => buildUrl("/api/events/{id}", {})).toThrow(/\{id\}/);
  });

  it("send the method, path, body and token the document describes", async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ id: 3, name: "X" }), { status: 200 }));
    vi.stubGlobal("fetch", fetchMock);
    const event = await apiPatch("/api/events/{id}", { path: { id: 3 }, body: { name: "X" }, token: "t" });
    expect(event.name).toBe("X");
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe("/api/events/3");
    expect(init.method).toBe("PATCH");
    expect(init.body).toBe(JSON.stringify({ name: "X" }));
    expect((init.headers as Record<string, string>).Authorization).toBe("Bearer t");
  });

  it("type the answers and bodies from the document (checked by tsc)", () => {
    const one: ResponseOf<"/api/events/{id}", "get"> = {} as Event;
    const list: JsonOf<"/api/events", "get", 200>["items"] = [one];
    const body: BodyOf<"/api/auth/login", "post"> = { username: "a", password: "b" };
    expect([list.length, Object.keys(body)]).toEqual([1, ["username", "password"]]);
    // Calls the document does not allow do not compile (never run: only tsc looks at them).
    const never = () => {
      // @ts-expect-error: no such path in the document
      void apiGet("/api/no-such-path");
      // @ts-expect-error: {id} must be given
      void apiGet("/api/events/{id}", {});
      // @ts-expect-error: login's body needs a password
      void apiPost("/api/auth/login", { body: { username: "a" } });
      // @ts-expect-error: GET /api/events takes no body
      void apiGet("/api/events", { body: { name: "x" } });
    };
    expect(typeof never).toBe("function");
  });
});

describe("two-factor answers", () => {
  it("a 401 about a typed code does not end the session; any other 401 does", async () => {
    let signedOut = 0;
    setUnauthorizedHandler(() => signedOut++);
    const answer = (code: string) => vi.stubGlobal("fetch", vi.fn(async () => new Response(
      JSON.stringify({ error: { code, message: code, fields: {} } }), { status: 401 })));
    answer("invalid_second_factor");
    await api("/api/auth/2fa/disable", { body: { code: "1" }, token: "t" }).catch(() => undefined);
    answer("second_factor_required");
    await api("/api/auth/2fa/confirm", { body: { code: "1" }, token: "t" }).catch(() => undefined);
    expect(signedOut).toBe(0);
    answer("unauthenticated");
    await api("/api/auth/me", { token: "t" }).catch(() => undefined);
    expect(signedOut).toBe(1);
    setUnauthorizedHandler(null);
  });

  it("403 second_factor_enrolment_required calls the enrolment handler (a plain 403 does not)", async () => {
    let sent = 0;
    setEnrolmentRequiredHandler(() => sent++);
    const answer = (code: string) => vi.stubGlobal("fetch", vi.fn(async () => new Response(
      JSON.stringify({ error: { code, message: code, fields: {} } }), { status: 403 })));
    answer("forbidden");
    await api("/api/users", { token: "t" }).catch(() => undefined);
    expect(sent).toBe(0);
    answer("second_factor_enrolment_required");
    const err = await api("/api/users", { token: "t" }).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe("second_factor_enrolment_required");
    expect(sent).toBe(1);
    setEnrolmentRequiredHandler(null);
  });
});

describe("credentials", () => {
  it("a user's token is a bearer token; an enrolled device's is sent as Device <token>", async () => {
    expect(authorization("abc.def")).toBe("Bearer abc.def");
    expect(authorization(deviceCredential("dtok"))).toBe("Device dtok");
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response("{}", { status: 200 }));
    vi.stubGlobal("fetch", fetchMock);
    await api("/api/devices/me", { token: deviceCredential("dtok") });
    await api("/api/auth/me", { token: "utok" });
    expect(new Headers(fetchMock.mock.calls[0][1].headers).get("Authorization")).toBe("Device dtok");
    expect(new Headers(fetchMock.mock.calls[1][1].headers).get("Authorization")).toBe("Bearer utok");
  });
});
