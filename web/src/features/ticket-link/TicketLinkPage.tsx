// /t/:token: the ticket page a holder opens from the mailed link, without an account. Phone first:
// event, name, serial and the QR drawn here from the payload (no image download), a full-screen
// white view for the gate, the printable PDF. The last good answer is kept on the phone, so the QR
// still shows with no signal at the gate; a 404 (link revoked, or the code replaced by a transfer)
// clears it and says so. A holder signed in on /my in this tab can add the ticket to their account
// ("Add to my tickets": the link is proof, docs/accounts.md); anyone else gets a hint to sign in.
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError, apiGet } from "../../lib/api-client";
import { storedSession } from "../../lib/auth";
import { renewSession } from "../../lib/session-store";
import { claimLinkedTicket } from "../../lib/accounts-api";
import { formatTime } from "../../lib/format";
import { Button } from "../../components/ui";
import { TicketQr } from "../../components/TicketQr";

import type { LinkedTicket } from "../../lib/types";
export type { LinkedTicket } from "../../lib/types";

type State =
  | { kind: "loading" }
  | { kind: "ok"; ticket: LinkedTicket; offline: boolean }
  | { kind: "gone" }
  | { kind: "error"; message: string };

const storageKey = (token: string) => `gatepass.ticket-link.${token}`;

function cached(token: string): LinkedTicket | null {
  try {
    const raw = localStorage.getItem(storageKey(token));
    return raw ? (JSON.parse(raw) as LinkedTicket) : null;
  } catch {
    return null;
  }
}

export function TicketLinkPage() {
  const { token = "" } = useParams();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [full, setFull] = useState(false);
  const load = useCallback(() => {
    setState({ kind: "loading" });
    apiGet("/api/ticket-links/{token}", { path: { token } })
      .then((ticket) => {
        setState({ kind: "ok", ticket, offline: false });
        try {
          localStorage.setItem(storageKey(token), JSON.stringify(ticket));
        } catch { /* private mode: nothing kept */ }
      })
      .catch((e: ApiError) => {
        if (e.status === 404) {
          localStorage.removeItem(storageKey(token));
          return setState({ kind: "gone" });
        }
        const kept = cached(token);
        // Any failure but "this link is gone" (no network, busy server, 429 at a crowded venue): the
        // copy saved on this phone is still the ticket to show.
        if (kept) return setState({ kind: "ok", ticket: kept, offline: true });
        setState({ kind: "error", message: e.message });
      });
  }, [token]);
  useEffect(load, [load]);
  useEffect(() => {
    if (state.kind === "ok") document.title = `Ticket ${state.ticket.serial} · ${state.ticket.event_name}`;
  }, [state]);

  if (state.kind === "loading") return <p className="p-6 text-center text-gray-500" role="status">Loading your ticket…</p>;
  if (state.kind === "gone")
    return (
      <main className="mx-auto max-w-md p-4">
        <div className="mt-8 rounded-xl bg-white p-6 text-center shadow" role="alert">
          <h1 className="text-xl font-bold">This link is no longer valid</h1>
          <p className="mt-2 text-gray-700">This link is no longer valid: the ticket was transferred or the link revoked.</p>
          <p className="mt-2 text-sm text-gray-500">If the ticket is still yours, ask the organiser to send it again.</p>
        </div>
      </main>
    );
  if (state.kind === "error")
    return (
      <main className="mx-auto max-w-md p-4">
        <div className="mt-8 rounded-xl bg-white p-6 text-center shadow" role="alert">
          <h1 className="text-xl font-bold">Could not load your ticket</h1>
          <p className="mt-2 text-gray-700">{state.message}</p>
          <Button className="mt-4" onClick={load}>Try again</Button>
        </div>
      </main>
    );

  const t = state.ticket;
  const admits = t.status === "valid";
  return (
    <main className="mx-auto max-w-md p-4">
      <article className="rounded-xl bg-white p-5 shadow" data-testid="linked-ticket">
        <p className="text-sm uppercase tracking-wide text-gray-500">Your ticket</p>
        <h1 className="text-2xl font-bold">{t.event_name}</h1>
        {t.event_description && <p className="mt-1 whitespace-pre-line text-sm text-gray-700" data-testid="event-description">{t.event_description}</p>}
        <p className="mt-1 text-lg" data-testid="holder-name">{t.name}{t.team_name ? ` · ${t.team_name}` : ""}</p>
        <p className="font-mono text-lg font-semibold" data-testid="ticket-serial">{t.serial}</p>
        {state.offline && (
          <p className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
            Offline or the server is busy: showing the copy saved on this phone.
          </p>
        )}
        {admits ? (
          <>
            <div className="mt-4"><TicketQr payload={t.qr_payload} size={280} /></div>
            <Button className="mt-4 w-full py-4 text-lg" onClick={() => setFull(true)}>Full screen</Button>
          </>
        ) : (
          <p className="mt-4 rounded-lg bg-gray-100 px-3 py-3 text-center font-semibold" data-testid="ticket-state">
            {t.status === "used" ? `Checked in ${formatTime(t.used_at)}.`
              : t.status === "refunded" ? "Refunded: this ticket no longer gets in."
              : t.status === "void" ? "This ticket was voided and no longer gets in."
              : "This ticket does not get in yet."}
          </p>
        )}
        <a className="mt-3 block w-full rounded-lg border border-gray-300 px-4 py-3 text-center font-semibold" href={t.ticket_pdf_url}
          download={`${t.serial}.pdf`}>Download PDF</a>
        {!state.offline && t.status !== "void" && t.status !== "refunded" && <AddToAccount linkToken={token} ticket={t} />}
      </article>
      <p className="mt-4 text-center text-sm text-gray-600">
        Tip: add this page to your home screen (browser menu, then “Add to Home Screen”) to find your ticket at the gate.
        It stays readable without signal once opened.
      </p>
      <p className="mt-2 text-center text-xs text-gray-500">It admits one person once. Do not share this link.</p>
      {full && <FullScreen ticket={t} onClose={() => setFull(false)} />}
    </main>
  );
}

