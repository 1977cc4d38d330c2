// The device form's rules (docs/devices.md §1), checked before the server does so the admin sees
// every problem at once; the server's 400 fields are shown the same way.
import type { DeviceInput } from "../../lib/devices-api";
import { t } from "../../i18n/runtime";

export function deviceProblems(name: string, eventIds: number[], gate: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const n = name.trim();
  if (!n) problems.name = t("admin.devices.nameRequired");
  else if (n.length > 64) problems.name = t("admin.devices.atMostChars", { max: 64 });
  if (eventIds.length === 0) problems.event_ids = t("admin.devices.eventRequired");
  else if (eventIds.length > 50) problems.event_ids = t("admin.devices.atMostEvents", { max: 50 });
  if (gate.trim().length > 64) problems.gate = t("admin.devices.atMostChars", { max: 64 });
  return problems;
}

export function deviceInput(name: string, eventIds: number[], gate: string): DeviceInput {
  return { name: name.trim(), event_ids: eventIds, gate: gate.trim() || null };
}

/** "12 s", "5 min", "3 h", "2 d": how old a pack is; "—" when the device never fetched one. */
export function ageText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}
