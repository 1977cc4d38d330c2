// Audit log with filters (action, event), newest first, paged.
import { useEffect, useState } from "react";
import { api, ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import type { AuditEntry, Event, Page } from "../../lib/types";
import { formatTime } from "../../lib/format";
import { Button, ErrorBanner, TableBox } from "../../components/ui";
import { ExportButton } from "../../components/widgets";
import { useT } from "../../i18n/I18nProvider";
import { AUDIT_ACTIONS, auditActionLabel } from "./actions";

// Every action the server writes, by its words (actions.ts); "" is all of them.
const ACTIONS = ["", ...Object.keys(AUDIT_ACTIONS)];
const PAGE_SIZE = 50;

export function AuditPage() {
  const { t } = useT();
  const token = useToken();
  const [action, setAction] = useState("");
  const [eventId, setEventId] = useState("");
  const [events, setEvents] = useState<Event[]>([]);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<AuditEntry> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiGet("/api/events", { query: { limit: 200 }, token }).then((p) => setEvents(p.items)).catch(() => undefined);
  }, [token]);
  useEffect(() => {
    // An answer for filters that have changed since is dropped: it must not replace the newer page.
    let current = true;
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
    if (action) params.set("action", action);
    if (eventId) params.set("event_id", eventId);
    api<Page<AuditEntry>>(`/api/admin/logs?${params}`, { token })
      .then((p) => current && setPage(p))
      .catch((e: ApiError) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [token, action, eventId, offset]);
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.audit.auditLog")}</h1>
        <ExportButton kind="audit" filters={{ event_id: eventId, action }} />
      </div>
      <div className="mb-4 flex flex-wrap gap-2">
        <select aria-label={t("admin.audit.action")} className="rounded-lg border px-2 py-2" value={action} onChange={(e) => { setAction(e.target.value); setOffset(0); }}>
          {ACTIONS.map((a) => <option key={a} value={a}>{a ? auditActionLabel(a) : t("admin.audit.allActions")}</option>)}
        </select>
        <select aria-label={t("admin.audit.event")} className="rounded-lg border px-2 py-2" value={eventId} onChange={(e) => { setEventId(e.target.value); setOffset(0); }}>
          <option value="">{t("admin.audit.allEvents")}</option>
          {events.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
      </div>
      <ErrorBanner message={error} />
      {/* Long values (codes, details) wrap instead of widening the table; on a phone each entry is a card. */}
      <TableBox label={t("admin.audit.auditLogEntries")}>
        <table className="cards w-full table-fixed text-left text-sm">
          <thead className="bg-gray-100 text-xs uppercase text-gray-600">
            <tr><th className="w-36 p-3">{t("admin.audit.when")}</th><th className="w-28 p-3">{t("admin.audit.who")}</th><th className="w-52 p-3">{t("admin.audit.action")}</th><th className="p-3">{t("admin.audit.what")}</th><th className="p-3">{t("admin.audit.details")}</th></tr>
          </thead>
          <tbody>
            {page?.items.map((e) => (
              <tr key={e.id} className="border-t" data-action={e.action}>
                <td className="p-3" data-label="When">{formatTime(e.created_at)}</td>
                <td className="p-3 break-words" data-label="Who">{e.actor}</td>
                <td className="p-3 wrap-break-word" data-label="Action">{auditActionLabel(e.action)}
                  <span className="block font-mono text-xs text-gray-500">{e.action}</span></td>
                <td className="p-3 wrap-anywhere" data-label="What">{e.entity_type} {e.entity_id}</td>
                <td className="p-3 font-mono text-xs wrap-anywhere" data-label="Details">
                  {Object.entries(e.details).map(([k, v]) => <span key={k} className="block">{k}: {typeof v === "string" ? v : JSON.stringify(v)}</span>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {page && (
        <div className="mt-3 flex items-center justify-between text-sm">
          <span>{t("admin.audit.entries", { total: page.total })}</span>
          <span className="space-x-2">
            <Button variant="ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t("admin.audit.newer")}</Button>
            <Button variant="ghost" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t("admin.audit.older")}</Button>
          </span>
        </div>
      )}
    </section>
  );
}
