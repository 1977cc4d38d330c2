// The steward's screen over the scanner (docs/devices.md §5): the gate's numbers, this device's
// last scans with Undo on an admission (reason required), a ticket's scan history, and the name
// search for a holder whose phone died (only where the event allows it).
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../../../lib/api-client";
import { fetchTicketScans, searchAttendees, undoAdmission, type Attendee, type GateSummary } from "../../../lib/devices-api";
import { formatTime } from "../../../lib/format";
import type { LiveCounts, Scan } from "../../../lib/types";
import { Button, ErrorBanner } from "../../../components/ui";
import { useT } from "../../../i18n/I18nProvider";
import { errorText, fieldErrors } from "../../../i18n/errors";
import { holderStateLabel, scanResultLabel, scanTypeLabel } from "./labels";
import { loadSummary, queryProblem, reasonProblem, undoable } from "./summary";

export function StewardPanel({ token, eventId, gate, deviceId, counts, online, onUndone, onClose }: {
  token: string; eventId: number; gate: string; deviceId: string; counts: LiveCounts | null; online: boolean;
  onUndone(serial: string): void; onClose(): void;
}) {
  const { t } = useT();
  const [summary, setSummary] = useState<GateSummary | null>(null);
  const [fallback, setFallback] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<{ serial: string; items: Scan[] } | null>(null);

  const countsRef = useRef(counts);
  countsRef.current = counts;
  // Loaded again when the live stream's numbers move (not on every message: those come 4 a second).
  const moved = counts ? `${counts.admitted}/${counts.inside}` : "";
  const refresh = useCallback(() => {
    if (!online) return;
    loadSummary(token, eventId, gate, deviceId, countsRef.current).then((r) => {
      setSummary(r.summary);
      setFallback(r.fallback);
      setError(null);
    }, (e: unknown) => setError(errorText(e)));
  }, [token, eventId, gate, deviceId, online]);
  useEffect(refresh, [refresh, moved]);

  const showHistory = useCallback(async (serial: string) => {
    try {
      const page = await fetchTicketScans(token, serial.trim(), eventId);
      setHistory({ serial: serial.trim(), items: page.items });
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [token, eventId]);

  return (
    <section className="absolute inset-0 z-10 overflow-y-auto bg-gray-50 p-4" aria-label={t("scanner.thisGate")} data-testid="steward-panel">
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-2xl font-bold">{t("scanner.thisGate")}</h2>
        <Button variant="ghost" onClick={onClose}>{t("scanner.backToScanning")}</Button>
      </div>
      {!online && <p className="mb-3 rounded-lg bg-orange-100 p-3" role="status">{t("steward.offline")}</p>}
      <ErrorBanner message={error} />
      {summary && (
        <dl className="mb-4 grid grid-cols-3 gap-2 text-center" data-testid="gate-numbers" data-fallback={fallback ? "true" : "false"}>
          <Number label={t("steward.insideNow")} value={summary.inside} testId="inside" />
          <Number label={gate.trim() ? t("steward.admittedAt", { gate: gate.trim() }) : t("steward.admittedHere")} value={summary.admitted_at_gate} testId="at-gate" />
          <Number label={t("steward.admittedTotal")} value={summary.admitted_total} testId="total" />
        </dl>
      )}
      {!!summary?.typed_misses_at_gate && (
        <p className="mb-4 text-sm text-gray-700" data-testid="typed-misses">
          {t("steward.typedMisses", { count: summary.typed_misses_at_gate })}
        </p>
      )}
      <h3 className="mb-2 font-semibold">{t("steward.lastScans")}</h3>
      <ul className="mb-4 divide-y rounded-xl bg-white shadow" data-testid="last-scans">
        {summary?.last_scans.length === 0 && <li className="p-3 text-gray-500">{t("steward.noScansYet")}</li>}
        {summary?.last_scans.map((s) => (
          <ScanRow key={s.id} scan={s} token={token} onHistory={showHistory}
            onUndone={(serial) => { onUndone(serial); refresh(); void showHistory(serial); }} />
        ))}
      </ul>
      <TicketLookup onLookup={showHistory} />
      {history && (
        <div className="mb-4 rounded-xl bg-white p-3 shadow" data-testid="ticket-history">
          <h3 className="font-semibold">{t("steward.scansOf", { serial: history.serial })}</h3>
          <ol className="mt-2 space-y-1 text-sm">
            {history.items.length === 0 && <li>{t("steward.noScans")}</li>}
            {history.items.map((s) => <li key={s.id}>{formatTime(s.scanned_at)} · {scanTypeLabel(s.type)} · <b>{scanResultLabel(s.result)}</b>{s.gate ? ` · ${s.gate}` : ""}{s.note ? ` · ${s.note}` : ""}</li>)}
          </ol>
        </div>
      )}
      <NameSearch token={token} eventId={eventId} onHistory={showHistory} />
    </section>
  );
}

function Number({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-xl bg-white p-3 shadow">
      <dd className="text-3xl font-bold" data-testid={testId}>{value}</dd>
      <dt className="text-sm text-gray-600">{label}</dt>
    </div>
  );
}

function ScanRow({ scan, token, onHistory, onUndone }: { scan: Scan; token: string; onHistory(serial: string): void; onUndone(serial: string): void }) {
  const { t } = useT();
  const [undoing, setUndoing] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function undo(e: FormEvent) {
    e.preventDefault();
    const problem = reasonProblem(reason);
    setError(problem);
    if (problem || !scan.serial) return;
    try {
      await undoAdmission(token, scan.serial, reason.trim());
      setUndoing(false);
      onUndone(scan.serial);
    } catch (err) {
      const x = err as ApiError;
      setError(x.code === "undo_window_passed" ? t("steward.undoTooLate")
        : x.code === "not_admitted" ? t("steward.nothingToUndo") : fieldErrors<"reason">(x.fields ?? {}).reason ?? errorText(err));
    }
  }
  return (
    <li className="p-3" data-testid="scan-row" data-serial={scan.serial ?? ""} data-result={scan.result}>
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm">
          {formatTime(scan.scanned_at)} · {scanTypeLabel(scan.type)} · <b>{scanResultLabel(scan.result)}</b>
          {scan.serial && <> · <button className="font-mono underline" onClick={() => onHistory(scan.serial!)}>{scan.serial}</button></>}
        </span>
        {undoable(scan) && !undoing && <Button variant="ghost" className="px-3 py-1" onClick={() => setUndoing(true)}>{t("steward.undo")}</Button>}
      </div>
      {undoing && (
        <form onSubmit={undo} className="mt-2 space-y-2">
          <ErrorBanner message={error} />
          <input name="undo-reason" aria-label={t("steward.undoReason")} placeholder={t("steward.undoReasonExample")} value={reason}
            maxLength={500} onChange={(e) => setReason(e.target.value)} className="w-full rounded-lg border px-3 py-2" />
          <div className="flex gap-2">
            <Button type="submit" variant="danger">{t("steward.undoAdmission")}</Button>
            <Button type="button" variant="ghost" onClick={() => setUndoing(false)}>{t("steward.keep")}</Button>
          </div>
        </form>
      )}
    </li>
  );
}

function TicketLookup({ onLookup }: { onLookup(serial: string): void }) {
  const { t } = useT();
  const [serial, setSerial] = useState("");
  return (
    <form className="mb-4 flex gap-2" onSubmit={(e) => { e.preventDefault(); if (serial.trim()) onLookup(serial); }}>
      <input name="history-serial" aria-label={t("steward.historySerial")} placeholder={t("steward.historyPlaceholder")} value={serial}
        onChange={(e) => setSerial(e.target.value)} className="min-w-0 flex-1 rounded-lg border px-3 py-2" autoCapitalize="characters" />
      <Button type="submit" variant="ghost">{t("steward.history")}</Button>
    </form>
  );
}

/** Hidden for good (this screen) once the server says the event does not allow it. */
function NameSearch({ token, eventId, onHistory }: { token: string; eventId: number; onHistory(serial: string): void }) {
  const { t } = useT();
  const [q, setQ] = useState("");
  const [items, setItems] = useState<Attendee[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [disabled, setDisabled] = useState(false);
  if (disabled) return null;
  async function search(e: FormEvent) {
    e.preventDefault();
    const problem = queryProblem(q);
    setError(problem);
    if (problem) return;
    try {
      setItems((await searchAttendees(token, eventId, q.trim())).items);
    } catch (err) {
      const x = err as ApiError;
      if (x.code === "gate_lookup_disabled" || x.status === 404) setDisabled(true);
      else setError(x.status === 429 ? t("steward.tooManySearches") : errorText(err));
    }
  }
  return (
    <form onSubmit={search} className="rounded-xl bg-white p-3 shadow" data-testid="name-search">
      <h3 className="mb-2 font-semibold">{t("steward.findTitle")}</h3>
      <ErrorBanner message={error} />
      <div className="flex gap-2">
        <input name="attendee-q" aria-label={t("steward.nameToSearch")} value={q} onChange={(e) => setQ(e.target.value)} maxLength={64}
          className="min-w-0 flex-1 rounded-lg border px-3 py-2" />
        <Button type="submit">{t("steward.search")}</Button>
      </div>
      {items && (
        <ul className="mt-2 divide-y text-sm">
          {items.length === 0 && <li className="py-2">{t("steward.nobodyFound")}</li>}
          {items.map((a) => (
            <li key={a.serial} className="flex justify-between py-2">
              <span><b>{a.name}</b>{a.team ? ` · ${a.team}` : ""} · {holderStateLabel(a.state)}</span>
              <button className="font-mono underline" onClick={() => onHistory(a.serial)}>{a.serial}</button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
