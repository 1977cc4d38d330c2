// /scan: the gate. Sign in, set up the gate (name, entry / exit / check only, auto-admit) and the
// event, then scan with the camera, a keyboard-wedge scanner or a typed serial, and see a big
// result card. Confirm mode: VALID (a white card: nobody is in yet), then "Admit 1 person" admits
// (a green card with a large ✓ and its own sound). Auto-admit: one scan admits, the card shows
// ~1.5 s, scanning goes on. Built for one hand and bright sun: large type, strong colours, sound.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError, randomKey, apiGet, apiPost } from "../../lib/api-client";
import { AuthProvider, useAuth } from "../../lib/auth";
import { formatEventTime } from "../../lib/format";
import type { Event, GateTicket } from "../../lib/types";
import { Button, ErrorBanner, LoginForm } from "../../components/ui";
import { Camera } from "../../components/Camera";
import { claimCodeScanned, foreignCodeScanned, fromAnswer, fromError, fromVerify, isClaimCode, isForeignCode, type GateMode, type Outcome } from "./outcome";
import { primeAudio, signal } from "./feedback";
import { deviceId, GATE_MAX, loadGate, loadOfflineMode, modeLabel, saveGate, saveOfflineMode, scanBody, type GateSettings } from "./gate";
import { useKeyboardWedge } from "./wedge";
import { useOfflineGate } from "./offline/useOfflineGate";
import { offlineOutcome, type OfflineStage } from "./offline/card";
import { StatusStrip } from "./offline/StatusStrip";
import type { Direction } from "./offline/verify";
import { useDevice, type DeviceState } from "./device/useDevice";
import { credentialOf, eventFor, type Enrolment } from "./device/enrolment";
import { PairScreen } from "./device/PairScreen";
import { PinLock, PinSetup } from "./device/PinLock";
import { StewardPanel } from "./steward/StewardPanel";
import { LanguageSwitcher } from "../../components/LanguageSwitcher";
import { TwoFactorSetup } from "../../components/TwoFactorSetup";
import { t } from "../../i18n/runtime";
import { useT } from "../../i18n/I18nProvider";
import { errorText } from "../../i18n/errors";

export function ScannerApp() {
  // The first tap or key (sign-in, choosing the event) readies the sound for the result cards.
  // In a task of its own, after this event: making the AudioContext takes ~0.1-0.4 s, and when
  // the first key is a wedge scanner's first character, doing it inside the key's handler stalls
  // the keys behind it past the wedge detector's 100 ms gap, which then drops that character (a
  // "P1:..." code: not checked offline). The gesture still counts a moment later (the page keeps
  // its user activation), so the sound is allowed all the same.
  useEffect(() => {
    const prime = () => void setTimeout(primeAudio, 0);
    window.addEventListener("pointerdown", prime, { capture: true, once: true });
    window.addEventListener("keydown", prime, { capture: true, once: true });
    return () => {
      window.removeEventListener("pointerdown", prime, { capture: true });
      window.removeEventListener("keydown", prime, { capture: true });
    };
  }, []);
  const dev = useDevice();
  const [pairing, setPairing] = useState(false);
  useT();
  if (dev.loading) return <p className="p-6 text-center text-gray-500" role="status">{t("scanner.opening")}</p>;
  if (dev.pairCode || pairing)
    return <PairScreen initialCode={dev.pairCode} enrolledAs={dev.enrolment?.device.name ?? null}
      onEnrol={async (c) => { await dev.enrol(c); setPairing(false); }}
      onCancel={() => { dev.dropPairCode(); setPairing(false); }} />;
  if (dev.enrolment) return <DeviceGate dev={dev} enrolment={dev.enrolment} onPair={() => setPairing(true)} />;
  return (
    <AuthProvider storageKey="gatepass.scanner" account="staff">
      <ScannerGate notice={dev.notice} canPair={!!dev.store} onPair={() => setPairing(true)} />
    </AuthProvider>
  );
}

