// Box office for one event: its ticket types (price in the event's currency, quota, generated /
// sold / available), bulk generation with a live progress bar and the batch's CSV and PDF sheets,
// and selling tickets to a buyer: each sold ticket is handed over on the spot (print, PDF, QR full
// screen, mail again; tickets/TicketHandover), "sold out" is said plainly. A type's card has Edit.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api, ApiError, downloadWithToken, apiGet, apiPost, type BodyOf } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatMoney, moneyError, multiplyMoney, normalizeMoney } from "../../lib/money";
import { useJob } from "../../lib/useJob";
import type { Event, GenerateResult, Sale, TicketType } from "../../lib/types";
import { Button, ErrorBanner, Field } from "../../components/ui";
import { Select } from "../../components/widgets";
import { JobProgress } from "../../components/JobProgress";
import { EventPicker, useChosenEvent, useEvents } from "./useEvents";
import { PrintAll, TicketHandover } from "./tickets/TicketHandover";
import { EditTicketType, OtherNames } from "./tickets/TicketTypesEditor";
import { namesMap, otherNames } from "./translations";
import { languageName } from "./EventTranslations";
import { LOCALES, type Locale } from "../../i18n/locales";
import { useT } from "../../i18n/I18nProvider";

const SHEET_SIZE = 500;  // the server's most QR codes per PDF sheet

export function BoxOfficePage({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
  const token = useToken();
  const events = useEvents(token);
  const [event, choose] = useChosenEvent(events);
  const [types, setTypes] = useState<TicketType[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<TicketType | null>(null);
  // Only the newest request may show its answer: after switching events, a slower answer for the
  // event chosen before must not replace the new event's types (or leave its error behind).
  const latest = useRef(0);
  const load = useCallback(() => {
    if (!event) return;
    const request = ++latest.current;
    apiGet("/api/events/{id}/ticket-types", { path: { id: event.id }, token })
      .then((r) => {
        if (request !== latest.current) return;
        setTypes(r.items);
        setError(null);
      })
      .catch((e: ApiError) => {
        if (request === latest.current) setError(e.message);
      });
  }, [token, event]);
  useEffect(load, [load]);
  const currency = event?.currency ?? types?.[0]?.currency ?? "EUR";

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.boxOffice.boxOffice")}</h1>
        <EventPicker events={events} event={event} onChoose={choose} />
      </div>
      {event && <p className="text-sm text-gray-600">{t("admin.boxOffice.pricesIn")} <strong data-testid="event-currency">{currency}</strong> {t("admin.boxOffice.theEventsCurrencyChange")}</p>}
      <ErrorBanner message={error} />
      {event && types && (
        <>
          <TicketTypes types={types} onEdit={canEdit ? setEditing : undefined} />
          {editing && <EditTicketType type={editing} defaultLocale={event.default_locale} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); load(); }} />}
          {canEdit && <NewTicketType event={event} onCreated={load} />}
          {canEdit && types.length > 0 && <Generate event={event} types={types} onFinished={load} />}
          {canEdit && types.length > 0 && <Sell event={event} types={types} onSold={load} />}
        </>
      )}
    </section>
  );
}

function TicketTypes({ types, onEdit }: { types: TicketType[]; onEdit?(t: TicketType): void }) {
  const { t } = useT();
  if (types.length === 0) return <p className="rounded-xl bg-white p-4 shadow">{t("admin.boxOffice.noTicketTypesYet")}</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label={t("admin.boxOffice.ticketTypes")}>
      {types.map((item) => (
        <article key={item.id} className="rounded-xl bg-white p-4 shadow" data-testid={`ticket-type-${item.id}`}>
          <h2 className="flex items-baseline justify-between gap-2 font-bold">
            <span>{item.name}</span><span className="text-lg">{formatMoney(item.price, item.currency)}</span>
          </h2>
          <dl className="mt-2 grid grid-cols-4 gap-1 text-center text-sm">
            {([[t("admin.boxOffice.quota"), item.quota ?? "∞"], [t("admin.boxOffice.generated"), item.generated], [t("admin.boxOffice.sold"), item.sold], [t("admin.boxOffice.availableA"), item.available]] as const).map(([k, v]) => (
              <div key={k} className="rounded-lg bg-gray-50 p-1">
                <dd className="font-bold" data-testid={`${k.toLowerCase()}-${item.id}`}>{typeof v === "number" ? v.toLocaleString("en-US") : v}</dd>
                <dt className="text-xs text-gray-500">{k}</dt>
              </div>
            ))}
          </dl>
          {onEdit && <Button type="button" variant="ghost" className="mt-2 px-3 py-1 text-sm" onClick={() => onEdit(item)}
            aria-label={t("admin.boxOffice.editTicketType", { name: item.name })}>{t("admin.boxOffice.edit")}</Button>}
        </article>
      ))}
    </div>
  );
}

