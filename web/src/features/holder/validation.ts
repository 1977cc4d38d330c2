// Checks of the holder forms before anything is sent (the server checks again). Pure: unit-tested.
import { PASSWORD_MIN } from "../../lib/accounts";
import { t } from "../../i18n/runtime";

export interface SignupForm { username: string; password: string; email: string; name: string }
export type SignupErrors = Partial<Record<keyof SignupForm, string>>;

export function validateSignup(f: SignupForm): SignupErrors {
  const errors: SignupErrors = {};
  if (!f.name.trim()) errors.name = t("check.required");
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(f.username.trim()))
    errors.username = t("check.username");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) errors.email = t("check.email");
  if (f.password.length < PASSWORD_MIN) errors.password = t("check.passwordShort", { min: PASSWORD_MIN });
  return errors;
}

/** "bob" -> {to_username: "bob"}; "bob@example.com" -> {to_email: ...}; "" -> null. */
export function transferTarget(input: string): { to_username: string } | { to_email: string } | null {
  const v = input.trim().replace(/^@/, "");
  if (!v) return null;
  return v.includes("@") ? { to_email: v } : { to_username: v };
}

/**
 * A claim code as typed or scanned (docs/accounts.md: `<SERIAL>-XXXX-XXXX-XXXX`, printed on the
 * ticket's PDF beside the QR) in the one form the server knows: upper case, spaces and any dash
 * (– — too) as single dashes, the last 12 characters in three groups of 4 whether they were typed
 * with dashes, spaces or run together. A leading "Claim code:" is dropped. Null when it is not one.
 */
export function normaliseClaimCode(input: string): string | null {
  const s = input.toUpperCase().trim().replace(/^CLAIM\s*CODE\s*:?/, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-").replace(/[\s-]+/g, "-").replace(/^-+|-+$/g, "");
  const m = /^([A-Z0-9]{1,16}-\d{1,12})-?([A-Z0-9]{4})-?([A-Z0-9]{4})-?([A-Z0-9]{4})$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}-${m[4]}` : null;
}

/** What a QR the claim form's camera read gives: a claim code, or why it is none. The ticket's own
 *  QR (GP1:…) admits at the gate but proves no ownership, and the server refuses it alone. */
export function scannedClaimCode(text: string): { claimCode: string } | { problem: string } {
  const claimCode = normaliseClaimCode(text);
  if (claimCode) return { claimCode };
  if (/^GP\d*:/i.test(text.trim()))
    return { problem: t("claim.entryQr") };
  return { problem: t("claim.notClaimCode") };
}

/** Where sign-in may go back to (?next=…): only this app's own holder pages and ticket links. */
export function safeNext(next: string | null): string {
  if (!next || !/^\/(my|t)(\/|$)/.test(next) || next.startsWith("//") || next.includes("\\")) return "/my";
  return next;
}
