// Server-Sent Events over fetch. EventSource cannot send an Authorization header, so the stream is
// read with fetch (the bearer token) and parsed by eventsource-parser. When the stream ends or
// fails it is opened again after a growing pause, with Last-Event-ID set to the last id seen, so
// the server sends what was missed (docs/gate-operations.md, "Live stream"). A stream that says
// nothing, not even its 15 s heartbeat, for IDLE_MS is taken as dead and opened again.
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { authorization, notifyUnauthorized } from "./api-client";

export type LiveState = "connecting" | "open" | "reconnecting" | "closed";

export interface LiveOptions {
  url: string;
  token: string;
  onMessage(message: EventSourceMessage): void;
  onState?(state: LiveState, detail?: { error?: string; retryInMs?: number }): void;
  /** Resume after this id (a page that already has counts up to it). */
  lastEventId?: string | null;
  /** Injected in tests. */
  fetch?: typeof fetch;
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  random?(): number;
  idleMs?: number;
}

export const IDLE_MS = 45_000;
const MAX_DELAY_MS = 30_000;

/** Pause before the attempt-th reconnect: 1 s, 2 s, 4 s ... up to 30 s, with up to 20 % jitter so
 *  a hundred dashboards do not all come back in the same millisecond after a restart. A `retry:`
 *  the server sent replaces the base delay. */
export function reconnectDelay(attempt: number, serverRetryMs: number | null = null, random = Math.random): number {
  const base = serverRetryMs ?? Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 + 0.2 * random()));
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Errors after which trying again cannot help (wrong event, no permission). */
class Fatal extends Error {}

export function openLive(options: LiveOptions): { close(): void } {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const sleep = options.sleep ?? defaultSleep;
  const idleMs = options.idleMs ?? IDLE_MS;
  const stop = new AbortController();
  let lastId = options.lastEventId ?? null;
  let serverRetry: number | null = null;
  let attempt = 0;
  const state = (s: LiveState, detail?: { error?: string; retryInMs?: number }) => {
    if (!stop.signal.aborted || s === "closed") options.onState?.(s, detail);
  };

  async function once(): Promise<void> {
    const request = new AbortController();
    const abortRequest = () => request.abort();
    stop.signal.addEventListener("abort", abortRequest, { once: true });
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => request.abort(), idleMs);
    };
    try {
      const headers: Record<string, string> = { Authorization: authorization(options.token), Accept: "text/event-stream" };
      if (lastId !== null) headers["Last-Event-ID"] = lastId;
      touch();
      const res = await doFetch(options.url, { headers, signal: request.signal, cache: "no-store" });
      if (res.status === 401) {
        notifyUnauthorized();
        throw new Fatal("Signed out");
      }
      if (res.status === 403 || res.status === 404) throw new Fatal(res.status === 403 ? "Not allowed" : "No such event");
      if (!res.ok || !res.body) throw new Error(`The live stream answered ${res.status}`);
      const parser = createParser({
        onEvent(message) {
          if (message.id !== undefined) lastId = message.id;
          attempt = 0;  // a message went through: the next failure starts the pauses afresh
          options.onMessage(message);
        },
        onRetry(ms) {
          serverRetry = ms;
        },
      });
      state("open");
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        touch();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      clearTimeout(idle);
      stop.signal.removeEventListener("abort", abortRequest);
    }
  }

  void (async () => {
    state("connecting");
    while (!stop.signal.aborted) {
      let error: string | undefined;
      try {
        await once();
        error = "The live stream closed";
      } catch (e) {
        if (stop.signal.aborted) break;
        if (e instanceof Fatal) {
          state("closed", { error: e.message });
          return;
        }
        error = e instanceof Error && e.name !== "AbortError" ? e.message : "The live stream stopped";
      }
      if (stop.signal.aborted) break;
      const wait = reconnectDelay(attempt++, serverRetry, options.random);
      state("reconnecting", { error, retryInMs: wait });
      await sleep(wait, stop.signal);
    }
    state("closed");
  })();

  return { close: () => stop.abort() };
}

/** At most one call of fn per `ms`: the first at once, the last of a burst at the end of the window. */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = now();
    fn();
  };
  const call = () => {
    if (timer) return;
    const wait = last + ms - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  call.cancel = () => clearTimeout(timer);
  return call;
}