function NewTicketType({ event, onCreated }: { event: Event; onCreated(): void }) {
  const { t } = useT();
  const token = useToken();
  const [name, setName] = useState("");
  const [price, setPrice] = useState("");
  const [quota, setQuota] = useState("");
  const [names, setNames] = useState(() => otherNames({}, event.default_locale));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const priceProblem = moneyError(price);
    if (priceProblem) return setFields({ price: priceProblem });
    setFields({});
    setError(null);
    const translated = namesMap(event.default_locale, name, names);  // undefined: no other language filled
    try {
      await api(`/api/events/${event.id}/ticket-types`, { token,
        body: { name: name.trim(), price: normalizeMoney(price), ...(quota ? { quota: Number(quota) } : {}),
          ...(translated ? { name_i18n: translated } : {}) } });
      setName("");
      setNames(otherNames({}, event.default_locale));
      setPrice("");
      setQuota("");
      onCreated();
    } catch (err) {
      setFields((err as ApiError).fields);
      setError((err as ApiError).message);
    }
  }
  return (
    <form className="rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label={t("admin.boxOffice.newTicketType")}>
      <h2 className="mb-3 font-bold">{t("admin.boxOffice.newTicketType")}</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t("admin.boxOffice.typeName")} name="type_name" value={name} required onChange={(e) => setName(e.target.value)} error={fields.name} />
        <Field label={t("admin.boxOffice.price", { value: event.currency ?? "EUR" })} name="price" inputMode="decimal" placeholder="25.00" value={price} required
          onChange={(e) => setPrice(e.target.value)} error={fields.price} />
        <Field label={t("admin.boxOffice.quotaOptional")} name="quota" type="number" min={1} value={quota} onChange={(e) => setQuota(e.target.value)} error={fields.quota} />
      </div>
      <div className="mt-3"><OtherNames prefix="new_" defaultLocale={event.default_locale} names={names} onNames={setNames} errors={fields} /></div>
      <ErrorBanner message={error} />
      <Button type="submit" className="mt-3">{t("admin.boxOffice.addTicketType")}</Button>
    </form>
  );
}

function Generate({ event, types, onFinished }: { event: Event; types: TicketType[]; onFinished(): void }) {
  const { t } = useT();
  const token = useToken();
  const [typeId, setTypeId] = useState(String(types[0].id));
  const [count, setCount] = useState("100");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { job, error: pollError, start } = useJob(token, onFinished);
  const running = !!job && job.status !== "done" && job.status !== "failed";
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      start(await apiPost("/api/events/{id}/tickets/generate", { path: { id: event.id }, token, body: { count: Number(count), ticket_type_id: Number(typeId) } }));
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "quota_exceeded" ? t("admin.boxOffice.notGenerated", { message: ae.message }) : ae.message);
    } finally {
      setBusy(false);
    }
  }
  const result = job?.status === "done" ? (job.result as unknown as GenerateResult | null) : null;
  return (
    <form className="rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label={t("admin.boxOffice.generateTickets")}>
      <h2 className="mb-3 font-bold">{t("admin.boxOffice.generateTickets")}</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Select label={t("admin.boxOffice.ticketType")} name="generate_type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
          {types.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
        </Select>
        <Field label={t("admin.boxOffice.howMany")} name="count" type="number" min={1} max={1000000} required value={count} onChange={(e) => setCount(e.target.value)} />
        <div className="flex items-end"><Button type="submit" disabled={busy || running} className="w-full">{t("admin.boxOffice.generate")}</Button></div>
      </div>
      <div className="mt-3 space-y-3">
        <ErrorBanner message={error ?? pollError} />
        {job && <JobProgress job={job} label={t("admin.boxOffice.ticketGeneration")} />}
        {result && <BatchDownloads result={result} total={job!.total} />}
      </div>
    </form>
  );
}

function BatchDownloads({ result, total }: { result: GenerateResult; total: number }) {
  const { t } = useT();
  const token = useToken();
  const [error, setError] = useState<string | null>(null);
  const get = (path: string, name: string) => downloadWithToken(path, token, name).catch((e: Error) => setError(e.message));
  const sheets = [];
  for (let offset = 0; offset < total; offset += SHEET_SIZE) sheets.push(offset);
  return (
    <div className="rounded-lg bg-emerald-50 p-3" data-testid="batch-result">
      <p className="text-sm">{t("admin.boxOffice.batch")} {result.batch_id}: <span className="font-mono">{result.first_serial}</span> … <span className="font-mono">{result.last_serial}</span></p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button type="button" variant="ghost" onClick={() => get(`/api/batches/${result.batch_id}/export.csv`, `batch-${result.batch_id}.csv`)}>
          {t("admin.boxOffice.downloadCsv")}
        </Button>
        {sheets.map((offset) => (
          <Button key={offset} type="button" variant="ghost"
            onClick={() => get(`/api/batches/${result.batch_id}/sheet.pdf?offset=${offset}&limit=${SHEET_SIZE}`, `batch-${result.batch_id}-${offset + 1}.pdf`)}>
            {t("admin.boxOffice.pdfSheet")} {offset + 1}–{Math.min(offset + SHEET_SIZE, total)}
          </Button>
        ))}
      </div>
      <ErrorBanner message={error} />
    </div>
  );
}

