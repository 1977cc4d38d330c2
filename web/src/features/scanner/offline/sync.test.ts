// @vitest-environment node
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyPack, refusalOf } from "./pack";
import { openStore, type OfflineStore } from "./store";
import { refreshPack, startSync, syncOnce, uploadQueue, type SyncDeps } from "./sync";
import { encodeRanges, fullPack } from "./testing";

interface Sent { url: string; method: string; body: { device_id: string; sent_at: string; scans: { nonce: string; code: string; gate?: string }[] } | null }
let sent: Sent[] = [];

/** fetch answering with `handler(url, body)`: a Response, or an Error to fail like a dead network. */
function serve(handler: (url: string, body: Sent["body"]) => Response | Error) {
  sent = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    sent.push({ url, method: init?.method ?? "GET", body });
    const r = handler(url, body);
    if (r instanceof Error) throw r;
    return r;
  }));
}
const json = (payload: unknown, status = 200) => new Response(JSON.stringify(payload), { status });
/** The server of the contract: answers every scan of a batch (admitted, or a conflict for ticket 2). */
const answerAll = (body: Sent["body"]) => json({
  device_id: body!.device_id, skew_ms: 1520,
  results: body!.scans.map((s) => ({ nonce: s.nonce, outcome: s.code.endsWith(":2") ? "conflict" : "admitted",
    reason: s.code.endsWith(":2") ? "double_admission" : null, serial: null, replayed: false })),
  summary: { admitted: 0, conflicts: 0, invalid: 0, replayed: 0 },
});

async function storeWith(count: number): Promise<OfflineStore> {
  const store = await openStore(new IDBFactory());
  for (let n = 1; n <= count; n++)
    await store.admitOffline({ code: `GP1:${n}`, nonce: `nonce-${String(n).padStart(6, "0")}`, scanned_at: "2026-12-01T09:00:00.000Z",
      gate: n % 2 ? "North" : undefined, event_id: 7 }, n);
  return store;
}
const deps = (store: OfflineStore, over: Partial<SyncDeps> = {}): SyncDeps =>
  ({ store, deviceId: "gate-a-phone-1", token: "tok", eventId: 7, now: () => new Date("2026-12-01T10:02:00.000Z"), ...over });

afterEach(() => vi.unstubAllGlobals());

describe("upload of the offline queue", () => {
  it("sends batches of at most 500 with device_id and sent_at, drops what was answered", async () => {
    const store = await storeWith(1203);
    serve((url, body) => (url === "/api/scans/offline" ? answerAll(body) : new Error("unexpected")));
    const report = await uploadQueue(deps(store));
    expect(sent.map((s) => s.body!.scans.length)).toEqual([500, 500, 203]);
    expect(sent.every((s) => s.method === "POST" && s.body!.device_id === "gate-a-phone-1" && s.body!.sent_at === "2026-12-01T10:02:00.000Z")).toBe(true);
    expect(sent[0].body!.scans[0]).toEqual({ code: "GP1:1", nonce: "nonce-000001", scanned_at: "2026-12-01T09:00:00.000Z", gate: "North" });
    expect(sent[0].body!.scans[1]).not.toHaveProperty("gate");
    expect(sent[0].body!.scans[0]).not.toHaveProperty("event_id");
    expect(new Set(sent.flatMap((s) => s.body!.scans.map((x) => x.nonce))).size).toBe(1203);
    expect(await store.queueCount()).toBe(0);
    expect(report).toMatchObject({ uploaded: 1203, conflicts: 1, skewMs: 1520, rejected: 0 });
  });

  it("keeps everything on a network failure, and what the server did not answer", async () => {
    const store = await storeWith(3);
    serve(() => new TypeError("Failed to fetch"));
    await expect(uploadQueue(deps(store))).rejects.toMatchObject({ status: 0 });
    expect(await store.queueCount()).toBe(3);
    serve(() => json({ error: { code: "unavailable", message: "busy" } }, 503));
    await expect(uploadQueue(deps(store))).rejects.toMatchObject({ status: 503 });
    expect(await store.queueCount()).toBe(3);
    // An answer for only the first scan: the other two stay for the next sync.
    serve((_, body) => json({ device_id: "x", skew_ms: 0, summary: {},
      results: [{ nonce: body!.scans[0].nonce, outcome: "admitted", reason: null, serial: "S-000001", replayed: true }] }));
    expect(await uploadQueue(deps(store))).toMatchObject({ uploaded: 1 });
    expect(sent).toHaveLength(1);
    expect((await store.queued(10)).map((s) => s.nonce)).toEqual(["nonce-000002", "nonce-000003"]);
  });

  it("a scan the server calls malformed is moved aside; the rest of its batch is sent again", async () => {
    const store = await storeWith(3);
    serve((_, body) => body!.scans.length === 3
      ? json({ error: { code: "validation", message: "bad", fields: { "scans[1].scanned_at": "more than 30 days old" } } }, 400)
      : answerAll(body));
    expect(await uploadQueue(deps(store))).toMatchObject({ uploaded: 2, conflicts: 0, rejected: 1 });
    expect(sent.map((s) => s.body!.scans.map((x) => x.nonce))).toEqual([
      ["nonce-000001", "nonce-000002", "nonce-000003"], ["nonce-000001", "nonce-000003"]]);
    expect(await store.rejectedCount()).toBe(1);
    // A 400 about the request itself is no scan's fault: nothing is dropped.
    const other = await storeWith(1);
    serve(() => json({ error: { code: "validation", message: "bad", fields: { device_id: "1-64 visible ASCII" } } }, 400));
    await expect(uploadQueue(deps(other))).rejects.toMatchObject({ status: 400 });
    expect(await other.queueCount()).toBe(1);
  });

  it("an empty queue sends nothing", async () => {
    serve(() => new Error("no request expected"));
    expect(await uploadQueue(deps(await storeWith(0)))).toBeNull();
    expect(sent).toHaveLength(0);
  });
});

