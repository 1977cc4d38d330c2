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
import { t } from "../../i18n/runtime";
import { useT } from "../../i18n/I18nProvider";
import { errorText } from "../../i18n/errors";

// The camera (and its QR reader) loads only when someone taps "Scan with the camera".
const Camera = lazy(() => import("../../components/Camera").then((m) => ({ default: m.Camera })));

type Dialog = { kind: "refund" | "send" | "reissue"; ticket: HeldTicket } | null;

const unverified = () => t("myTickets.unverified");
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
  const { t: tr, rich } = useT();  // (t: the ticket in the lists below)
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
        if (!unreachable(e)) return setError(errorText(e));
        const saved = savedTickets(userId);
        setOffline(true);
        if (saved) {
          setTickets(saved.items);
          setSavedAt(saved.saved_at);
        } else setError(t("myTickets.noCopy"));
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
      setNotice(action === "accept" ? tr("myTickets.accepted", { serial: t.serial }) : tr("myTickets.rejected", { serial: t.serial }));
      load();
    } catch (e) {
      const ae = e as ApiError;
      setError(ae.code === "email_unverified" ? unverified() : errorText(ae));
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
      setError(errorText(e));
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
    }, p.kind === "transfer" ? tr("myTickets.transferCancelled", { serial: t.serial }) : tr("myTickets.refundCancelled", { serial: t.serial })),
    pdf: (t) => act(() => downloadWithToken(`/api/tickets/${encodeURIComponent(t.serial)}/ticket.pdf`, token, `${t.serial}.pdf`)),
  };
  const readOnly = savedAt !== null;

  return (
    <section className="space-y-5">
      {savedAt && (
        <div role="status" data-testid="saved-copy" className="rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3 text-amber-950">
          <p className="font-semibold">{offline ? t("myTickets.savedOffline", { when: formatTime(savedAt) }) : t("myTickets.savedUpdating", { when: formatTime(savedAt) })}</p>
          {offline && (
            <p className="mt-1 text-sm">{t("myTickets.stillValid")}{" "}
              <button type="button" className="font-semibold underline" onClick={load}>{t("common.tryAgain")}</button></p>
          )}
        </div>
      )}
      <ErrorBanner message={error} />
      {notice && <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">{notice}</p>}
      {incoming.length > 0 && !readOnly && (
        <div className="rounded-xl border-2 border-amber-400 bg-amber-50 p-4" aria-label={t("myTickets.incomingLabel")} role="region">
          <h2 className="mb-2 font-bold">{t("myTickets.incoming")}</h2>
          <ul className="space-y-3">
            {incoming.map((t) => (
              <li key={t.id} data-testid={`incoming-${t.id}`}>
                <p>{rich("myTickets.sendsYou", { from: t.from_username, serial: t.serial, event: t.event_name,
                  b: (c) => <span className="font-semibold">{c}</span>, mono: (c) => <span className="font-mono">{c}</span> })}</p>
                {t.notes && <p className="text-sm text-gray-700">“{t.notes}”</p>}
                <div className="mt-2 grid grid-cols-2 gap-2">
                  <Button variant="success" onClick={() => decide(t, "accept")}>{tr("myTickets.accept")}</Button>
                  <Button variant="ghost" onClick={() => decide(t, "reject")}>{tr("myTickets.reject")}</Button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h1 className="text-2xl font-bold">{t("nav.myTickets")}</h1>
      {tickets?.length === 0 && <p className="text-gray-600">{t("myTickets.none")}</p>}
      <ul className="space-y-4">
        {tickets?.map((t) => <TicketCard key={`${t.serial}-${t.code_id}`} t={t} readOnly={readOnly} busy={busy} actions={actions} />)}
      </ul>
      {!readOnly && <Claim onClaimed={(serial) => { setNotice(t("myTickets.added", { serial })); load(); }} />}
      {gate && <GateView ticket={gate} onClose={() => setGate(null)} />}
      {dialog?.kind === "refund" && <RefundDialog ticket={dialog.ticket} onClose={() => setDialog(null)}
        onDone={() => { setDialog(null); setNotice(t("myTickets.refundAsked", { serial: dialog.ticket.serial })); load(); }} />}
      {dialog?.kind === "reissue" && <ReissueDialog ticket={dialog.ticket} onClose={() => setDialog(null)} onDone={load} />}
      {dialog?.kind === "send" && <SendDialog ticket={dialog.ticket} onClose={() => setDialog(null)}
        onDone={(to) => { setDialog(null); setNotice(t("myTickets.sent", { serial: dialog.ticket.serial, to })); load(); }} />}
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
  const { rich } = useT();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const claimCode = normaliseClaimCode(code);
    if (!claimCode) return setError(t("claim.typeIt"));
    setBusy(true);
    setError(null);
    try {
      const t = await claimByCode(token, claimCode);
      setCode("");
      onClaimed(t.serial);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "email_unverified" ? unverified()
        : ae.status === 404 ? t("claim.noMatch")
        : errorText(ae));
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
    <form className="rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label={t("claim.title")}>
      <h2 className="mb-1 font-bold">{t("claim.title")}</h2>
      <p className="mb-2 text-sm text-gray-600">{rich("claim.intro", { example: "SUM-000007-ABCD-EFGH-JKLM", mono: (c) => <span className="font-mono">{c}</span> })}</p>
      <Field label={t("claim.code")} name="claim_code" autoCapitalize="characters" autoComplete="off" spellCheck={false}
        className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2 font-mono uppercase"
        value={code} onChange={(e) => setCode(e.target.value)} />
      {scanning && (
        <div className="mt-2 h-64 overflow-hidden rounded-lg">
          {cameraProblem ? <p role="alert" className="p-4 text-sm text-red-700">{cameraProblem}</p> : (
            <Suspense fallback={<p className="p-4 text-center text-gray-500" role="status">{t("camera.starting")}</p>}>
              <Camera paused={false} onCode={scanned} onUnavailable={setCameraProblem} instead={t("claim.insteadCamera")} />
            </Suspense>
          )}
        </div>
      )}
      <ErrorBanner message={error} />
      <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
        <Button type="submit" disabled={busy}>{busy ? t("claim.busy") : t("claim.submit")}</Button>
        <Button type="button" variant="ghost" onClick={() => { setCameraProblem(null); setScanning(!scanning); }}>
          {scanning ? t("camera.stop") : t("camera.scan")}</Button>
      </div>
    </form>
  );
}

/** Full screen, white, the QR as large as the screen allows; the screen is kept awake if it can be. */
function GateView({ ticket, onClose }: { ticket: HeldTicket; onClose(): void }) {
  const size = Math.max(200, Math.min(window.innerWidth - 32, window.innerHeight - 220, 720));
  useT();
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
      aria-label={t("gateView.label")} data-testid="gate-view">
      <div className="text-center">
        <p className="text-xl font-bold">{ticket.event_name}</p>
        <p className="font-mono text-2xl font-bold">{ticket.serial}</p>
        <p>{ticket.name}</p>
      </div>
      <TicketQr payload={ticket.qr_payload} size={size} />
      <div className="w-full max-w-md text-center">
        <p className="mb-3 text-sm">{t("gateView.hint")}</p>
        <Button className="w-full py-4 text-lg" onClick={onClose}>{t("common.close")}</Button>
      </div>
    </div>
  );
}

/** Why a holder's refund request was refused, in plain words. */
function refundProblem(err: ApiError): string {
  switch (err.code) {
    case "amount_too_large": return t("refund.tooLarge");
    default: return errorText(err);
  }
}

function RefundDialog({ ticket, onClose, onDone }: { ticket: HeldTicket; onClose(): void; onDone(): void }) {
  const token = useToken();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  useT();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError(t("refund.whyMissing"));
    try {
      // No amount: the server asks for what this ticket can refund (the price paid minus earlier refunds).
      await apiPost("/api/refunds", { token, body: { serial: ticket.serial, reason: reason.trim() } });
      onDone();
    } catch (err) {
      setError(refundProblem(err as ApiError));
    }
  }
  return (
    <Modal title={t("refund.title")} onClose={onClose}>
      <form className="space-y-3" onSubmit={submit}>
        <p className="font-mono">{ticket.serial}</p>
        <p className="text-sm" data-testid="refundable">{t("refund.what")}</p>
        <p className="text-sm text-gray-600">{t("refund.effect")}</p>
        <Field label={t("refund.reason")} name="refund_reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <ErrorBanner message={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="submit" variant="danger">{t("card.requestRefund")}</Button>
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
  useT();
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const t = await reissueMine(token, ticket.serial, reason.trim() || undefined);
      setFresh(t);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  if (fresh)
    return (
      <Modal title={t("reissue.doneTitle")} onClose={onClose}>
        <p className="font-mono">{fresh.serial}</p>
        <p role="status" className="mb-2 text-sm">{t("reissue.done")}</p>
        {fresh.qr_payload && <TicketQr payload={fresh.qr_payload} size={220} />}
        <div className="mt-4 flex justify-end"><Button onClick={onClose}>{t("common.done")}</Button></div>
      </Modal>
    );
  return (
    <Modal title={t("reissue.title")} onClose={onClose}>
      <form className="space-y-3" onSubmit={confirm}>
        <p className="font-mono">{ticket.serial}</p>
        <p className="text-sm">{t("reissue.intro")}</p>
        <Field label={t("reissue.reason")} name="reissue_reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        <ErrorBanner message={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="submit" variant="danger" disabled={busy}>{busy ? t("common.working") : t("reissue.submit")}</Button>
        </div>
      </form>
    </Modal>
  );
}

/** 409 cooling_off: when it ends, as a local time (the server sends it as an ISO time in its message);
 *  the server's own message when no time can be read from it. */
function coolingOff(err: ApiError): string {
  const until = coolingOffEnd(err);
  return until ? t("send.coolingOffUntil", { when: formatTime(until) }) : `${t("send.coolingOffWhy")} ${errorText(err, "send.coolingOffAsk")}`;
}

function SendDialog({ ticket, onClose, onDone }: { ticket: HeldTicket; onClose(): void; onDone(to: string): void }) {
  const token = useToken();
  const [to, setTo] = useState("");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<string | null>(null);
  useT();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const target = transferTarget(to);
    if (!target) return setError(t("send.whom"));
    try {
      await apiPost("/api/transfers", { token, body: { serial: ticket.serial, ...target, ...(notes.trim() ? { notes: notes.trim() } : {}) } });
      onDone(to.trim());
    } catch (err) {
      const ae = err as ApiError;
      // The server's message names when the cooling-off ends.
      setError(ae.code === "cooling_off" ? coolingOff(ae)
        : ae.code === "too_many_requests" ? t("send.tooMany")
        : errorText(ae));
    }
  }
  return (
    <Modal title={t("send.title")} onClose={onClose}>
      <form className="space-y-3" onSubmit={submit}>
        <p className="font-mono">{ticket.serial}</p>
        <p className="text-sm text-gray-600">{t("send.effect")}</p>
        <Field label={t("send.to")} name="to" autoCapitalize="none" value={to} onChange={(e) => setTo(e.target.value)} />
        <Field label={t("send.message")} name="notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        <ErrorBanner message={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="submit">{t("send.submit")}</Button>
        </div>
      </form>
    </Modal>
  );
}
