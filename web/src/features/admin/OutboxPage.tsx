// Mail: the outbox (every message the server sends: registration received, ticket issued, declined,
// transfer, refund, voided), newest first, filtered by state; counts at the top; a banner when
// nothing can go out (no SMTP_URL, or MAIL_ENABLED=0); "Retry now" for a queued or failed message;
// Preview of any message and, for a waiting ticket mail, its PDF and a fresh link (tickets/OutboxActions).
// Refreshes every few seconds. Phones get cards, desktops a table.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError, apiGet, apiPost } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import { useIsPhone } from "../../lib/media";
import type { Items } from "../../lib/types";
import { Button, ErrorBanner, TableBox } from "../../components/ui";
import { NotSendingBanner, type OutboxMessage, type OutboxSummary } from "./mail";
import { OutboxActions } from "./tickets/OutboxActions";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

const PAGE_SIZE = 50;
const REFRESH_MS = 5000;
const RETRYABLE = ["queued", "failed"];

const KIND_LABELS = (): Record<string, string> => ({
  registration_received: t("admin.outbox.kind.registrationReceived"),
  registration_declined: t("admin.outbox.kind.registrationDeclined"),
  ticket_issued: t("admin.outbox.kind.ticketIssued"),
  ticket_sold: t("admin.outbox.kind.ticketSold"),
  ticket_voided: t("admin.outbox.kind.ticketVoided"),
  transfer_offered: t("admin.outbox.kind.transferOffered"),
  transfer_accepted: t("admin.outbox.kind.transferAccepted"),
  refund_decided: t("admin.outbox.kind.refundDecided"),
});
export const kindLabel = (kind: string) => KIND_LABELS()[kind] ?? kind.replace(/_/g, " ");

