// Durations for people (offline gates: clock skew, pack age). Its own module, so the registration
// page's bundle never carries it (the scanner and the admin load it with their lazy chunks).
/** A clock difference for people: "+1.5 s", "−0.3 s", "+2 min 5 s", "−1 h 12 min" ("0 s" when none). */
export function formatSkew(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const abs = Math.abs(ms);
  const sign = ms > 0 ? "+" : "−";
  if (abs < 60_000) {
    const s = abs >= 10_000 ? Math.round(abs / 1000) : Math.round(abs / 100) / 10;
    return s === 0 ? "0 s" : `${sign}${s} s`;
  }
  const totalS = Math.round(abs / 1000);
  if (totalS < 3600) return `${sign}${Math.floor(totalS / 60)} min${totalS % 60 ? ` ${totalS % 60} s` : ""}`;
  const totalMin = Math.round(totalS / 60);
  return `${sign}${Math.floor(totalMin / 60)} h${totalMin % 60 ? ` ${totalMin % 60} min` : ""}`;
}

/** How old something is, roughly: "just now", "45 s", "12 min", "3 h 5 min", "2 days". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 10) return "just now";
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ""}`;
  return `${Math.floor(h / 24)} days`;
}
