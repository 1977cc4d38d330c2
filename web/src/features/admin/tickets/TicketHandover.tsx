// Handing sold tickets to the buyer at the box office (issue 21, item 1): print the full ticket
// (event, date, venue, holder, type, QR), download its PDF, show the QR full screen for the buyer's
// phone camera, mail it again, copy a fresh ticket link. Used after a sale, in a ticket's details
// and on the Sales screen. Only a sold (valid) or used ticket is handed over: a void, refunded or
// unsold one gets none of this (the gate would refuse it).
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { apiPost, fetchBlobUrl } from "../../../lib/api-client";
import { useToken } from "../../../lib/auth";
import { formatTime, typeName } from "../../../lib/format";
import type { Event, Ticket } from "../../../lib/types";
import { Button } from "../../../components/ui";
import { useT } from "../../../i18n/I18nProvider";
import { t } from "../../../i18n/runtime";
import { downloadTicketPdf, useAction } from "./useAction";

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
  const { t } = useT();
  const token = useToken();
  const [printing, setPrinting] = useState(false);
  const [showQr, setShowQr] = useState(false);
  const { notice, error, busy, run } = useAction();
  if (!canHandOver(ticket.status)) return null;
  const path = { serial: ticket.serial };
  const pdf = () => run(() => downloadTicketPdf(ticket.serial, token));
  const mail = () => run(async () => {
    await apiPost("/api/tickets/{serial}/resend", { path, token });
    return ticket.email ? t("admin.handover.queuedToBeMailed", { email: ticket.email }) : t("admin.handover.queuedToBeMailedHolder");
  });
  const copy = () => run(async () => copyTicketLink(ticket.serial, token));
  return (
    <div data-testid={`handover-${ticket.serial}`}>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="ghost" className="px-3 py-1" onClick={() => setPrinting(true)}>{t("admin.ticketHandover.printTicket")}</Button>
        <Button type="button" variant="ghost" className="px-3 py-1" disabled={busy} onClick={pdf}>{t("admin.ticketHandover.downloadPdf")}</Button>
        <Button type="button" variant="ghost" className="px-3 py-1" onClick={() => setShowQr(true)}>{t("admin.ticketHandover.showQr")}</Button>
        {canMail(ticket.status) && <Button type="button" variant="ghost" className="px-3 py-1" disabled={busy} onClick={mail}>{t("admin.ticketHandover.emailAgain")}</Button>}
        {links && <Button type="button" variant="ghost" className="px-3 py-1" disabled={busy} onClick={copy}>{t("admin.ticketHandover.copyTicketLink")}</Button>}
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
  return `${copied ? t("admin.handover.linkCopied") : t("admin.handover.copyThisLink")}: ${link.url}`;
}

/** "Print all N" for a sale of several (one ticket a page). */
export function PrintAll({ tickets, event }: { tickets: HandoverTicket[]; event: HandoverEvent }) {
  const { t } = useT();
  const [printing, setPrinting] = useState(false);
  const printable = tickets.filter((item) => canHandOver(item.status));
  if (printable.length < 2) return null;
  return (
    <>
      <Button type="button" onClick={() => setPrinting(true)}>{t("admin.ticketHandover.printAll", { length: printable.length })}</Button>
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
  const { t } = useT();
  const qrs = useQrImages(tickets.map((item) => item.serial));
  const printed = useRef(false);
  const ready = tickets.every((item) => qrs[item.serial]);
  useEffect(() => {
    if (!ready || printed.current) return;
    printed.current = true;
    window.print();
  }, [ready]);
  useEscape(onClose);
  const title = tickets.length === 1 ? t("admin.handover.printTicket", { serial: tickets[0].serial }) : t("admin.handover.printTickets", { length: tickets.length });
  return createPortal(
    <div className="print-area fixed inset-0 z-50 overflow-y-auto bg-gray-100 p-4" role="dialog" aria-modal="true" aria-label={title} data-testid="print-view">
      <div className="mx-auto mb-4 flex max-w-xl flex-wrap items-center justify-between gap-2 print:hidden">
        <h2 className="text-lg font-bold">{title}</h2>
        <span className="flex gap-2">
          <Button type="button" disabled={!ready} onClick={() => window.print()}>{t("admin.ticketHandover.print")}</Button>
          <Button type="button" variant="ghost" onClick={onClose}>{t("admin.ticketHandover.close")}</Button>
        </span>
      </div>
      {tickets.map((item, i) => (
        <article key={item.serial} data-testid="printed-ticket"
          className={`mx-auto mb-4 max-w-xl rounded-xl border-2 border-gray-900 bg-white p-6 text-gray-900 ${i < tickets.length - 1 ? "break-after-page" : ""}`}>
          <p className="text-sm uppercase tracking-wide text-gray-600">{t("admin.ticketHandover.ticket")}</p>
          <h3 className="text-2xl font-extrabold" data-testid="printed-event">{event.name || item.event_name}</h3>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="font-semibold">{t("admin.ticketHandover.when")}</dt><dd data-testid="printed-date">{event.starts_at ? formatTime(event.starts_at) : "—"}</dd>
            <dt className="font-semibold">{t("admin.ticketHandover.where")}</dt><dd data-testid="printed-venue">{event.venue || "—"}</dd>
            <dt className="font-semibold">{t("admin.ticketHandover.holder")}</dt><dd data-testid="printed-holder">{item.name || "—"}{item.team_name ? ` (${item.team_name})` : ""}</dd>
            <dt className="font-semibold">{t("admin.ticketHandover.type")}</dt><dd data-testid="printed-type">{typeName(item.ticket_type) ?? "—"}</dd>
            <dt className="font-semibold">{t("admin.ticketHandover.serial")}</dt><dd className="font-mono" data-testid="printed-serial">{item.serial}</dd>
          </dl>
          {qrs[item.serial] && <img className="mx-auto mt-4 h-64 w-64" style={{ imageRendering: "pixelated" }} src={qrs[item.serial]} alt={t("admin.ticketHandover.qrCodeOfTicket", { serial: item.serial })} />}
          <p className="mt-2 text-center text-sm">{t("admin.ticketHandover.showThisCodeAt")}</p>
        </article>
      ))}
    </div>,
    document.body,
  );
}

/** The QR alone, as large as the screen allows, for the buyer's phone camera. Escape or Close ends it. */
export function QrFullScreen({ ticket, onClose }: { ticket: HandoverTicket; onClose(): void }) {
  const { t } = useT();
  useEscape(onClose);
  const qr = useQrImages([ticket.serial])[ticket.serial];
  const size = Math.max(200, Math.min(window.innerWidth, window.innerHeight) - 140);
  return createPortal(
    <div className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-3 bg-white p-4" role="dialog" aria-modal="true"
      aria-label={t("admin.ticketHandover.qrCodeOfTicket", { serial: ticket.serial })} data-testid="qr-fullscreen">
      {qr && <img src={qr} width={size} height={size} alt={t("admin.ticketHandover.qrCodeOfTicket", { serial: ticket.serial })} style={{ imageRendering: "pixelated" }} />}
      <p className="text-center font-mono text-lg">{ticket.serial}{ticket.name ? ` · ${ticket.name}` : ""}</p>
      <Button type="button" autoFocus onClick={onClose}>{t("admin.ticketHandover.close")}</Button>
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
