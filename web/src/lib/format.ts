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