export function OutboxPage() {
  const { t } = useT();
  const token = useToken();
  const phone = useIsPhone();
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const [items, setItems] = useState<OutboxMessage[] | null>(null);
  const [summary, setSummary] = useState<OutboxSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(0);
  const load = useCallback(() => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
    if (status) params.set("status", status);
    const seq = ++latest.current;
    api<Items<OutboxMessage>>(`/api/admin/outbox?${params}`, { token })
      .then((r) => {
        if (seq !== latest.current) return;
        setItems(r.items);
        setError(null);
      })
      .catch((e: ApiError) => seq === latest.current && setError(e.message));
    apiGet("/api/admin/outbox/summary", { token }).then(setSummary).catch(() => undefined);
  }, [token, status, offset]);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  async function retry(m: OutboxMessage) {
    setNotice(null);
    try {
      await apiPost("/api/admin/outbox/{id}/retry", { path: { id: m.id }, token });
      setNotice(t("admin.outbox.messageToWillBe", { id: m.id, to_email: m.to_email }));
      load();
    } catch (e) {
      setError((e as ApiError).message);
    }
  }
  const retryButton = (m: OutboxMessage) =>
    RETRYABLE.includes(m.status) ? <Button variant="ghost" className="px-3 py-1" onClick={() => retry(m)}>{t("admin.outbox.retryNow")}</Button> : null;

  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">{t("admin.outbox.mail")}</h1>
      {summary && <NotSendingBanner summary={summary} />}
      {summary && (
        <dl className="mb-4 grid grid-cols-2 gap-2 text-center sm:grid-cols-4" aria-label={t("admin.outbox.outboxCounts")}>
          <Count label={t("admin.outbox.queued")} value={summary.queued} tone="text-amber-600" />
          <Count label={t("admin.outbox.sending")} value={summary.sending} tone="text-blue-700" />
          <Count label={t("admin.outbox.sent")} value={summary.sent} tone="text-emerald-700" />
          <Count label={t("admin.outbox.failed")} value={summary.failed} tone="text-red-700" />
        </dl>
      )}
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <select aria-label={t("admin.outbox.status")} className="rounded-lg border px-2 py-2" value={status}
          onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
          <option value="">{t("admin.outbox.anyStatus")}</option>
          <option value="queued">{t("admin.outbox.queued")}</option>
          <option value="sending">{t("admin.outbox.sending")}</option>
          <option value="sent">{t("admin.outbox.sent")}</option>
          <option value="failed">{t("admin.outbox.failed")}</option>
        </select>
        <Button variant="ghost" onClick={load}>{t("admin.outbox.refresh")}</Button>
      </div>
      <ErrorBanner message={error} />
      {notice && <p className="mb-3 rounded-lg bg-emerald-50 px-4 py-2 text-emerald-900" role="status">{notice}</p>}
      {phone ? (
        <ul className="space-y-3" aria-label={t("admin.outbox.messages")}>
          {items?.map((m) => (
            <li key={m.id} className="rounded-xl bg-white p-4 shadow" data-testid={`message-${m.id}`}>
              <div className="flex items-center justify-between gap-2">
                <span className="font-semibold">{kindLabel(m.kind)}</span>
                <MailStatusBadge status={m.status} />
              </div>
              <p className="break-all text-sm text-gray-700">{m.to_name ? `${m.to_name} · ` : ""}{m.to_email}</p>
              <p className="text-xs text-gray-500">
                {formatTime(m.created_at)} · {t("admin.outbox.attempts", { count: m.attempts })}
                {m.sent_at ? t("admin.outbox.sentA", { sent_at: formatTime(m.sent_at) }) : m.status === "queued" ? t("admin.outbox.next", { next_attempt_at: formatTime(m.next_attempt_at) }) : ""}
              </p>
              {m.last_error && <p className="mt-1 break-words text-sm text-red-700">{m.last_error}</p>}
              <div className="mt-2 flex flex-wrap gap-2">{retryButton(m)}<OutboxActions message={m} /></div>
            </li>
          ))}
          {items?.length === 0 && <li className="p-6 text-center text-gray-500">{t("admin.outbox.noMessages")}</li>}
        </ul>
      ) : (
        <TableBox label={t("admin.outbox.mailMessagesTable")}>
          <table className="w-full text-left text-sm">
            <thead className="bg-gray-100 text-xs uppercase text-gray-600">
              <tr><th className="p-3"><span className="sr-only">{t("admin.outbox.actions")}</span></th><th className="p-3">{t("admin.outbox.message")}</th><th className="p-3">{t("admin.outbox.to")}</th>
                <th className="p-3">{t("admin.outbox.status")}</th><th className="p-3">{t("admin.outbox.when")}</th><th className="p-3">{t("admin.outbox.lastError")}</th></tr>
            </thead>
            <tbody>
              {items?.map((m) => (
                <tr key={m.id} className="border-t" data-testid={`message-${m.id}`}>
                  <td className="w-64 p-3"><div className="flex flex-col items-start gap-2">{retryButton(m)}<OutboxActions message={m} /></div></td>
                  <td className="p-3"><span className="block font-medium">{kindLabel(m.kind)}</span><span className="text-xs text-gray-600">#{m.id}</span></td>
                  <td className="p-3">{m.to_name && <span className="block">{m.to_name}</span>}<span className="break-all text-gray-600">{m.to_email}</span></td>
                  <td className="p-3"><MailStatusBadge status={m.status} />
                    <span className="mt-1 block text-xs text-gray-600">{t("admin.outbox.attempts", { count: m.attempts })}</span></td>
                  <td className="p-3">
                    <span className="block">{formatTime(m.created_at)}</span>
                    <span className="block text-xs text-gray-600">{m.sent_at ? t("admin.outbox.sentB", { sent_at: formatTime(m.sent_at) }) : m.status === "queued" ? t("admin.outbox.nextA", { next_attempt_at: formatTime(m.next_attempt_at) }) : ""}</span>
                  </td>
                  <td className="max-w-xs p-3 break-words text-red-700">{m.last_error ?? ""}</td>
                </tr>
              ))}
              {items?.length === 0 && <tr><td className="p-6 text-center text-gray-500" colSpan={6}>{t("admin.outbox.noMessages")}</td></tr>}
            </tbody>
          </table>
        </TableBox>
      )}
      {items && (offset > 0 || items.length === PAGE_SIZE) && (
        <div className="mt-3 flex justify-end gap-2 text-sm">
          <Button variant="ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t("admin.outbox.previous")}</Button>
          <Button variant="ghost" disabled={items.length < PAGE_SIZE} onClick={() => setOffset(offset + PAGE_SIZE)}>{t("admin.outbox.nextB")}</Button>
        </div>
      )}
    </section>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className="rounded-lg bg-white p-2 shadow" data-testid={`count-${label.toLowerCase()}`}>
      <dd className={`text-2xl font-extrabold ${tone}`}>{value}</dd>
      <dt className="text-xs uppercase text-gray-500">{label}</dt>
    </div>
  );
}

function MailStatusBadge({ status }: { status: string }) {
  const tone = status === "sent" ? "bg-emerald-100 text-emerald-800" : status === "failed" ? "bg-red-100 text-red-800"
    : status === "sending" ? "bg-sky-100 text-sky-800" : "bg-amber-100 text-amber-800";
  return <span className={`rounded-full px-2 py-1 text-xs font-semibold ${tone}`} data-testid="mail-status">{status}</span>;
}
