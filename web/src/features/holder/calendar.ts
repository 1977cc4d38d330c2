// A ticket's when and where for people: the time line on its card, an .ics file for the phone's
// calendar (RFC 5545, made here: nothing is loaded from elsewhere), and a plain link to the venue
// on OpenStreetMap (opened by the holder, never embedded: the CSP allows no third-party loads).
import { browserTimeZone, zoneDiffers } from "../../lib/format";
import type { MyTicket } from "../../lib/types";
import { currentLocale, t as tr } from "../../i18n/runtime";

type When = Pick<MyTicket, "starts_at" | "ends_at"> & { time_zone?: string | null };

/** "Sat, 1 Jun 2031, 18:30 – 23:00" on the event's clock (its `time_zone`; the phone's when it has
 *  none), the end's date too when it differs; the zone's name follows when the phone is elsewhere
 *  ("18:30 – 23:00 MESZ"). */
export function eventWhen({ starts_at, ends_at, time_zone }: When, locale?: string, here: string = browserTimeZone()): string | null {
  if (!starts_at) return null;
  const start = new Date(starts_at);
  if (Number.isNaN(start.getTime())) return null;
  let timeZone: string | undefined = time_zone ?? undefined;
  try {
    new Intl.DateTimeFormat(locale, { timeZone });
  } catch {
    timeZone = undefined;  // a zone this browser does not know: the phone's own
  }
  const named = timeZone && zoneDiffers(timeZone, here) ? "short" : undefined;
  const day = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone });
  const time = (zone?: "short") => new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: zone });
  const end = ends_at ? new Date(ends_at) : null;
  if (!end || Number.isNaN(end.getTime()) || end <= start) return `${day.format(start)}, ${time(named).format(start)}`;
  const from = `${day.format(start)}, ${time().format(start)}`;
  return day.format(end) === day.format(start) ? `${from} – ${time(named).format(end)}`
    : `${from} – ${day.format(end)}, ${time(named).format(end)}`;
}

/** The venue on OpenStreetMap's search: a plain link. */
export function mapUrl(venue: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(venue)}`;
}

/** RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as \n. */
export function icsText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** 20310601T183000Z: a UTC DATE-TIME. */
export function icsTime(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Lines longer than 75 octets are folded: CRLF and one space, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let part = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74;  // a continuation's leading space counts
    if (octets + size > limit) {
      parts.push(part);
      part = "";
      octets = 0;
    }
    part += ch;
    octets += size;
  }
  parts.push(part);
  return parts.join("\r\n ");
}

/** The ticket's event as an iCalendar file; null when the event has no start time. `host` names
 *  the UID's domain (one UID per ticket: importing it again updates, not duplicates). The summary
 *  is the event's name as the API answered it (in `locale`, the holder's language where the
 *  organiser gave one), the description is in the holder's language; each says which. */
export function ticketIcs(t: Pick<MyTicket, "serial" | "event_name" | "venue" | "starts_at" | "ends_at"> & Partial<Pick<MyTicket, "locale">>,
  { now = new Date(), host = location.host } = {}): string | null {
  if (!t.starts_at) return null;
  const start = new Date(t.starts_at);
  if (Number.isNaN(start.getTime())) return null;
  const end = t.ends_at ? new Date(t.ends_at) : null;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Gatepass//My tickets//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${icsText(t.serial)}@${icsText(host || "gatepass")}`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(start)}`,
    ...(end && !Number.isNaN(end.getTime()) && end > start ? [`DTEND:${icsTime(end)}`] : []),
    `SUMMARY${t.locale ? `;LANGUAGE=${t.locale}` : ""}:${icsText(t.event_name)}`,
    ...(t.venue ? [`LOCATION:${icsText(t.venue)}`] : []),
    `DESCRIPTION;LANGUAGE=${currentLocale()}:${icsText(tr("calendar.description", { serial: t.serial }))}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** Saves the .ics through the browser's download (a Blob: no request). */
export function downloadIcs(t: Parameters<typeof ticketIcs>[0]): void {
  const text = ticketIcs(t);
  if (!text) return;
  const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${t.serial}.ics`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
