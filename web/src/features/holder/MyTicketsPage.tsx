// My tickets: each ticket with its QR (drawn locally from the payload: works with a weak signal),
// "Show at the gate" (full screen, white, as large as the phone allows), send, refund; claim a
// ticket by pasting its code; tickets sent to me wait for accept / reject at the top.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api, ApiError, apiGet, apiPost } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime, typeName } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { HeldTicket, Transfer } from "../../lib/types";
import { Button, ErrorBanner, Field, Modal } from "../../components/ui";
import { TicketStatusBadge } from "../../components/widgets";
import { TicketQr } from "../../components/TicketQr";
import { cleanCode, transferTarget } from "./validation";

type Dialog = { kind: "refund" | "send"; ticket: HeldTicket } | null;

export function MyTicketsPage() {
  const token = useToken();
  const [tickets, setTickets] = useState<HeldTicket[] | null>(null);
  const [incoming, setIncoming] = useState<Transfer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [gate, setGate] = useState<HeldTicket | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const load = useCallback(() => {
    apiGet("/api/me/tickets", { token })
      .then((r) => {
        setTickets(r.items);
        setError(null);
      })
      .catch((e: ApiError) => setError(e.message));
    apiGet("/api/transfers/pending", { token }).then((r) => setIncoming(r.items)).catch(() => undefined);
  }, [token]);
  useEffect(load, [load]);

  async function decide(t: Transfer, action: "accept" | "reject") {
    setNotice(null);
    try {
      await api(`/api/transfers/${t.id}/${action}`, { method: "POST", token });
      setNotice(action === "accept" ? `Ticket ${t.serial} is yours now.` : `You turned down ticket ${t.serial}.`);
      load();
    } catch (e) {
      setError((e as ApiError).message);
    }
  }

  return (
    <section className="space-y-5">
      <ErrorBanner message={error} />
      {notice && <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">{notice}</p>}
      {incoming.length > 0 && (
        <div className="rounded-xl border-2 border-amber-400 bg-amber-50 p-4" aria-label="Tickets sent to you" role="region">
          <h2 className="mb-2 font-bold">Sent to you</h2>
          <ul className="space-y-3">
            {incoming.map((t) => (
              <li key={t.id} data-testid={`incoming-${t.id}`}>
                <p><span className="font-semibold">{t.from_username}</span> sends you <span className="font-mono">{t.serial}</span> ({t.event_name})</p>
                {t.notes && <p className="text-sm text-gray-700">“{t.notes}”</p>}
                <div className="mt-2 grid grid-cols-2 gap-2">
                  <Button variant="success" onClick={() => decide(t, "accept")}>Accept</Button>
                  <Button variant="ghost" onClick={() => decide(t, "reject")}>Reject</Button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h1 className="text-2xl font-bold">My tickets</h1>
      {tickets?.length === 0 && <p className="text-gray-600">No tickets yet. Bought one at the box office? Claim it with its code below.</p>}
      <ul className="space-y-4">
        {tickets?.map((t) => (
          <li key={`${t.serial}-${t.code_id}`} className="rounded-xl bg-white p-4 shadow" data-testid={`my-ticket-${t.serial}`}>
            <div className="flex items-start justify-between gap-2">
              <div>
                <h2 className="font-bold">{t.event_name}</h2>
                <p className="font-mono text-sm">{t.serial}</p>
                <p className="text-sm text-gray-600">{typeName(t.ticket_type) ?? "Ticket"}{t.price ? ` · ${formatMoney(t.price, t.currency ?? "EUR")}` : ""}</p>
              </div>
              <TicketStatusBadge status={t.status} />
            </div>
            {t.status === "valid" ? (
              <>
                <TicketQr payload={t.qr_payload} size={200} />
                <div className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-3">
                  <Button onClick={() => setGate(t)}>Show at the gate</Button>
                  <Button variant="ghost" onClick={() => setDialog({ kind: "send", ticket: t })}>Send</Button>
                  <Button variant="ghost" onClick={() => setDialog({ kind: "refund", ticket: t })}>Request refund</Button>
                </div>
              </>
            ) : (
              <p className="mt-2 text-sm text-gray-600">
                {t.status === "used" ? `Checked in ${formatTime(t.used_at)}.` : t.status === "refunded" ? "Refunded: this ticket no longer gets in." : "This ticket no longer gets in."}
              </p>
            )}
          </li>
        ))}
      </ul>
      <Claim onClaimed={(serial) => { setNotice(`Ticket ${serial} added.`); load(); }} />
      {gate && <GateView ticket={gate} onClose={() => setGate(null)} />}
      {dialog?.kind === "refund" && <RefundDialog ticket={dialog.ticket} onClose={() => setDialog(null)}
        onDone={() => { setDialog(null); setNotice(`Refund asked for ${dialog.ticket.serial}. The box office will decide.`); load(); }} />}
      {dialog?.kind === "send" && <SendDialog ticket={dialog.ticket} onClose={() => setDialog(null)}
        onDone={(to) => { setDialog(null); setNotice(`Ticket ${dialog.ticket.serial} sent to ${to}. It stays yours until they accept.`); load(); }} />}
    </section>
  );
}

function Claim({ onClaimed }: { onClaimed(serial: string): void }) {
  const token = useToken();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = cleanCode(code);
    if (!clean) return setError("Paste the code printed under the QR on your ticket.");
    setBusy(true);
    setError(null);
    try {
      const t = await apiPost("/api/me/tickets/claim", { token, body: { code: clean } });
      setCode("");
      onClaimed(t.serial);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "already_claimed" ? "Someone else already holds this ticket." : ae.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label="Claim a ticket">
      <h2 className="mb-2 font-bold">Claim a ticket</h2>
      <label className="block">
        <span className="text-sm font-medium text-gray-700">Ticket code</span>
        <textarea name="code" rows={3} className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2 font-mono text-xs"
          placeholder="GP1:…" value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <ErrorBanner message={error} />
      <Button type="submit" disabled={busy} className="mt-2 w-full">Claim</Button>
    </form>
  );
}

/** Full screen, white, the QR as large as the screen allows; the screen is kept awake if it can be. */
function GateView({ ticket, onClose }: { ticket: HeldTicket; onClose(): void }) {
  const size = Math.max(200, Math.min(window.innerWidth - 32, window.innerHeight - 220, 720));
  useEffect(() => {
    let lock: { release(): Promise<void> } | null = null;
    const nav = navigator as Navigator & { wakeLock?: { request(type: "screen"): Promise<{ release(): Promise<void> }> } };
    nav.wakeLock?.request("screen").then((l) => (lock = l)).catch(() => undefined);
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      lock?.release().catch(() => undefined);
    };
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-50 flex flex-col items-center justify-between bg-white p-4 text-black" role="dialog" aria-modal="true"
      aria-label="Ticket for the gate" data-testid="gate-view">
      <div className="text-center">
        <p className="text-xl font-bold">{ticket.event_name}</p>
        <p className="font-mono text-2xl font-bold">{ticket.serial}</p>
        <p>{ticket.name}</p>
      </div>
      <TicketQr payload={ticket.qr_payload} size={size} />
      <div className="w-full max-w-md text-center">
        <p className="mb-3 text-sm">Turn your screen brightness up and hold the phone flat to the scanner.</p>
        <Button className="w-full py-4 text-lg" onClick={onClose}>Close</Button>
      </div>
    </div>
  );
}

function RefundDialog({ ticket, onClose, onDone }: { ticket: HeldTicket; onClose(): void; onDone(): void }) {
  const token = useToken();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError("Tell the box office why.");
    try {
      await apiPost("/api/refunds", { token, body: { serial: ticket.serial, reason: reason.trim() } });
      onDone();
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "refund_open" ? "A refund for this ticket is already waiting for a decision." : ae.message);
    }
  }
  return (
    <Modal title="Request a refund" onClose={onClose}>
      <form className="space-y-3" onSubmit={submit}>
        <p className="font-mono">{ticket.serial}</p>
        <p className="text-sm text-gray-600">If the box office approves, the ticket stops working at once.</p>
        <Field label="Reason" name="refund_reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <ErrorBanner message={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger">Request refund</Button>
        </div>
      </form>
    </Modal>
  );
}

function SendDialog({ ticket, onClose, onDone }: { ticket: HeldTicket; onClose(): void; onDone(to: string): void }) {
  const token = useToken();
  const [to, setTo] = useState("");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const target = transferTarget(to);
    if (!target) return setError("Whom to? A username or an email address.");
    try {
      await apiPost("/api/transfers", { token, body: { serial: ticket.serial, ...target, ...(notes.trim() ? { notes: notes.trim() } : {}) } });
      onDone(to.trim());
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "transfer_open" ? "This ticket is already on its way to someone: cancel that first (Refunds & transfers)." : ae.message);
    }
  }
  return (
    <Modal title="Send this ticket" onClose={onClose}>
      <form className="space-y-3" onSubmit={submit}>
        <p className="font-mono">{ticket.serial}</p>
        <p className="text-sm text-gray-600">When they accept, they get a new QR code and yours stops working.</p>
        <Field label="Recipient (username or email)" name="to" autoCapitalize="none" value={to} onChange={(e) => setTo(e.target.value)} />
        <Field label="Message (optional)" name="notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        <ErrorBanner message={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit">Send ticket</Button>
        </div>
      </form>
    </Modal>
  );
}