/** An enrolled device: no sign-in. Its events and gate come from the server (kept on the device). */
function DeviceGate({ dev, enrolment, onPair }: { dev: DeviceState; enrolment: Enrolment; onPair(): void }) {
  const device = enrolment.device;
  const [unlocked, setUnlocked] = useState(false);
  const [setupOpen, setSetupOpen] = useState(false);
  const [gate, setGate] = useState<GateSettings>(() => loadGate());
  const changeGate = (next: GateSettings) => {
    saveGate(next);
    setGate(next);
  };
  const [offlineMode, setOfflineMode] = useState(() => loadOfflineMode());
  const changeOfflineMode = (on: boolean) => {
    saveOfflineMode(on);
    setOfflineMode(on);
  };
  useT();
  // The device's gate, when the admin set one, is the gate: the steward cannot change it here.
  const effectiveGate = device.gate ? { ...gate, gate: device.gate } : gate;
  const eventId = eventFor(device, dev.chosenEvent);
  if (dev.pin && !unlocked) return <PinLock stored={dev.pin} onUnlock={() => setUnlocked(true)} />;
  if (!eventId || setupOpen)
    return (
      <main className="mx-auto max-w-md p-4">
        <div className="mb-1 flex flex-wrap items-center justify-between gap-2"><h1 className="text-2xl font-bold">{t("scanner.setupTitle")}</h1><LanguageSwitcher /></div>
        <p className="mb-4 text-gray-600" data-testid="device-name">{t("scanner.pairedDevice", { name: device.name, id: device.device_id })}</p>
        <GateSetup gate={effectiveGate} gateFixed={!!device.gate} onGate={changeGate} offlineMode={offlineMode} onOfflineMode={changeOfflineMode} />
        <h2 className="mb-4 text-xl font-bold">{t("scanner.whichEvent")}</h2>
        {!device.events?.length && <p role="alert">{t("scanner.noEvents")}</p>}
        <div className="space-y-3">
          {(device.events ?? []).map((e) => (
            <button key={e.id} className={`block w-full rounded-xl p-5 text-left text-xl font-semibold shadow active:bg-gray-100 ${
              e.id === eventId ? "bg-emerald-50 ring-2 ring-emerald-700" : "bg-white"}`}
              onClick={() => { void dev.chooseEvent(e.id); setSetupOpen(false); }}>
              {e.name}
            </button>
          ))}
        </div>
        {eventId && setupOpen && <Button className="mt-4 w-full py-3" onClick={() => setSetupOpen(false)}>{t("scanner.backToScanning")}</Button>}
        <section className="mt-6 space-y-4 rounded-xl bg-white p-4 shadow">
          <PinSetup hasPin={!!dev.pin} onSave={dev.setPin} />
          <div className="flex flex-wrap gap-2">
            <Button variant="ghost" onClick={onPair}>{t("scanner.pairAgain")}</Button>
            <Button variant="danger" onClick={() => { if (confirm(t("scanner.unpairConfirm"))) void dev.unpair(); }}>
              {t("scanner.unpair")}</Button>
          </div>
        </section>
      </main>
    );
  return <ScanScreen eventId={eventId} gate={effectiveGate} offlineMode={offlineMode} onOfflineMode={changeOfflineMode}
    token={credentialOf(enrolment)} deviceId={device.device_id} isDevice
    left={<button className="underline" onClick={() => setSetupOpen(true)}>{t("scanner.setup")}</button>}
    right={<span className="text-sm" data-testid="device-name">{device.name}</span>} />;
}

