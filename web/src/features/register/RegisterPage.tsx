// Public page: pick an event, fill the form, see what happens next.
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { api, ApiError, apiGet } from "../../lib/api-client";
import type { Event, Submitted } from "../../lib/types";
import { formatEventTime } from "../../lib/format";
import { Button, ErrorBanner, Field } from "../../components/ui";
import { TicketQr } from "../../components/TicketQr";
import { TicketArrival } from "./TicketArrival";
import { alreadyRegisteredMessage } from "./already-registered";
import { normaliseAmount, validateRegistration, type FieldErrors, type RegistrationForm } from "./validation";
import { LanguageSwitcher } from "../../components/LanguageSwitcher";
import { FilePicker } from "../../components/FilePicker";
import { useT } from "../../i18n/I18nProvider";
import { currentLocale } from "../../i18n/runtime";
import { errorText, fieldErrors } from "../../i18n/errors";

const EMPTY: RegistrationForm = { name: "", email: "", phone: "", team_name: "", members: "", amount: "" };

export function RegisterPage() {
  const [events, setEvents] = useState<Event[] | null>(null);
  const [eventId, setEventId] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { t } = useT();
  useEffect(() => {
    apiGet("/api/events", { query: { limit: 200 } })
      .then((p) => {
        // Box-office-only events are sold by staff, not offered here (sales_channel).
        const open = p.items.filter((e) => e.sales_channel !== "box_office");
        setEvents(open);
        if (open.length === 1) setEventId(open[0].id);
      })
      .catch((e: ApiError) => setLoadError(errorText(e)));
  }, []);
  const event = events?.find((e) => e.id === eventId) ?? null;

  return (
    <main className="mx-auto max-w-xl p-4 sm:p-8">
      <header className="mb-6 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-3xl font-extrabold">{t("register.title")}</h1>
        {/* Visitors only: staff open /admin and /scan themselves. */}
        <nav className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-500"><Link to="/my">{t("nav.myTickets")}</Link>
          <LanguageSwitcher /></nav>
      </header>
      <ErrorBanner message={loadError} />
      {events && events.length === 0 && <p className="text-gray-600">{t("register.noEvents")}</p>}
      {events && events.length > 0 && (
        <label className="mb-6 block">
          <span className="block text-sm font-medium text-gray-700">{t("register.event")}</span>
          <select name="event" className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2" value={eventId ?? ""}
            onChange={(e) => setEventId(Number(e.target.value) || null)}>
            <option value="">{t("register.chooseEvent")}</option>
            {events.map((e) => (
              <option key={e.id} value={e.id}>{e.name}{e.starts_at ? ` — ${formatEventTime(e.starts_at, e.time_zone)}` : ""}</option>
            ))}
          </select>
        </label>
      )}
      {event && <RegistrationFormCard key={event.id} event={event} />}
    </main>
  );
}

