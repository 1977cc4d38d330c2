// My refund requests and transfers (sent and received), newest first; a pending one I started
// can be cancelled. A transfer made by email shows that address only (never the account behind it).
// At the end, asking for one's data to be erased (ErasureRequest).
import { useCallback, useEffect, useState } from "react";
import { useAuth, useToken } from "../../lib/auth";
import { api, ApiError, apiGet } from "../../lib/api-client";
import { formatTime } from "../../lib/format";
import type { Refund, Transfer } from "../../lib/types";
import { Button, ErrorBanner } from "../../components/ui";
import { StateBadge } from "../../components/widgets";
import { ErasureRequest } from "./ErasureRequest";

export function RequestsPage() {
  const token = useToken();
  const me = useAuth().session?.user.username;
  const [refunds, setRefunds] = useState<Refund[] | null>(null);
  const [transfers, setTransfers] = useState<Transfer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    apiGet("/api/me/refunds", { token }).then((r) => setRefunds(r.items)).catch((e: ApiError) => setError(e.message));
    apiGet("/api/me/transfers", { token }).then((r) => setTransfers(r.items)).catch((e: ApiError) => setError(e.message));
  }, [token]);
  useEffect(load, [load]);
  async function cancel(path: string) {
    try {
      await api(path, { method: "POST", token });
      load();
    } catch (e) {
      setError((e as ApiError).message);
    }
  }
  return (
    <section className="space-y-6">
      <ErrorBanner message={error} />
      <div>
        <h1 className="mb-3 text-2xl font-bold">My refunds</h1>
        {refunds?.length === 0 && <p className="text-gray-600">No refund requests.</p>}
        <ul className="space-y-3">
          {refunds?.map((r) => (
            <li key={r.id} className="rounded-xl bg-white p-4 shadow" data-testid={`my-refund-${r.id}`}>
              <div className="flex items-center justify-between gap-2">
                <span className="font-mono">{r.serial}</span><StateBadge status={r.status} />
              </div>
              <p className="text-sm text-gray-600">{r.event_name} · asked {formatTime(r.requested_at)}</p>
              <p className="mt-1">“{r.reason}”</p>
              {(r.refunded_amount ?? r.amount ?? r.refundable) && (
                <p className="text-sm" data-testid="refund-amount">{r.refunded_amount ? `Refunded: ${r.refunded_amount}`
                  : `Amount: ${r.amount ?? r.refundable}`}</p>
              )}
              {r.notes && <p className="text-sm text-gray-600">Box office: {r.notes}</p>}
              {r.status === "pending" && (
                <Button variant="ghost" className="mt-2 w-full" onClick={() => cancel(`/api/refunds/${r.id}/cancel`)}>Cancel request</Button>
              )}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h2 className="mb-3 text-2xl font-bold">My transfers</h2>
        {transfers?.length === 0 && <p className="text-gray-600">No transfers.</p>}
        <ul className="space-y-3">
          {transfers?.map((t) => {
            const sent = t.from_username === me;
            return (
              <li key={t.id} className="rounded-xl bg-white p-4 shadow" data-testid={`my-transfer-${t.id}`}>
                <div className="flex items-center justify-between gap-2">
                  <span className="font-mono">{t.serial}</span><StateBadge status={t.status} />
                </div>
                <p className="text-sm">{sent ? `Sent to ${t.to_email || t.to_username || "—"}` : `From ${t.from_username}`}</p>
                <p className="text-xs text-gray-500">{t.event_name} · {formatTime(t.created_at)}</p>
                {sent && t.status === "pending" && (
                  <Button variant="ghost" className="mt-2 w-full" onClick={() => cancel(`/api/transfers/${t.id}/cancel`)}>Cancel transfer</Button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <ErasureRequest />
    </section>
  );
}
