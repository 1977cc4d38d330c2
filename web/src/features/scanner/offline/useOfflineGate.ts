// The gate's offline side for one event: the device store, the event pack (fetched when the event
// is chosen, kept fresh by the sync loop), the queue, whether scans are checked offline now, and
// the check itself (steps 1-8 of docs/offline-gates.md §2).
import { useCallback, useEffect, useRef, useState } from "react";
import { randomKey } from "../../../lib/api-client";
import { numberOfSerial, serialOf, type Pack } from "./pack";
import { deviceStore, type OfflineStore } from "./store";
import { lastReport, startSync, type SyncLoop, type SyncReport } from "./sync";
import { checkOffline, parseCode } from "./verify";
import type { OfflineVerdict } from "./card";

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
  /** The offline check; with `admit`, an admitted ticket is recorded and queued. Null without a pack. */
  check(code: string, opts: { admit: boolean; gate: string }): Promise<OfflineVerdict | null>;
  /** An online admission (code or typed serial), remembered so this device refuses it offline too. */
  rememberAdmission(code: string): void;
  syncNow(): void;
}

function newNonce(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : randomKey();
}

export function useOfflineGate({ eventId, token, deviceId, mode }: { eventId: number; token: string; deviceId: string; mode: boolean }): OfflineGate {
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

  const check = useCallback(async (code: string, { admit, gate }: { admit: boolean; gate: string }): Promise<OfflineVerdict | null> => {
    const p = packRef.current;
    if (!p || !store) return null;
    let previousAt: string | undefined;
    const { result, code: parsed } = await checkOffline(code, p, async (n) => {
      previousAt = (await store.admission(p.event.id, n))?.at;
      return previousAt !== undefined;
    });
    const genuine = parsed && result !== "invalid" && result !== "wrong_event";
    const verdict: OfflineVerdict = { result, serial: genuine ? serialOf(p, parsed.number) : undefined, previousAt };
    if (result !== "admitted" || !admit || !parsed) return verdict;
    const scannedAt = new Date().toISOString();
    const done = await store.admitOffline({ code, nonce: newNonce(), scanned_at: scannedAt, event_id: p.event.id,
      ...(gate.trim() ? { gate: gate.trim().slice(0, 64) } : {}) }, parsed.number);
    refreshCount();
    return done.ok ? verdict : { ...verdict, result: "already_used", previousAt: done.previous.at };
  }, [store, refreshCount]);

  const rememberAdmission = useCallback((code: string) => {
    const p = packRef.current;
    if (!p || !store || p.event.reentry) return;  // with re-entry, an earlier admission refuses nobody
    const parsed = parseCode(code);
    const number = parsed ? (parsed.eventId === p.event.id ? parsed.number : null) : numberOfSerial(p, code);
    if (number === null || !Number.isSafeInteger(number)) return;
    void store.recordAdmission({ event_id: p.event.id, number, at: new Date().toISOString(), offline: false }).catch(() => undefined);
  }, [store]);

  const serverUnreachable = useCallback(() => setReachable(false), []);
  const syncNow = useCallback(() => void loop.current?.now(), []);

  return {
    pack, queued, report, online, reachable,
    active: !!pack && (mode || !online || !reachable),
    serverUnreachable, check, rememberAdmission, syncNow,
  };
}
