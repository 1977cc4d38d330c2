// Catalogues are files (messages/<locale>.json), each its own chunk: a visitor downloads only the
// language they read (the catalogue test keeps every one complete, so nothing falls back). A part
// of the app that loads lazily may bring its own catalogue (a "section": the admin's, i18n/admin.ts),
// merged into every language activated after it is added.
import type { Locale } from "./locales";
import { activate, currentLocale, type Messages } from "./runtime";

const files = import.meta.glob<Messages>("./messages/*.json", { import: "default" });
const loaded = new Map<Locale, Messages>();

/** A section's messages for a locale (its own, or English where it has none yet). */
export type Section = (locale: Locale) => Promise<Record<string, string>>;
const sections: Section[] = [];

async function base(locale: Locale): Promise<Messages> {
  const kept = loaded.get(locale);
  if (kept) return kept;
  const messages = await files[`./messages/${locale}.json`]();
  loaded.set(locale, messages);
  return messages;
}

/** The app's catalogue for `locale` with every added section's messages. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const [own, ...extra] = await Promise.all([base(locale), ...sections.map((s) => s(locale))]);
  return extra.length ? Object.assign({}, ...extra, own) as Messages : own;
}

/** Adds a section's catalogue and re-activates the current language with it. */
export async function addSection(section: Section): Promise<void> {
  if (!sections.includes(section)) sections.push(section);
  const locale = currentLocale();
  activate(locale, await loadMessages(locale));
}
