// The chosen language for the React tree: useT() for messages, useLocale() for the switcher.
// Choosing stores the locale (gatepass.locale), loads its catalogue, makes it active, tells the api
// client (Accept-Language) and sets <html lang>. Without a provider (unit tests) the active
// language is whatever runtime.activate() set: English in the test setup.
import { createContext, useCallback, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { setRequestLocale } from "../lib/api-client";
import { loadMessages } from "./catalog";
import { STORAGE_KEY, type Locale } from "./locales";
import { activate, currentIntl, currentLocale, rich, snapshot, subscribe, t } from "./runtime";

interface LocaleState { locale: Locale; setLocale(next: Locale): Promise<void> }
const LocaleContext = createContext<LocaleState | null>(null);

/** Activates `locale` everywhere (catalogue, api client, <html lang>); `remember`: the visitor chose it. */
export async function applyLocale(locale: Locale, remember: boolean): Promise<void> {
  const messages = await loadMessages(locale);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch { /* private mode: chosen for this visit only */ }
    setRequestLocale(locale);
  }
  document.documentElement.lang = locale;
  activate(locale, messages);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => currentLocale());
  const setLocale = useCallback(async (next: Locale) => {
    await applyLocale(next, true);
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/** The active language and the switcher's setter (a no-op outside the provider). */
export function useLocale(): LocaleState {
  const locale = useT().locale;
  return useContext(LocaleContext) ?? { locale, setLocale: async () => undefined };
}

/** Messages of the active language; the component re-renders when it changes. */
export function useT() {
  useSyncExternalStore(subscribe, snapshot, snapshot);
  return { t, rich, locale: currentLocale(), intl: currentIntl() };
}
