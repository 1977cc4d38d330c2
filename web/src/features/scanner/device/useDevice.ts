// The scanner's start: is this phone an enrolled device (IndexedDB, no network needed), which
// event it scans, its PIN, and a pairing code in the address (`/scan#pair=CODE`). Enrolling,
// unpairing, and bringing the device's record up to date (GET /api/devices/me) when online.
import { useCallback, useEffect, useState } from "react";
import { ApiError, setUnauthorizedHandler } from "../../../lib/api-client";
import { enrolDevice, fetchDeviceMe } from "../../../lib/devices-api";
import { deviceStore, type OfflineStore } from "../offline/store";
import { clearEnrolment, credentialOf, loadChosenEvent, loadEnrolment, pairingCodeInHash, parsePairingCode, saveChosenEvent,
  saveEnrolment, type Enrolment } from "./enrolment";
import { hashPin, loadPin, savePin, type StoredPin } from "./pin";

export interface DeviceState {
  loading: boolean;
  store: OfflineStore | null;
  enrolment: Enrolment | null;
  chosenEvent: number | undefined;
  pin: StoredPin | undefined;
  /** A pairing code from the address, waiting to be used. */
  pairCode: string | null;
  /** Why the device is no longer enrolled (its token was refused), shown on the sign-in screen. */
  notice: string | null;
  enrol(input: string): Promise<void>;
  dropPairCode(): void;
  unpair(): Promise<void>;
  chooseEvent(id: number | undefined): Promise<void>;
  setPin(pin: string | null): Promise<void>;
}

export function useDevice(): DeviceState {
  const [loading, setLoading] = useState(true);
  const [store, setStore] = useState<OfflineStore | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [chosenEvent, setChosenEvent] = useState<number | undefined>(undefined);
  const [pin, setPinState] = useState<StoredPin | undefined>(undefined);
  const [pairCode, setPairCode] = useState<string | null>(() => pairingCodeInHash(window.location.hash));
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const s = await deviceStore();
      const [e, chosen, p] = s ? await Promise.all([loadEnrolment(s), loadChosenEvent(s), loadPin(s)]).catch(() => [undefined, undefined, undefined] as const)
        : [undefined, undefined, undefined];
      if (!live) return;
      setStore(s);
      setEnrolment(e ?? null);
      setChosenEvent(chosen);
      setPinState(p);
      setLoading(false);
    })();
    return () => { live = false; };
  }, []);

  const forgetDevice = useCallback(async (why: string | null) => {
    if (store) await clearEnrolment(store).catch(() => undefined);
    setEnrolment(null);
    setChosenEvent(undefined);
    setNotice(why);
  }, [store]);

  // While enrolled, a 401 means the token was revoked or rolled: the phone must be paired again.
  useEffect(() => {
    if (!enrolment) return;
    setUnauthorizedHandler(() => void forgetDevice("This device was revoked or paired again elsewhere. Pair it again, or sign in."));
    return () => setUnauthorizedHandler(null);
  }, [enrolment, forgetDevice]);

  // The device's record (events, gate, name) when the network is there, and again when it returns.
  const token = enrolment?.token;
  useEffect(() => {
    if (!store || !token) return;
    let live = true;
    const refresh = () => {
      if (!navigator.onLine) return;
      fetchDeviceMe(credentialOf({ token } as Enrolment)).then(async ({ device }) => {
        if (!live) return;
        const next = { token, device, enrolledAt: enrolment?.enrolledAt ?? new Date().toISOString() };
        await saveEnrolment(store, next);
        if (live) setEnrolment(next);
      }, () => undefined);  // no answer: the saved record stands; a 401 went to the handler above
    };
    refresh();
    window.addEventListener("online", refresh);
    return () => {
      live = false;
      window.removeEventListener("online", refresh);
    };
  }, [store, token]);

  const enrol = useCallback(async (input: string) => {
    const parsed = parsePairingCode(input);
    if ("error" in parsed) throw new ApiError(400, "validation", parsed.error, { pairing_code: parsed.error });
    if (!store) throw new Error("This browser cannot keep a device enrolment (no IndexedDB). Sign in instead.");
    const answer = await enrolDevice(parsed.code);
    const next: Enrolment = { token: answer.token, device: answer.device, enrolledAt: new Date().toISOString() };
    await saveEnrolment(store, next);
    await saveChosenEvent(store, undefined);
    // The code is spent: keep it out of the address (and of the history a reload would reuse).
    if (window.location.hash) history.replaceState(null, "", window.location.pathname + window.location.search);
    setPairCode(null);
    setNotice(null);
    setChosenEvent(undefined);
    setEnrolment(next);
  }, [store]);

  const dropPairCode = useCallback(() => {
    if (window.location.hash) history.replaceState(null, "", window.location.pathname + window.location.search);
    setPairCode(null);
  }, []);

  const chooseEvent = useCallback(async (id: number | undefined) => {
    if (store) await saveChosenEvent(store, id);
    setChosenEvent(id);
  }, [store]);

  const setPin = useCallback(async (value: string | null) => {
    if (!store) return;
    const stored = value === null ? undefined : await hashPin(value);
    await savePin(store, stored);
    setPinState(stored);
  }, [store]);

  return { loading, store, enrolment, chosenEvent, pin, pairCode, notice, enrol, dropPairCode,
    unpair: () => forgetDevice(null), chooseEvent, setPin };
}
