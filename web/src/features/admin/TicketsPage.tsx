// Tickets of one event: filter by state, ticket type and search (a serial as typed, holder or buyer name or
// email), paged. A ticket opens its details and history (the purchaser beside the holder); an admin
// can void it, sell it when it was generated and not sold yet, give a valid one a new code (its QR
// leaked) or lift a claim's transfer cooling-off. A sold or used ticket is handed over from its details
// (print, PDF, QR full screen, mail again, a fresh link; revoke links). Phones get cards, desktops a table.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api, ApiError, apiGet, apiPost, type BodyOf } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { allowTransferNow, reissueTicket } from "../../lib/accounts-api";
import { formatTime, typeName } from "../../lib/format";
import { formatMoney, moneyError, normalizeMoney } from "../../lib/money";
import { useIsPhone } from "../../lib/media";
import type { Items, Ticket, TicketHistoryEntry, TicketType, TicketWithImages } from "../../lib/types";
import { Button, ErrorBanner, Field, Modal, TableBox } from "../../components/ui";
import { ExportButton, TicketStatusBadge } from "../../components/widgets";
import { EventPicker, useChosenEvent, useEvents } from "./useEvents";
import { gateName, TicketScans } from "./scans";
import { TicketMailActions } from "./mail";
import { canHandOver, TicketHandover } from "./tickets/TicketHandover";
import { historyActionLabel } from "./actions";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

const PAGE_SIZE = 20;
const STATUSES = () => [["", t("admin.tickets.anyState")], [t("admin.tickets.created"), t("admin.tickets.notSold")], [t("admin.tickets.valid"), t("admin.tickets.validA")], [t("admin.tickets.usedA"), t("admin.tickets.used")], [t("admin.tickets.refunded"), t("admin.tickets.refundedA")], [t("admin.tickets.voidA"), t("admin.tickets.void")]];
const VOIDABLE = ["created", "valid", "used"];

