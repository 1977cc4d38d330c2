// The language menu (public, holder and scanner pages): each language in its own name; the choice is
// remembered on this device (gatepass.locale) and sent to the server with every request.
import { useLocale, useT } from "../i18n/I18nProvider";
import { LOCALE_NAMES, LOCALES, supported } from "../i18n/locales";

export function LanguageSwitcher({ className = "" }: { className?: string }) {
  const { t } = useT();
  const { locale, setLocale } = useLocale();
  return (
    <select aria-label={t("language.label")} name="language" value={locale} data-testid="language"
      className={`max-w-[9rem] rounded-lg border border-gray-300 bg-white px-2 py-1 text-sm text-gray-900 ${className}`}
      onChange={(e) => {
        const next = supported(e.target.value);
        if (next) void setLocale(next);
      }}>
      {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>)}
    </select>
  );
}
