// The gate's offline side for one event: the device store, the event pack (fetched when the event
// is chosen, kept fresh by the sync loop and pulled at once when the live stream says the counts
// changed), the queue, whether scans are checked offline now, and the check itself (steps 1-8 of
// docs/offline-gates.md §2 with docs/devices.md §4: admissions, exits, typed serials).
import { useCallback, useEffect, useRef, useState } from "react";
import { randomKey } from "../../../lib/api-client";
import { openLive, throttle } from "../../../lib/live";
import type { LiveCounts } from "../../../lib/types";
import { admissionOf, mayExist, numberOfSerial, serialOf, type Pack } from "./pack";
import { deviceStore, type Admission, type OfflineStore } from "./store";
import { lastReport, startSync, type SyncLoop, type SyncReport } from "./sync";
import { admissionCheck, checkNumber, checkOffline, parseCode, type Direction, type LocalAdmission, type OfflineResult } from "./verify";
import type { OfflineStage, OfflineVerdict } from "./card";
import { normaliseTypedSerial } from "../serial";

const isPayload = (input: string) => input.startsWith("GP1:");

/** A burst of live messages (at most 4 a second) pulls one delta, not four. */
const LIVE_PULL_MS = 1_000;

export interface OfflineGate {
  pack: Pack | null;
  queued: number;
  report: SyncReport | null;
  /** The browser says it has a network. */
  online: boolean;
  /** The server answered the last request made to it (a scan or a sync). */
  reachable: boolean;
  /** Scans (GP1 codes) are checked on the device now: offline mode, no network, or no server. */
  active: boolean;
  /** A request to the server got no answer: check offline until a sync gets through. */
  serverUnreachable(): void;
  /** Can this scan be decided on the device? A GP1 code, or typed text (a serial of the pack's
   *  event is checked by its number, anything else is "no such serial"); exits only on re-entry events. */
  canCheck(input: string, direction: Direction): boolean;
  /** The offline check; at stage `admit` a passing ticket is recorded and queued. Null when it
   *  cannot be checked here (no pack, or see canCheck). */
  check(input: string, opts: { stage: OfflineStage; direction: Direction; gate: string }): Promise<OfflineVerdict | null>;
  /** An online admission or exit (code or typed serial), remembered so this device decides offline
   *  as the server did. */
  rememberAdmission(code: string, direction?: Direction): void;
  /** An admission undone at the server: this device forgets it too. */
  forget(serial: string): void;
  /** The live stream's last counts for the event (null until one arrives, or while offline). */
  counts: LiveCounts | null;
  syncNow(): void;
}

function newNonce(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : randomKey();
}

const toLocal = (a: Admission | undefined): LocalAdmission | undefined => a && { at: a.at, inside: a.inside ?? true };

