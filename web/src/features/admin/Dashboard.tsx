// The dashboard: the chosen event live (inside now, per gate, last scans; pushed by the server's
// event stream, no polling), its attendance charts (loaded on their own, refreshed when the
// stream says something changed, at most every 2 s), and every event's registration counts.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { openLive, throttle, type LiveState } from "../../lib/live";
import type { Event, EventCounts, LiveCounts, Scan } from "../../lib/types";
import { ErrorBanner } from "../../components/ui";
import { MailWarning } from "./mail";
import { SetupChecklist } from "./SetupChecklist";
import { EventPicker, useChosenEvent, useEvents } from "./useEvents";
import { gateName, ResultBadge, typeLabel } from "./scans";
import { retentionNote } from "./privacy";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

// chart.js and its React wrapper (~60 KB brotli) load only when a dashboard shows charts.
const AttendanceCharts = lazy(() => import("./AttendanceCharts").then((m) => ({ default: m.AttendanceCharts })));

/** The registration counts of all events change slowly (approvals): a look every 30 s. */
const OVERVIEW_MS = 30_000;
/** Charts are fetched again at most this often while scans stream in. */
export const CHART_REFRESH_MS = 2000;
const SCANS_KEPT = 15;

export function Dashboard() {
  const { t } = useT();
  const token = useToken();
  const events = useEvents(token);
  const [event, choose] = useChosenEvent(events);
  const [counts, setCounts] = useState<EventCounts[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reloadOverview = useRef<() => void>(() => undefined);
  useEffect(() => {
    let alive = true;
    const load = () =>
      apiGet("/api/admin/stats", { token })
        .then((r) => {
          if (!alive) return;
          setCounts(r.events);
          setError(null);
        })
        .catch((e: ApiError) => alive && setError(e.message));
    reloadOverview.current = load;
    load();
    const timer = setInterval(load, OVERVIEW_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [token]);

  // Stable between the overview's refreshes, so the checklist looks again only when events change.
  const idList = counts?.map((c) => c.event_id).join(",");
  const eventIds = useMemo(() => (idList === undefined ? null : idList ? idList.split(",").map(Number) : []), [idList]);

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.dashboard.dashboard")}</h1>
        {events.length > 0 && <EventPicker events={events} event={event} onChoose={choose} />}
      </div>
      <ErrorBanner message={error} />
      <MailWarning />
      <SetupChecklist eventIds={eventIds} />
      {event && <LivePanel key={event.id} event={event} onChange={() => reloadOverview.current()} />}
      {counts?.length === 0 && <p>{t("admin.dashboard.noEventsYetCreate")}</p>}
      <h2 className="mt-6 mb-2 text-lg font-bold">{t("admin.dashboard.registrations")}</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        {counts?.map((c) => (
          <article key={c.event_id} className="rounded-xl bg-white p-4 shadow" data-testid={`stats-${c.event_id}`}>
            <h3 className="mb-3 font-bold">{c.event_name}</h3>
            <dl className="grid grid-cols-3 gap-2 text-center">
              <Stat label={t("admin.dashboard.pending")} value={c.pending} tone="text-amber-700" />
              <Stat label={t("admin.dashboard.approved")} value={c.approved} tone="text-emerald-700" />
              <Stat label={t("admin.dashboard.checkedIn")} value={c.checked_in} tone="text-blue-700" />
            </dl>
            {c.capacity !== null && <p className="mt-2 text-xs text-gray-600">{t("admin.dashboard.capacity", { capacity: c.capacity })}</p>}
            <RetentionLine event={events.find((e) => e.id === c.event_id)} />
          </article>
        ))}
      </div>
    </section>
  );
}

/** When the event's personal data goes (docs/privacy.md), if it does. */
function RetentionLine({ event }: { event: Event | undefined }) {
  const note = event ? retentionNote(event) : null;
  return note && event ? <p className="mt-1 text-xs text-gray-600" data-testid={`retention-${event.id}`}>{note}</p> : null;
}

/** Merges new scans into the newest-first list, each id once. */
export function mergeScans(old: Scan[], incoming: Scan[], keep = SCANS_KEPT): Scan[] {
  const byId = new Map<number, Scan>();
  for (const s of [...incoming, ...old]) if (!byId.has(s.id)) byId.set(s.id, s);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, keep);
}

function LivePanel({ event, onChange }: { event: Event; onChange(): void }) {
  const { t } = useT();
  const token = useToken();
  const [live, setLive] = useState<LiveCounts | null>(null);
  const [scans, setScans] = useState<Scan[]>([]);
  const [state, setState] = useState<{ state: LiveState; error?: string; retryInMs?: number }>({ state: "connecting" });
  const [version, setVersion] = useState(0);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const refresh = throttle(() => {
      setVersion((v) => v + 1);
      onChangeRef.current();
    }, CHART_REFRESH_MS);
    let first = true;
    const stream = openLive({
      url: `/api/events/${event.id}/live`,
      token,
      onState: (s, detail) => setState({ state: s, ...detail }),
      onMessage: (m) => {
        if (m.event && m.event !== "counts") return;
        let counts: LiveCounts;
        try {
          counts = JSON.parse(m.data) as LiveCounts;
        } catch {
          return;
        }
        setLive(counts);
        setScans((old) => mergeScans(old, [...(counts.missed_scans ?? []), ...(counts.last_scans ?? [])]));
        // The first message is what the page already loads; later ones mean the counts moved.
        if (first) first = false;
        else refresh();
      },
    });
    return () => {
      refresh.cancel();
      stream.close();
    };
  }, [event.id, token]);

  const rate = live && live.sold > 0 ? live.admitted / live.sold : 0;
  const gates = useMemo(() => [...(live?.per_gate ?? [])].sort((a, b) => a.gate.localeCompare(b.gate)), [live]);
  return (
    <div className="space-y-4" data-testid="live-panel">
      <article className="rounded-xl bg-white p-4 shadow">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-bold">{t("admin.dashboard.atTheGates", { name: event.name })}</h2>
          <LiveBadge {...state} />
        </div>
        <dl className="grid grid-cols-2 gap-2 text-center sm:grid-cols-5">
          <Stat label={t("admin.dashboard.insideNow")} value={live?.inside} tone="text-blue-700" testId="live-inside" big />
          <Stat label={t("admin.dashboard.admitted")} value={live?.admitted} tone="text-emerald-700" testId="live-admitted" />
          <Stat label={t("admin.dashboard.sold")} value={live?.sold} tone="text-gray-900" testId="live-sold" />
          <Stat label={t("admin.dashboard.attendance")} value={live ? `${Math.round(rate * 100)} %` : undefined} tone="text-gray-900" testId="live-rate" />
          <Stat label={t("admin.dashboard.noShows")} value={live ? Math.max(0, live.sold - live.admitted) : undefined} tone="text-amber-700" testId="live-no-shows" />
        </dl>
        <div className="mt-4 grid gap-4 lg:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold uppercase text-gray-600">{t("admin.dashboard.perGate")}</h3>
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-gray-600">
                <tr><th className="py-1">{t("admin.dashboard.gate")}</th><th className="py-1 text-right">{t("admin.dashboard.entries")}</th><th className="py-1 text-right">{t("admin.dashboard.exits")}</th><th className="py-1 text-right">{t("admin.dashboard.inside")}</th></tr>
              </thead>
              <tbody>
                {gates.map((g) => (
                  <tr key={g.gate} className="border-t" data-testid={`gate-${g.gate}`}>
                    <td className="py-1 font-medium">{gateName(g.gate)}</td>
                    <td className="py-1 text-right">{g.entries}</td>
                    <td className="py-1 text-right">{g.exits}</td>
                    <td className="py-1 text-right font-semibold" data-testid={`gate-inside-${g.gate}`}>{g.inside}</td>
                  </tr>
                ))}
                {live && gates.length === 0 && <tr><td colSpan={4} className="py-2 text-gray-600">{t("admin.dashboard.noScansYet")}</td></tr>}
              </tbody>
            </table>
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold uppercase text-gray-600">{t("admin.dashboard.lastScans")}</h3>
            <ol className="space-y-1 text-sm" aria-label={t("admin.dashboard.lastScans")} data-testid="last-scans">
              {scans.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-x-2">
                  <span className="whitespace-nowrap text-gray-600">{new Date(s.scanned_at).toLocaleTimeString()}</span>
                  <span className="font-mono">{s.serial ?? s.code ?? "?"}</span>
                  <ResultBadge result={s.result} />
                  <span className="text-gray-600">{typeLabel(s.type)} · {t("admin.scans.gateB", { gate: gateName(s.gate) })}</span>
                </li>
              ))}
              {live && scans.length === 0 && <li className="text-gray-600">{t("admin.dashboard.nothingScannedYet")}</li>}
            </ol>
          </div>
        </div>
      </article>
      <Suspense fallback={<p className="rounded-xl bg-white p-4 text-gray-600 shadow" role="status">{t("admin.dashboard.loadingCharts")}</p>}>
        <AttendanceCharts eventId={event.id} version={version} />
      </Suspense>
    </div>
  );
}

