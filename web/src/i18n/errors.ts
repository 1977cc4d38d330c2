// What to tell a visitor when the server refuses: by the answer's machine `error` code, in the active
// language (issue 24: never by the server's English `message`). A code the catalogue does not know
// gets the generic line with the code to quote; in English the server's own sentence is already
// the best text, so it is shown instead.
import { ApiError } from "../lib/api-client";
import { currentLocale, t, type MessageId } from "./runtime";

const BY_CODE: Record<string, MessageId> = {
  network_error: "error.network_error",
  not_found: "error.not_found",
  validation_error: "error.validation_error",
  duplicate_email: "error.duplicate_email",
  sold_out: "error.sold_out",
  quota_exceeded: "error.quota_exceeded",
  already_claimed: "error.already_claimed",
  refund_open: "error.refund_open",
  transfer_open: "error.transfer_open",
  email_unverified: "error.email_unverified",
  email_taken: "error.email_taken",
  refund_closed: "error.refund_closed",
  invalid_second_factor: "error.invalid_second_factor",
  payload_too_large: "error.payload_too_large",
  too_many_requests: "error.too_many_requests",
  unsupported_media_type: "error.unsupported_media_type",
  unavailable: "error.unavailable",
  internal_error: "error.internal_error",
  request_timeout: "error.request_timeout",
};

/** The sentence for a failed call: by its code; an unknown code: `otherwise` (a sentence for where it
 *  happened, e.g. a wrong password at sign-in), else a generic one naming the code. */
export function errorText(err: unknown, otherwise?: MessageId): string {
  // Our own errors (thrown with a catalogue sentence) say what they say.
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : t("error.unknown", { code: "client" });
  const id = Object.hasOwn(BY_CODE, err.code) ? BY_CODE[err.code] : undefined;
  if (id) return t(id);
  if (currentLocale() === "en" && err.message) return err.message;
  return otherwise ? t(otherwise) : t("error.unknown", { code: err.code });
}

/**
 * A field's reason from the server (`fields`): English only has the server's words; other languages
 * a translated "check this field" (the form's own checks, in the visitor's language, run first and
 * catch nearly everything the server would).
 */
export function fieldErrors<K extends string>(fields: Record<string, string>): Partial<Record<K, string>> {
  if (currentLocale() === "en") return fields as Partial<Record<K, string>>;
  return Object.fromEntries(Object.keys(fields).map((k) => [k, t("error.field")])) as Partial<Record<K, string>>;
}