/** Signed in with a username and password (a shared phone). */
function ScannerGate({ notice, canPair, onPair }: { notice: string | null; canPair: boolean; onPair(): void }) {
  const { session, login, logout, enrolmentRequired } = useAuth();
  // Two-factor set-up in progress: kept until the recovery codes are saved or the session ends.
  const [settingUp, setSettingUp] = useState(false);
  useEffect(() => {
    if (enrolmentRequired) setSettingUp(true);
    else if (!session) setSettingUp(false);
  }, [enrolmentRequired, session]);
  const [eventId, setEventId] = useState<number | null>(() => Number(sessionStorage.getItem("gatepass.scanner.event")) || null);
  const [gate, setGate] = useState<GateSettings>(() => loadGate());
  const changeGate = (next: GateSettings) => {
    saveGate(next);
    setGate(next);
  };
  const [offlineMode, setOfflineMode] = useState(() => loadOfflineMode());
  const changeOfflineMode = (on: boolean) => {
    saveOfflineMode(on);
    setOfflineMode(on);
  };
  const device = useRef(deviceId());
  useT();
  if (!session)
    return <LoginForm title={t("scanner.loginTitle")} notice={notice} onLogin={async (u, p, code) => {
      const user = await login(u, p, code);
      if (user.role === "viewer" || user.role === "attendee") {
        logout();
        throw new Error(user.role === "viewer" ? t("scanner.viewer") : t("scanner.holder"));
      }
    }} footer={<>
      {canPair && <button type="button" className="mb-3 block w-full rounded-lg border-2 border-gray-900 px-4 py-3 font-semibold" onClick={onPair}>
        {t("pair.title")}</button>}
      <a className="underline" href="/admin/forgot-password">{t("reset.forgotTitle")}</a>
      <p className="mt-3"><LanguageSwitcher /></p>
    </>} />;
  // GATEPASS_REQUIRE_2FA names this account's role and it has no two-factor sign-in yet: the
  // server refuses every gate call until it is set up, here, in the steward's language (shown
  // until the recovery codes are saved: confirming already lifts the requirement).
  if (enrolmentRequired || settingUp)
    return (
      <main className="mx-auto max-w-xl space-y-4 p-4">
        <div className="flex justify-end"><LanguageSwitcher /></div>
        <TwoFactorSetup onFinished={() => setSettingUp(false)} />
        <Button variant="ghost" onClick={logout}>{t("common.signOut")}</Button>
      </main>
    );
  if (!eventId)
    return <EventChooser token={session.token} gate={gate} onGate={changeGate} offlineMode={offlineMode} onOfflineMode={changeOfflineMode}
      onChoose={(id) => { sessionStorage.setItem("gatepass.scanner.event", String(id)); setEventId(id); }} />;
  return <ScanScreen eventId={eventId} gate={gate} offlineMode={offlineMode} onOfflineMode={changeOfflineMode}
    token={session.token} deviceId={device.current} isDevice={false}
    left={<button className="underline" onClick={() => { sessionStorage.removeItem("gatepass.scanner.event"); setEventId(null); }}>{t("scanner.changeEvent")}</button>}
    right={<button className="underline" onClick={logout}>{t("common.signOut")}</button>} />;
}

