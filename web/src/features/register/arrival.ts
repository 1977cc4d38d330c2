// How the ticket reaches the person who registered (issue 21, item 2): by mail to the address they
// typed, shown masked (someone may be looking over their shoulder), and on /my with that address.
import { t } from "../../i18n/runtime";

/** "alice@example.org" -> "a…@example.org"; anything without a local part and a domain is masked whole. */
export function maskEmail(email: string): string {
  const e = email.trim();
  const at = e.lastIndexOf("@");
  if (at < 1 || at === e.length - 1) return "…";
  return `${Array.from(e)[0]}…${e.slice(at)}`;
}

/** The thank-you page's sentence: pending (mailed once approved) or issued at once (mailed now). */
export function arrivalText(email: string, pending: boolean): string {
  return t(pending ? "register.arrivalPending" : "register.arrivalIssued", { to: maskEmail(email) });
}
