// Sync (docs/offline-gates.md §3 and §5): while online, send the queued offline scans (batches of
// at most 500, idempotent by nonce), drop those the server answered, then bring the event pack up
// to date with a delta (a full pack when there is none). Repeated every 10 s, when the browser
// is back online, and when the live stream says the counts changed.
import { api, ApiError } from "../../../lib/api-client";
import type { OfflineSyncAnswer } from "../../../lib/types";
import { applyPack, type Pack, type PackAnswer } from "./pack";
import type { OfflineStore, QueuedScan } from "./store";

export const BATCH = 500;
/** While online a gate pulls a delta at least this often, so a ticket admitted at another gate is
 *  refused here within seconds (docs/devices.md §4: at most 10 s). */
export const SYNC_EVERY_MS = 10_000;

/** POST /api/scans/offline's answer, and one scan's outcome in it. */
export type OfflineAnswer = OfflineSyncAnswer;
export type OfflineResultRow = OfflineAnswer["results"][number];

/** What the last upload that sent something found. */
export interface UploadReport { at: string; uploaded: number; conflicts: number; skewMs: number | null; rejected: number }
/** The last sync attempt, as the gate's status strip shows it. */
export interface SyncReport {
  at: string;
  ok: boolean;
  error?: string;
  /** The server could not be reached at all (no answer). */
  network?: boolean;
  /** The last upload that sent scans (kept from an earlier sync when this one had none to send). */
  upload?: UploadReport;
}

type Call = <T>(path: string, opts: { method?: string; body?: unknown; token?: string | null }) => Promise<T>;
export interface SyncDeps {
  store: OfflineStore;
  deviceId: string;
  token: string;
  eventId: number;
  call?: Call;
  now?: () => Date;
  batchSize?: number;
}

