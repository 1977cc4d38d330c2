// Catalogues are files (messages/<locale>.json), each its own chunk: a visitor downloads only the
// language they read (the catalogue test keeps every one complete, so nothing falls back).
import type { Locale } from "./locales";
import type { Messages } from "./runtime";

const files = import.meta.glob<Messages>("./messages/*.json", { import: "default" });
const loaded = new Map<Locale, Messages>();

export async function loadMessages(locale: Locale): Promise<Messages> {
  const kept = loaded.get(locale);
  if (kept) return kept;
  const messages = await files[`./messages/${locale}.json`]();
  loaded.set(locale, messages);
  return messages;
}
