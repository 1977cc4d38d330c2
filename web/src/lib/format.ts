export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
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
