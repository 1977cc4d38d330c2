// Per-event retention of personal data (docs/privacy.md), in words: the events list, the
// dashboard and the event form say the same thing.
import type { Event } from "../../lib/types";
import { formatTime } from "../../lib/format";
import { t } from "../../i18n/runtime";

type Retention = Pick<Event, "personal_data_retention_days" | "personal_data_erase_at" | "personal_data_erased_at">;

/** "Personal data erased on …", "… will be erased on …", or null when the data is kept. */
export function retentionNote(e: Retention): string | null {
  if (e.personal_data_erased_at) return t("admin.privacy.personalDataErasedOn", { personal_data_erased_at: formatTime(e.personal_data_erased_at) });
  if (e.personal_data_erase_at) return t("admin.privacy.personalDataWillBe", { personal_data_erase_at: formatTime(e.personal_data_erase_at) });
  if (typeof e.personal_data_retention_days === "number")
    return t("admin.privacy.personalDataWillBeA", { personal_data_retention_days: e.personal_data_retention_days });
  return null;
}

/** The form's text field as the API wants it: blank = kept (null), else whole days. */
export function parseRetentionDays(text: string): number | null | "invalid" {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d+$/.test(t)) return "invalid";
  return Number(t);
}