/** The scan index named by a 400's field ("scans[3].nonce" -> 3), or null. */
function badScanIndex(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  for (const field of Object.keys(err.fields)) {
    const m = /^scans\[(\d+)\]/.exec(field);
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * Sends the whole queue, a batch at a time, oldest first. A scan is dropped from the queue once the
 * server answered it (whatever the outcome); on a network or server failure the batch stays for
 * the next try (resending is safe: the server knows each nonce). A scan the server calls malformed
 * (400 naming `scans[i]`) would block the queue forever: it is moved aside, and the batch resent.
 */
export async function uploadQueue(deps: SyncDeps): Promise<UploadReport | null> {
  const call = deps.call ?? api;
  const now = deps.now ?? (() => new Date());
  const size = Math.min(deps.batchSize ?? BATCH, BATCH);
  let uploaded = 0, conflicts = 0, rejected = 0;
  let skewMs: number | null = null;
  for (let round = 0; ; round++) {
    const batch = await deps.store.queued(size);
    if (!batch.length) break;
    let answer: OfflineAnswer;
    try {
      answer = await call<OfflineAnswer>("/api/scans/offline", {
        method: "POST", token: deps.token,
        body: { device_id: deps.deviceId, sent_at: now().toISOString(), scans: batch.map(wire) },
      });
    } catch (err) {
      const bad = badScanIndex(err);
      if (bad === null || bad >= batch.length) throw err;
      const e = err as ApiError;
      await deps.store.reject(batch[bad], `${Object.entries(e.fields).map(([k, v]) => `${k}: ${v}`).join("; ") || e.message}`);
      rejected++;
      continue;
    }
    const answered = new Set(answer.results.map((r) => r.nonce));
    const done = batch.filter((s) => answered.has(s.nonce));
    await deps.store.removeQueued(done.map((s) => s.seq!));
    uploaded += done.length;
    // A replayed answer counts too: the first one may never have reached this device.
    conflicts += answer.results.filter((r) => r.outcome === "conflict" && answered.has(r.nonce)).length;
    skewMs = answer.skew_ms;
    if (done.length < batch.length) break;  // the server left some unanswered: not again in this sync
    if (round > 10_000) break;
  }
  if (!uploaded && !rejected) return null;
  return { at: now().toISOString(), uploaded, conflicts, skewMs, rejected };
}

function wire(s: QueuedScan) {
  return { code: s.code, nonce: s.nonce, scanned_at: s.scanned_at, ...(s.gate ? { gate: s.gate } : {}),
    ...(s.type === "exit" ? { type: "exit" as const } : {}) };
}

/** The event pack brought up to date: a delta after `current`'s cursor, or a full pack. Saved. */
export async function refreshPack(deps: SyncDeps, current: Pack | null): Promise<Pack> {
  const call = deps.call ?? api;
  const base = `/api/events/${deps.eventId}/offline-pack`;
  const since = current && current.event.id === deps.eventId ? current.cursor : null;
  let answer: PackAnswer;
  try {
    answer = await call<PackAnswer>(since ? `${base}?since=${encodeURIComponent(since)}` : base, { token: deps.token });
  } catch (err) {
    // A cursor this server did not make (restored database, another server): start afresh.
    if (!(since && err instanceof ApiError && err.status === 400 && "since" in err.fields)) throw err;
    answer = await call<PackAnswer>(base, { token: deps.token });
  }
  const pack = applyPack(answer.full ? null : current, answer);
  await deps.store.savePack(pack);
  return pack;
}

const REPORT_KEY = "last-sync";

/** One sync: upload, then the pack. Never throws: the report says what went wrong. */
export async function syncOnce(deps: SyncDeps, current: Pack | null): Promise<{ pack: Pack | null; report: SyncReport }> {
  const now = deps.now ?? (() => new Date());
  const previous = await deps.store.getMeta<SyncReport>(REPORT_KEY);
  const report: SyncReport = { at: now().toISOString(), ok: true, upload: previous?.upload };
  let pack = current;
  const errors: string[] = [];
  const failed = (what: string, err: unknown) => {
    errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    if (err instanceof ApiError && err.isNetwork) report.network = true;
  };
  try {
    const upload = await uploadQueue(deps);
    if (upload) report.upload = upload;
  } catch (err) {
    failed("upload", err);
  }
  try {
    pack = await refreshPack(deps, current);
  } catch (err) {
    failed("pack", err);
  }
  if (errors.length) {
    report.ok = false;
    report.error = errors.join("; ");
  }
  report.at = now().toISOString();
  await deps.store.setMeta(REPORT_KEY, report);
  return { pack, report };
}

export function lastReport(store: OfflineStore): Promise<SyncReport | undefined> {
  return store.getMeta<SyncReport>(REPORT_KEY);
}


export interface SyncLoop {
  /** Syncs now (after the one running, if any). */
  now(): Promise<void>;
  stop(): void;
}

/**
 * Syncs at once, then every `everyMs` after each sync ends, and whenever `now()` is called. One sync
 * at a time. `online()` false skips an attempt (no request can succeed).
 */
export function startSync(deps: SyncDeps & {
  getPack(): Pack | null;
  onSynced(pack: Pack | null, report: SyncReport): void;
  online?: () => boolean;
  everyMs?: number;
}): SyncLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const every = deps.everyMs ?? SYNC_EVERY_MS;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void run(), every);
  };
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    const attempt = async () => {
      if (stopped || (deps.online && !deps.online())) return;
      const { pack, report } = await syncOnce(deps, deps.getPack());
      if (!stopped) deps.onSynced(pack, report);
    };
    // The bookkeeping goes in .finally(), which always runs after `running` is assigned. Inside the
    // async function a skipped attempt (offline) returns before its first await, so a `finally`
    // there ran synchronously, cleared `running` before the assignment, and left `running` set
    // for good: a gate started offline never synced again (every later run() only set `again`).
    running = attempt().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        void run();
      } else schedule();
    });
    return running;
  };
  void run();
  return {
    now: run,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
