// Events: list, create, edit. Times are shown and entered on the event's clock (its time zone).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, apiGet, apiPatch, apiPost, type BodyOf } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import type { Event } from "../../lib/types";
import { browserTimeZone, formatEventTime, fromZonedInput, timeZoneChoices, toZonedInput } from "../../lib/format";
import { Button, ErrorBanner, Field, Modal } from "../../components/ui";
import { parseRetentionDays, retentionNote } from "./privacy";
import { useT } from "../../i18n/I18nProvider";
import { EventTranslations, useEventTexts } from "./EventTranslations";

export function EventsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
  const token = useToken();
  const [events, setEvents] = useState<Event[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Event | "new" | null>(null);
  const load = useCallback(() => {
    apiGet("/api/events", { query: { limit: 200 }, token }).then((p) => setEvents(p.items)).catch((e: ApiError) => setError(e.message));
  }, [token]);
  useEffect(load, [load]);
  return (
    <section>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t("admin.events.events")}</h1>
        {canEdit && <Button onClick={() => setEditing("new")}>{t("admin.events.newEvent")}</Button>}
      </div>
      <ErrorBanner message={error} />
      <div className="grid gap-3">
        {events.map((e) => (
          <article key={e.id} className="flex items-center justify-between rounded-xl bg-white p-4 shadow">
            <div>
              <h2 className="font-bold">{e.name} {!e.published && <span className="text-xs text-gray-500">{t("admin.events.draft")}</span>}</h2>
              <p className="text-sm text-gray-600">
                {e.venue ?? t("admin.events.noVenue")} · {formatEventTime(e.starts_at, e.time_zone)} {t("admin.events.serials")} {e.serial_prefix}-… ·{" "}
                {e.requires_approval ? t("admin.events.approvalRequired") : t("admin.events.instantTickets")}{e.capacity ? t("admin.events.capacity", { capacity: e.capacity }) : ""}{e.currency ? ` · ${e.currency}` : ""}
                {e.reentry ? t("admin.events.reEntryAllowed") : ""}
                {e.sales_channel === "box_office" ? t("admin.events.boxOfficeOnly") : e.sales_channel === "registration" ? t("admin.events.registrationOnly") : ""}
              </p>
              {retentionNote(e) && <p className="text-xs text-gray-500" data-testid={`retention-${e.id}`}>{retentionNote(e)}</p>}
            </div>
            {canEdit && <Button variant="ghost" onClick={() => setEditing(e)}>{t("admin.events.edit")}</Button>}
          </article>
        ))}
      </div>
      {editing && <EventDialog event={editing === "new" ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); load(); }} />}
    </section>
  );
}