function RegistrationFormCard({ event }: { event: Event }) {
  const [form, setForm] = useState<RegistrationForm>(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Submitted | null>(null);
  const { t, rich } = useT();
  // After a 429: when sending is allowed again (ms since epoch), and the seconds left, counted down.
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [waitLeft, setWaitLeft] = useState(0);
  useEffect(() => {
    if (retryAt === null) return;
    const tick = () => {
      const left = Math.ceil((retryAt - Date.now()) / 1000);
      if (left <= 0) {
        setRetryAt(null);
        setWaitLeft(0);
      } else setWaitLeft(left);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  const set = (k: keyof RegistrationForm) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = validateRegistration(form, file);
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    const data = new FormData();
    data.set("event_id", String(event.id));
    for (const [k, v] of Object.entries(form)) if (v.trim()) data.set(k, k === "amount" ? normaliseAmount(v) : v.trim());
    if (file) data.set("attachment", file, file.name);
    data.set("locale", currentLocale());  // mails to this person in the language they read (issue 24)
    setBusy(true);
    try {
      setDone(await api<Submitted>("/api/register", { form: data }));
    } catch (err) {
      const apiErr = err as ApiError;
      if (apiErr.status === 429) {
        // The public rate limit (per network address): say how long to wait rather than the raw message.
        setErrors({});
        if (apiErr.retryAfter !== null && apiErr.retryAfter > 0) {
          setWaitLeft(apiErr.retryAfter);
          setRetryAt(Date.now() + apiErr.retryAfter * 1000);
        } else setFailure(t("register.tooManyMinute"));
      } else if (apiErr.code === "already_registered") {
        setErrors({ email: t("register.alreadyField") });
        setFailure(alreadyRegisteredMessage(apiErr.body));
      } else if (apiErr.code === "duplicate_email") {
        // This email already holds its ticket(s) for an event without approval: say so at the email field.
        const fields = fieldErrors<keyof FieldErrors>(apiErr.fields);
        setErrors({ ...fields, email: fields.email ?? t("register.emailHasTicket") });
        setFailure(errorText(apiErr));
      } else {
        setErrors(fieldErrors<keyof FieldErrors>(apiErr.fields));
        setFailure(errorText(apiErr));
      }
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <section className="rounded-xl bg-white p-6 shadow" aria-live="polite">
        {done.ticket ? (
          <>
            <h2 className="text-2xl font-bold text-emerald-700">{t("register.doneTitle")}</h2>
            <p className="mt-2">{rich("register.doneShow", { event: done.ticket.event_name, b: (c) => <b>{c}</b> })}</p>
            <div className="my-4"><TicketQr payload={done.ticket.qr_payload} /></div>
            <p className="text-center font-mono text-lg">{done.ticket.serial}</p>
            <TicketArrival email={form.email} pending={false} />
          </>
        ) : (
          <>
            <h2 className="text-2xl font-bold">{t("register.thanks", { name: form.name.trim() })}</h2>
            <p className="mt-2">{rich("register.pending", { event: event.name, id: done.id, b: (c) => <b>{c}</b> })}</p>
            <p className="mt-2 text-gray-600">{t("register.review")}</p>
            <TicketArrival email={form.email} pending />
          </>
        )}
      </section>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-xl bg-white p-6 shadow">
      <h2 className="text-xl font-bold">{event.name}</h2>
      {event.venue && <p className="text-gray-600">{event.venue}{event.starts_at && ` · ${formatEventTime(event.starts_at, event.time_zone)}`}</p>}
      {event.description && <p className="whitespace-pre-line text-gray-700" data-testid="event-description">{event.description}</p>}
      <Field label={t("field.fullName")} name="name" value={form.name} onChange={set("name")} error={errors.name} autoComplete="name" required />
      <Field label={t("field.email")} name="email" type="email" value={form.email} onChange={set("email")} error={errors.email} autoComplete="email" required />
      <Field label={t("field.phoneOptional")} name="phone" type="tel" value={form.phone} onChange={set("phone")} error={errors.phone} autoComplete="tel" />
      <Field label={t("field.teamOptional")} name="team_name" value={form.team_name} onChange={set("team_name")} error={errors.team_name} />
      <label className="block">
        <span className="block text-sm font-medium text-gray-700">{t("field.members")}</span>
        <textarea name="members" rows={3} value={form.members} onChange={set("members")}
          className={`mt-1 w-full rounded-lg border px-3 py-2 ${errors.members ? "border-red-500" : "border-gray-300"}`} />
        {errors.members && <span role="alert" className="text-sm text-red-600">{errors.members}</span>}
      </label>
      <Field label={t("field.amountPaid")} name="amount" inputMode="decimal" placeholder={(12.5).toLocaleString(currentLocale(), { minimumFractionDigits: 2 })} value={form.amount}
        onChange={set("amount")} error={errors.amount} />
      <FilePicker label={t("field.attachment")} name="attachment" accept="image/png,image/jpeg,image/webp,image/gif,application/pdf"
        file={file} onFile={setFile} error={errors.attachment} />
      <ErrorBanner message={retryAt !== null
        ? t("register.tooManyWait", { n: waitLeft }) : failure} />
      <Button type="submit" disabled={busy || retryAt !== null} className="w-full py-3 text-lg">{busy ? t("common.sending") : t("register.submit")}</Button>
      <p className="text-xs text-gray-500">
        {event.requires_approval ? t("register.needsApproval") : t("register.issuedAtOnce")}
      </p>
    </form>
  );
}
