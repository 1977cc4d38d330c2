// Public page: pick an event, fill the form, see what happens next.
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { api, ApiError, apiGet } from "../../lib/api-client";
import type { Event, Submitted } from "../../lib/types";
import { formatTime } from "../../lib/format";
import { Button, ErrorBanner, Field } from "../../components/ui";
import { TicketQr } from "../../components/TicketQr";
import { alreadyRegisteredMessage } from "./already-registered";
import { validateRegistration, type FieldErrors, type RegistrationForm } from "./validation";

const EMPTY: RegistrationForm = { name: "", email: "", phone: "", team_name: "", members: "", amount: "" };

export function RegisterPage() {
  const [events, setEvents] = useState<Event[] | null>(null);
  const [eventId, setEventId] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    apiGet("/api/events", { query: { limit: 200 } })
      .then((p) => {
        // Box-office-only events are sold by staff, not offered here (sales_channel).
        const open = p.items.filter((e) => e.sales_channel !== "box_office");
        setEvents(open);
        if (open.length === 1) setEventId(open[0].id);
      })
      .catch((e: ApiError) => setLoadError(e.message));
  }, []);
  const event = events?.find((e) => e.id === eventId) ?? null;

  return (
    <main className="mx-auto max-w-xl p-4 sm:p-8">
      <header className="mb-6 flex items-center justify-between">
        <h1 className="text-3xl font-extrabold">Register</h1>
        {/* Visitors only: staff open /admin and /scan themselves. */}
        <nav className="space-x-3 text-sm text-gray-500"><Link to="/my">My tickets</Link></nav>
      </header>
      <ErrorBanner message={loadError} />
      {events && events.length === 0 && <p className="text-gray-600">No events are open for registration right now.</p>}
      {events && events.length > 0 && (
        <label className="mb-6 block">
          <span className="block text-sm font-medium text-gray-700">Event</span>
          <select name="event" className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2" value={eventId ?? ""}
            onChange={(e) => setEventId(Number(e.target.value) || null)}>
            <option value="">Choose an event…</option>
            {events.map((e) => (
              <option key={e.id} value={e.id}>{e.name}{e.starts_at ? ` — ${formatTime(e.starts_at)}` : ""}</option>
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
    for (const [k, v] of Object.entries(form)) if (v.trim()) data.set(k, v.trim());
    if (file) data.set("attachment", file, file.name);
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
        } else setFailure("Too many registrations from your network; try again in a minute.");
      } else if (apiErr.code === "already_registered") {
        setErrors({ email: "already registered for this event" });
        setFailure(alreadyRegisteredMessage(apiErr.body));
      } else if (apiErr.code === "duplicate_email") {
        // This email already holds its ticket(s) for an event without approval: say so at the email field.
        setErrors({ ...(apiErr.fields as FieldErrors), email: apiErr.fields.email ?? "already has a ticket for this event" });
        setFailure(apiErr.message);
      } else {
        setErrors(apiErr.fields as FieldErrors);
        setFailure(apiErr.message);
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
            <h2 className="text-2xl font-bold text-emerald-700">You're in!</h2>
            <p className="mt-2">Show this code at the entrance of <b>{done.ticket.event_name}</b>. Save a screenshot of it.</p>
            <div className="my-4"><TicketQr payload={done.ticket.qr_payload} /></div>
            <p className="text-center font-mono text-lg">{done.ticket.serial}</p>
          </>
        ) : (
          <>
            <h2 className="text-2xl font-bold">Thanks, {form.name.trim()}!</h2>
            <p className="mt-2">Your registration for <b>{event.name}</b> is <b>pending approval</b> (reference #{done.id}).</p>
            <p className="mt-2 text-gray-600">An organiser will review it. Once approved, you receive your ticket with its QR code.</p>
          </>
        )}
      </section>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-xl bg-white p-6 shadow">
      <h2 className="text-xl font-bold">{event.name}</h2>
      {event.venue && <p className="text-gray-600">{event.venue}{event.starts_at && ` · ${formatTime(event.starts_at)}`}</p>}
      {event.description && <p className="whitespace-pre-line text-gray-700" data-testid="event-description">{event.description}</p>}
      <Field label="Full name" name="name" value={form.name} onChange={set("name")} error={errors.name} autoComplete="name" required />
      <Field label="Email" name="email" type="email" value={form.email} onChange={set("email")} error={errors.email} autoComplete="email" required />
      <Field label="Phone (optional)" name="phone" type="tel" value={form.phone} onChange={set("phone")} error={errors.phone} autoComplete="tel" />
      <Field label="Team name (optional)" name="team_name" value={form.team_name} onChange={set("team_name")} error={errors.team_name} />
      <label className="block">
        <span className="block text-sm font-medium text-gray-700">Team members (optional, one per line)</span>
        <textarea name="members" rows={3} value={form.members} onChange={set("members")}
          className={`mt-1 w-full rounded-lg border px-3 py-2 ${errors.members ? "border-red-500" : "border-gray-300"}`} />
        {errors.members && <span role="alert" className="text-sm text-red-600">{errors.members}</span>}
      </label>
      <Field label="Amount paid (optional)" name="amount" inputMode="decimal" placeholder="12.50" value={form.amount}
        onChange={set("amount")} error={errors.amount} />
      <label className="block">
        <span className="block text-sm font-medium text-gray-700">Payment screenshot or PDF (optional, max 5 MB)</span>
        <input name="attachment" type="file" accept="image/png,image/jpeg,image/webp,image/gif,application/pdf"
          className="mt-1 block w-full text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        {errors.attachment && <span role="alert" className="text-sm text-red-600">{errors.attachment}</span>}
      </label>
      <ErrorBanner message={retryAt !== null
        ? `Too many registrations from your network; try again in ${waitLeft} second${waitLeft === 1 ? "" : "s"}.` : failure} />
      <Button type="submit" disabled={busy || retryAt !== null} className="w-full py-3 text-lg">{busy ? "Sending…" : "Register"}</Button>
      <p className="text-xs text-gray-500">
        {event.requires_approval ? "An organiser approves each registration before a ticket is issued." : "Your ticket is issued at once."}
      </p>
    </form>
  );
}
