// Every scan at the gates, newest first: filter by event, gate, result and type; "Load more" pages
// on with the server's cursor (keyset paging: the 100th page costs what the first does). A serial
// opens the ticket. Admins export the same filters as CSV.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime, shorten } from "../../lib/format";
import { useIsPhone } from "../../lib/media";
import type { CursorPage, Scan } from "../../lib/types";
import { Button, ErrorBanner, TableBox } from "../../components/ui";
import { ExportButton } from "../../components/widgets";
import { useEvents } from "./useEvents";
import { gateName, RESULT_LABEL, RESULTS, ResultBadge, TYPE_LABEL, TYPES } from "./scans";
import { TicketDetails } from "./TicketsPage";

const PAGE_SIZE = 50;

export function ScansPage({ canEdit }: { canEdit: boolean }) {
  const token = useToken();
  const phone = useIsPhone();
  const events = useEvents(token);
  const [eventId, setEventId] = useState("");
  const [gate, setGate] = useState("");
  const [result, setResult] = useState("");
  const [type, setType] = useState("");
  const [items, setItems] = useState<Scan[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const filters = { event_id: eventId, gate: gate.trim(), result, type };
  const key = JSON.stringify(filters);
  const latest = useRef(0);

  const load = useCallback((after: string | null) => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const [k, v] of Object.entries(JSON.parse(key) as Record<string, string>)) if (v) params.set(k, v);
    if (after) params.set("after", after);
    const seq = ++latest.current;
    setLoading(true);
    api<CursorPage<Scan>>(`/api/scans?${params}`, { token })
      .then((p) => {
        if (seq !== latest.current) return;
        setItems((old) => (after ? [...old, ...p.items] : p.items));
        setNext(p.next_cursor);
        setError(null);
        setLoaded(true);
      })
      .catch((e: ApiError) => seq === latest.current && setError(e.message))
      .finally(() => seq === latest.current && setLoading(false));
  }, [token, key]);
  // A new filter starts again from the newest scan. Typing a gate name waits for a pause.
  useEffect(() => {
    const timer = setTimeout(() => load(null), 250);
    return () => clearTimeout(timer);
  }, [load]);

  const eventName = (id: number | null) => (id === null ? "—" : events.find((e) => e.id === id)?.name ?? `#${id}`);
  const serial = (s: Scan) => s.serial
    ? <button className="font-mono underline" onClick={() => setOpen(s.serial)}>{s.serial}</button>
    : <span className="font-mono text-gray-600" title="The code named no ticket">{s.code ?? "?"}</span>;

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">Scans</h1>
        {canEdit && <ExportButton kind="scans" filters={filters} />}
      </div>
      <div className="mb-4 flex flex-wrap gap-2">
        <select aria-label="Event" className="rounded-lg border px-2 py-2" value={eventId} onChange={(e) => setEventId(e.target.value)}>
          <option value="">All events</option>
          {events.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
        <input aria-label="Gate" placeholder="Gate" className="w-32 rounded-lg border px-3 py-2" value={gate} onChange={(e) => setGate(e.target.value)} />
        <select aria-label="Result" className="rounded-lg border px-2 py-2" value={result} onChange={(e) => setResult(e.target.value)}>
          <option value="">Any result</option>
          {RESULTS.map((r) => <option key={r} value={r}>{RESULT_LABEL[r]}</option>)}
        </select>
        <select aria-label="Type" className="rounded-lg border px-2 py-2" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">Any type</option>
          {TYPES.map((t) => <option key={t} value={t}>{TYPE_LABEL[t]}</option>)}
        </select>
      </div>
      <ErrorBanner message={error} />
      {phone ? (
        <ul className="space-y-2" aria-label="Scans">
          {items.map((s) => (
            <li key={s.id} className="rounded-xl bg-white p-3 shadow" data-testid={`scan-${s.id}`}>
              <div className="flex items-center justify-between gap-2">{serial(s)}<ResultBadge result={s.result} /></div>
              <p className="text-sm text-gray-600">{formatTime(s.scanned_at)} · {TYPE_LABEL[s.type] ?? s.type} · gate {gateName(s.gate)} · {s.user}</p>
            </li>
          ))}
        </ul>
      ) : (
        <TableBox label="Scans table">
          <table className="w-full text-left text-sm">
            <thead className="bg-gray-100 text-xs uppercase text-gray-600">
              <tr><th className="p-3">When</th><th className="p-3">Ticket</th><th className="p-3">Result</th><th className="p-3">Type</th>
                <th className="p-3">Where</th><th className="p-3">Event</th></tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} className="border-t" data-testid={`scan-${s.id}`}>
                  <td className="p-3">{formatTime(s.scanned_at)}</td>
                  <td className="p-3">{serial(s)}</td>
                  <td className="p-3"><ResultBadge result={s.result} /></td>
                  <td className="p-3">{TYPE_LABEL[s.type] ?? s.type}</td>
                  <td className="p-3">
                    <span className="block">gate {gateName(s.gate)}</span>
                    <span className="block text-xs text-gray-600">
                      {s.device_id && <span className="font-mono" title={s.device_id}>{shorten(s.device_id)} · </span>}{s.user}
                    </span>
                  </td>
                  <td className="p-3">{eventName(s.event_id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {loaded && items.length === 0 && <p className="p-6 text-center text-gray-600">No scans match.</p>}
      <div className="mt-3 flex items-center justify-between text-sm">
        <span>{items.length} shown</span>
        {next && <Button variant="ghost" disabled={loading} onClick={() => load(next)}>{loading ? "Loading…" : "Load more"}</Button>}
      </div>
      {open && <TicketDetails serial={open} canEdit={canEdit} onClose={() => setOpen(null)} onChanged={() => load(null)} />}
    </section>
  );
}
