// /scan: the gate. Sign in, choose the event, scan (or type a serial), see a big result card,
// "Continue" admits. Built for one hand and bright sun: large type, strong colours, sound.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError, randomKey } from "../../lib/api-client";
import { AuthProvider, useAuth, useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import type { Event, Page, TicketView } from "../../lib/types";
import { Button, ErrorBanner, LoginForm } from "../../components/ui";
import { Camera } from "./Camera";
import { admitted, fromError, fromVerify, type Outcome } from "./outcome";
import { signal } from "./feedback";

export function ScannerApp() {
  return (
    <AuthProvider storageKey="gatepass.scanner">
      <ScannerGate />
    </AuthProvider>
  );
}

function ScannerGate() {
  const { session, login, logout } = useAuth();
  const [eventId, setEventId] = useState<number | null>(() => Number(sessionStorage.getItem("gatepass.scanner.event")) || null);
  if (!session)
    return <LoginForm title="Gate scanner" onLogin={async (u, p) => {
      const user = await login(u, p);
      if (user.role === "viewer" || user.role === "attendee") {
        logout();
        throw new Error(user.role === "viewer" ? "Viewer accounts cannot check tickets in. Ask an admin for a scanner account."
          : "Ticket holder accounts cannot check tickets in. Your tickets are under My tickets (/my).");
      }
    }} />;
  if (!eventId)
    return <EventChooser onChoose={(id) => { sessionStorage.setItem("gatepass.scanner.event", String(id)); setEventId(id); }} />;
  return <ScanScreen eventId={eventId} onChangeEvent={() => { sessionStorage.removeItem("gatepass.scanner.event"); setEventId(null); }} />;
}

function EventChooser({ onChoose }: { onChoose(id: number): void }) {
  const token = useToken();
  const [events, setEvents] = useState<Event[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Page<Event>>("/api/events?limit=200", { token }).then((p) => setEvents(p.items)).catch((e: ApiError) => setError(e.message));
  }, [token]);
  return (
    <main className="mx-auto max-w-md p-4">
      <h1 className="mb-4 text-2xl font-bold">Which event is this gate for?</h1>
      <ErrorBanner message={error} />
      <div className="space-y-3">
        {events?.map((e) => (
          <button key={e.id} className="block w-full rounded-xl bg-white p-5 text-left text-xl font-semibold shadow active:bg-gray-100"
            onClick={() => onChoose(e.id)}>
            {e.name}
            <span className="block text-sm font-normal text-gray-500">{e.venue ?? ""} {formatTime(e.starts_at)}</span>
          </button>
        ))}
      </div>
    </main>
  );
}

const TONES: Record<Outcome["tone"], string> = {
  valid: "bg-emerald-600 text-white",
  admitted: "bg-emerald-700 text-white",
  used: "bg-amber-400 text-black",
  invalid: "bg-red-700 text-white",
  error: "bg-gray-800 text-white",
};