export function TicketsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
  const token = useToken();
  const phone = useIsPhone();
  const events = useEvents(token);
  const [event, choose] = useChosenEvent(events);
  const [types, setTypes] = useState<TicketType[]>([]);
  const [status, setStatus] = useState("");
  const [typeId, setTypeId] = useState("");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ items: Ticket[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (!event) return;
    apiGet("/api/events/{id}/ticket-types", { path: { id: event.id }, token }).then((r) => setTypes(r.items)).catch(() => setTypes([]));
  }, [token, event]);
  const latest = useRef(0);
  const load = useCallback(() => {
    if (!event) return;
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
    if (status) params.set("status", status);
    if (typeId) params.set("ticket_type_id", typeId);
    if (q.trim()) params.set("q", q.trim());
    const seq = ++latest.current;
    api<{ items: Ticket[]; total: number }>(`/api/events/${event.id}/tickets?${params}`, { token })
      .then((p) => {
        if (seq !== latest.current) return;
        setPage(p);
        setError(null);
      })
      .catch((e: ApiError) => seq === latest.current && setError(e.message));
  }, [token, event, status, typeId, q, offset]);
  useEffect(load, [load]);
  const reset = () => setOffset(0);
  const money = (item: Ticket) => (item.price ? formatMoney(item.price, item.currency ?? event?.currency ?? "EUR") : "—");

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.tickets.tickets")}</h1>
        <span className="flex max-w-full flex-wrap items-center gap-2">
          {/* The export takes the event and state filters (not the type or the search). */}
          {canEdit && event && <ExportButton kind="tickets" filters={{ event_id: event.id, status }} />}
          <EventPicker events={events} event={event} onChoose={(id) => { choose(id); reset(); setTypeId(""); }} />
        </span>
      </div>
      <div className="mb-4 flex flex-wrap gap-2">
        <select aria-label={t("admin.tickets.state")} className="rounded-lg border px-2 py-2" value={status} onChange={(e) => { setStatus(e.target.value); reset(); }}>
          {STATUSES().map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
        <select aria-label={t("admin.tickets.ticketType")} className="rounded-lg border px-2 py-2" value={typeId} onChange={(e) => { setTypeId(e.target.value); reset(); }}>
          <option value="">{t("admin.tickets.anyType")}</option>
          {types.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
        </select>
        <input aria-label={t("admin.tickets.searchTickets")} placeholder={t("admin.tickets.serialHolderNameOr")} className="min-w-0 flex-1 basis-full rounded-lg border px-3 py-2 sm:basis-0"
          value={q} onChange={(e) => { setQ(e.target.value); reset(); }} />
      </div>
      <ErrorBanner message={error} />
      {phone ? (
        <ul className="space-y-2" aria-label={t("admin.tickets.tickets")}>
          {page?.items.map((item) => (
            <li key={item.serial} className="rounded-xl bg-white p-3 shadow" data-testid={`ticket-${item.serial}`}>
              <div className="flex items-center justify-between gap-2">
                <span className="font-mono text-sm font-semibold">{item.serial}</span>
                <TicketStatusBadge status={item.status} />
              </div>
              <p className="mt-1 text-sm">{item.name || <span className="text-gray-500">{t("admin.tickets.noHolderYet")}</span>}{item.email ? ` · ${item.email}` : ""}</p>
              <p className="text-xs text-gray-500">{typeName(item.ticket_type) ?? "—"} · {money(item)}{item.holder_username ? ` · @${item.holder_username}` : ""}</p>
              <Button variant="ghost" className="mt-2 w-full py-1" onClick={() => setOpen(item.serial)}>{t("admin.tickets.details")}</Button>
            </li>
          ))}
          {page?.items.length === 0 && <li className="p-6 text-center text-gray-500">{t("admin.tickets.nothingHere")}</li>}
        </ul>
      ) : (
        <TableBox label={t("admin.tickets.ticketsTable")}>
          <table className="w-full text-left text-sm">
            <thead className="bg-gray-100 text-xs uppercase text-gray-600">
              <tr><th className="p-3"><span className="sr-only">{t("admin.tickets.details")}</span></th><th className="p-3">{t("admin.tickets.serial")}</th><th className="p-3">{t("admin.tickets.state")}</th><th className="p-3">{t("admin.tickets.type")}</th><th className="p-3">{t("admin.tickets.price")}</th>
                <th className="p-3">{t("admin.tickets.holder")}</th><th className="p-3">{t("admin.tickets.account")}</th><th className="p-3">{t("admin.tickets.issued")}</th></tr>
            </thead>
            <tbody>
              {page?.items.map((item) => (
                <tr key={item.serial} className="border-t" data-testid={`ticket-${item.serial}`}>
                  <td className="p-3"><Button variant="ghost" className="px-3 py-1" onClick={() => setOpen(item.serial)}>{t("admin.tickets.details")}</Button></td>
                  <td className="p-3 font-mono">{item.serial}</td>
                  <td className="p-3"><TicketStatusBadge status={item.status} /></td>
                  <td className="p-3">{typeName(item.ticket_type) ?? "—"}</td>
                  <td className="p-3">{money(item)}</td>
                  <td className="p-3">{item.name || "—"}{item.email && <span className="block break-all text-xs text-gray-600">{item.email}</span>}</td>
                  <td className="p-3">{item.holder_username ?? "—"}</td>
                  <td className="p-3">{formatTime(item.issued_at)}</td>
                </tr>
              ))}
              {page?.items.length === 0 && <tr><td className="p-6 text-center text-gray-500" colSpan={8}>{t("admin.tickets.nothingHere")}</td></tr>}
            </tbody>
          </table>
        </TableBox>
      )}
      {page && (
        <div className="mt-3 flex items-center justify-between text-sm">
          <span>{t("admin.tickets.range", { range: page.total === 0 ? "0" : `${offset + 1}–${Math.min(offset + PAGE_SIZE, page.total)}`, total: page.total.toLocaleString("en-US") })}</span>
          <span className="space-x-2">
            <Button variant="ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t("admin.tickets.previous")}</Button>
            <Button variant="ghost" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t("admin.tickets.next")}</Button>
          </span>
        </div>
      )}
      {open && <TicketDetails serial={open} canEdit={canEdit} onClose={() => setOpen(null)} onChanged={load} />}
    </section>
  );
}

