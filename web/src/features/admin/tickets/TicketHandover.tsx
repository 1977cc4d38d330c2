// Handing sold tickets to the buyer at the box office (issue 21, item 1): print the full ticket
// (event, date, venue, holder, type, QR), download its PDF, show the QR full screen for the buyer's
// phone camera, mail it again, copy a fresh ticket link. Used after a sale, in a ticket's details
// and on the Sales screen. Only a sold (valid) or used ticket is handed over: a void, refunded or
// unsold one gets none of this (the gate would refuse it).
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { ApiError, apiPost, downloadWithToken, fetchBlobUrl } from "../../../lib/api-client";
import { useToken } from "../../../lib/auth";
import { formatTime, typeName } from "../../../lib/format";
import type { Event, Ticket } from "../../../lib/types";
import { Button } from "../../../components/ui";

/** What a hand-over needs of a ticket (the sale's answer, the tickets list and the details all have it). */
export type HandoverTicket = Pick<Ticket, "serial" | "status" | "name" | "email" | "team_name" | "event_name" | "ticket_type">;
/** What the printed ticket says about the event. */
export type HandoverEvent = Pick<Event, "name" | "venue" | "starts_at">;

const HANDED_OVER = ["valid", "used"];
/** Whether the ticket is one to hand over (sold or used), and whether it can still be mailed. */
export const canHandOver = (status: string) => HANDED_OVER.includes(status);
export const canMail = (status: string) => status === "valid";

/** Actions for one ticket: Print ticket, Download PDF, Show QR, Email again (and Copy ticket link). */
export function TicketHandover({ ticket, event, links = false }: { ticket: HandoverTicket; event: HandoverEvent; links?: boolean }) {
  const token = useToken();
  const [printing, setPrinting] = useState(false);
  const [showQr, setShowQr] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canHandOver(ticket.status)) return null;
  const path = { serial: ticket.serial };
  async function run(what: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await what());
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  const pdf = () => run(async () => {
    await downloadWithToken(`/api/tickets/${encodeURIComponent(ticket.serial)}/ticket.pdf`, token, `${ticket.serial}.pdf`);
    return `${ticket.serial}.pdf downloaded.`;
  });
  const mail = () => run(async () => {
    await apiPost("/api/tickets/{serial}/resend", { path, token });
    return `Queued to be mailed to ${ticket.email || "the holder"} again, with a new link.`;
  });
  const copy = () => run(async () => copyTicketLink(ticket.serial, token));
  return (
    <div data-testid={`handover-${ticket.serial}`}>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="ghost" className="px-3 py-1" onClick={() => setPrinting(true)}>Print ticket</Button>
        <Button type="button" variant="ghost" className="px-3 py-1" disabled={busy} onClick={pdf}>Download PDF</Button>
        <Button type="button" variant="ghost" className="px-3 py-1" onClick={() => setShowQr(true)}>Show QR</Button>
        {canMail(ticket.status) && <Button type="button" variant="ghost" className="px-3 py-1" disabled={busy} onClick={mail}>Email again</Button>}
        {links && <Button type="button" variant="ghost" className="px-3 py-1" disabled={busy} onClick={copy}>Copy ticket link</Button>}
      </div>
      {notice && <p role="status" className="mt-1 break-all text-sm text-emerald-800">{notice}</p>}
      {error && <p role="alert" className="mt-1 text-sm text-red-700">{error}</p>}
      {printing && <PrintView tickets={[ticket]} event={event} onClose={() => setPrinting(false)} />}
      {showQr && <QrFullScreen ticket={ticket} onClose={() => setShowQr(false)} />}
    </div>
  );
}

/** A fresh link to the ticket's page (the old ones keep working), copied if the browser lets us;
 *  the answer names the link either way, so it can be selected and read out. */
export async function copyTicketLink(serial: string, token: string): Promise<string> {
  const link = await apiPost("/api/tickets/{serial}/links", { path: { serial }, token });
  let copied = false;
  try {
    await navigator.clipboard?.writeText(link.url);
    copied = !!navigator.clipboard;
  } catch {
    copied = false;
  }
  return `${copied ? "Link copied" : "Copy this link"}: ${link.url}`;
}

/** "Print all N" for a sale of several (one ticket a page). */
export function PrintAll({ tickets, event }: { tickets: HandoverTicket[]; event: HandoverEvent }) {
  const [printing, setPrinting] = useState(false);
  const printable = tickets.filter((t) => canHandOver(t.status));
  if (printable.length < 2) return null;
  return (
    <>
      <Button type="button" onClick={() => setPrinting(true)}>Print all {printable.length}</Button>
      {printing && <PrintView tickets={printable} event={event} onClose={() => setPrinting(false)} />}
    </>
  );
}

/**
 * The print view: the full tickets, one a page, over the page on screen (so what is printed can be
 * seen) and alone on paper (index.css: only .print-area prints). The print dialog opens by itself
 * once every QR is drawn; "Print" opens it again.
 */
