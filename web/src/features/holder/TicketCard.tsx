// One card of My tickets: the event, when and where (add to the calendar, the venue on a map), the
// QR, and what can be done with the ticket. A refund or transfer waiting for a decision shows as a
// chip with Cancel instead of Send and Refund. A saved copy (no connection) shows only what works
// offline: the QR, "Show at the gate" and the calendar.
import { formatEventTime, typeName } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { MyTicket, PendingRequest } from "../../lib/types";
import { Button } from "../../components/ui";
import { TicketStatusBadge } from "../../components/widgets";
import { TicketQr } from "../../components/TicketQr";
import { downloadIcs, eventWhen, mapUrl } from "./calendar";
import { t } from "../../i18n/runtime";
import { useT } from "../../i18n/I18nProvider";

export interface CardActions {
  gate(t: MyTicket): void;
  send(t: MyTicket): void;
  refund(t: MyTicket): void;
  reissue(t: MyTicket): void;
  cancel(t: MyTicket, pending: PendingRequest): void;
  pdf(t: MyTicket): void;
}

/** "Sent to leo.park — waiting", "Refund requested — waiting". */
export function pendingLabel(p: PendingRequest): string {
  if (p.kind === "transfer") return p.to_username ?? p.to_email ? t("card.sentWaiting", { to: p.to_username ?? p.to_email }) : t("card.sentSomeoneWaiting");
  return p.can_cancel ? t("card.refundWaiting") : t("card.refundByBoxOffice");
}

export function TicketCard({ t, readOnly, busy, actions }: { t: MyTicket; readOnly: boolean; busy: boolean; actions: CardActions }) {
  const { t: tr, locale } = useT();
  const when = eventWhen(t, locale);
  const pending = t.status === "valid" ? t.pending_request : null;
  return (
    <li className="rounded-xl bg-white p-4 shadow" data-testid={`my-ticket-${t.serial}`}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="font-bold">{t.event_name}</h2>
          {when && <p className="text-sm font-semibold text-gray-800" data-testid="event-when">{when}</p>}
          {t.venue && (
            <p className="text-sm text-gray-700" data-testid="event-venue">{t.venue}{" "}
              {!readOnly && <a className="whitespace-nowrap underline" href={mapUrl(t.venue)} target="_blank" rel="noopener noreferrer">{tr("card.map")}</a>}</p>
          )}
          {t.event_description && <p className="whitespace-pre-line text-sm text-gray-700" data-testid="event-description">{t.event_description}</p>}
          <p className="mt-1 font-mono text-sm">{t.serial}</p>
          <p className="text-sm text-gray-600">{typeName(t.ticket_type) ?? tr("card.ticket")}{t.price ? ` · ${formatMoney(t.price, t.currency ?? "EUR", locale)}` : ""}</p>
        </div>
        {!pending && <TicketStatusBadge status={t.status} />}
      </div>
      {pending && (
        <div className="mt-3 flex items-center justify-between gap-2 rounded-full bg-amber-100 py-1 pl-4 pr-1 text-amber-950" data-testid="pending-chip">
          <span className="text-sm font-semibold">{pendingLabel(pending)}</span>
          {pending.can_cancel && !readOnly && (
            <button type="button" disabled={busy} className="rounded-full bg-white px-3 py-1 text-sm font-semibold underline disabled:opacity-50"
              onClick={() => actions.cancel(t, pending)}>{tr("common.cancel")}</button>
          )}
        </div>
      )}
      {t.status === "valid" ? (
        <>
          <TicketQr payload={t.qr_payload} size={200} />
          <div className="mt-3 grid grid-cols-1 gap-2">
            <Button onClick={() => actions.gate(t)}>{tr("card.showAtGate")}</Button>
          </div>
          <div className="mt-2 grid grid-cols-1 gap-2 min-[360px]:grid-cols-2">
            {t.starts_at && <Button variant="ghost" onClick={() => downloadIcs(t)}>{tr("card.addToCalendar")}</Button>}
            {!readOnly && <Button variant="ghost" disabled={busy} onClick={() => actions.pdf(t)}>{tr("card.downloadPdf")}</Button>}
          </div>
          {!readOnly && !pending && (
            <div className="mt-2 grid grid-cols-1 gap-2 min-[360px]:grid-cols-2">
              <Button variant="ghost" onClick={() => actions.send(t)}>{tr("card.send")}</Button>
              <Button variant="ghost" onClick={() => actions.refund(t)}>{tr("card.requestRefund")}</Button>
            </div>
          )}
          {!readOnly && (
            <button type="button" className="mt-2 w-full text-sm text-gray-700 underline" onClick={() => actions.reissue(t)}>
              {tr("card.qrLeaked")}</button>
          )}
        </>
      ) : (
        <p className="mt-2 text-sm text-gray-600">
          {t.status === "used" ? tr("ticket.checkedIn", { when: formatEventTime(t.used_at, t.time_zone) }) : t.status === "refunded" ? tr("ticket.refunded") : tr("ticket.noLongerValid")}
        </p>
      )}
    </li>
  );
}