type Action = null | "void" | "sell" | "reissue" | "allow-transfer";

/** The actions that take a reason (kept in the audit log): what each says and calls. */
const REASONED = () => ({
  void: { text: t("admin.tickets.theGateRefusesA"), label: t("admin.tickets.reasonRequiredKeptIn"),
    submit: t("admin.tickets.voidTicket"), variant: "danger", name: "void_reason",
    call: (token: string, serial: string, reason: string) => apiPost("/api/admin/tickets/{serial}/void", { path: { serial }, token, body: { reason } }) },
  reissue: { text: t("admin.tickets.theTicketGetsA"),
    label: t("admin.tickets.whyANewCode"), submit: t("admin.tickets.reIssueCode"), variant: "danger", name: "reissue_reason", call: reissueTicket },
  "allow-transfer": { text: t("admin.tickets.letsTheHolderOffer"),
    label: t("admin.tickets.reasonRequiredKeptIn"), submit: t("admin.tickets.allowTransfer"), variant: "primary", name: "allow_reason", call: allowTransferNow },
} as const);

export function TicketDetails({ serial, canEdit, onClose, onChanged }: { serial: string; canEdit: boolean; onClose(): void; onChanged(): void }) {
  const { t } = useT();
  const token = useToken();
  const [ticket, setTicket] = useState<TicketWithImages | null>(null);
  const [history, setHistory] = useState<TicketHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The printed ticket names the event's date and venue (the ticket itself carries only its name).
  const event = useEvents(token).find((e) => e.id === ticket?.event_id);
  const path = `/api/tickets/${encodeURIComponent(serial)}`;
  const load = useCallback(() => {
    api<TicketWithImages>(path, { token }).then(setTicket).catch((e: ApiError) => setError(e.message));
    api<Items<TicketHistoryEntry>>(`${path}/history`, { token }).then((r) => setHistory(r.items)).catch((e: ApiError) => setError(e.message));
  }, [path, token]);
  useEffect(load, [load]);
  const done = (message: string | null = null) => {
    setAction(null);
    setNotice(message);
    load();
    onChanged();
  };
  return (
    <Modal title={t("admin.tickets.ticket", { serial })} onClose={onClose}>
      <ErrorBanner message={error} />
      {ticket && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-gray-500">{t("admin.tickets.state")}</dt><dd><TicketStatusBadge status={ticket.status} /></dd>
          <dt className="text-gray-500">{t("admin.tickets.event")}</dt><dd>{ticket.event_name}</dd>
          <dt className="text-gray-500">{t("admin.tickets.type")}</dt><dd>{typeName(ticket.ticket_type) ?? "—"}{ticket.price ? ` · ${formatMoney(ticket.price, ticket.currency ?? "EUR")}` : ""}</dd>
          <dt className="text-gray-500">{t("admin.tickets.holder")}</dt><dd>{ticket.name || "—"}{ticket.email ? ` · ${ticket.email}` : ""}</dd>
          {(ticket.purchaser_name || ticket.purchaser_email) && <><dt className="text-gray-500">{t("admin.tickets.purchaser")}</dt>
            <dd data-testid="ticket-purchaser">{[ticket.purchaser_name, ticket.purchaser_email].filter(Boolean).join(" · ")}</dd></>}
          <dt className="text-gray-500">{t("admin.tickets.account")}</dt><dd>{ticket.holder_username ?? "—"}</dd>
          <dt className="text-gray-500">{t("admin.tickets.code")}</dt><dd>#{ticket.code_id}</dd>
          {ticket.claim_code && <><dt className="text-gray-500">{t("admin.tickets.claimCode")}</dt><dd><ClaimCode code={ticket.claim_code} /></dd></>}
          {ticket.used_at && <><dt className="text-gray-500">{t("admin.tickets.used")}</dt><dd>{formatTime(ticket.used_at)}</dd></>}
          {ticket.inside !== undefined && <><dt className="text-gray-500">{t("admin.tickets.inside")}</dt>
            <dd data-testid="ticket-inside">{ticket.inside ? t("admin.tickets.yesCameInAt", { inside_gate: gateName(ticket.inside_gate) }) : t("admin.tickets.no")}</dd></>}
          {ticket.void_reason && <><dt className="text-gray-500">{t("admin.tickets.void")}</dt><dd>{ticket.void_reason}</dd></>}
        </dl>
      )}
      <h3 className="mt-4 mb-1 font-semibold">{t("admin.tickets.history")}</h3>
      <ol className="max-h-48 space-y-1 overflow-y-auto text-sm" aria-label={t("admin.tickets.history")} tabIndex={0}>
        {history?.map((h) => (
          <li key={h.id} className="rounded bg-gray-50 px-2 py-1">
            <span className="font-semibold" data-action={h.action}>{historyActionLabel(h.action)}</span> · {formatTime(h.at)}{h.actor ? ` · ${h.actor}` : ""}
            {(h.from_holder || h.to_holder) && <span className="block text-xs text-gray-600">{h.from_holder ?? "—"} → {h.to_holder ?? "—"}</span>}
            {h.new_code_id !== null && h.old_code_id !== null && h.new_code_id !== h.old_code_id &&
              <span className="block text-xs text-gray-600">{t("admin.tickets.codeA", { old_code_id: h.old_code_id, new_code_id: h.new_code_id })}</span>}
          </li>
        ))}
        {history?.length === 0 && <li className="text-gray-500">{t("admin.tickets.noHistory")}</li>}
      </ol>
      {canEdit && !action && ticket && canHandOver(ticket.status) && (
        <div className="mt-4 border-t pt-3">
          <p className="mb-2 text-sm font-medium">{t("admin.tickets.handOver")}</p>
          <TicketHandover ticket={ticket} event={event ?? { name: ticket.event_name, venue: null, starts_at: null }} links />
          <TicketMailActions serial={ticket.serial} status={ticket.status} resend={false} />
        </div>
      )}
      <TicketScans serial={serial} />
      {notice && <p role="status" className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{notice}</p>}
      {(action === "void" || action === "reissue" || action === "allow-transfer") && ticket &&
        <ReasonForm kind={action} serial={serial} onCancel={() => setAction(null)} onDone={() => done(
          action === "reissue" ? t("admin.tickets.newCodeIssuedThe")
            : action === "allow-transfer" ? t("admin.tickets.theHolderMayOffer") : null)} />}
      {action === "sell" && ticket && <SellOneForm ticket={ticket} onCancel={() => setAction(null)} onDone={() => done()} />}
      {!action && (
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          {canEdit && ticket?.status === "created" && <Button variant="success" onClick={() => setAction("sell")}>{t("admin.tickets.sell")}</Button>}
          {canEdit && ticket?.status === "valid" && <Button variant="ghost" onClick={() => setAction("reissue")}>{t("admin.tickets.reIssueCode")}</Button>}
          {canEdit && ticket?.status === "valid" && ticket.holder_username &&
            <Button variant="ghost" onClick={() => setAction("allow-transfer")}>{t("admin.tickets.allowTransferNow")}</Button>}
          {canEdit && ticket && VOIDABLE.includes(ticket.status) && <Button variant="danger" onClick={() => setAction("void")}>{t("admin.tickets.void")}</Button>}
          <Button onClick={onClose}>{t("admin.tickets.close")}</Button>
        </div>
      )}
    </Modal>
  );
}