describe("pack refresh", () => {
  it("full pack first, then deltas after the cursor; an unknown cursor starts afresh", async () => {
    const store = await storeWith(0);
    const full = await fullPack({ cursor: "s 1/2", refused: { refunded: [5] } });
    serve(() => json(full));
    const pack = await refreshPack(deps(store), null);
    expect(sent[0].url).toBe("/api/events/7/offline-pack");
    expect((await store.loadPack(7))?.cursor).toBe("s 1/2");

    serve(() => json({ ...full, full: false, refused: undefined, reissued: undefined, cursor: "s3",
      changes: [{ number: 6, refused: "refunded", nonce: 1 }] }));
    const next = await refreshPack(deps(store), pack);
    expect(sent[0].url).toBe("/api/events/7/offline-pack?since=s%201%2F2");
    expect(refusalOf(next, 6)).toBe("refunded");
    expect(refusalOf(next, 5)).toBe("refunded");

    serve((url) => url.includes("since=")
      ? json({ error: { code: "validation", message: "bad cursor", fields: { since: "not made by this server" } } }, 400)
      : json({ ...full, cursor: "s9", refused: { ...full.refused!, refunded: encodeRanges([]) } }));
    const fresh = await refreshPack(deps(store), next);
    expect(sent.map((s) => s.url)).toEqual(["/api/events/7/offline-pack?since=s3", "/api/events/7/offline-pack"]);
    expect(fresh.cursor).toBe("s9");
    expect(refusalOf(fresh, 6)).toBeNull();
    // Another event's pack is never the base of this event's delta.
    serve(() => json(full));
    await refreshPack(deps(store, { eventId: 8 }), fresh);
    expect(sent[0].url).toBe("/api/events/8/offline-pack");
  });
});

describe("sync", () => {
  it("uploads, then refreshes; the report keeps the last upload's conflicts and skew; failures say so", async () => {
    const store = await storeWith(2);
    const full = await fullPack();
    serve((url, body) => (url === "/api/scans/offline" ? answerAll(body) : json(full)));
    const first = await syncOnce(deps(store), null);
    expect(sent.map((s) => s.url)).toEqual(["/api/scans/offline", "/api/events/7/offline-pack"]);
    expect(first.report).toMatchObject({ ok: true, upload: { uploaded: 2, conflicts: 1, skewMs: 1520 } });
    expect(first.pack?.cursor).toBe("s1");

    serve(() => new TypeError("Failed to fetch"));
    const second = await syncOnce(deps(store), first.pack);
    expect(second.report).toMatchObject({ ok: false, network: true, upload: { uploaded: 2, conflicts: 1 } });
    expect(second.pack).toBe(first.pack);  // the pack it had is kept
  });

  it("the loop syncs at once, again after the interval and on demand, one at a time", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });  // IndexedDB keeps its own (setImmediate)
    try {
      const store = await storeWith(0);
      const full = await fullPack();
      serve(() => json(full));
      let pack = null as ReturnType<typeof applyPack> | null;
      const synced: string[] = [];
      let online = true;
      const loop = startSync({ ...deps(store), everyMs: 30_000, getPack: () => pack, online: () => online,
        onSynced: (p, r) => { pack = p; synced.push(r.at); } });
      await vi.waitFor(() => expect(synced).toHaveLength(1));
      await loop.now();
      await vi.waitFor(() => expect(synced).toHaveLength(2));
      expect(sent.at(-1)!.url).toBe("/api/events/7/offline-pack?since=s1");
      await vi.advanceTimersByTimeAsync(29_000);
      expect(synced).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1_500);
      await vi.waitFor(() => expect(synced).toHaveLength(3));
      online = false;  // no attempt while the browser says it is offline
      const requests = sent.length;
      await vi.advanceTimersByTimeAsync(61_000);
      expect(sent.length).toBe(requests);
      loop.stop();
      online = true;
      await vi.advanceTimersByTimeAsync(61_000);
      expect(synced).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a loop started offline syncs once the network returns (on the interval and on demand)", async () => {
    // A gate that restarts with no network: the first attempts are skipped, which must not leave the
    // loop believing a sync is still running (it then never synced again).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const store = await storeWith(0);
      const full = await fullPack();
      serve(() => json(full));
      let pack = null as ReturnType<typeof applyPack> | null;
      const synced: string[] = [];
      let online = false;
      const loop = startSync({ ...deps(store), everyMs: 30_000, getPack: () => pack, online: () => online,
        onSynced: (p, r) => { pack = p; synced.push(r.at); } });
      await vi.advanceTimersByTimeAsync(61_000);
      await loop.now();
      expect(sent).toHaveLength(0);
      online = true;
      await loop.now();
      await vi.waitFor(() => expect(synced).toHaveLength(1));
      await vi.advanceTimersByTimeAsync(30_500);
      await vi.waitFor(() => expect(synced).toHaveLength(2));
      expect(sent.at(-1)!.url).toBe("/api/events/7/offline-pack?since=s1");
      loop.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
