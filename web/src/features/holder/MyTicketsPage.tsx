// My tickets: each ticket with its event's when and where (add to calendar, map), its QR (drawn
// locally from the payload: works with a weak signal), "Show at the gate" (full screen, white, as
// large as the phone allows), Download PDF, send, refund, and a new code when the QR leaked; a
// refund or transfer waiting for a decision shows as a chip with Cancel. Claim a ticket by its claim
// code (typed, or read with the camera); tickets sent to me wait for accept / reject at the top.
// The list is kept on the phone after each load (saved-tickets.ts): with no connection (or none
// within LOAD_TIMEOUT_MS) the saved copy is shown, marked as such, QR codes and all.
// Ownership rules: docs/accounts.md.
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api, ApiError, apiGet, apiPost, downloadWithToken } from "../../lib/api-client";
import { useAuth, useToken } from "../../lib/auth";
import { claimByCode, reissueMine } from "../../lib/accounts-api";
import { coolingOffEnd } from "../../lib/accounts";
import { formatTime } from "../../lib/format";
import type { HeldTicket, MyTicket, PendingRequest, Transfer } from "../../lib/types";
import { Button, ErrorBanner, Field, Modal } from "../../components/ui";
import { TicketQr } from "../../components/TicketQr";
import { TicketCard, type CardActions } from "./TicketCard";
import { savedTickets, saveTickets } from "./saved-tickets";
import { normaliseClaimCode, scannedClaimCode, transferTarget } from "./validation";

// The camera (and its QR reader) loads only when someone taps "Scan with the camera".
const Camera = lazy(() => import("../../components/Camera").then((m) => ({ default: m.Camera })));

type Dialog = { kind: "refund" | "send" | "reissue"; ticket: HeldTicket } | null;

const UNVERIFIED = "Verify your email address first: open the link we mailed you (see the note at the top of the page), then try again.";
/** In the queue a request can hang for long: after this the saved copy is shown. */
export const LOAD_TIMEOUT_MS = 8000;

/** No answer, or none worth waiting for: show the saved copy rather than an error. */
const unreachable = (e: ApiError) => e.status === 0 || e.status === 429 || e.status >= 500;