/** The claim code of a ticket no account holds (admins only): read out or copied for the holder,
 *  who adds the ticket to their account with it. The same code is printed on the PDF beside the QR. */
export function ClaimCode({ code }: { code: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => setCopied(null), [code]);
  function copy() {
    const done = () => setCopied(t("admin.tickets.copied"));
    const failed = () => setCopied(t("admin.tickets.couldNotCopySelect"));
    if (!navigator.clipboard) return failed();
    navigator.clipboard.writeText(code).then(done, failed);
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="select-all font-mono font-semibold" data-testid="claim-code">{code}</span>
      <Button type="button" variant="ghost" className="px-2 py-0.5 text-xs" aria-label={t("admin.tickets.copyTheClaimCode")} onClick={copy}>{t("admin.tickets.copy")}</Button>
      {copied && <span role="status" className="text-xs text-gray-600">{copied}</span>}
      <span className="basis-full text-xs text-gray-500">{t("admin.tickets.giveItToThe")}</span>
    </span>
  );
}

function ReasonForm({ kind, serial, onCancel, onDone }: { kind: keyof ReturnType<typeof REASONED>; serial: string; onCancel(): void; onDone(): void }) {
  const { t } = useT();
  const token = useToken();
  const copy = REASONED()[kind];
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError(t("admin.tickets.aReasonIsRequired"));
    setBusy(true);
    try {
      await copy.call(token, serial, reason.trim());
      onDone();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="mt-4 space-y-2 border-t pt-3" onSubmit={submit} aria-label={copy.submit}>
      <p className="text-sm text-gray-600">{copy.text}</p>
      <Field label={copy.label} name={copy.name} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      <ErrorBanner message={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>{t("admin.tickets.cancel")}</Button>
        <Button type="submit" variant={copy.variant} disabled={busy}>{copy.submit}</Button>
      </div>
    </form>
  );
}

function SellOneForm({ ticket, onCancel, onDone }: { ticket: Ticket; onCancel(): void; onDone(): void }) {
  const { t } = useT();
  const token = useToken();
  const [buyerName, setBuyerName] = useState("");
  const [buyerEmail, setBuyerEmail] = useState("");
  const [price, setPrice] = useState(ticket.price ?? "");
  const [holder, setHolder] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const priceProblem = price.trim() ? moneyError(price) : null;
    if (priceProblem) return setFields({ price: priceProblem });
    const body: BodyOf<"/api/tickets/{serial}/sell", "post"> = { buyer_name: buyerName.trim(), buyer_email: buyerEmail.trim() };
    if (price.trim() && price.trim() !== ticket.price) body.price = normalizeMoney(price);
    if (holder.trim()) body.holder_username = holder.trim();
    try {
      await apiPost("/api/tickets/{serial}/sell", { path: { serial: ticket.serial }, token, body });
      onDone();
    } catch (err) {
      setFields((err as ApiError).fields);
      setError((err as ApiError).message);
    }
  }
  return (
    <form className="mt-4 space-y-2 border-t pt-3" onSubmit={submit} aria-label={t("admin.tickets.sellThisTicket")}>
      <Field label={t("admin.tickets.buyerName")} name="one_buyer_name" required value={buyerName} onChange={(e) => setBuyerName(e.target.value)} error={fields.buyer_name} />
      <Field label={t("admin.tickets.buyerEmail")} name="one_buyer_email" type="email" required value={buyerEmail} onChange={(e) => setBuyerEmail(e.target.value)} error={fields.buyer_email} />
      <Field label={t("admin.tickets.price")} name="one_price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} error={fields.price} />
      <Field label={t("admin.tickets.holderAccountOptional")} name="one_holder" value={holder} onChange={(e) => setHolder(e.target.value)} error={fields.holder_username} />
      <ErrorBanner message={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>{t("admin.tickets.cancel")}</Button>
        <Button type="submit" variant="success">{t("admin.tickets.sellTicket")}</Button>
      </div>
    </form>
  );
}
