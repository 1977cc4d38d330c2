// Refund queue: pending requests first (default filter). An admin approves (the ticket is refunded
// at once: the gate refuses it) or rejects, with notes; an approved refund is completed when the
// money has been returned. Each request shows what was paid and what the server says is still
// refundable, the sale, its buyer and the ticket's purchaser; completing starts at the refundable
// amount, and more than that needs an override reason (./refund-rules).
import { useCallback, useEffect, useState } from "react";
import { api, ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { completeRefund } from "../../lib/accounts-api";
import { formatTime } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { Refund, RefundStatus } from "../../lib/types";
import { Button, ErrorBanner, Field, Modal } from "../../components/ui";
import { StateBadge } from "../../components/widgets";
import { checkCompletion, overrideNeeded } from "./refund-rules";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

const STATUSES = ["pending", "approved", "rejected", "completed", "cancelled"] as const;
const STATUS_LABEL = { pending: "admin.status.pending", approved: "admin.status.approved", rejected: "admin.status.rejected",
  completed: "admin.status.completed", cancelled: "admin.status.cancelled" } as const;
type Decision = { kind: "approve" | "reject" | "complete"; refund: Refund } | null;

export function RefundsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
  const token = useToken();
  const [status, setStatus] = useState<RefundStatus>("pending");
  const [items, setItems] = useState<Refund[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decision, setDecision] = useState<Decision>(null);
  const load = useCallback(() => {
    let current = true;
    apiGet("/api/refunds", { query: { status }, token })
      .then((r) => {
        if (!current) return;
        setItems(r.items);
        setError(null);
      })
      .catch((e: ApiError) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [token, status]);
  useEffect(load, [load]);
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.refunds.refunds")}</h1>
        <select aria-label={t("admin.refunds.refundStatus")} className="rounded-lg border px-2 py-2" value={status} onChange={(e) => setStatus(e.target.value as RefundStatus)}>
          {STATUSES.map((s) => <option key={s} value={s}>{t(STATUS_LABEL[s])}</option>)}
        </select>
      </div>
      <ErrorBanner message={error} />
      <ul className="grid gap-3 lg:grid-cols-2" aria-label={t("admin.refunds.refundRequests")}>
        {items?.map((r) => (
          <li key={r.id} className="rounded-xl bg-white p-4 shadow" data-testid={`refund-${r.id}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-mono font-semibold">{r.serial}</span>
              <StateBadge status={r.status} />
            </div>
            <p className="text-sm text-gray-600">{t("admin.refunds.askedBy", { event_name: r.event_name, requested_by: r.requested_by, requested_at: formatTime(r.requested_at) })}</p>
            <p className="mt-2">“{r.reason}”</p>
            {r.amount && <p className="text-sm">{t("admin.refunds.amountAsked", { amount: formatMoney(r.amount, r.currency) })}</p>}
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm" data-testid="refund-money">
              {r.price_paid != null && <><dt className="text-gray-500">{t("admin.refunds.paid")}</dt><dd>{formatMoney(r.price_paid, r.currency)}</dd></>}
              {r.refundable != null && <><dt className="text-gray-500">{t("admin.refunds.refundable")}</dt><dd className="font-semibold">{formatMoney(r.refundable, r.currency)}</dd></>}
              {r.sale_id != null && <><dt className="text-gray-500">{t("admin.refunds.sale")}</dt><dd>#{r.sale_id}</dd></>}
              {(r.buyer_name || r.buyer_email) && <><dt className="text-gray-500">{t("admin.refunds.buyer")}</dt><dd>{joinPerson(r.buyer_name, r.buyer_email)}</dd></>}
              {(r.purchaser_name || r.purchaser_email) && <><dt className="text-gray-500">{t("admin.refunds.purchaser")}</dt>
                <dd>{joinPerson(r.purchaser_name, r.purchaser_email)}</dd></>}
            </dl>
            {r.notes && <p className="mt-1 text-sm text-gray-600">{t("admin.refunds.notes")} {r.notes}{r.decided_by ? ` (${r.decided_by})` : ""}</p>}
            {r.refunded_amount && <p className="text-sm">{t("admin.refunds.refunded", { refunded_amount: formatMoney(r.refunded_amount, r.currency), completed_at: formatTime(r.completed_at) })}</p>}
            {canEdit && r.status === "pending" && (
              <div className="mt-3 flex gap-2">
                <Button variant="success" className="flex-1 py-1" onClick={() => setDecision({ kind: "approve", refund: r })}>{t("admin.refunds.approve")}</Button>
                <Button variant="danger" className="flex-1 py-1" onClick={() => setDecision({ kind: "reject", refund: r })}>{t("admin.refunds.reject")}</Button>
              </div>
            )}
            {canEdit && r.status === "approved" && (
              <Button variant="ghost" className="mt-3 w-full py-1" onClick={() => setDecision({ kind: "complete", refund: r })}>{t("admin.refunds.markMoneyReturned")}</Button>
            )}
          </li>
        ))}
        {items?.length === 0 && <li className="p-6 text-center text-gray-500">{t("admin.refunds.noRefunds", { status })}</li>}
      </ul>
      {decision && <DecisionDialog decision={decision} onClose={() => setDecision(null)} onDone={() => { setDecision(null); load(); }} />}
    </section>
  );
}

const joinPerson = (name?: string | null, email?: string | null) => [name, email].filter(Boolean).join(" · ");

const COPY = () => ({
  approve: { title: t("admin.refunds.approveRefund"), action: t("admin.refunds.approveRefundA"), variant: "success", text: t("admin.refunds.theTicketBecomesRefunded") },
  reject: { title: t("admin.refunds.rejectRefund"), action: t("admin.refunds.rejectRefundA"), variant: "danger", text: t("admin.refunds.theTicketStaysValid") },
  complete: { title: t("admin.refunds.moneyReturned"), action: t("admin.refunds.completeRefund"), variant: "primary", text: t("admin.refunds.recordThatTheMoney") },
} as const);

function DecisionDialog({ decision, onClose, onDone }: { decision: NonNullable<Decision>; onClose(): void; onDone(): void }) {
  const { t } = useT();
  const token = useToken();
  const refund = decision.refund;
  const [notes, setNotes] = useState("");
  // Completing starts at what the server says is refundable, not at what the holder asked for.
  const [amount, setAmount] = useState(refund.refundable ?? refund.amount ?? "");
  const [overrideReason, setOverrideReason] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const copy = COPY()[decision.kind];
  const over = decision.kind === "complete" && overrideNeeded(amount, refund.refundable);
  async function run() {
    let send: () => Promise<unknown>;
    if (decision.kind === "complete") {
      const checked = checkCompletion({ amount, notes, overrideReason }, refund.refundable);
      if (!checked.ok) return setFields(checked.fields);
      send = () => completeRefund(token, refund.id, checked.body);
    } else {
      const body = notes.trim() ? { notes: notes.trim() } : {};
      send = () => api(`/api/refunds/${refund.id}/${decision.kind}`, { token, body });
    }
    setBusy(true);
    setFields({});
    setError(null);
    try {
      await send();
      onDone();
    } catch (e) {
      const ae = e as ApiError;
      if (ae.code === "amount_too_large") setFields({ amount: ae.message });  // names the refundable amount
      else {
        setFields(ae.fields);
        setError(ae.message);
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal title={copy.title} onClose={onClose}>
      <p className="mb-1 font-mono">{refund.serial}</p>
      <p className="mb-3 text-sm text-gray-600">{copy.text}</p>
      <div className="space-y-3">
        {decision.kind === "complete" && (
          <>
            {refund.refundable != null && <p className="text-sm">{t("admin.refunds.refundableA")} <span className="font-semibold">{formatMoney(refund.refundable, refund.currency)}</span>
              {refund.price_paid != null ? t("admin.refunds.paidA", { price_paid: formatMoney(refund.price_paid, refund.currency) }) : ""}</p>}
            <Field label={t("admin.refunds.amountReturned")} name="refund_amount" inputMode="decimal" value={amount} error={fields.amount}
              onChange={(e) => setAmount(e.target.value)} />
            {over && (
              <Field label={t("admin.refunds.whyMoreThanThe")} name="override_reason" maxLength={500}
                value={overrideReason} error={fields.override_reason} onChange={(e) => setOverrideReason(e.target.value)} />
            )}
          </>
        )}
        <Field label={t("admin.refunds.notesOptional")} name="refund_notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        <ErrorBanner message={error} />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>{t("admin.refunds.cancel")}</Button>
        <Button variant={copy.variant} disabled={busy} onClick={run}>{copy.action}</Button>
      </div>
    </Modal>
  );
}
