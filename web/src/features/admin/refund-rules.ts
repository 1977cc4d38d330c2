// The admin's "money returned" form (docs/accounts.md, Refunds): the amount starts at what the server
// says is refundable (the price paid minus earlier refunds), not what the holder asked for; more than
// that needs an override reason, which the server audits. Pure: unit-tested.
import { moneyError, normalizeMoney, parseCents } from "../../lib/money";
import type { RefundCompletion } from "../../lib/accounts-api";
import { t } from "../../i18n/runtime";

/** True when `amount` is a valid amount above the refundable one (unknown refundable: never). */
export function overrideNeeded(amount: string, refundable: string | null | undefined): boolean {
  if (refundable === null || refundable === undefined) return false;
  const asked = parseCents(amount);
  const limit = parseCents(refundable);
  return asked !== null && limit !== null && asked > limit;
}

export type CompletionCheck =
  | { ok: true; body: RefundCompletion }
  | { ok: false; fields: Partial<Record<"amount" | "override_reason", string>> };

/** The body of POST /api/refunds/{id}/complete, or what is wrong with the form. */
export function checkCompletion(form: { amount: string; notes: string; overrideReason: string }, refundable: string | null | undefined): CompletionCheck {
  const body: RefundCompletion = {};
  if (form.notes.trim()) body.notes = form.notes.trim();
  const amount = form.amount.trim();
  if (!amount) {
    // Without the server's refundable amount the field may stay empty (the server's default).
    return refundable === null || refundable === undefined ? { ok: true, body } : { ok: false, fields: { amount: t("admin.refundRules.isRequired") } };
  }
  const problem = moneyError(amount);
  if (problem) return { ok: false, fields: { amount: problem } };
  body.amount = normalizeMoney(amount);
  if (overrideNeeded(amount, refundable)) {
    if (!form.overrideReason.trim())
      return { ok: false, fields: { override_reason: t("admin.refundRules.isRequiredIsMore", { amount: body.amount, refundable: refundable }) } };
    body.override_reason = form.overrideReason.trim();
  }
  return { ok: true, body };
}