function Sell({ event, types, onSold }: { event: Event; types: TicketType[]; onSold(): void }) {
  const { t, locale } = useT();
  const token = useToken();
  const [typeId, setTypeId] = useState(String(types[0].id));
  const [buyerName, setBuyerName] = useState("");
  const [buyerEmail, setBuyerEmail] = useState("");
  const [quantity, setQuantity] = useState("1");
  const [holder, setHolder] = useState("");
  // The buyer's language (their mails and ticket PDF): asked, not taken from the seller's browser.
  const [buyerLocale, setBuyerLocale] = useState<Locale>(event.default_locale);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ soldOut: boolean; message: string } | null>(null);
  const [sale, setSale] = useState<Sale | null>(null);
  const [busy, setBusy] = useState(false);
  const type = types.find((item) => String(item.id) === typeId);
  const preview = type ? multiplyMoney(type.price, Number(quantity)) : null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    setSale(null);
    try {
      const body: BodyOf<"/api/events/{id}/sell", "post"> = { ticket_type_id: Number(typeId), buyer_name: buyerName.trim(), buyer_email: buyerEmail.trim(),
        quantity: Number(quantity), locale: buyerLocale };
      if (holder.trim()) body.holder_username = holder.trim();
      setSale(await apiPost("/api/events/{id}/sell", { path: { id: event.id }, token, body }));
      onSold();
    } catch (err) {
      const ae = err as ApiError;
      setFields(ae.fields);
      setError({ soldOut: ae.code === "sold_out", message: ae.message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label={t("admin.boxOffice.sellTickets")}>
      <h2 className="mb-3 font-bold">{t("admin.boxOffice.sellTickets")}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <Select label={t("admin.boxOffice.ticketTypeToSell")} name="sell_type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
          {types.map((item) => <option key={item.id} value={item.id}>{t("admin.boxOffice.available", { name: item.name, value: item.available.toLocaleString("en-US") })}</option>)}
        </Select>
        <Field label={t("admin.boxOffice.quantity")} name="quantity" type="number" min={1} max={50} required value={quantity}
          onChange={(e) => setQuantity(e.target.value)} error={fields.quantity} />
        <Field label={t("admin.boxOffice.buyerName")} name="buyer_name" required value={buyerName} onChange={(e) => setBuyerName(e.target.value)} error={fields.buyer_name} />
        <Field label={t("admin.boxOffice.buyerEmail")} name="buyer_email" type="email" required value={buyerEmail} onChange={(e) => setBuyerEmail(e.target.value)} error={fields.buyer_email} />
        <Field label={t("admin.boxOffice.holderAccountOptional")} name="holder_username" value={holder} onChange={(e) => setHolder(e.target.value)}
          error={fields.holder_username} hint={t("admin.boxOffice.aTicketHoldersUsername")} />
        <Select label={t("admin.boxOffice.buyerLanguage")} name="buyer_locale" value={buyerLocale} onChange={(e) => setBuyerLocale(e.target.value as Locale)}>
          {LOCALES.map((l) => <option key={l} value={l}>{languageName(l, locale)}</option>)}
        </Select>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button type="submit" variant="success" disabled={busy}>{t("admin.boxOffice.sell")}</Button>
        {preview && type && <span className="text-sm text-gray-600">{t("admin.boxOffice.total", { preview: formatMoney(preview, type.currency) })}</span>}
      </div>
      {error?.soldOut && (
        <div role="alert" className="mt-3 rounded-lg border-2 border-red-600 bg-red-50 p-3 text-red-800" data-testid="sold-out">
          <p className="text-lg font-extrabold">{t("admin.boxOffice.soldOut")}</p>
          <p>{error.message}</p>
        </div>
      )}
      {error && !error.soldOut && <div className="mt-3"><ErrorBanner message={error.message} /></div>}
      {sale && (
        <div className="mt-3 rounded-lg bg-emerald-50 p-3" data-testid="sale-result">
          <p className="font-semibold">{t("admin.boxOffice.soldToTotal", { quantity: sale.quantity, unit_price: formatMoney(sale.unit_price, sale.currency), buyer_name: sale.buyer_name, total: formatMoney(sale.total, sale.currency) })}</p>
          {sale.locale && <p className="text-sm" data-testid="sale-locale">{t("admin.boxOffice.mailsIn", { language: languageName(sale.locale, locale) })}</p>}
          <div className="mt-2"><PrintAll tickets={sale.tickets} event={event} /></div>
          <ul className="mt-2 space-y-3" aria-label={t("admin.boxOffice.soldTickets")}>
            {sale.tickets.map((item) => (
              <li key={item.serial} className="space-y-1">
                <p className="font-mono text-sm font-semibold" data-testid="sold-serial">{item.serial}</p>
                <TicketHandover ticket={item} event={event} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