export function MyTicketsPage() {
  const token = useToken();
  const userId = useAuth().session?.user.id ?? 0;
  // The latest token for loads (a renewal replaces it without reloading the list).
  const tokenRef = useRef(token);
  tokenRef.current = token;
  // At first the saved copy (if any) is on the screen at once; a successful load replaces it.
  const [tickets, setTickets] = useState<MyTicket[] | null>(() => savedTickets(userId)?.items ?? null);
  const [savedAt, setSavedAt] = useState<string | null>(() => savedTickets(userId)?.saved_at ?? null);
  const [offline, setOffline] = useState(false);
  const [incoming, setIncoming] = useState<Transfer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [gate, setGate] = useState<HeldTicket | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), LOAD_TIMEOUT_MS);
    apiGet("/api/me/tickets", { token: tokenRef.current, signal: abort.signal })
      .then((r) => {
        setTickets(r.items);
        saveTickets(userId, r.items);
        setSavedAt(null);
        setOffline(false);
        setError(null);
      })
      .catch((e: ApiError) => {
        if (!unreachable(e)) return setError(e.message);
        const saved = savedTickets(userId);
        setOffline(true);
        if (saved) {
          setTickets(saved.items);
          setSavedAt(saved.saved_at);
        } else setError("No connection, and no saved copy of your tickets on this phone yet. Try again when you have signal.");
      })
      .finally(() => clearTimeout(timer));
    apiGet("/api/transfers/pending", { token: tokenRef.current }).then((r) => setIncoming(r.items)).catch(() => setIncoming([]));
  }, [userId]);
  useEffect(() => {
    load();
    window.addEventListener("online", load);
    return () => window.removeEventListener("online", load);
  }, [load]);

  async function decide(t: Transfer, action: "accept" | "reject") {
    setNotice(null);
    try {
      await api(`/api/transfers/${t.id}/${action}`, { method: "POST", token });
      setNotice(action === "accept" ? `Ticket ${t.serial} is yours now.` : `You turned down ticket ${t.serial}.`);
      load();
    } catch (e) {
      const ae = e as ApiError;
      setError(ae.code === "email_unverified" ? UNVERIFIED : ae.message);
    }
  }

  async function act(work: () => Promise<unknown>, done?: string) {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      await work();
      if (done) setNotice(done);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  const actions: CardActions = {
    gate: setGate,
    send: (t) => setDialog({ kind: "send", ticket: t }),
    refund: (t) => setDialog({ kind: "refund", ticket: t }),
    reissue: (t) => setDialog({ kind: "reissue", ticket: t }),
    cancel: (t: MyTicket, p: PendingRequest) => act(async () => {
      await api(`/api/${p.kind === "transfer" ? "transfers" : "refunds"}/${p.id}/cancel`, { method: "POST", token });
      load();
    }, p.kind === "transfer" ? `Transfer of ${t.serial} cancelled: the ticket stays yours.` : `Refund request for ${t.serial} cancelled.`),
    pdf: (t) => act(() => downloadWithToken(`/api/tickets/${encodeURIComponent(t.serial)}/ticket.pdf`, token, `${t.serial}.pdf`)),
  };
  const readOnly = savedAt !== null;

  return (
    <section className="space-y-5">
      {savedAt && (
        <div role="status" data-testid="saved-copy" className="rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3 text-amber-950">
          <p className="font-semibold">Saved copy from {formatTime(savedAt)} — {offline ? "no connection" : "updating…"}</p>
          {offline && (
            <p className="mt-1 text-sm">Your QR codes below still get you in: the gate checks them itself.{" "}
              <button type="button" className="font-semibold underline" onClick={load}>Try again</button></p>
          )}
        </div>
      )}
      <ErrorBanner message={error} />
      {notice && <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">{notice}</p>}
      {incoming.length > 0 && !readOnly && (
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
      {tickets?.length === 0 && <p className="text-gray-600">No tickets yet. Bought one at the box office? Claim it with the claim code printed on it, below.</p>}
      <ul className="space-y-4">
        {tickets?.map((t) => <TicketCard key={`${t.serial}-${t.code_id}`} t={t} readOnly={readOnly} busy={busy} actions={actions} />)}
      </ul>
      {!readOnly && <Claim onClaimed={(serial) => { setNotice(`Ticket ${serial} added.`); load(); }} />}
      {gate && <GateView ticket={gate} onClose={() => setGate(null)} />}
      {dialog?.kind === "refund" && <RefundDialog ticket={dialog.ticket} onClose={() => setDialog(null)}
        onDone={() => { setDialog(null); setNotice(`Refund asked for ${dialog.ticket.serial}. The box office will decide.`); load(); }} />}
      {dialog?.kind === "reissue" && <ReissueDialog ticket={dialog.ticket} onClose={() => setDialog(null)} onDone={load} />}
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
  const [scanning, setScanning] = useState(false);
  const [cameraProblem, setCameraProblem] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const claimCode = normaliseClaimCode(code);
    if (!claimCode) return setError("Type the claim code printed beside the QR on your ticket: the serial, then three groups of 4 characters.");
    setBusy(true);
    setError(null);
    try {
      const t = await claimByCode(token, claimCode);
      setCode("");
      onClaimed(t.serial);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "email_unverified" ? UNVERIFIED
        : ae.code === "already_claimed" ? "Someone else already holds this ticket. If you bought it, ask the organiser."
        : ae.status === 404 ? "This claim code does not match a ticket. Check it, or, if the ticket got a new code, use the claim code on its newest PDF."
        : ae.message);
    } finally {
      setBusy(false);
    }
  }
  function scanned(text: string) {
    const found = scannedClaimCode(text);
    setScanning(false);
    if ("claimCode" in found) {
      setCode(found.claimCode);
      setError(null);
    } else setError(found.problem);
  }
  return (
    <form className="rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label="Claim a ticket">
      <h2 className="mb-1 font-bold">Claim a ticket</h2>
      <p className="mb-2 text-sm text-gray-600">The claim code is printed on the ticket's PDF, beside the QR code
        (like <span className="font-mono">SUM-000007-ABCD-EFGH-JKLM</span>). The QR code itself only gets you in.</p>
      <Field label="Claim code" name="claim_code" autoCapitalize="characters" autoComplete="off" spellCheck={false}
        className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2 font-mono uppercase"
        value={code} onChange={(e) => setCode(e.target.value)} />
      {scanning && (
        <div className="mt-2 h-64 overflow-hidden rounded-lg">
          {cameraProblem ? <p role="alert" className="p-4 text-sm text-red-700">{cameraProblem}</p> : (
            <Suspense fallback={<p className="p-4 text-center text-gray-500" role="status">Starting the camera…</p>}>
              <Camera paused={false} onCode={scanned} onUnavailable={setCameraProblem} instead="type the claim code instead" />
            </Suspense>
          )}
        </div>
      )}
      <ErrorBanner message={error} />
      <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
        <Button type="submit" disabled={busy}>{busy ? "Claiming…" : "Claim"}</Button>
        <Button type="button" variant="ghost" onClick={() => { setCameraProblem(null); setScanning(!scanning); }}>
          {scanning ? "Stop the camera" : "Scan with the camera"}</Button>
      </div>
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

/** Why a holder's refund request was refused, in plain words. */
function refundProblem(err: ApiError): string {
  switch (err.code) {
    case "refund_open": return "A refund for this ticket is already waiting for a decision.";
    case "refund_closed": return "Refunds for this ticket are closed: the refund deadline has passed, or the ticket was already used to get in. Contact the organiser if you think this is wrong.";
    case "amount_too_large": return `That is more than this ticket can refund. ${err.message}`;
    default: return err.message;
  }
}

function RefundDialog({ ticket, onClose, onDone }: { ticket: HeldTicket; onClose(): void; onDone(): void }) {
  const token = useToken();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError("Tell the box office why.");
    try {
      // No amount: the server asks for what this ticket can refund (the price paid minus earlier refunds).
      await apiPost("/api/refunds", { token, body: { serial: ticket.serial, reason: reason.trim() } });
      onDone();
    } catch (err) {
      setError(refundProblem(err as ApiError));
    }
  }
  return (
    <Modal title="Request a refund" onClose={onClose}>
      <form className="space-y-3" onSubmit={submit}>
        <p className="font-mono">{ticket.serial}</p>
        <p className="text-sm" data-testid="refundable">The box office refunds what was paid for this ticket, minus any earlier refund.</p>
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

/** "My QR leaked": confirm, then the ticket's new code (the old one, and every copy of it, stops working). */
function ReissueDialog({ ticket, onClose, onDone }: { ticket: HeldTicket; onClose(): void; onDone(): void }) {
  const token = useToken();
  const [reason, setReason] = useState("");
  const [fresh, setFresh] = useState<HeldTicket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const t = await reissueMine(token, ticket.serial, reason.trim() || undefined);
      setFresh(t);
      onDone();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  if (fresh)
    return (
      <Modal title="Your new code" onClose={onClose}>
        <p className="font-mono">{fresh.serial}</p>
        <p role="status" className="mb-2 text-sm">Done: the old QR code no longer gets in, nor do links mailed for it. We mailed you the
          ticket with a new link.</p>
        {fresh.qr_payload && <TicketQr payload={fresh.qr_payload} size={220} />}
        <div className="mt-4 flex justify-end"><Button onClick={onClose}>Done</Button></div>
      </Modal>
    );
  return (
    <Modal title="Get a new code?" onClose={onClose}>
      <form className="space-y-3" onSubmit={confirm}>
        <p className="font-mono">{ticket.serial}</p>
        <p className="text-sm">If someone else saw or copied your QR code, get a new one: the old QR code stops working at the gate at once,
          and so do printed copies, screenshots and links mailed for it. The ticket stays yours.</p>
        <Field label="What happened? (optional)" name="reissue_reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        <ErrorBanner message={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={busy}>{busy ? "Working…" : "Get a new code"}</Button>
        </div>
      </form>
    </Modal>
  );
}

/** 409 cooling_off: when it ends, as a local time (the server sends it as an ISO time in its message);
 *  the server's own message when no time can be read from it. */
function coolingOff(err: ApiError): string {
  const until = coolingOffEnd(err);
  const why = "This ticket came to your account only recently, so it cannot be sent on yet.";
  return until ? `${why} You can send it from ${formatTime(until)}, or ask the organiser to allow it sooner.` : `${why} ${err.message}`;
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
      setError(ae.code === "transfer_open" ? "This ticket is already on its way to someone: cancel that first (Refunds & transfers)."
        // The server's message names when the cooling-off ends.
        : ae.code === "cooling_off" ? coolingOff(ae)
        : ae.code === "too_many_requests" ? "This ticket was offered too many times in the last 24 hours. Try again later."
        : ae.message);
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
