// Refund queue: pending requests first (default filter). An admin approves (the ticket is refunded
// at once: the gate refuses it) or rejects, with notes; an approved refund is completed when the
// money has been returned.
import { useCallback, useEffect, useState } from "react";
import { api, ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import { moneyError, normalizeMoney } from "../../lib/money";
import type { Refund, RefundStatus } from "../../lib/types";
import { Button, ErrorBanner, Field, Modal } from "../../components/ui";
import { StateBadge } from "../../components/widgets";

const STATUSES = ["pending", "approved", "rejected", "completed", "cancelled"];
type Decision = { kind: "approve" | "reject" | "complete"; refund: Refund } | null;

export function RefundsPage({ canEdit }: { canEdit: boolean }) {
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
        <h1 className="text-2xl font-bold">Refunds</h1>
        <select aria-label="Refund status" className="rounded-lg border px-2 py-2" value={status} onChange={(e) => setStatus(e.target.value as RefundStatus)}>
          {STATUSES.map((s) => <option key={s} value={s}>{s[0].toUpperCase() + s.slice(1)}</option>)}
        </select>
      </div>
      <ErrorBanner message={error} />
      <ul className="grid gap-3 lg:grid-cols-2" aria-label="Refund requests">
        {items?.map((r) => (
          <li key={r.id} className="rounded-xl bg-white p-4 shadow" data-testid={`refund-${r.id}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-mono font-semibold">{r.serial}</span>
              <StateBadge status={r.status} />
            </div>
            <p className="text-sm text-gray-600">{r.event_name} · asked by {r.requested_by} · {formatTime(r.requested_at)}</p>
            <p className="mt-2">“{r.reason}”</p>
            {r.amount && <p className="text-sm">Amount asked: {r.amount}</p>}
            {r.notes && <p className="mt-1 text-sm text-gray-600">Notes: {r.notes}{r.decided_by ? ` (${r.decided_by})` : ""}</p>}
            {r.refunded_amount && <p className="text-sm">Refunded: {r.refunded_amount} · {formatTime(r.completed_at)}</p>}
            {canEdit && r.status === "pending" && (
              <div className="mt-3 flex gap-2">
                <Button variant="success" className="flex-1 py-1" onClick={() => setDecision({ kind: "approve", refund: r })}>Approve</Button>
                <Button variant="danger" className="flex-1 py-1" onClick={() => setDecision({ kind: "reject", refund: r })}>Reject</Button>
              </div>
            )}
            {canEdit && r.status === "approved" && (
              <Button variant="ghost" className="mt-3 w-full py-1" onClick={() => setDecision({ kind: "complete", refund: r })}>Mark money returned</Button>
            )}
          </li>
        ))}
        {items?.length === 0 && <li className="p-6 text-center text-gray-500">No {status} refunds.</li>}
      </ul>
      {decision && <DecisionDialog decision={decision} onClose={() => setDecision(null)} onDone={() => { setDecision(null); load(); }} />}
    </section>
  );
}

const COPY = {
  approve: { title: "Approve refund?", action: "Approve refund", variant: "success", text: "The ticket becomes refunded now: the gate will refuse it." },
  reject: { title: "Reject refund?", action: "Reject refund", variant: "danger", text: "The ticket stays valid." },
  complete: { title: "Money returned?", action: "Complete refund", variant: "primary", text: "Record that the money went back to the buyer." },
} as const;

function DecisionDialog({ decision, onClose, onDone }: { decision: NonNullable<Decision>; onClose(): void; onDone(): void }) {
  const token = useToken();
  const [notes, setNotes] = useState("");
  const [amount, setAmount] = useState(decision.refund.amount ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const copy = COPY[decision.kind];
  async function run() {
    const body: Record<string, unknown> = {};
    if (notes.trim()) body.notes = notes.trim();
    if (decision.kind === "complete" && amount.trim()) {
      const problem = moneyError(amount);
      if (problem) return setError(`Amount ${problem}`);
      body.amount = normalizeMoney(amount);
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/refunds/${decision.refund.id}/${decision.kind}`, { token, body });
      onDone();
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal title={copy.title} onClose={onClose}>
      <p className="mb-1 font-mono">{decision.refund.serial}</p>
      <p className="mb-3 text-sm text-gray-600">{copy.text}</p>
      <div className="space-y-3">
        {decision.kind === "complete" && <Field label="Amount returned (optional)" name="refund_amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        <Field label="Notes (optional)" name="refund_notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        <ErrorBanner message={error} />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>Cancel</Button>
        <Button variant={copy.variant} disabled={busy} onClick={run}>{copy.action}</Button>
      </div>
    </Modal>
  );
}
