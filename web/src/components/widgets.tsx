// Building blocks of the staff and holder screens (kept out of ui.tsx, which the public
// registration page loads: its bundle stays small).
import { useState, type SelectHTMLAttributes } from "react";
import { exportCsv, type ExportKind } from "../lib/export";
import { useToken } from "../lib/auth";
import { t, type MessageId } from "../i18n/runtime";
import { useT } from "../i18n/I18nProvider";
import { errorText } from "../i18n/errors";

/** A labelled progress bar (role progressbar with the counts, so tests and screen readers read it). */
export function ProgressBar({ label, value, max, percent, tone = "ok" }:
  { label: string; value: number; max: number; percent: number; tone?: "ok" | "failed" }) {
  return (
    <div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}
        aria-valuetext={t("progress.valueText", { value, max })} className="h-4 w-full overflow-hidden rounded-full bg-gray-200">
        <div className={`h-full transition-[width] duration-300 ${tone === "failed" ? "bg-red-600" : "bg-emerald-600"}`}
          style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function Select({ label, children, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { label: string }) {
  const id = rest.id ?? rest.name;
  return (
    <div>
      <label className="block text-sm font-medium text-gray-700" htmlFor={id}>{label}</label>
      <select id={id} className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2" {...rest}>{children}</select>
    </div>
  );
}

/** A ticket's state: valid green, used grey, not sold blue, void / refunded red. */
const TICKET_STATUS: Record<string, MessageId> = { created: "ticketStatus.created", valid: "ticketStatus.valid", used: "ticketStatus.used",
  void: "ticketStatus.void", refunded: "ticketStatus.refunded" };
const REQUEST_STATE: Record<string, MessageId> = { pending: "requestState.pending", approved: "requestState.approved",
  accepted: "requestState.accepted", completed: "requestState.completed", rejected: "requestState.rejected",
  declined: "requestState.declined", cancelled: "requestState.cancelled", done: "requestState.done", expired: "requestState.expired", failed: "requestState.failed" };

export function TicketStatusBadge({ status }: { status: string }) {
  const { t } = useT();
  const tone = status === "valid" ? "bg-emerald-100 text-emerald-800" : status === "used" ? "bg-gray-200 text-gray-800"
    : status === "created" ? "bg-sky-100 text-sky-800" : "bg-red-100 text-red-800";
  return <span className={`rounded-full px-2 py-1 text-xs font-semibold ${tone}`} data-testid="ticket-status">
    {TICKET_STATUS[status] ? t(TICKET_STATUS[status]) : status}</span>;
}

/** pending amber, approved/accepted/completed green, rejected/declined/cancelled grey-red. */
export function StateBadge({ status }: { status: string }) {
  const { t } = useT();
  const tone = ["approved", "accepted", "completed"].includes(status) ? "bg-emerald-100 text-emerald-800"
    : status === "pending" ? "bg-amber-100 text-amber-800" : status === "cancelled" ? "bg-gray-200 text-gray-700" : "bg-red-100 text-red-800";
  return <span className={`rounded-full px-2 py-1 text-xs font-semibold ${tone}`}>{REQUEST_STATE[status] ? t(REQUEST_STATE[status]) : status}</span>;
}

/** "Export CSV": downloads what the list shows (its filters) as a spreadsheet file (admins only). */
export function ExportButton({ kind, filters, label }:
  { kind: ExportKind; filters: Record<string, string | number | null | undefined>; label?: string }) {
  const { t } = useT();
  const token = useToken();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className="rounded-lg border border-gray-300 bg-white px-3 py-2 font-semibold text-gray-800 hover:bg-gray-100 disabled:opacity-50"
        disabled={busy} data-export={kind} onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await exportCsv(kind, filters, token);
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}>{busy ? t("export.busy") : label ?? t("export.csv")}</button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
