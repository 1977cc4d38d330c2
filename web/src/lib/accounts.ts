// Pure helpers of the account pages (sign-in's second step, mailed links, waits): unit-tested.
import { ApiError } from "./api-client";
import { t } from "../i18n/runtime";
import { errorText } from "../i18n/errors";

/** The server's rule for every password (holders and staff). */
export const PASSWORD_MIN = 10;

/**
 * The one-time token of a mailed link: `/my/verify-email#token=…`, `/my/reset-password#token=…`.
 * The token travels in the fragment (never sent to a server, nor in a Referer). Read by hand, not
 * with URLSearchParams, which would turn a "+" into a space. Null when there is none.
 */
export function tokenFromFragment(hash: string): string | null {
  for (const part of hash.replace(/^#/, "").split("&")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq) !== "token") continue;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return null;  // a broken %-escape: not a token we sent
    }
    value = value.trim();
    return value ? value : null;
  }
  return null;
}

/** "alice@example.org" -> "a…@example.org": enough to recognise one's own address on screen. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return t("account.yourAddress");
  const at = email.lastIndexOf("@");
  if (at <= 0) return t("account.yourAddress");
  return `${email[0]}…${email.slice(at)}`;
}

/** A 429's Retry-After for people: "in 40 seconds", "in 12 minutes", "in 2 hours", "later". */
export function formatWait(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return t("wait.later");
  if (seconds < 60) return t("wait.seconds", { n: Math.ceil(seconds) });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return t("wait.minutes", { n: minutes });
  return t("wait.hours", { n: Math.round(minutes / 60) });
}

/** What was typed in the code field: a TOTP code loses its spaces ("123 456"); a recovery code only
 *  the whitespace around and inside it (its case is sent as typed). Empty when nothing useful. */
export function cleanSecondFactorCode(typed: string): string {
  return typed.replace(/\s+/g, "");
}

/** The sign-in form's next state after a failed attempt. */
export interface LoginFailure {
  /** Show the code field (the account has two-factor sign-in). */
  needsCode: boolean;
  /** What to say; null when the code field itself is the whole message. */
  message: string | null;
}

/**
 * How a failed sign-in goes on: `second_factor_required` asks for the code (no error shown),
 * `invalid_second_factor` keeps the code field and says the code was wrong; anything else is the
 * error's own message (the password step stays as it was).
 */
export function loginFailure(err: unknown, askingCode: boolean): LoginFailure {
  if (err instanceof ApiError) {
    if (err.code === "second_factor_required") return { needsCode: true, message: askingCode ? t("login.codeNeeded") : null };
    if (err.code === "invalid_second_factor") return { needsCode: true, message: t("error.invalid_second_factor") };
    if (err.status === 429) return { needsCode: askingCode, message: t("login.tooMany", { wait: formatWait(err.retryAfter) }) };
    return { needsCode: askingCode && err.status !== 401, message: errorText(err, err.status === 401 ? "login.wrong" : undefined) };
  }
  return { needsCode: askingCode, message: err instanceof Error ? err.message : t("login.failed") };
}

/**
 * When a `409 cooling_off` ends: the server's `fields.until` when it sends one, else the ISO time in
 * its message (the server says "it can be sent on from 2026-12-05T21:42:09.057Z (or ask the
 * organiser)"). Null when neither has one.
 */
export function coolingOffEnd(err: ApiError): string | null {
  const field = err.fields.until ?? err.fields.cooling_off_until;
  if (field) return field;
  const m = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/.exec(err.message);
  return m && !Number.isNaN(Date.parse(m[0])) ? m[0] : null;
}
