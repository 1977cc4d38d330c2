// Durations for people (offline gates: clock skew, pack age). Its own module, so the registration
// page's bundle never carries it (the scanner and the admin load it with their lazy chunks).
// Units (s, min, h) read the same in the shipped languages; the decimal mark is the locale's.
import { currentLocale, t } from "../i18n/runtime";

/** A clock difference for people: "+1.5 s", "−0.3 s", "+2 min 5 s", "−1 h 12 min" ("0 s" when none). */
export function formatSkew(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const abs = Math.abs(ms);
  const sign = ms > 0 ? "+" : "−";
  if (abs < 60_000) {
    const s = abs >= 10_000 ? Math.round(abs / 1000) : Math.round(abs / 100) / 10;
    return s === 0 ? "0 s" : `${sign}${s.toLocaleString(currentLocale())} s`;
  }
  const totalS = Math.round(abs / 1000);
  if (totalS < 3600) return `${sign}${Math.floor(totalS / 60)} min${totalS % 60 ? ` ${totalS % 60} s` : ""}`;
  const totalMin = Math.round(totalS / 60);
  return `${sign}${Math.floor(totalMin / 60)} h${totalMin % 60 ? ` ${totalMin % 60} min` : ""}`;
}

/** How long ago, roughly, in the active language: "just now", "45 s ago", "12 min ago", "3 h 5 min ago", "2 days ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 10) return t("age.justNow");
  if (s < 60) return t("age.seconds", { s });
  const min = Math.floor(s / 60);
  if (min < 60) return t("age.minutes", { min });
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? t("age.hoursMinutes", { h, min: min % 60 }) : t("age.hours", { h });
  return t("age.days", { days: Math.floor(h / 24) });
}
