// My refund requests and transfers (sent and received), newest first; a pending one I started
// can be cancelled. A transfer made by email shows that address only (never the account behind it).
// At the end, asking for one's data to be erased (ErasureRequest).
import { useCallback, useEffect, useState } from "react";
import { useAuth, useToken } from "../../lib/auth";
import { api, ApiError, apiGet } from "../../lib/api-client";
import { formatTime } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { Refund, Transfer } from "../../lib/types";
import { Button, ErrorBanner } from "../../components/ui";
import { StateBadge } from "../../components/widgets";
import { ErasureRequest } from "./ErasureRequest";
import { useT } from "../../i18n/I18nProvider";
import { errorText } from "../../i18n/errors";

export function RequestsPage() {
  const token = useToken();
  const me = useAuth().session?.user.username;
  const [refunds, setRefunds] = useState<Refund[] | null>(null);
  const [transfers, setTransfers] = useState<Transfer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t, t: tr } = useT();
  const load = useCallback(() => {
    apiGet("/api/me/refunds", { token }).then((r) => setRefunds(r.items)).catch((e: ApiError) => setError(errorText(e)));
    apiGet("/api/me/transfers", { token }).then((r) => setTransfers(r.items)).catch((e: ApiError) => setError(errorText(e)));
  }, [token]);
  useEffect(load, [load]);
  async function cancel(path: string) {
    try {
      await api(path, { method: "POST", token });
      load();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <section className="space-y-6">
      <ErrorBanner message={error} />
      <div>
        <h1 className="mb-3 text-2xl font-bold">{t("requests.refunds")}</h1>
        {refunds?.length === 0 && <p className="text-gray-600">{t("requests.noRefunds")}</p>}
        <ul className="space-y-3">
          {refunds?.map((r) => (
            <li key={r.id} className="rounded-xl bg-white p-4 shadow" data-testid={`my-refund-${r.id}`}>
              <div className="flex items-center justify-between gap-2">
                <span className="font-mono">{r.serial}</span><StateBadge status={r.status} />
              </div>
              <p className="text-sm text-gray-600">{t("requests.asked", { event: r.event_name, when: formatTime(r.requested_at) })}</p>
              <p className="mt-1">“{r.reason}”</p>
              {(r.refunded_amount ?? r.amount ?? r.refundable) && (
                <p className="text-sm" data-testid="refund-amount">{r.refunded_amount ? t("requests.refunded", { amount: formatMoney(r.refunded_amount, r.currency) })
                  : t("requests.amount", { amount: formatMoney(r.amount ?? r.refundable, r.currency) })}</p>
              )}
              {r.notes && <p className="text-sm text-gray-600">{t("requests.boxOfficeNote", { notes: r.notes })}</p>}
              {r.status === "pending" && (
                <Button variant="ghost" className="mt-2 w-full" onClick={() => cancel(`/api/refunds/${r.id}/cancel`)}>{t("requests.cancelRefund")}</Button>
              )}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h2 className="mb-3 text-2xl font-bold">{t("requests.transfers")}</h2>
        {transfers?.length === 0 && <p className="text-gray-600">{t("requests.noTransfers")}</p>}
        <ul className="space-y-3">
          {transfers?.map((t) => {
            const sent = t.from_username === me;
            return (
              <li key={t.id} className="rounded-xl bg-white p-4 shadow" data-testid={`my-transfer-${t.id}`}>
                <div className="flex items-center justify-between gap-2">
                  <span className="font-mono">{t.serial}</span><StateBadge status={t.status} />
                </div>
                <p className="text-sm">{sent ? tr("requests.sentTo", { to: t.to_email || t.to_username || "—" }) : tr("requests.from", { from: t.from_username })}</p>
                <p className="text-xs text-gray-500">{t.event_name} · {formatTime(t.created_at)}</p>
                {sent && t.status === "pending" && (
                  <Button variant="ghost" className="mt-2 w-full" onClick={() => cancel(`/api/transfers/${t.id}/cancel`)}>{tr("requests.cancelTransfer")}</Button>
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