function EventDialog({ event, onClose, onSaved }: { event: Event | null; onClose(): void; onSaved(): void }) {
  const { t } = useT();
  const token = useToken();
  const texts = useEventTexts(event);  // name, description and mail addition per language
  const [venue, setVenue] = useState(event?.venue ?? "");
  // A new event starts in the organiser's own zone; the times are read on the chosen zone's clock.
  const [zone, setZone] = useState(event?.time_zone ?? browserTimeZone());
  const [startsAt, setStartsAt] = useState(toZonedInput(event?.starts_at, zone));
  const [endsAt, setEndsAt] = useState(toZonedInput(event?.ends_at, zone));
  const [capacity, setCapacity] = useState(event?.capacity ? String(event.capacity) : "");
  const [prefix, setPrefix] = useState(event?.serial_prefix ?? "");
  const [currency, setCurrency] = useState(event?.currency ?? "EUR");
  const [approval, setApproval] = useState(event?.requires_approval ?? true);
  const [published, setPublished] = useState(event?.published ?? true);
  const [reentry, setReentry] = useState(event?.reentry ?? false);
  const [retention, setRetention] = useState(event?.personal_data_retention_days?.toString() ?? "");
  const [channel, setChannel] = useState<Event["sales_channel"]>(event?.sales_channel ?? "both");
  const [perEmail, setPerEmail] = useState(String(event?.registrations_per_email ?? 1));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    const days = parseRetentionDays(retention);
    const own = texts.check();
    if (days === "invalid") own.personal_data_retention_days = t("admin.events.mustBeAWhole");
    if (days === "invalid" || Object.keys(own).length) return setErrors(texts.place(own));
    const body: BodyOf<"/api/events", "post"> = {
      ...texts.body(), venue: venue.trim() || null, starts_at: fromZonedInput(startsAt, zone), ends_at: fromZonedInput(endsAt, zone), time_zone: zone,
      capacity: capacity ? Number(capacity) : null, requires_approval: approval, published, reentry,
      personal_data_retention_days: days, sales_channel: channel,
      registrations_per_email: perEmail.trim() === "" ? 1 : Number(perEmail),
    };
    if (prefix.trim()) body.serial_prefix = prefix.trim().toUpperCase();
    // Sent only when changed: the default (EUR) needs no field.
    const cur = currency.trim().toUpperCase();
    if (cur && cur !== (event?.currency ?? "EUR")) body.currency = cur;
    try {
      await (event ? apiPatch("/api/events/{id}", { path: { id: event.id }, body, token }) : apiPost("/api/events", { body, token }));
      onSaved();
    } catch (err) {
      setErrors(texts.place((err as ApiError).fields));
      setFailure((err as ApiError).message);
    }
  }
  return (
    <Modal title={event ? t("admin.events.editEvent") : t("admin.events.newEvent")} onClose={onClose}>
      <form className="space-y-3" onSubmit={save}>
        <EventTranslations texts={texts} />
        <Field label={t("admin.events.venue")} name="venue" value={venue} onChange={(e) => setVenue(e.target.value)} error={errors.venue} />
        <label className="block">
          <span className="block text-sm font-medium text-gray-700">{t("admin.events.ticketsOfferedBy")}</span>
          <select name="sales_channel" value={channel} onChange={(e) => setChannel(e.target.value as Event["sales_channel"])}
            className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2">
            <option value="both">{t("admin.events.registrationFormAndBox")}</option>
            <option value="registration">{t("admin.events.registrationFormOnlyThe")}</option>
            <option value="box_office">{t("admin.events.boxOfficeOnlyNot")}</option>
          </select>
          {errors.sales_channel && <span role="alert" className="block text-sm text-red-600">{errors.sales_channel}</span>}
        </label>
        <Field label={t("admin.events.registrationsPerEmail")} name="registrations_per_email" type="number" min={0} max={1000} value={perEmail}
          onChange={(e) => setPerEmail(e.target.value)} error={errors.registrations_per_email}
          hint={t("admin.events.aSecondRegistrationOf")} />
        <Field label={t("admin.events.starts")} name="starts_at" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} error={errors.starts_at} />
        <Field label={t("admin.events.ends")} name="ends_at" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} error={errors.ends_at} />
        {/* Named by htmlFor, not by wrapping: a wrapping label's name would take in every zone's. */}
        <div>
          <label htmlFor="time_zone" className="block text-sm font-medium text-gray-700">{t("admin.events.timeZone")}</label>
          <select id="time_zone" name="time_zone" value={zone} onChange={(e) => setZone(e.target.value)} aria-describedby="time_zone-hint"
            className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2">
            {timeZoneChoices(zone).map((z) => <option key={z} value={z}>{z}</option>)}
          </select>
          <span id="time_zone-hint" className="text-xs text-gray-500">{t("admin.events.timeZoneHint")}</span>
          {errors.time_zone && <span role="alert" className="block text-sm text-red-600">{errors.time_zone}</span>}
        </div>
        <Field label={t("admin.events.capacityTickets")} name="capacity" type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} error={errors.capacity} />
        <Field label={t("admin.events.serialPrefix")} name="serial_prefix" placeholder={t("admin.events.evtDefault")} value={prefix}
          onChange={(e) => setPrefix(e.target.value)} error={errors.serial_prefix} hint={t("admin.events.uppercaseLettersAndDigits")} />
        <Field label={t("admin.events.currency")} name="currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)}
          error={errors.currency} hint={t("admin.events.isoCodeEG")} />
        <Field label={t("admin.events.erasePersonalDataAfter")} name="personal_data_retention_days" type="number" min={0} max={3650}
          value={retention} onChange={(e) => setRetention(e.target.value)} error={errors.personal_data_retention_days}
          hint={t("admin.events.namesAddressesAndNotes")} />
        <label className="flex items-center gap-2"><input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} /> {t("admin.events.registrationsNeedApproval")}</label>
        <label className="flex items-center gap-2"><input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} /> {t("admin.events.publishedOpenForRegistration")}</label>
        <label className="flex items-start gap-2">
          <input type="checkbox" className="mt-1" name="reentry" checked={reentry} onChange={(e) => setReentry(e.target.checked)} />
          <span>{t("admin.events.reEntryAllowedA")} <span className="text-xs text-gray-500">{t("admin.events.scannedOutAtAn")}</span></span>
        </label>
        <ErrorBanner message={failure} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>{t("admin.events.cancel")}</Button>
          <Button type="submit">{t("admin.events.save")}</Button>
        </div>
      </form>
    </Modal>
  );
}
