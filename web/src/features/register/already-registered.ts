// The 409 already_registered answer names when and under which reference the address registered
// first (and nothing else of it, docs/privacy.md): "You already registered on 4 Dec (ref #1)".
import { currentLocale, t } from "../../i18n/runtime";

export function alreadyRegisteredMessage(body: unknown, locale: string = currentLocale()): string {
  const error = (body as { error?: { registered_at?: unknown; reference?: unknown } } | null)?.error;
  const at = typeof error?.registered_at === "string" ? new Date(error.registered_at) : null;
  const ref = typeof error?.reference === "number" ? error.reference : null;
  const date = at && !Number.isNaN(at.getTime()) ? at.toLocaleDateString(locale, { day: "numeric", month: "short" }) : null;
  if (date && ref !== null) return t("register.alreadyOnRef", { date, ref });
  if (date) return t("register.alreadyOn", { date });
  return t("register.already");
}
