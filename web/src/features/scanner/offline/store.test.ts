// @vitest-environment node
import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { applyPack, refusalOf, nonceOf } from "./pack";
import { openStore, type QueuedScan } from "./store";
import { fullPack } from "./testing";

const scan = (n: number, over: Partial<QueuedScan> = {}): QueuedScan =>
  ({ code: `GP1:CODE${n}`, nonce: `nonce-${n}-0000`, scanned_at: `2026-12-01T09:00:0${n % 10}.000Z`, gate: "North", event_id: 7, ...over });

describe("offline store (IndexedDB)", () => {
  it("keeps the pack per event, with its Maps, across a reopen", async () => {
    const factory = new IDBFactory();
    const store = await openStore(factory);
    const pack = applyPack(null, await fullPack({ refused: { refunded: [5] }, reissued: [[8, 99]] }));
    pack.overrides.set(6, "void");
    await store.savePack(pack);
    store.close();
    const again = await openStore(factory);
    const loaded = (await again.loadPack(7))!;
    expect(loaded.cursor).toBe("s1");
    expect(refusalOf(loaded, 5)).toBe("refunded");
    expect(refusalOf(loaded, 6)).toBe("void");
    expect(nonceOf(loaded, 8)).toBe(99);
    expect(await again.loadPack(8)).toBeUndefined();
  });

  it("admits a ticket once per device and event, queueing only the first scan", async () => {
    const store = await openStore(new IDBFactory());
    expect(await store.admitOffline(scan(1), 17)).toEqual({ ok: true });
    const second = await store.admitOffline(scan(2), 17);
    expect(second).toEqual({ ok: false, previous: { inside: true, event_id: 7, number: 17, at: scan(1).scanned_at, offline: true } });
    expect(await store.admitOffline(scan(3, { event_id: 8 }), 17)).toEqual({ ok: true });  // another event's ticket 17
    expect(await store.queueCount()).toBe(2);
    expect((await store.queued(10)).map((s) => s.nonce)).toEqual(["nonce-1-0000", "nonce-3-0000"]);
  });

  it("two admissions of one ticket at the same moment: exactly one wins", async () => {
    const store = await openStore(new IDBFactory());
    const results = await Promise.all([store.admitOffline(scan(1), 5), store.admitOffline(scan(2), 5), store.admitOffline(scan(3), 5)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await store.queueCount()).toBe(1);
  });

  it("an online admission counts for the device too (nothing queued)", async () => {
    const store = await openStore(new IDBFactory());
    await store.recordAdmission({ event_id: 7, number: 9, at: "2026-12-01T08:00:00.000Z", offline: false });
    expect((await store.admitOffline(scan(1), 9)).ok).toBe(false);
    expect(await store.queueCount()).toBe(0);
  });

  it("the queue comes out oldest first in pages, loses what is removed, and moves rejected scans aside", async () => {
    const store = await openStore(new IDBFactory());
    for (let n = 1; n <= 5; n++) await store.admitOffline(scan(n), n);
    const first = await store.queued(2);
    expect(first.map((s) => s.nonce)).toEqual(["nonce-1-0000", "nonce-2-0000"]);
    await store.removeQueued(first.map((s) => s.seq!));
    const rest = await store.queued(10);
    expect(rest.map((s) => s.nonce)).toEqual(["nonce-3-0000", "nonce-4-0000", "nonce-5-0000"]);
    await store.reject(rest[0], "scans[0].scanned_at: too old");
    expect(await store.queueCount()).toBe(2);
    expect(await store.rejectedCount()).toBe(1);
    await store.setMeta("last-upload", { conflicts: 2 });
    expect(await store.getMeta("last-upload")).toEqual({ conflicts: 2 });
  });

  it("re-entry: entry and exit records replace each other, each queued with its type; an undone admission is forgotten", async () => {
    const store = await openStore(new IDBFactory());
    const rec = (n: number, inside: boolean) => ({ event_id: 7, number: 4, at: `2026-12-01T09:00:0${n}.000Z`, offline: true, inside });
    const outside = (previous: { inside?: boolean } | undefined) => !previous || previous.inside === false;
    expect(await store.recordOffline(scan(1), rec(1, true), outside)).toEqual({ ok: true });
    // A second entry while inside is refused; an exit passes, then an entry again.
    expect((await store.recordOffline(scan(2), rec(2, true), outside)).ok).toBe(false);
    expect(await store.recordOffline({ ...scan(3), type: "exit" }, rec(3, false), (p) => p?.inside === true)).toEqual({ ok: true });
    expect(await store.recordOffline(scan(4), rec(4, true), outside)).toEqual({ ok: true });
    expect((await store.queued(10)).map((s) => [s.nonce, s.type ?? "entry"])).toEqual(
      [["nonce-1-0000", "entry"], ["nonce-3-0000", "exit"], ["nonce-4-0000", "entry"]]);
    expect(await store.admission(7, 4)).toMatchObject({ inside: true, at: "2026-12-01T09:00:04.000Z" });
    await store.forgetAdmission(7, 4);
    expect(await store.admission(7, 4)).toBeUndefined();
  });
});
