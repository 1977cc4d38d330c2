import { currentLocale } from "../i18n/runtime";

/** A date and time for people, in the active language (and `timeZone` when given, e.g. the event's). */
export function formatTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return d.toLocaleString(currentLocale(), { dateStyle: "medium", timeStyle: "short", timeZone });
  } catch {
    return d.toLocaleString(currentLocale(), { dateStyle: "medium", timeStyle: "short" });  // an unknown time zone
  }
}

// Events' times (issue 24): an event has an IANA time zone (`time_zone`); its times are shown in it,
// with the zone's name when the browser is elsewhere, so "18:00" means the same to everyone.

/** The browser's own IANA time zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The zone's canonical name ("Etc/UTC" and "UTC" are one), or null when this browser does not know it. */
function canonicalZone(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat("en", { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether times in `timeZone` need its name beside them: it is not the browser's zone. */
export function zoneDiffers(timeZone: string | null | undefined, here: string = browserTimeZone()): boolean {
  if (!timeZone) return false;
  const zone = canonicalZone(timeZone);
  return zone !== null && zone !== canonicalZone(here);
}

/**
 * An event's moment in the event's zone and the active language: "21 Jun 2026, 18:00", followed by
 * the zone as the language names it ("MESZ", "GMT+2") when the browser is in another zone. A zone
 * this browser does not know: the browser's own.
 */
export function formatEventTime(iso: string | null | undefined, timeZone: string | null | undefined,
  { locale = currentLocale() as string, here = browserTimeZone() } = {}): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const zone = timeZone && canonicalZone(timeZone) ? timeZone : undefined;
  return new Intl.DateTimeFormat(locale, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: zone,
    timeZoneName: zone && zoneDiffers(zone, here) ? "short" : undefined,
  }).format(d);
}

/** The wall clock in `timeZone` at `at` as UTC milliseconds (for the offset: this minus `at`). */
function wallClock(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
}

/** "2026-06-21T16:00:00Z" in Europe/Berlin -> "2026-06-21T18:00", for <input type="datetime-local">. */
export function toZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "";
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return "";
  const zone = canonicalZone(timeZone) ? timeZone : browserTimeZone();
  return new Date(wallClock(Math.floor(at / 1000) * 1000, zone)).toISOString().slice(0, 16);
}

/**
 * "2026-06-21T18:00" read as the wall clock in `timeZone` -> "2026-06-21T16:00:00.000Z"; "" -> null.
 * A time the clocks skip (spring forward) lands just after the gap; one they pass twice, on the first.
 */
export function fromZonedInput(value: string, timeZone: string): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const zone = canonicalZone(timeZone) ? timeZone : browserTimeZone();
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // The zone's offsets a day before and after: when the clocks change that day they differ. The
  // moments they give whose wall clock is the one asked for: the earlier; none (a gap): the later.
  const day = 86_400_000;
  const moments = [wall - day, wall + day].map((near) => wall - (wallClock(near, zone) - near));
  const exact = moments.filter((at) => wallClock(at, zone) === wall);
  return new Date(exact.length ? Math.min(...exact) : Math.max(...moments)).toISOString();
}

/** The IANA zones this browser knows, for a select (the event's own kept when the list lacks it). */
export function timeZoneChoices(current?: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [browserTimeZone()];
  const list = known.includes("UTC") ? [...known] : ["UTC", ...known];
  if (current && !list.includes(current)) list.unshift(current);
  return list;
}

/** A ticket's type as the API names it: a name, or (defensively) an object with one. */
export function typeName(t: unknown): string | null {
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { name?: unknown }).name === "string") return (t as { name: string }).name;
  return null;
}

/** A long code (a device id, a nonce) cut to `keep` characters with "…": the full one goes in a title. */
export function shorten(code: string, keep = 12): string {
  return code.length <= keep ? code : `${code.slice(0, keep - 1)}…`;
}