export function PrintView({ tickets, event, onClose }: { tickets: HandoverTicket[]; event: HandoverEvent; onClose(): void }) {
  const qrs = useQrImages(tickets.map((t) => t.serial));
  const printed = useRef(false);
  const ready = tickets.every((t) => qrs[t.serial]);
  useEffect(() => {
    if (!ready || printed.current) return;
    printed.current = true;
    window.print();
  }, [ready]);
  useEscape(onClose);
  const title = tickets.length === 1 ? `Print ticket ${tickets[0].serial}` : `Print ${tickets.length} tickets`;
  return createPortal(
    <div className="print-area fixed inset-0 z-50 overflow-y-auto bg-gray-100 p-4" role="dialog" aria-modal="true" aria-label={title} data-testid="print-view">
      <div className="mx-auto mb-4 flex max-w-xl flex-wrap items-center justify-between gap-2 print:hidden">
        <h2 className="text-lg font-bold">{title}</h2>
        <span className="flex gap-2">
          <Button type="button" disabled={!ready} onClick={() => window.print()}>Print</Button>
          <Button type="button" variant="ghost" onClick={onClose}>Close</Button>
        </span>
      </div>
      {tickets.map((t, i) => (
        <article key={t.serial} data-testid="printed-ticket"
          className={`mx-auto mb-4 max-w-xl rounded-xl border-2 border-gray-900 bg-white p-6 text-gray-900 ${i < tickets.length - 1 ? "break-after-page" : ""}`}>
          <p className="text-sm uppercase tracking-wide text-gray-600">Ticket</p>
          <h3 className="text-2xl font-extrabold" data-testid="printed-event">{event.name || t.event_name}</h3>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="font-semibold">When</dt><dd data-testid="printed-date">{event.starts_at ? formatTime(event.starts_at) : "—"}</dd>
            <dt className="font-semibold">Where</dt><dd data-testid="printed-venue">{event.venue || "—"}</dd>
            <dt className="font-semibold">Holder</dt><dd data-testid="printed-holder">{t.name || "—"}{t.team_name ? ` (${t.team_name})` : ""}</dd>
            <dt className="font-semibold">Type</dt><dd data-testid="printed-type">{typeName(t.ticket_type) ?? "—"}</dd>
            <dt className="font-semibold">Serial</dt><dd className="font-mono" data-testid="printed-serial">{t.serial}</dd>
          </dl>
          {qrs[t.serial] && <img className="mx-auto mt-4 h-64 w-64" style={{ imageRendering: "pixelated" }} src={qrs[t.serial]} alt={`QR code of ticket ${t.serial}`} />}
          <p className="mt-2 text-center text-sm">Show this code at the entrance. It admits one person once.</p>
        </article>
      ))}
    </div>,
    document.body,
  );
}

/** The QR alone, as large as the screen allows, for the buyer's phone camera. Escape or Close ends it. */
export function QrFullScreen({ ticket, onClose }: { ticket: HandoverTicket; onClose(): void }) {
  useEscape(onClose);
  const qr = useQrImages([ticket.serial])[ticket.serial];
  const size = Math.max(200, Math.min(window.innerWidth, window.innerHeight) - 140);
  return createPortal(
    <div className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-3 bg-white p-4" role="dialog" aria-modal="true"
      aria-label={`QR code of ticket ${ticket.serial}`} data-testid="qr-fullscreen">
      {qr && <img src={qr} width={size} height={size} alt={`QR code of ticket ${ticket.serial}`} style={{ imageRendering: "pixelated" }} />}
      <p className="text-center font-mono text-lg">{ticket.serial}{ticket.name ? ` · ${ticket.name}` : ""}</p>
      <Button type="button" autoFocus onClick={onClose}>Close</Button>
    </div>,
    document.body,
  );
}

/**
 * The tickets' QR codes as drawn by the server (GET /api/tickets/{serial}/qr.png, admins): staff
 * views of a ticket do not carry its signed code, so the page never holds more than the picture.
 * Object URLs, freed when the view closes.
 */
function useQrImages(serials: string[]): Record<string, string> {
  const token = useToken();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const key = serials.join(" ");
  useEffect(() => {
    let alive = true;
    const made: string[] = [];
    for (const serial of key.split(" ")) {
      fetchBlobUrl(`/api/tickets/${encodeURIComponent(serial)}/qr.png?scale=10`, token)
        .then((url) => {
          made.push(url);
          if (alive) setUrls((u) => ({ ...u, [serial]: url }));
          else URL.revokeObjectURL(url);
        })
        .catch(() => undefined);
    }
    return () => {
      alive = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [key, token]);
  return urls;
}

function useEscape(onClose: () => void) {
  const latest = useRef(onClose);
  latest.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      latest.current();
    };
    // Capture: the overlay is on top of a dialog, whose own Escape must not close it underneath.
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, []);
}
