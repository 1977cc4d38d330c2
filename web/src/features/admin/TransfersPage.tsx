// Transfers between holders (read-only for staff): who sent which ticket to whom, and its state.
import { useEffect, useState } from "react";
import { ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import type { Transfer, TransferStatus } from "../../lib/types";
import { ErrorBanner } from "../../components/ui";
import { StateBadge } from "../../components/widgets";
import { useT } from "../../i18n/I18nProvider";

const STATUSES = ["pending", "accepted", "rejected", "cancelled"] as const;
const STATUS_LABEL = { pending: "admin.status.pending", accepted: "admin.status.accepted", rejected: "admin.status.rejected",
  cancelled: "admin.status.cancelled" } as const;

export function TransfersPage() {
  const { t } = useT();
  const token = useToken();
  const [status, setStatus] = useState<TransferStatus | "">("");
  const [items, setItems] = useState<Transfer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    apiGet("/api/transfers", { query: { status: status || undefined }, token })
      .then((r) => current && setItems(r.items))
      .catch((e: ApiError) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [token, status]);
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.transfers.transfers")}</h1>
        <select aria-label={t("admin.transfers.transferStatus")} className="rounded-lg border px-2 py-2" value={status} onChange={(e) => setStatus(e.target.value as TransferStatus | "")}>
          <option value="">{t("admin.transfers.anyStatus")}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(STATUS_LABEL[s])}</option>)}
        </select>
      </div>
      <ErrorBanner message={error} />
      <ul className="grid gap-3 lg:grid-cols-2" aria-label={t("admin.transfers.transfers")}>
        {items?.map((item) => (
          <li key={item.id} className="rounded-xl bg-white p-4 shadow" data-testid={`transfer-${item.id}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-mono font-semibold">{item.serial}</span>
              <StateBadge status={item.status} />
            </div>
            <p className="text-sm">{item.from_username} → {item.to_email || item.to_username || "—"}</p>
            <p className="text-xs text-gray-500">{item.event_name} · {t("admin.transfers.sentAt", { time: formatTime(item.created_at) })}{item.decided_at ? t("admin.transfers.decided", { decided_at: formatTime(item.decided_at) }) : ""}</p>
            {item.notes && <p className="mt-1 text-sm text-gray-600">“{item.notes}”</p>}
          </li>
        ))}
        {items?.length === 0 && <li className="p-6 text-center text-gray-500">{t("admin.transfers.noTransfers")}</li>}
      </ul>
    </section>
  );
}
