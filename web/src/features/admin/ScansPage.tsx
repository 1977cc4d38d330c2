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
import { gateName, resultLabel, RESULTS, ResultBadge, typeLabel, TYPES } from "./scans";
import { TicketDetails } from "./TicketsPage";
import { useT } from "../../i18n/I18nProvider";

const PAGE_SIZE = 50;

export function ScansPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
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
    : <span className="font-mono text-gray-600" title={t("admin.scans.theCodeNamedNo")}>{s.code ?? "?"}</span>;

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.scans.scans")}</h1>
        {canEdit && <ExportButton kind="scans" filters={filters} />}
      </div>
      <div className="mb-4 flex flex-wrap gap-2">
        <select aria-label={t("admin.scans.event")} className="rounded-lg border px-2 py-2" value={eventId} onChange={(e) => setEventId(e.target.value)}>
          <option value="">{t("admin.scans.allEvents")}</option>
          {events.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
        <input aria-label={t("admin.scans.gate")} placeholder={t("admin.scans.gate")} className="w-32 rounded-lg border px-3 py-2" value={gate} onChange={(e) => setGate(e.target.value)} />
        <select aria-label={t("admin.scans.result")} className="rounded-lg border px-2 py-2" value={result} onChange={(e) => setResult(e.target.value)}>
          <option value="">{t("admin.scans.anyResult")}</option>
          {RESULTS.map((r) => <option key={r} value={r}>{resultLabel(r)}</option>)}
        </select>
        <select aria-label={t("admin.scans.type")} className="rounded-lg border px-2 py-2" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t("admin.scans.anyType")}</option>
          {TYPES.map((item) => <option key={item} value={item}>{typeLabel(item)}</option>)}
        </select>
      </div>
      <ErrorBanner message={error} />
      {phone ? (
        <ul className="space-y-2" aria-label={t("admin.scans.scans")}>
          {items.map((s) => (
            <li key={s.id} className="rounded-xl bg-white p-3 shadow" data-testid={`scan-${s.id}`}>
              <div className="flex items-center justify-between gap-2">{serial(s)}<ResultBadge result={s.result} /></div>
              <p className="text-sm text-gray-600">{formatTime(s.scanned_at)} · {typeLabel(s.type)} · {t("admin.scans.gateB", { gate: gateName(s.gate) })} · {s.user}</p>
            </li>
          ))}
        </ul>
      ) : (
        <TableBox label={t("admin.scans.scansTable")}>
          <table className="w-full text-left text-sm">
            <thead className="bg-gray-100 text-xs uppercase text-gray-600">
              <tr><th className="p-3">{t("admin.scans.when")}</th><th className="p-3">{t("admin.scans.ticket")}</th><th className="p-3">{t("admin.scans.result")}</th><th className="p-3">{t("admin.scans.type")}</th>
                <th className="p-3">{t("admin.scans.where")}</th><th className="p-3">{t("admin.scans.event")}</th></tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} className="border-t" data-testid={`scan-${s.id}`}>
                  <td className="p-3">{formatTime(s.scanned_at)}</td>
                  <td className="p-3">{serial(s)}</td>
                  <td className="p-3"><ResultBadge result={s.result} /></td>
                  <td className="p-3">{typeLabel(s.type)}</td>
                  <td className="p-3">
                    <span className="block">{t("admin.scans.gateB", { gate: gateName(s.gate) })}</span>
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
      {loaded && items.length === 0 && <p className="p-6 text-center text-gray-600">{t("admin.scans.noScansMatch")}</p>}
      <div className="mt-3 flex items-center justify-between text-sm">
        <span>{t("admin.scans.shown", { length: items.length })}</span>
        {next && <Button variant="ghost" disabled={loading} onClick={() => load(next)}>{loading ? t("admin.scans.loading") : t("admin.scans.loadMore")}</Button>}
      </div>
      {open && <TicketDetails serial={open} canEdit={canEdit} onClose={() => setOpen(null)} onChanged={() => load(null)} />}
    </section>
  );
}
