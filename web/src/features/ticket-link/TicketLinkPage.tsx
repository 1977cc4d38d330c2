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
import { formatEventTime } from "../../lib/format";
import { eventWhen } from "../holder/calendar";
import { Button } from "../../components/ui";
import { TicketQr } from "../../components/TicketQr";
import { LanguageSwitcher } from "../../components/LanguageSwitcher";
import { t } from "../../i18n/runtime";
import { useT } from "../../i18n/I18nProvider";
import { errorText } from "../../i18n/errors";

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
  const { locale } = useT();
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
        setState({ kind: "error", message: errorText(e) });
      });
  }, [token]);
  useEffect(load, [load]);
  useEffect(() => {
    if (state.kind === "ok") document.title = t("link.documentTitle", { serial: state.ticket.serial, event: state.ticket.event_name });
  }, [state]);

  if (state.kind === "loading") return <p className="p-6 text-center text-gray-500" role="status">{t("link.loading")}</p>;
  if (state.kind === "gone")
    return (
      <main className="mx-auto max-w-md p-4">
        <div className="mt-8 rounded-xl bg-white p-6 text-center shadow" role="alert">
          <h1 className="text-xl font-bold">{t("link.goneTitle")}</h1>
          <p className="mt-2 text-gray-700">{t("link.gone")}</p>
          <p className="mt-2 text-sm text-gray-500">{t("link.goneHelp")}</p>
        </div>
      </main>
    );
  if (state.kind === "error")
    return (
      <main className="mx-auto max-w-md p-4">
        <div className="mt-8 rounded-xl bg-white p-6 text-center shadow" role="alert">
          <h1 className="text-xl font-bold">{t("link.errorTitle")}</h1>
          <p className="mt-2 text-gray-700">{state.message}</p>
          <Button className="mt-4" onClick={load}>{t("common.tryAgain")}</Button>
        </div>
      </main>
    );

  const tk = state.ticket;
  const admits = tk.status === "valid";
  const when = eventWhen(tk, locale);  // on the event's clock (a copy kept before it had one: none)
  return (
    <main className="mx-auto max-w-md p-4">
      <article className="rounded-xl bg-white p-5 shadow" data-testid="linked-ticket">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm uppercase tracking-wide text-gray-500">{t("link.yourTicket")}</p>
          <LanguageSwitcher />
        </div>
        <h1 className="text-2xl font-bold">{tk.event_name}</h1>
        {(when || tk.venue) && <p className="text-sm font-semibold text-gray-800" data-testid="event-when">{[when, tk.venue].filter(Boolean).join(" · ")}</p>}
        {tk.event_description && <p className="mt-1 whitespace-pre-line text-sm text-gray-700" data-testid="event-description">{tk.event_description}</p>}
        <p className="mt-1 text-lg" data-testid="holder-name">{tk.name}{tk.team_name ? ` · ${tk.team_name}` : ""}</p>
        <p className="font-mono text-lg font-semibold" data-testid="ticket-serial">{tk.serial}</p>
        {state.offline && (
          <p className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
            {t("link.offline")}
          </p>
        )}
        {admits ? (
          <>
            <div className="mt-4"><TicketQr payload={tk.qr_payload} size={280} /></div>
            <Button className="mt-4 w-full py-4 text-lg" onClick={() => setFull(true)}>{t("link.fullScreen")}</Button>
          </>
        ) : (
          <p className="mt-4 rounded-lg bg-gray-100 px-3 py-3 text-center font-semibold" data-testid="ticket-state">
            {tk.status === "used" ? t("ticket.checkedIn", { when: formatEventTime(tk.used_at, tk.time_zone) })
              : tk.status === "refunded" ? t("ticket.refunded")
              : tk.status === "void" ? t("ticket.voided")
              : t("ticket.notYet")}
          </p>
        )}
        <a className="mt-3 block w-full rounded-lg border border-gray-300 px-4 py-3 text-center font-semibold" href={tk.ticket_pdf_url}
          download={`${tk.serial}.pdf`}>{t("card.downloadPdf")}</a>
        {!state.offline && tk.status !== "void" && tk.status !== "refunded" && <AddToAccount linkToken={token} ticket={tk} />}
      </article>
      <p className="mt-4 text-center text-sm text-gray-600">
        {t("link.tip")}
      </p>
      <p className="mt-2 text-center text-xs text-gray-500">{t("link.doNotShare")}</p>
      {full && <FullScreen ticket={tk} onClose={() => setFull(false)} />}
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
  const { rich } = useT();
  if (!session || session.user.role !== "attendee")
    return (
      <p className="mt-3 text-center text-sm text-gray-600" data-testid="claim-hint">
        {rich("link.signInToAdd", { a: (c) => <Link className="font-semibold underline" to={signInLink}>{c}</Link> })}
      </p>
    );
  if (adding.kind === "added" || (ticket.holder_username && ticket.holder_username === session.user.username))
    return (
      <p className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-center text-emerald-900" role="status">
        {t("link.inAccount")} <Link className="font-semibold underline" to="/my">{t("nav.myTickets")}</Link>
      </p>
    );
  async function add() {
    setAdding({ kind: "busy" });
    try {
      // A tab opened from the mail has no access token yet: the sign-in kept on the phone is traded for one.
      const token = session!.token || (await renewSession(HOLDER_SESSION, ""))?.token;
      if (!token) throw new ApiError(401, "unauthenticated", t("link.signInExpired"));
      await claimLinkedTicket(token, linkToken);
      setAdding({ kind: "added" });
    } catch (e) {
      const ae = e as ApiError;
      setAdding({ kind: "error", ...(ae.status === 401 ? { message: t("link.signInExpired"), signIn: true }
        : ae.code === "email_unverified" ? { message: t("link.unverified"), verify: true }
        : ae.code === "already_claimed" ? { message: t("link.otherAccount") }
        : ae.status === 404 ? { message: t("link.cannotAdd") }
        : { message: errorText(ae) }) });
    }
  }
  return (
    <div className="mt-3">
      <Button variant="success" className="w-full py-3" disabled={adding.kind === "busy"} onClick={add}>
        {adding.kind === "busy" ? t("link.adding") : t("link.add")}</Button>
      <p className="mt-1 text-center text-xs text-gray-500">{t("link.signedInAs", { name: session.user.username })}</p>
      {adding.kind === "error" && (
        <p role="alert" className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">{adding.message}{" "}
          {adding.signIn && <Link className="font-semibold underline" to={signInLink}>{t("link.signInAgain")}</Link>}
          {adding.verify && <Link className="font-semibold underline" to="/my">{t("nav.myTickets")}</Link>}
        </p>
      )}
    </div>
  );
}

// White, the QR as large as the screen allows, the screen kept awake: what the gate scanner reads best.
function FullScreen({ ticket, onClose }: { ticket: LinkedTicket; onClose(): void }) {
  const size = Math.max(200, Math.min(window.innerWidth - 32, window.innerHeight - 200, 720));
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
