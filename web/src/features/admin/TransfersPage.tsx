// Transfers between holders (read-only for staff): who sent which ticket to whom, and its state.
import { useEffect, useState } from "react";
import { ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import type { Transfer, TransferStatus } from "../../lib/types";
import { ErrorBanner } from "../../components/ui";
import { StateBadge } from "../../components/widgets";

export function TransfersPage() {
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
        <h1 className="text-2xl font-bold">Transfers</h1>
        <select aria-label="Transfer status" className="rounded-lg border px-2 py-2" value={status} onChange={(e) => setStatus(e.target.value as TransferStatus | "")}>
          <option value="">Any status</option>
          {["pending", "accepted", "rejected", "cancelled"].map((s) => <option key={s} value={s}>{s[0].toUpperCase() + s.slice(1)}</option>)}
        </select>
      </div>
      <ErrorBanner message={error} />
      <ul className="grid gap-3 lg:grid-cols-2" aria-label="Transfers">
        {items?.map((t) => (
          <li key={t.id} className="rounded-xl bg-white p-4 shadow" data-testid={`transfer-${t.id}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-mono font-semibold">{t.serial}</span>
              <StateBadge status={t.status} />
            </div>
            <p className="text-sm">{t.from_username} → {t.to_email || t.to_username || "—"}</p>
            <p className="text-xs text-gray-500">{t.event_name} · sent {formatTime(t.created_at)}{t.decided_at ? ` · decided ${formatTime(t.decided_at)}` : ""}</p>
            {t.notes && <p className="mt-1 text-sm text-gray-600">“{t.notes}”</p>}
          </li>
        ))}
        {items?.length === 0 && <li className="p-6 text-center text-gray-500">No transfers.</li>}
      </ul>
    </section>
  );
}