function ScanScreen({ eventId, onChangeEvent }: { eventId: number; onChangeEvent(): void }) {
  const token = useToken();
  const { logout } = useAuth();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cameraProblem, setCameraProblem] = useState<string | null>(null);
  const [manual, setManual] = useState("");
  const idempotencyKey = useRef<string>("");
  const lastAction = useRef<"verify" | "admit">("verify");  // what "Retry" repeats

  const show = useCallback((o: Outcome) => {
    setOutcome(o);
    signal(o.tone);
  }, []);

  const verify = useCallback(async (scanned: string) => {
    lastAction.current = "verify";
    setCode(scanned);
    idempotencyKey.current = randomKey();  // one key per scan: a retry of THIS admission reuses it
    setBusy(true);
    try {
      const t = await api<TicketView>(`/api/verify-ticket/${encodeURIComponent(scanned)}?event_id=${eventId}`, { token });
      show(fromVerify(t, eventId, formatTime));
    } catch (e) {
      show(fromError(e, formatTime));
    } finally {
      setBusy(false);
    }
  }, [token, eventId, show]);

  const admit = useCallback(async () => {
    if (!code) return;
    lastAction.current = "admit";
    setBusy(true);
    try {
      const t = await api<TicketView>(`/api/mark-used/${encodeURIComponent(code)}?event_id=${eventId}`, {
        method: "POST", token, headers: { "Idempotency-Key": idempotencyKey.current },
      });
      show(admitted(t));
      setTimeout(() => setOutcome((o) => (o?.tone === "admitted" ? null : o)), 1500);
    } catch (e) {
      const o = fromError(e, formatTime);
      // A failed admission may be retried with the same key: never a false "already used".
      // Keep the holder on screen so the steward knows who is waiting.
      show(o.canRetry ? { ...o, title: "NOT ADMITTED YET", ticket: outcome?.ticket } : o);
    } finally {
      setBusy(false);
    }
  }, [code, token, eventId, show, outcome]);

  const dismiss = () => {
    setOutcome(null);
    setCode(null);
  };

  return (
    <div className="flex h-[100dvh] flex-col bg-black">
      <header className="flex items-center justify-between bg-gray-900 px-3 py-2 text-white">
        <button className="underline" onClick={onChangeEvent}>Change event</button>
        <span className="font-bold">Gatepass scanner</span>
        <button className="underline" onClick={logout}>Sign out</button>
      </header>
      <div className="relative min-h-0 flex-1">
        {cameraProblem ? (
          <div className="flex h-full items-center justify-center p-6 text-center text-lg text-white" role="alert">{cameraProblem}</div>
        ) : (
          <Camera paused={!!outcome || busy} onCode={verify} onUnavailable={setCameraProblem} />
        )}
        {outcome && (
          <section className={`absolute inset-0 flex flex-col justify-between p-6 ${TONES[outcome.tone]}`} data-testid="result-card"
            data-tone={outcome.tone} aria-live="assertive">
            <div>
              <p className="result-title">{outcome.title}</p>
              {outcome.ticket && (
                <div className="mt-4 space-y-1 text-2xl">
                  <p className="text-4xl font-bold" data-testid="holder-name">{outcome.ticket.name}</p>
                  {outcome.ticket.team_name && <p>{outcome.ticket.team_name}</p>}
                  <p>{outcome.ticket.event_name}</p>
                  <p className="font-mono text-xl">{outcome.ticket.serial}</p>
                </div>
              )}
              {outcome.detail && <p className="mt-4 text-2xl font-semibold" data-testid="result-detail">{outcome.detail}</p>}
            </div>
            <div className="flex flex-col gap-3">
              {outcome.canAdmit && (
                <button className="rounded-2xl bg-white py-6 text-3xl font-extrabold text-emerald-700 disabled:opacity-60" disabled={busy} onClick={admit}>
                  {busy ? "Admitting…" : "Continue"}
                </button>
              )}
              {outcome.canRetry && (
                <button className="rounded-2xl bg-white py-5 text-2xl font-bold text-gray-900" disabled={busy}
                  onClick={() => (lastAction.current === "admit" ? admit() : code && verify(code))}>
                  Retry
                </button>
              )}
              {outcome.tone !== "admitted" && (
                <button className="rounded-2xl border-2 border-current py-4 text-xl font-semibold" onClick={dismiss}>
                  {outcome.canAdmit ? "Cancel" : "Scan next"}
                </button>
              )}
            </div>
          </section>
        )}
      </div>
      <form className="flex gap-2 bg-gray-900 p-3" onSubmit={(e) => {
        e.preventDefault();
        if (manual.trim()) verify(manual.trim());
        setManual("");
      }}>
        <input aria-label="Ticket serial" name="manual-serial" placeholder="Serial, e.g. EVT2026-000123" value={manual}
          onChange={(e) => setManual(e.target.value)} autoCapitalize="characters"
          className="min-w-0 flex-1 rounded-xl bg-white px-4 py-4 text-lg text-gray-900 placeholder:text-gray-500" />
        <Button type="submit" variant="success" className="px-6 text-lg">Check</Button>
      </form>
    </div>
  );
}
