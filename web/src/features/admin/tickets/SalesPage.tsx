// Sales of one event, newest first (buyer, tickets, total, when, by whom), a page at a time. A sale
// opens its tickets with the same hand-over as right after selling: print one or all, PDF, QR full
// screen, mail again. Cards, not a table: they fit a laptop and a phone without sideways scrolling.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiGet } from "../../../lib/api-client";
import { useToken } from "../../../lib/auth";
import { formatTime } from "../../../lib/format";
import { formatMoney } from "../../../lib/money";
import type { Event, SaleRecord, Ticket } from "../../../lib/types";
import { Button, ErrorBanner } from "../../../components/ui";
import { TicketStatusBadge } from "../../../components/widgets";
import { EventPicker, useChosenEvent, useEvents } from "../useEvents";
import { PrintAll, TicketHandover } from "./TicketHandover";
import { languageName } from "../EventTranslations";
import { useT } from "../../../i18n/I18nProvider";

export const SALES_PAGE_SIZE = 20;

export function SalesPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
  const token = useToken();
  const events = useEvents(token);
  const [event, choose] = useChosenEvent(events);
  const [offset, setOffset] = useState(0);
  const [sales, setSales] = useState<SaleRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const load = useCallback(() => {
    if (!event) return;
    const seq = ++latest.current;
    apiGet("/api/events/{id}/sales", { path: { id: event.id }, query: { limit: SALES_PAGE_SIZE, offset }, token })
      .then((r) => {
        if (seq !== latest.current) return;
        setSales(r.items);
        setError(null);
      })
      .catch((e: ApiError) => seq === latest.current && setError(e.message));
  }, [token, event, offset]);
  useEffect(load, [load]);

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.sales.sales")}</h1>
        <EventPicker events={events} event={event} onChoose={(id) => { choose(id); setOffset(0); }} />
      </div>
      <ErrorBanner message={error} />
      {events.length === 0 && <p className="text-gray-600">{t("admin.sales.noEventsYet")}</p>}
      <ul className="space-y-3" aria-label={t("admin.sales.sales")}>
        {event && sales?.map((s) => <SaleCard key={s.id} sale={s} event={event} canEdit={canEdit} />)}
        {sales?.length === 0 && <li className="rounded-xl bg-white p-6 text-center text-gray-500 shadow">{t("admin.sales.noSalesYetSell")}</li>}
      </ul>
      {sales && (offset > 0 || sales.length === SALES_PAGE_SIZE) && (
        <div className="mt-3 flex items-center justify-between text-sm">
          <span>{t("admin.sales.sales")} {offset + 1}–{offset + sales.length}</span>
          <span className="space-x-2">
            <Button variant="ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - SALES_PAGE_SIZE))}>{t("admin.sales.previous")}</Button>
            <Button variant="ghost" disabled={sales.length < SALES_PAGE_SIZE} onClick={() => setOffset(offset + SALES_PAGE_SIZE)}>{t("admin.sales.next")}</Button>
          </span>
        </div>
      )}
    </section>
  );
}

function SaleCard({ sale, event, canEdit }: { sale: SaleRecord; event: Event; canEdit: boolean }) {
  const { t, locale } = useT();
  const token = useToken();
  const [open, setOpen] = useState(false);
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open || tickets) return;
    // A sale is at most 50 tickets: one page holds them all.
    apiGet("/api/events/{id}/tickets", { path: { id: event.id }, query: { sale_id: sale.id, limit: 100 }, token })
      .then((r) => setTickets(r.items))
      .catch((e: ApiError) => setError(e.message));
  }, [open, tickets, token, event.id, sale.id]);
  return (
    <li className="rounded-xl bg-white p-4 shadow" data-testid={`sale-${sale.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold">{sale.buyer_name} <span className="break-all font-normal text-gray-600">· {sale.buyer_email}</span></p>
          <p className="text-sm text-gray-700">
            {t("admin.sales.ticketCount", { count: sale.quantity })} · <strong>{formatMoney(sale.total, sale.currency)}</strong>
            {" "}· {t("admin.sales.soldAtBy", { time: formatTime(sale.sold_at), seller: sale.seller || "—" })}
            {" "}· <span data-testid={`sale-locale-${sale.id}`} data-locale={sale.locale ?? ""}>
              {sale.locale ? t("admin.sales.language", { language: languageName(sale.locale, locale) }) : t("admin.sales.languageUnknown")}</span>
          </p>
        </div>
        <Button variant="ghost" className="px-3 py-1" aria-expanded={open} onClick={() => setOpen((o) => !o)}
          aria-label={open ? t("admin.sales.hideTicketsOfSale", { id: sale.id }) : t("admin.sales.ticketsOfSaleButton", { id: sale.id })}>{open ? t("admin.sales.hideTickets") : t("admin.sales.ticketsA")}</Button>
      </div>
      {open && (
        <div className="mt-3 space-y-3 border-t pt-3">
          <ErrorBanner message={error} />
          {canEdit && tickets && <PrintAll tickets={tickets} event={event} />}
          <ul className="space-y-3" aria-label={t("admin.sales.ticketsOfSale", { id: sale.id })}>
            {tickets?.map((item) => (
              <li key={item.serial} className="space-y-2">
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-mono font-semibold">{item.serial}</span><TicketStatusBadge status={item.status} /><span>{item.name}</span>
                </p>
                {canEdit && <TicketHandover ticket={item} event={event} />}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
