// The organiser's texts per language in the event form (issue 24, docs/languages.md). The form
// keeps one text per field and language; the default language's is the plain field (name,
// description, mail_text), every filled one goes into the field's map (name_i18n, …). The server's
// 422 invalid_translation names entries as "name_i18n.de": errorsByLanguage puts each at its field.
import type { Event, TicketType } from "../../lib/types";
import { LOCALES, type Locale } from "../../i18n/locales";

export const TEXT_FIELDS = ["name", "description", "mail_text"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
/** Per field, per language: what the form shows ("" when empty). */
export type Texts = Record<TextField, Record<Locale, string>>;
export const MAX_LENGTH: Record<TextField, number> = { name: 200, description: 2000, mail_text: 2000 };

type Stored = Pick<Event, "name" | "description" | "mail_text" | "default_locale" | "name_i18n" | "description_i18n" | "mail_text_i18n">;
const mapOf = (field: TextField) => `${field}_i18n` as const;
const blank = (): Record<Locale, string> => Object.fromEntries(LOCALES.map((l) => [l, ""])) as Record<Locale, string>;

/** The form's texts for an event (null: a new one). The plain field is the default language's. */
export function textsOf(event: Partial<Stored> | null): { defaultLocale: Locale; texts: Texts } {
  const defaultLocale = (event?.default_locale ?? "en") as Locale;
  const texts = {} as Texts;
  for (const field of TEXT_FIELDS) {
    const row = blank();
    for (const [locale, text] of Object.entries(event?.[mapOf(field)] ?? {}))
      if ((LOCALES as readonly string[]).includes(locale)) row[locale as Locale] = text;
    row[defaultLocale] = event?.[field] ?? row[defaultLocale];
    texts[field] = row;
  }
  return { defaultLocale, texts };
}

export interface TextsBody {
  default_locale: Locale;
  name: string;
  description: string | null;
  mail_text: string | null;
  name_i18n?: Record<string, string>;
  description_i18n?: Record<string, string>;
  mail_text_i18n?: Record<string, string>;
}

/**
 * What the form sends: the default language's texts as the plain fields (an empty description or
 * mail addition: null, which also clears its map) and each map with every filled language. A map is
 * sent when it holds a translation or replaces a stored one (one with only the default's text is
 * not created for an event that never had translations).
 */
export function textsBody(defaultLocale: Locale, texts: Texts, stored: Partial<Stored> | null = null): TextsBody {
  const plain = (field: TextField) => texts[field][defaultLocale].trim();
  const body: TextsBody = { default_locale: defaultLocale, name: plain("name"), description: plain("description") || null,
    mail_text: plain("mail_text") || null };
  for (const field of TEXT_FIELDS) {
    if (!plain(field)) continue;
    const filled = Object.fromEntries(LOCALES.map((l) => [l, texts[field][l].trim()] as const).filter(([, text]) => text));
    const translated = Object.keys(filled).some((l) => l !== defaultLocale);
    if (translated || Object.keys(stored?.[mapOf(field)] ?? {}).length > 0) body[mapOf(field)] = filled;
  }
  return body;
}

/** The form's own checks, named as the server names them: a text too long, or a translation
 *  of a field whose default-language text is empty (the server needs the default's first). */
export function textProblems(defaultLocale: Locale, texts: Texts): Record<string, "tooLong" | "defaultMissing"> {
  const out: Record<string, "tooLong" | "defaultMissing"> = {};
  for (const field of TEXT_FIELDS)
    for (const locale of LOCALES) {
      const text = texts[field][locale].trim();
      const key = locale === defaultLocale ? field : `${mapOf(field)}.${locale}`;
      if (text.length > MAX_LENGTH[field]) out[key] = "tooLong";
      else if (text && locale !== defaultLocale && !texts[field][defaultLocale].trim()) out[`${mapOf(field)}.${defaultLocale}`] = "defaultMissing";
    }
  return out;
}

/** How many of the texts the organiser wrote (in the default language) `locale` has too. */
export function filledCount(defaultLocale: Locale, texts: Texts, locale: Locale): { filled: number; total: number } {
  const fields = TEXT_FIELDS.filter((f) => texts[f][defaultLocale].trim());
  return { filled: fields.filter((f) => texts[f][locale].trim()).length, total: fields.length };
}

export interface PlacedErrors {
  /** Per language, per field: the message to show at that field. */
  byLanguage: Partial<Record<Locale, Partial<Record<TextField, string>>>>;
  /** Ticket types that lack a name in the (new) default language: their ids. */
  ticketTypes: number[];
  /** Every other field's error, as the server named it (venue, capacity, …). */
  other: Record<string, string>;
}

/**
 * The server's (or the form's) field errors put where they belong: "name" and "name_i18n.<default>"
 * at the default language's Name, "description_i18n.de" at German's Description, and
 * "ticket_types.<id>.name_i18n.<locale>" (a new default language a ticket type has no name in)
 * at the default language choice.
 */
export function placeErrors(fields: Record<string, string>, defaultLocale: Locale): PlacedErrors {
  const out: PlacedErrors = { byLanguage: {}, ticketTypes: [], other: {} };
  const put = (locale: Locale, field: TextField, message: string) => {
    const row = (out.byLanguage[locale] ??= {});
    row[field] ??= message;
  };
  for (const [key, message] of Object.entries(fields)) {
    const plain = (TEXT_FIELDS as readonly string[]).includes(key) ? (key as TextField) : null;
    const entry = /^(name|description|mail_text)_i18n\.(.+)$/.exec(key);
    const type = /^ticket_types\.(\d+)\./.exec(key);
    if (plain) put(defaultLocale, plain, message);
    else if (entry && (LOCALES as readonly string[]).includes(entry[2])) put(entry[2] as Locale, entry[1] as TextField, message);
    else if (type) out.ticketTypes.push(Number(type[1]));
    else out.other[key] = message;
  }
  return out;
}

/** The ticket types that have names per language but none in `locale`: a default change needs it. */
export function typesLacking(types: Pick<TicketType, "id" | "name" | "name_i18n">[], locale: Locale): Pick<TicketType, "id" | "name">[] {
  return types.filter((t) => Object.keys(t.name_i18n ?? {}).length > 0 && !t.name_i18n?.[locale]?.trim());
}

/** A ticket type's names in the languages other than the event's default ("" when none). */
export function otherNames(stored: Record<string, string> | undefined, defaultLocale: Locale): Record<Locale, string> {
  const out = blank();
  for (const l of LOCALES) if (l !== defaultLocale) out[l] = stored?.[l] ?? "";
  return out;
}

/**
 * A ticket type's name_i18n to send: the name (the default language's) with every filled other
 * language; undefined when nothing is to change (no names per language before or now, or the
 * same ones). The plain name alone keeps the default's entry in step on the server.
 */
export function namesMap(defaultLocale: Locale, name: string, names: Record<Locale, string>,
  stored: Record<string, string> | undefined = undefined): Record<string, string> | undefined {
  const others = LOCALES.filter((l) => l !== defaultLocale).map((l) => [l, names[l].trim()] as const).filter(([, text]) => text);
  const before = Object.entries(stored ?? {}).filter(([l]) => l !== defaultLocale);
  const same = before.length === others.length && others.every(([l, text]) => stored?.[l] === text);
  if (same) return undefined;
  return Object.fromEntries([[defaultLocale, name.trim()], ...others]);
}