function LiveBadge({ state, error, retryInMs }: { state: LiveState; error?: string; retryInMs?: number }) {
  const text = state === "open" ? t("admin.dashboard.live") : state === "connecting" ? t("admin.dashboard.connecting")
    : state === "reconnecting" ? (retryInMs ? t("admin.dashboard.reconnectingIn", { seconds: Math.ceil(retryInMs / 1000) }) : t("admin.dashboard.reconnecting"))
    : error ? t("admin.dashboard.notLiveError", { error }) : t("admin.dashboard.notLive");
  const tone = state === "open" ? "bg-emerald-100 text-emerald-800" : state === "closed" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900";
  return <span role="status" className={`rounded-full px-3 py-1 text-xs font-semibold ${tone}`} data-testid="live-state" data-state={state}
    title={error}>{text}</span>;
}

function Stat({ label, value, tone, testId, big }: { label: string; value: number | string | undefined; tone: string; testId?: string; big?: boolean }) {
  return (
    <div className="flex flex-col-reverse rounded-lg bg-gray-50 p-2">
      <dt className="text-xs uppercase text-gray-600">{label}</dt>
      <dd className={`${big ? "text-4xl" : "text-3xl"} font-extrabold ${tone}`} data-testid={testId}>{value ?? "–"}</dd>
    </div>
  );
}
