// The languages the app ships (docs/i18n.md) and how one is chosen: the visitor's choice kept in
// localStorage (the switcher), else the browser's languages, else English. `de-AT` is `de`.
export const LOCALES = ["en", "de", "fr", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Each language in its own name: what the switcher lists (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch", fr: "Français", es: "Español" };
/** The visitor's choice (issue 24's contract: the api client then sends it as Accept-Language). */
export const STORAGE_KEY = "gatepass.locale";

/** "de-AT" -> "de"; null when the primary tag is not shipped. */
export function supported(tag: string | null | undefined): Locale | null {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : null;
}

/** The first of `tags` (the browser's, in its order of preference) that is shipped, else English. */
export function negotiate(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const found = supported(tag);
    if (found) return found;
  }
  return DEFAULT_LOCALE;
}

/** The visitor's remembered choice, or null when none (or storage is refused). */
export function storedLocale(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): Locale | null {
  try {
    return supported(storage?.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

/** The locale to open the app in: the remembered choice, else the browser's languages. */
export function initialLocale(): Locale {
  const nav = globalThis.navigator;
  return storedLocale() ?? negotiate(nav?.languages?.length ? nav.languages : [nav?.language ?? DEFAULT_LOCALE]);
}
