import { afterEach, describe, expect, it, vi } from "vitest";
import { openLive, reconnectDelay, throttle, type LiveState } from "./live";
import { setUnauthorizedHandler } from "./api-client";

/** A streamed answer whose body is these chunks, then (unless `hold`) its end. */
function stream(chunks: string[], { status = 200, hold = false } = {}) {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(enc.encode(c));
      if (!hold) controller.close();
    },
  });
  return new Response(body, { status, headers: { "Content-Type": "text/event-stream" } });
}

const counts = (id: number, inside: number) => `id: ${id}\nevent: counts\ndata: {"inside":${inside}}\n\n`;

afterEach(() => setUnauthorizedHandler(null));

describe("live stream over fetch", () => {
  it("sends the bearer token, parses messages split across chunks, and resumes with Last-Event-ID", async () => {
    const requests: Headers[] = [];
    const answers = [
      () => stream([counts(3, 1).slice(0, 10), counts(3, 1).slice(10), ": heartbeat\n\n", counts(5, 2)]),
      () => stream([counts(7, 1)], { hold: true }),
    ];
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
      requests.push(new Headers(init?.headers));
      return answers[requests.length - 1]();
    });
    const messages: { id?: string; data: string }[] = [];
    const sleeps: number[] = [];
    const live = openLive({
      url: "/api/events/1/live", token: "tok", fetch: fetchMock as unknown as typeof fetch, random: () => 0,
      sleep: async (ms) => void sleeps.push(ms),
      onMessage: (m) => messages.push({ id: m.id, data: m.data }),
    });
    await vi.waitFor(() => expect(messages).toHaveLength(3));
    live.close();
    expect(messages.map((m) => m.id)).toEqual(["3", "5", "7"]);
    expect(JSON.parse(messages[1].data)).toEqual({ inside: 2 });
    expect(requests[0].get("Authorization")).toBe("Bearer tok");
    expect(requests[0].get("Accept")).toBe("text/event-stream");
    expect(requests[0].has("Last-Event-ID")).toBe(false);
    // The first stream ended: the second asks for what came after the last id it saw.
    expect(requests[1].get("Last-Event-ID")).toBe("5");
    expect(sleeps).toEqual([1000]);
  });

  it("backs off 1, 2, 4 ... 30 s while the server is away, and starts again at 1 s after a message", async () => {
    let n = 0;
    const fetchMock = vi.fn(async () => {
      n++;
      if (n <= 6) throw new TypeError("Failed to fetch");
      if (n === 7) return stream([counts(9, 0)]);
      if (n === 8) return new Response("busy", { status: 503 });
      return stream([], { hold: true });
    });
    const sleeps: number[] = [];
    const states: LiveState[] = [];
    const live = openLive({
      url: "/x", token: "t", fetch: fetchMock as unknown as typeof fetch, random: () => 0,
      sleep: async (ms) => void sleeps.push(ms), onMessage: () => undefined, onState: (s) => states.push(s),
    });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(9));
    live.close();
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 1000, 2000]);
    expect(states[0]).toBe("connecting");
    expect(states).toContain("reconnecting");
    expect(states).toContain("open");
  });

  it("a 401 signs out and stops; a 403 stops without retrying", async () => {
    const signedOut = vi.fn();
    setUnauthorizedHandler(signedOut);
    for (const [status, error] of [[401, "Signed out"], [403, "Not allowed"]] as const) {
      const fetchMock = vi.fn(async () => new Response("{}", { status }));
      const states: [LiveState, string | undefined][] = [];
      openLive({ url: "/x", token: "t", fetch: fetchMock as unknown as typeof fetch, sleep: async () => undefined,
        onMessage: () => undefined, onState: (s, d) => states.push([s, d?.error]) });
      await vi.waitFor(() => expect(states.at(-1)).toEqual(["closed", error]));
      expect(fetchMock).toHaveBeenCalledTimes(1);
    }
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it("a stream silent for longer than the idle limit (no heartbeat) is dropped and opened again", async () => {
    let n = 0;
    const fetchMock = vi.fn(async (_u: string, init?: RequestInit) => {
      n++;
      if (n === 1) {
        // Never sends a byte, and ends only when aborted.
        const body = new ReadableStream<Uint8Array>({
          start(c) { init?.signal?.addEventListener("abort", () => c.error(new DOMException("aborted", "AbortError"))); },
        });
        return new Response(body, { status: 200 });
      }
      return stream([counts(1, 4)], { hold: true });
    });
    const got: string[] = [];
    const live = openLive({ url: "/x", token: "t", fetch: fetchMock as unknown as typeof fetch, idleMs: 30,
      sleep: async () => undefined, onMessage: (m) => got.push(m.data) });
    await vi.waitFor(() => expect(got).toEqual(['{"inside":4}']), { timeout: 2000 });
    live.close();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("close() stops reconnecting", async () => {
    const fetchMock = vi.fn(async () => { throw new TypeError("offline"); });
    let release: () => void = () => undefined;
    const live = openLive({ url: "/x", token: "t", fetch: fetchMock as unknown as typeof fetch, onMessage: () => undefined,
      sleep: (_ms, signal) => new Promise<void>((r) => { release = r; signal.addEventListener("abort", () => r()); }) });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    live.close();
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("the reconnect pause honours the server's retry and adds at most 20 % jitter", () => {
    expect(reconnectDelay(0, null, () => 0)).toBe(1000);
    expect(reconnectDelay(3, null, () => 0)).toBe(8000);
    expect(reconnectDelay(20, null, () => 0)).toBe(30000);
    expect(reconnectDelay(0, 5000, () => 0.5)).toBe(5500);
    expect(reconnectDelay(2, null, () => 0.999)).toBeLessThanOrEqual(4800);
  });
});

describe("throttle", () => {
  it("runs at once, then at most once per window with the last call of a burst at its end", () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const fn = vi.fn();
      const t = throttle(fn, 2000, () => now);
      t();
      expect(fn).toHaveBeenCalledTimes(1);
      now = 500; t();
      now = 900; t();
      expect(fn).toHaveBeenCalledTimes(1);
      now = 2000; vi.advanceTimersByTime(1500);
      expect(fn).toHaveBeenCalledTimes(2);
      now = 5000; t();
      expect(fn).toHaveBeenCalledTimes(3);
      now = 5100; t(); t.cancel();
      vi.advanceTimersByTime(5000);
      expect(fn).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