export function useOfflineGate({ eventId, token, deviceId, mode }: { eventId: number; token: string; deviceId: string; mode: boolean }): OfflineGate {
  const [counts, setCounts] = useState<LiveCounts | null>(null);
  const [store, setStore] = useState<OfflineStore | null>(null);
  const [pack, setPack] = useState<Pack | null>(null);
  const [queued, setQueued] = useState(0);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [reachable, setReachable] = useState(true);
  const packRef = useRef<Pack | null>(null);
  const loop = useRef<SyncLoop | null>(null);

  useEffect(() => {
    let live = true;
    void deviceStore().then((s) => live && setStore(s));
    return () => { live = false; };
  }, []);

  const refreshCount = useCallback(() => {
    if (store) void store.queueCount().then(setQueued, () => undefined);
  }, [store]);

  // The event's pack from the device at once, then the sync loop (which fetches it from the server).
  useEffect(() => {
    if (!store) return;
    let live = true;
    packRef.current = null;
    setPack(null);
    void (async () => {
      const saved = await store.loadPack(eventId).catch(() => undefined);
      if (!live) return;
      if (saved && !packRef.current) {
        packRef.current = saved;
        setPack(saved);
      }
      const savedReport = await lastReport(store).catch(() => undefined);
      if (!live) return;
      setReport(savedReport ?? null);
      refreshCount();
      loop.current = startSync({
        store, deviceId, token, eventId,
        getPack: () => packRef.current,
        online: () => navigator.onLine,
        onSynced(next, r) {
          if (!live) return;
          if (next) {
            packRef.current = next;
            setPack(next);
          }
          setReport(r);
          setReachable(!r.network);
          refreshCount();
        },
      });
    })();
    return () => {
      live = false;
      loop.current?.stop();
      loop.current = null;
    };
  }, [store, eventId, token, deviceId, refreshCount]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void loop.current?.now();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, []);

  /** The ticket number a scan names in the pack's event: a code's (checked later), or a typed serial's
   *  (read as the server reads it: "17", "prefix 17", "PREFIX000017"). */
  const typedNumber = (input: string, p: Pack) => (isPayload(input) ? null : numberOfSerial(p, input));

  // Typed text that names no serial of the pack's event (a name, another prefix) is answered here
  // too: amber "no such serial", as the server would (it cannot be this gate's ticket).
  const canCheck = useCallback((_input: string, direction: Direction) => {
    const p = packRef.current;
    if (!p || !store) return false;
    if (direction === "exit" && !p.event.reentry) return false;
    return true;
  }, [store]);

  const check = useCallback(async (input: string, { stage, direction, gate }: { stage: OfflineStage; direction: Direction; gate: string }):
    Promise<OfflineVerdict | null> => {
    const p = packRef.current;
    if (!p || !store || !canCheck(input, direction)) return null;
    let local: Admission | undefined;
    const here = async (n: number) => {
      local = await store.admission(p.event.id, n);
      return toLocal(local);
    };
    const typed = typedNumber(input, p);
    if (typed === null && !isPayload(input))
      return { result: "unknown_serial", serial: normaliseTypedSerial(input, p.event.serial_prefix) ?? input.trim(), typed: true };
    // A serial of this event that was never issued: no such ticket, not a valid one nobody refused.
    if (typed !== null && !mayExist(p, typed)) return { result: "unknown_serial", serial: serialOf(p, typed), typed: true };
    let result: OfflineResult, number: number | null;
    if (typed !== null) {
      result = await checkNumber(p, typed, undefined, { direction, here });
      number = typed;
    } else {
      const checked = await checkOffline(input, p, { direction, here });
      result = checked.result;
      number = checked.code && result !== "invalid" && result !== "wrong_event" ? checked.code.number : null;
    }
    const server = number !== null ? admissionOf(p, number) : null;
    // Whose record refused it: this device's (with its time) unless the pack alone says so.
    const fromDevice = local !== undefined && (p.event.reentry ? Date.parse(local.at) >= Date.parse(p.generatedAt) : !server?.used);
    const verdict: OfflineVerdict = { result, serial: number !== null ? serialOf(p, number) : undefined,
      previousAt: fromDevice ? local?.at : undefined, source: local === undefined || !fromDevice ? "pack" : "device", typed: typed !== null };
    const passes = result === "admitted" || result === "exited";
    if (!passes || stage !== "admit" || number === null) return verdict;
    const scannedAt = new Date().toISOString();
    const n = number;
    const done = await store.recordOffline(
      // A typed serial is queued as the server writes it ("17" -> "PREFIX-000017").
      { code: typed !== null ? serialOf(p, n) : input.trim(), nonce: newNonce(), scanned_at: scannedAt, event_id: p.event.id,
        ...(gate.trim() ? { gate: gate.trim().slice(0, 64) } : {}), ...(direction === "exit" ? { type: "exit" as const } : {}) },
      { event_id: p.event.id, number: n, at: scannedAt, offline: true, inside: direction === "entry" },
      // Decided again inside the transaction: two scans of one ticket at once, one passes.
      (previous) => admissionCheck(p, n, direction, toLocal(previous)) === "ok");
    refreshCount();
    if (done.ok) return verdict;
    const again = admissionCheck(p, n, direction, toLocal(done.previous));
    return { ...verdict, result: again === "ok" ? "already_used" : again, previousAt: done.previous?.at, source: "device" };
  }, [store, refreshCount, canCheck]);

  const rememberAdmission = useCallback((code: string, direction: Direction = "entry") => {
    const p = packRef.current;
    if (!p || !store) return;
    if (direction === "exit" && !p.event.reentry) return;
    const parsed = parseCode(code);
    const number = parsed ? (parsed.eventId === p.event.id ? parsed.number : null) : numberOfSerial(p, code);
    if (number === null || !Number.isSafeInteger(number)) return;
    void store.recordAdmission({ event_id: p.event.id, number, at: new Date().toISOString(), offline: false, inside: direction === "entry" })
      .catch(() => undefined);
  }, [store]);

  const forget = useCallback((serial: string) => {
    const p = packRef.current;
    const number = p ? numberOfSerial(p, serial) : null;
    if (!p || !store || number === null) return;
    void store.forgetAdmission(p.event.id, number).catch(() => undefined);
  }, [store]);

  // The live stream (while the browser has a network): when admissions or the inside count move,
  // pull a delta at once, so another gate's admission refuses here within a second or two.
  useEffect(() => {
    if (!online) return;
    let last: string | null = null;
    const pull = throttle(() => void loop.current?.now(), LIVE_PULL_MS);
    const live = openLive({
      url: `/api/events/${eventId}/live`, token,
      onMessage(message) {
        if (message.event !== "counts") return;
        let next: LiveCounts;
        try {
          next = JSON.parse(message.data) as LiveCounts;
        } catch {
          return;
        }
        setCounts(next);
        const key = `${next.admitted}/${next.inside}`;
        if (last !== null && key !== last) pull();
        last = key;
      },
    });
    return () => {
      live.close();
      pull.cancel();
    };
  }, [eventId, token, online]);

  const serverUnreachable = useCallback(() => setReachable(false), []);
  const syncNow = useCallback(() => void loop.current?.now(), []);

  return {
    pack, queued, report, online, reachable, counts,
    active: !!pack && (mode || !online || !reachable),
    serverUnreachable, canCheck, check, rememberAdmission, forget, syncNow,
  };
}