function EventChooser({ token, gate, onGate, offlineMode, onOfflineMode, onChoose }: {
  token: string; gate: GateSettings; onGate(g: GateSettings): void; offlineMode: boolean; onOfflineMode(on: boolean): void; onChoose(id: number): void;
}) {
  const [events, setEvents] = useState<Event[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useT();
  useEffect(() => {
    apiGet("/api/events", { query: { limit: 200 }, token }).then((p) => setEvents(p.items)).catch((e: ApiError) => setError(errorText(e)));
  }, [token]);
  return (
    <main className="mx-auto max-w-md p-4">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2"><h1 className="text-2xl font-bold">{t("scanner.setupTitle")}</h1><LanguageSwitcher /></div>
      <GateSetup gate={gate} onGate={onGate} offlineMode={offlineMode} onOfflineMode={onOfflineMode} />
      <h2 className="mb-4 text-xl font-bold">{t("scanner.whichEvent")}</h2>
      <ErrorBanner message={error} />
      <div className="space-y-3">
        {events?.map((e) => (
          <button key={e.id} className="block w-full rounded-xl bg-white p-5 text-left text-xl font-semibold shadow active:bg-gray-100"
            onClick={() => onChoose(e.id)}>
            {e.name}
            <span className="block text-sm font-normal text-gray-500">{e.venue ?? ""} {formatEventTime(e.starts_at, e.time_zone)}</span>
          </button>
        ))}
      </div>
    </main>
  );
}

// The gate's name and mode, chosen once per device (kept in localStorage).
function GateSetup({ gate, gateFixed = false, onGate, offlineMode, onOfflineMode }: {
  gate: GateSettings; gateFixed?: boolean; onGate(g: GateSettings): void; offlineMode: boolean; onOfflineMode(on: boolean): void;
}) {
  const modes: GateMode[] = ["entry", "exit", "entry_check"];
  useT();
  return (
    <section className="mb-6 space-y-3 rounded-xl bg-white p-4 shadow" aria-labelledby="gate-setup">
      <h2 id="gate-setup" className="text-lg font-bold">{t("scanner.thisGate")}</h2>
      <label className="block">
        <span className="text-sm font-medium text-gray-700">{t("scanner.gateName")}</span>
        <input name="gate" value={gate.gate} maxLength={GATE_MAX} placeholder={t("scanner.gateNameExample")} autoComplete="off" readOnly={gateFixed}
          title={gateFixed ? t("scanner.gateFixed") : undefined}
          className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-3 text-lg" onChange={(e) => onGate({ ...gate, gate: e.target.value })} />
      </label>
      <fieldset>
        <legend className="text-sm font-medium text-gray-700">{t("scanner.scansHere")}</legend>
        <div className="mt-1 grid grid-cols-1 gap-2 min-[360px]:grid-cols-3">
          {modes.map((m) => (
            <label key={m} className={`flex cursor-pointer items-center justify-center rounded-lg border-2 px-2 py-3 text-center font-semibold has-[:focus-visible]:ring-4 has-[:focus-visible]:ring-sky-400 ${
              gate.mode === m ? "border-gray-900 bg-gray-900 text-white" : "border-gray-300"}`}>
              <input type="radio" name="mode" value={m} className="sr-only" checked={gate.mode === m} onChange={() => onGate({ ...gate, mode: m })} />
              {modeLabel(m)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-start gap-3">
        <input type="checkbox" className="mt-1 size-5" checked={gate.auto} onChange={(e) => onGate({ ...gate, auto: e.target.checked })} />
        <span>
          <span className="font-semibold">{t("scanner.autoAdmit")}</span>
          <span className="block text-sm text-gray-600">{t("scanner.autoAdmitHelp")}</span>
        </span>
      </label>
      <label className="flex items-start gap-3">
        <input type="checkbox" className="mt-1 size-5" checked={offlineMode} onChange={(e) => onOfflineMode(e.target.checked)} />
        <span>
          <span className="font-semibold">{t("scanner.offlineMode")}</span>
          <span className="block text-sm text-gray-600">{t("scanner.offlineModeHelp")}</span>
        </span>
      </label>
    </section>
  );
}

// VALID is white, not green: at arm's length it must not look like ADMITTED (green, large ✓).
const TONES: Record<Outcome["tone"], string> = {
  valid: "bg-white text-gray-900",
  admitted: "bg-emerald-700 text-white",
  exited: "bg-sky-700 text-white",
  used: "bg-amber-400 text-black",
  invalid: "bg-red-700 text-white",
  error: "bg-gray-800 text-white",
};
const MODE_TONE: Record<GateMode, string> = { entry: "bg-emerald-800", exit: "bg-sky-800", entry_check: "bg-gray-700" };

/** How long a card stays before scanning goes on by itself. */
const SUCCESS_MS = 1500;
const REFUSAL_MS = 4000;
/** In auto-admit mode, the code just handled is not read again by the camera for this long
 *  (the holder is still in front of it: that is not a second entry). */
const SAME_CODE_MS = 5000;

/** With an offline fallback at hand, a scan does not wait longer than this for the server. */
const ONLINE_WAIT_MS = 5000;

type Source = "camera" | "wedge" | "manual";

/** Which way a scan of this type lets the holder go (a check only looks at an entry). */
const directionOf = (type: GateMode): Direction => (type === "exit" ? "exit" : "entry");
const isNetwork = (e: unknown) => e instanceof ApiError && e.isNetwork;

function ScanScreen({ eventId, gate, offlineMode, onOfflineMode, token, deviceId: device, isDevice, left, right }: {
  eventId: number; gate: GateSettings; offlineMode: boolean; onOfflineMode(on: boolean): void;
  /** A user's bearer token or the device's credential (lib/api-client). */
  token: string; deviceId: string; isDevice: boolean; left: ReactNode; right: ReactNode;
}) {
  const [stewardOpen, setStewardOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cameraProblem, setCameraProblem] = useState<string | null>(null);
  const [manual, setManual] = useState("");
  const [event, setEvent] = useState<Event | null>(null);
  const manualInput = useRef<HTMLInputElement>(null);
  /** What the steward typed for the scan on screen (null: camera or wedge), to type it again. */
  const typed = useRef<string | null>(null);
  const idempotencyKey = useRef<string>("");
  const lastAction = useRef<"verify" | "scan">("verify");  // what "Retry" repeats
  const busyRef = useRef(false);
  const shownAt = useRef(0);     // which card a timer may clear
  const recent = useRef<{ code: string; at: number } | null>(null);
  const confirmMode = !gate.auto && gate.mode !== "entry_check";
  const offline = useOfflineGate({ eventId, token, deviceId: device, mode: offlineMode });
  const offlineRef = useRef(offline);
  offlineRef.current = offline;
  useT();

  // The event's re-entry rule decides what a used ticket means at an entry (confirm mode). A device
  // reaches gate routes only: it has the rule from the event pack.
  useEffect(() => {
    if (isDevice) return;
    apiGet("/api/events/{id}", { path: { id: eventId }, token }).then(setEvent).catch(() => undefined);
  }, [token, eventId, isDevice]);
  const reentry = offline.pack?.event.reentry ?? event?.reentry ?? false;
  // Times on the result cards (when a ticket was used) on the event's clock; a device, which has
  // no event read, shows its own (it stands at the venue).
  const zone = useRef<string | undefined>(undefined);
  zone.current = event?.time_zone;
  const formatTime = useCallback((iso: string | null) => formatEventTime(iso, zone.current), []);
  const prefix = offline.pack?.event.serial_prefix ?? event?.serial_prefix ?? null;

  const show = useCallback((o: Outcome, clearAfterMs?: number) => {
    const id = ++shownAt.current;
    setOutcome(o);
    signal(o.tone);
    if (clearAfterMs) setTimeout(() => {
      if (shownAt.current !== id) return;
      setOutcome(null);
      setCode(null);
    }, clearAfterMs);
  }, []);
  const run = useCallback(async (work: () => Promise<void>) => {
    busyRef.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  /** The offline check of a code (docs/offline-gates.md §2); null when the device has no pack. */
  const checkOffline = useCallback(async (scanned: string, stage: OfflineStage, direction: Direction) => {
    const verdict = await offlineRef.current.check(scanned, { stage, direction, gate: gate.gate });
    return verdict && offlineOutcome(verdict, stage, formatTime);
  }, [gate.gate, formatTime]);
  /** Can this scan fall back to the offline check when the server does not answer? */
  const fallback = (scanned: string, type: GateMode) => offlineRef.current.canCheck(scanned, directionOf(type));

  const verify = useCallback((scanned: string) => run(async () => {
    lastAction.current = "verify";
    const canFallBack = fallback(scanned, gate.mode);
    try {
      if (canFallBack && offlineRef.current.active) {
        const o = await checkOffline(scanned, "check", directionOf(gate.mode));
        if (o) return show(o);
      }
      const t = await apiGet("/api/verify-ticket/{code}", { path: { code: scanned }, query: { event_id: eventId },
        token, signal: canFallBack ? AbortSignal.timeout(ONLINE_WAIT_MS) : undefined });
      show(fromVerify(t, eventId, formatTime, { mode: gate.mode, reentry }));
    } catch (e) {
      if (canFallBack && isNetwork(e)) {
        offlineRef.current.serverUnreachable();
        const o = await checkOffline(scanned, "check", directionOf(gate.mode)).catch(() => null);
        if (o) return show(o);
      }
      show(fromError(e, formatTime));
    }
  }), [run, token, eventId, gate.mode, reentry, show, checkOffline, formatTime]);

  // The scan that changes something (or, for "check only", asks what entry would answer).
  const post = useCallback((scanned: string, type: GateMode, shownTicket?: GateTicket) => run(async () => {
    lastAction.current = "scan";
    const canFallBack = fallback(scanned, type);
    const stage: OfflineStage = type === "entry_check" ? "entry_check" : "admit";
    const showOffline = (o: Outcome) => {
      recent.current = { code: scanned, at: Date.now() };
      const good = o.result === "admitted" || o.result === "exited";
      show(o, good ? (gate.auto || type !== "entry_check" ? SUCCESS_MS : undefined) : gate.auto ? REFUSAL_MS : undefined);
    };
    try {
      if (canFallBack && offlineRef.current.active) {
        const o = await checkOffline(scanned, stage, directionOf(type));
        if (o) return showOffline(o);
      }
      const answer = await apiPost("/api/mark-used/{code}", { path: { code: scanned },
        token, headers: { "Idempotency-Key": idempotencyKey.current },
        body: scanBody(eventId, type, gate, device), signal: canFallBack ? AbortSignal.timeout(ONLINE_WAIT_MS) : undefined,
      });
      const o = fromAnswer(answer, formatTime);
      if (o.result === "admitted" && type === "entry") offlineRef.current.rememberAdmission(scanned, "entry");
      if (o.result === "exited" && type === "exit") offlineRef.current.rememberAdmission(scanned, "exit");
      recent.current = { code: scanned, at: Date.now() };
      // A check-only card waits for "Scan next" in confirm mode; admissions and exits never do.
      const good = ["admitted", "exited", "valid"].includes(o.tone);
      show(o, good ? (gate.auto || type !== "entry_check" ? SUCCESS_MS : undefined) : o.tone !== "error" && gate.auto ? REFUSAL_MS : undefined);
    } catch (e) {
      // No answer: the device decides from its pack (the server learns of it at the next sync).
      if (canFallBack && isNetwork(e)) {
        offlineRef.current.serverUnreachable();
        const o = await checkOffline(scanned, stage, directionOf(type)).catch(() => null);
        if (o) return showOffline(o);
      }
      const o = fromError(e, formatTime);
      recent.current = { code: scanned, at: Date.now() };
      // A failed admission may be retried with the same key: never a false "already used".
      // Keep the holder on screen so the steward knows who is waiting.
      if (o.canRetry && type !== "entry_check")
        show({ ...o, title: type === "exit" ? t("scanner.notLetOutYetTitle") : t("scanner.notAdmittedYetTitle"), ticket: shownTicket ?? o.ticket });
      else show(o, gate.auto && !o.canRetry ? REFUSAL_MS : undefined);
    }
  }), [run, token, eventId, gate, show, checkOffline, formatTime]);

  const handleScan = useCallback((scanned: string, source: Source) => {
    const value = scanned.trim();
    if (!value || busyRef.current) return;
    const last = recent.current;
    if (source === "camera" && gate.auto && last && last.code === value && Date.now() - last.at < SAME_CODE_MS) return;
    shownAt.current++;  // a pending auto-clear must not hide the new card
    typed.current = source === "manual" ? value : null;
    if (isClaimCode(value)) {
      setCode(null);
      setOutcome(claimCodeScanned());
      return;
    }
    if (source !== "manual" && isForeignCode(value)) {
      setCode(null);
      setOutcome(foreignCodeScanned());
      return;
    }
    setOutcome(null);
    setCode(value);
    idempotencyKey.current = randomKey();  // one key per scan: a retry of THIS scan reuses it
    if (confirmMode) void verify(value);
    else void post(value, gate.mode);
  }, [gate, confirmMode, verify, post]);

  useKeyboardWedge((c) => handleScan(c, "wedge"));

  const admit = () => {
    if (code) void post(code, gate.mode === "exit" ? "exit" : "entry", outcome?.ticket);
  };
  const dismiss = () => {
    shownAt.current++;
    setOutcome(null);
    setCode(null);
  };
  // No such serial: back to the field with what was typed, to correct it.
  const typeAgain = () => {
    setManual(typed.current ?? "");
    dismiss();
    setTimeout(() => manualInput.current?.focus(), 0);
  };
  const mistyped = outcome?.result === "unknown_serial" && typed.current !== null;
  const exitDesk = gate.mode === "exit";
  const retry = () => {
    if (!code) return;
    if (lastAction.current === "scan") void post(code, confirmMode ? (gate.mode === "exit" ? "exit" : "entry") : gate.mode, outcome?.ticket);
    else void verify(code);
  };
  const finished = outcome && ["admitted", "exited"].includes(outcome.tone);

  return (
    <div className="flex h-[100dvh] flex-col bg-black">
      <header className="flex items-center justify-between bg-gray-900 px-3 py-2 text-white">
        {left}
        <button className="rounded border border-white/70 px-2 font-bold" onClick={() => setStewardOpen(true)} data-testid="open-steward">{t("scanner.gateButton")}</button>
        {right}
      </header>
      <p className={`flex justify-between px-3 py-1 text-sm font-semibold text-white ${MODE_TONE[gate.mode]}`} data-testid="gate-mode">
        <span>{modeLabel(gate.mode).toLocaleUpperCase()}{gate.gate.trim() ? ` · ${t("scanner.gateLabel", { gate: gate.gate.trim() })}` : ""}</span>
        <span>{gate.mode === "entry_check" ? t("scanner.admitsNothing") : gate.auto ? t("scanner.autoAdmitOn") : t("scanner.confirmEach")}{reentry ? ` · ${t("scanner.reentryOn")}` : ""}</span>
      </p>
      <StatusStrip gate={offline} mode={offlineMode} onMode={onOfflineMode} />
      <div className="relative min-h-0 flex-1">
        {stewardOpen && <StewardPanel token={token} eventId={eventId} gate={gate.gate} deviceId={device} counts={offline.counts}
          online={offline.online && offline.reachable} onUndone={offline.forget} onClose={() => setStewardOpen(false)} />}
        {cameraProblem ? (
          <div className="flex h-full items-center justify-center p-6 text-center text-lg text-white" role="alert">{cameraProblem}</div>
        ) : (
          <Camera paused={!!outcome || busy || stewardOpen} onCode={(c) => handleScan(c, "camera")} onUnavailable={setCameraProblem} />
        )}
        {outcome && (
          <section className={`absolute inset-0 flex flex-col justify-between p-6 ${TONES[outcome.tone]}`} data-testid="result-card"
            data-tone={outcome.tone} data-result={outcome.result ?? ""} data-offline={outcome.offline ? "true" : "false"} aria-live="assertive">
            <div>
              {outcome.tone === "admitted" && <p className="text-[7rem] font-black leading-none" aria-hidden="true" data-testid="admitted-mark">✓</p>}
              <p className="result-title">{outcome.title}</p>
              {outcome.canAdmit && (
                <p className="mt-2 inline-block rounded-full bg-gray-900 px-3 py-1 text-lg font-bold text-white" data-testid="not-yet">
                  {exitDesk ? t("scanner.notLetOutYet") : t("scanner.notAdmittedYet")}
                </p>
              )}
              {outcome.offline && (
                <p className="mt-2 inline-block rounded-full bg-black/70 px-3 py-1 text-lg font-bold text-white" data-testid="offline-badge">
                  {t("scanner.notCheckedByServer")}
                </p>
              )}
              {outcome.reentry && <p className="mt-2 inline-block rounded-full bg-white/90 px-3 py-1 text-lg font-bold text-emerald-800" data-testid="reentry">{t("gate.reentry")}</p>}
              {outcome.ticket && (
                <div className="mt-4 space-y-1 text-2xl">
                  <p className="text-4xl font-bold" data-testid="holder-name">{outcome.ticket.name}</p>
                  {outcome.ticket.team_name && <p>{outcome.ticket.team_name}</p>}
                  <p>{outcome.ticket.event_name}</p>
                  <p className="font-mono text-xl">{outcome.ticket.serial}</p>
                </div>
              )}
              {!outcome.ticket && outcome.serial && (
                <div className="mt-4 space-y-1 text-2xl">
                  <p className="font-mono text-3xl font-bold" data-testid="offline-serial">{outcome.serial}</p>
                  {offline.pack && <p>{offline.pack.event.name}</p>}
                </div>
              )}
              {outcome.detail && <p className="mt-4 text-2xl font-semibold" data-testid="result-detail">{outcome.detail}</p>}
            </div>
            <div className="flex flex-col gap-3">
              {outcome.canAdmit && (
                <button className="rounded-2xl bg-gray-900 py-6 text-3xl font-extrabold text-white disabled:opacity-60" disabled={busy} onClick={admit}>
                  {busy ? (exitDesk ? t("scanner.lettingOut") : t("scanner.admitting")) : exitDesk ? t("scanner.letOut") : t("scanner.admit")}
                </button>
              )}
              {outcome.canRetry && (
                <button className="rounded-2xl bg-white py-5 text-2xl font-bold text-gray-900" disabled={busy} onClick={retry}>
                  {t("scanner.retry")}
                </button>
              )}
              {!finished && (
                <button className="rounded-2xl border-2 border-current py-4 text-xl font-semibold" onClick={mistyped ? typeAgain : dismiss}>
                  {outcome.canAdmit ? (exitDesk ? t("scanner.cancelNotLetOut") : t("scanner.cancelNotAdmitted")) : mistyped ? t("scanner.typeAgain") : t("scanner.scanNext")}
                </button>
              )}
            </div>
          </section>
        )}
      </div>
      <form className="flex gap-2 bg-gray-900 p-3" onSubmit={(e) => {
        e.preventDefault();
        if (manual.trim()) handleScan(manual, "manual");
        setManual("");
      }}>
        <input aria-label={t("scanner.serialLabel")} name="manual-serial" ref={manualInput} value={manual}
          placeholder={prefix ? t("scanner.serialExample", { prefix }) : t("scanner.serialPlaceholder")}
          onChange={(e) => setManual(e.target.value)} autoCapitalize="characters"
          className="min-w-0 flex-1 rounded-xl bg-white px-4 py-4 text-lg text-gray-900 placeholder:text-gray-500" />
        <Button type="submit" variant="success" className="px-6 text-lg">{t("scanner.check")}</Button>
      </form>
    </div>
  );
}