/** The holder app's session key: a holder signed in on /my in this tab is signed in here too. */
const HOLDER_SESSION = "gatepass.holder";

type Adding = { kind: "idle" | "busy" | "added" } | { kind: "error"; message: string; signIn?: boolean; verify?: boolean };

function AddToAccount({ linkToken, ticket }: { linkToken: string; ticket: LinkedTicket }) {
  const [session] = useState(() => storedSession(HOLDER_SESSION));
  const [adding, setAdding] = useState<Adding>({ kind: "idle" });
  const signInLink = `/my/login?next=${encodeURIComponent(`/t/${linkToken}`)}`;
  if (!session || session.user.role !== "attendee")
    return (
      <p className="mt-3 text-center text-sm text-gray-600" data-testid="claim-hint">
        <Link className="font-semibold underline" to={signInLink}>Sign in</Link> to add this ticket to your account.
      </p>
    );
  if (adding.kind === "added" || (ticket.holder_username && ticket.holder_username === session.user.username))
    return (
      <p className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-center text-emerald-900" role="status">
        This ticket is in your account. <Link className="font-semibold underline" to="/my">My tickets</Link>
      </p>
    );
  async function add() {
    setAdding({ kind: "busy" });
    try {
      // A tab opened from the mail has no access token yet: the sign-in kept on the phone is traded for one.
      const token = session!.token || (await renewSession(HOLDER_SESSION, ""))?.token;
      if (!token) throw new ApiError(401, "unauthenticated", "Your sign-in has expired.");
      await claimLinkedTicket(token, linkToken);
      setAdding({ kind: "added" });
    } catch (e) {
      const ae = e as ApiError;
      setAdding({ kind: "error", ...(ae.status === 401 ? { message: "Your sign-in has expired.", signIn: true }
        : ae.code === "email_unverified" ? { message: "Verify your email address first: open the link we mailed you when you signed up, then add the ticket.", verify: true }
        : ae.code === "already_claimed" ? { message: "This ticket is already in another account. If you bought it, ask the organiser." }
        : ae.status === 404 ? { message: "This link can no longer add the ticket: it was replaced or revoked." }
        : { message: ae.message }) });
    }
  }
  return (
    <div className="mt-3">
      <Button variant="success" className="w-full py-3" disabled={adding.kind === "busy"} onClick={add}>
        {adding.kind === "busy" ? "Adding…" : "Add to my tickets"}</Button>
      <p className="mt-1 text-center text-xs text-gray-500">Signed in as {session.user.username}</p>
      {adding.kind === "error" && (
        <p role="alert" className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">{adding.message}{" "}
          {adding.signIn && <Link className="font-semibold underline" to={signInLink}>Sign in again</Link>}
          {adding.verify && <Link className="font-semibold underline" to="/my">My tickets</Link>}
        </p>
      )}
    </div>
  );
}

// White, the QR as large as the screen allows, the screen kept awake: what the gate scanner reads best.
function FullScreen({ ticket, onClose }: { ticket: LinkedTicket; onClose(): void }) {
  const size = Math.max(200, Math.min(window.innerWidth - 32, window.innerHeight - 200, 720));
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
