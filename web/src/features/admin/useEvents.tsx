// The events list (for pickers) and the chosen event, kept in the URL (?event=ID) so a page can be
// linked to and reloaded on the same event.
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { apiGet } from "../../lib/api-client";
import type { Event } from "../../lib/types";
import { useT } from "../../i18n/I18nProvider";

export function useEvents(token: string) {
  const [events, setEvents] = useState<Event[]>([]);
  useEffect(() => {
    apiGet("/api/events", { query: { limit: 200 }, token }).then((p) => setEvents(p.items)).catch(() => undefined);
  }, [token]);
  return events;
}

/** The event chosen in the URL, or the first event once the list is known. */
export function useChosenEvent(events: Event[]): [Event | null, (id: number) => void] {
  const [params, setParams] = useSearchParams();
  const id = Number(params.get("event")) || null;
  const event = events.find((e) => e.id === id) ?? (id === null ? events[0] ?? null : null);
  const choose = (next: number) => setParams((p) => {
    const copy = new URLSearchParams(p);
    copy.set("event", String(next));
    return copy;
  }, { replace: true });
  return [event, choose];
}

export function EventPicker({ events, event, onChoose }: { events: Event[]; event: Event | null; onChoose(id: number): void }) {
  const { t } = useT();
  return (
    <select aria-label={t("admin.useEvents.event")} className="max-w-full rounded-lg border px-2 py-2" value={event?.id ?? ""}
      onChange={(e) => onChoose(Number(e.target.value))}>
      {!event && <option value="">{t("admin.useEvents.chooseAnEvent")}</option>}
      {events.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
    </select>
  );
}
