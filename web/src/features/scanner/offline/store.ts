// What a gate keeps on the device for offline entries, in IndexedDB: the event pack per event, the
// tickets admitted here per event (once per device), the queue of offline scans waiting to be
// sent, the few the server refused as malformed, and small settings (the last sync).
import type { Pack } from "./pack";

/** One offline scan, as POST /api/scans/offline takes it (plus the event and queue order). */
export interface QueuedScan {
  seq?: number;
  code: string;
  nonce: string;
  scanned_at: string;
  gate?: string;
  event_id: number;
  /** Omitted for an entry; exits are queued on re-entry events (docs/devices.md §4). */
  type?: "entry" | "exit";
}
/** This device's last record of a ticket (an admission offline, or online and remembered for
 *  offline; on re-entry events also an exit). `inside` is absent in records from before issue 19:
 *  they were all entries. */
export interface Admission { event_id: number; number: number; at: string; offline: boolean; inside?: boolean }

export interface OfflineStore {
  loadPack(eventId: number): Promise<Pack | undefined>;
  savePack(pack: Pack): Promise<void>;
  admission(eventId: number, number: number): Promise<Admission | undefined>;
  /** Step 8, atomically: if the ticket was not admitted here, record the admission and queue the scan. */
  admitOffline(scan: QueuedScan, number: number): Promise<{ ok: true } | { ok: false; previous: Admission }>;
  /**
   * Step 8 for entries and exits, atomically: `allow(previous)` decides again with this device's
   * record as it is inside the transaction (two scans of one ticket at once: one passes); when it
   * allows, the record becomes `next` and the scan is queued.
   */
  recordOffline(scan: QueuedScan, next: Admission, allow: (previous: Admission | undefined) => boolean):
    Promise<{ ok: true } | { ok: false; previous: Admission | undefined }>;
  /** An admission undone: this device no longer holds it against the ticket. */
  forgetAdmission(eventId: number, number: number): Promise<void>;
  /** Remembers an admission made online (nothing to send). */
  recordAdmission(a: Admission): Promise<void>;
  /** The oldest `limit` queued scans, in scan order. */
  queued(limit: number): Promise<QueuedScan[]>;
  queueCount(): Promise<number>;
  removeQueued(seqs: number[]): Promise<void>;
  /** Moves a scan the server refused as malformed out of the queue (kept, with why). */
  reject(scan: QueuedScan, error: string): Promise<void>;
  rejectedCount(): Promise<number>;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
  close(): void;
}

const DB = "gatepass-offline";
const VERSION = 1;

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

export async function openStore(factory: IDBFactory = indexedDB, name = DB): Promise<OfflineStore> {
  const open = factory.open(name, VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore("packs", { keyPath: "event.id" });
    db.createObjectStore("admissions", { keyPath: ["event_id", "number"] });
    db.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
    db.createObjectStore("rejected", { keyPath: "seq", autoIncrement: true });
    db.createObjectStore("meta");
  };
  const db = await req(open);
  const store = (names: string | string[], mode: IDBTransactionMode = "readonly") => db.transaction(names, mode);

  const recordOffline: OfflineStore["recordOffline"] = async (scan, next, allow) => {
    const tx = store(["admissions", "queue"], "readwrite");
    const admissions = tx.objectStore("admissions");
    const previous = await req(admissions.get([next.event_id, next.number]) as IDBRequest<Admission | undefined>);
    if (!allow(previous)) {
      await done(tx);
      return { ok: false, previous };
    }
    admissions.put(next);
    const { seq: _unused, ...record } = scan;
    tx.objectStore("queue").add(record);
    await done(tx);
    return { ok: true };
  };

  return {
    async loadPack(eventId) {
      return req(store("packs").objectStore("packs").get(eventId) as IDBRequest<Pack | undefined>);
    },
    async savePack(pack) {
      const tx = store("packs", "readwrite");
      tx.objectStore("packs").put(pack);
      await done(tx);
    },
    async admission(eventId, number) {
      return req(store("admissions").objectStore("admissions").get([eventId, number]) as IDBRequest<Admission | undefined>);
    },
    async admitOffline(scan, number) {
      const result = await recordOffline(scan, { event_id: scan.event_id, number, at: scan.scanned_at, offline: true, inside: true },
        (previous) => !previous);
      return result.ok ? result : { ok: false, previous: result.previous! };
    },
    recordOffline,
    async forgetAdmission(eventId, number) {
      const tx = store("admissions", "readwrite");
      tx.objectStore("admissions").delete([eventId, number]);
      await done(tx);
    },
    async recordAdmission(a) {
      const tx = store("admissions", "readwrite");
      tx.objectStore("admissions").put(a);
      await done(tx);
    },
    async queued(limit) {
      return req(store("queue").objectStore("queue").getAll(null, limit) as IDBRequest<QueuedScan[]>);
    },
    async queueCount() {
      return req(store("queue").objectStore("queue").count());
    },
    async removeQueued(seqs) {
      if (!seqs.length) return;
      const tx = store("queue", "readwrite");
      for (const seq of seqs) tx.objectStore("queue").delete(seq);
      await done(tx);
    },
    async reject(scan, error) {
      const tx = store(["queue", "rejected"], "readwrite");
      if (scan.seq !== undefined) tx.objectStore("queue").delete(scan.seq);
      const { seq: _unused, ...record } = scan;
      tx.objectStore("rejected").add({ ...record, error });
      await done(tx);
    },
    async rejectedCount() {
      return req(store("rejected").objectStore("rejected").count());
    },
    async getMeta<T>(key: string) {
      return req(store("meta").objectStore("meta").get(key) as IDBRequest<T | undefined>);
    },
    async setMeta(key, value) {
      const tx = store("meta", "readwrite");
      tx.objectStore("meta").put(value, key);
      await done(tx);
    },
    close() {
      db.close();
    },
  };
}

let shared: Promise<OfflineStore | null> | null = null;
/** This page's store; null where the browser has no IndexedDB (then the gate works online only). */
export function deviceStore(): Promise<OfflineStore | null> {
  if (!shared) shared = typeof indexedDB === "undefined" ? Promise.resolve(null) : openStore().catch(() => null);
  return shared;
}
