// Mirrors the server's rules (src/domain/validation.cpp) so people see problems before sending.
// The server stays the authority: its field errors are shown the same way.
export interface RegistrationForm {
  name: string; email: string; phone: string; team_name: string; members: string; amount: string;
}
export type FieldErrors = Partial<Record<keyof RegistrationForm | "attachment" | "event_id", string>>;

import { t } from "../../i18n/runtime";

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf"];

function chars(s: string) {
  return Array.from(s).length;
}

/** The amount as the server takes it: people writing German, French or Spanish type a decimal
 * comma ("12,50"), which is the same amount. */
export function normaliseAmount(typed: string): string {
  return typed.trim().replace(/^(\d+),(\d{1,2})$/, "$1.$2");
}

export function validateRegistration(f: RegistrationForm, file?: File | null): FieldErrors {
  const e: FieldErrors = {};
  if (!f.name.trim()) e.name = t("check.required");
  else if (chars(f.name) > 200) e.name = t("check.maxChars", { max: 200 });
  if (!f.email.trim()) e.email = t("check.required");
  else if (f.email.length > 254 || !EMAIL.test(f.email.trim())) e.email = t("check.emailExample");
  if (f.phone.trim()) {
    if (!/^[0-9 +\-().]+$/.test(f.phone)) e.phone = t("check.phoneChars");
    else if ((f.phone.match(/[0-9]/g) ?? []).length < 5) e.phone = t("check.phoneDigits");
  }
  if (chars(f.team_name) > 200) e.team_name = t("check.maxChars", { max: 200 });
  if (chars(f.members) > 2000) e.members = t("check.maxChars", { max: 2000 });
  if (f.amount.trim() && !/^\d{1,10}(\.\d{1,2})?$/.test(normaliseAmount(f.amount)))
    e.amount = t("check.amount");
  if (file) {
    if (file.size > MAX_ATTACHMENT_BYTES) e.attachment = t("check.fileSize");
    else if (file.type && !ATTACHMENT_TYPES.includes(file.type)) e.attachment = t("check.fileType");
  }
  return e;
}
