// The one active language for the whole app (FormatJS: ICU messages, Intl formats). Components read
// it through useT() (they re-render when it changes); pure modules (the scanner's result cards,
// form checks) call t() when they run. Catalogues load lazily: only the chosen one is downloaded.
import { createIntl, createIntlCache, type IntlShape } from "react-intl";
import type { ReactNode } from "react";
import type en from "./messages/en.json";
import type adminEn from "./messages/admin/en.json";
import { DEFAULT_LOCALE, type Locale } from "./locales";

/** Every message id of the English catalogues (the app's and the admin's): a typo is a type error. */
export type MessageId = keyof typeof en | keyof typeof adminEn;
export type Messages = Record<MessageId, string>;
type Values = Record<string, string | number | Date | null | undefined>;
type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

const cache = createIntlCache();
let intl: IntlShape = make(DEFAULT_LOCALE, {} as Messages);
let version = 0;
const listeners = new Set<() => void>();

function make(locale: Locale, messages: Messages): IntlShape {
  return createIntl({
    locale, defaultLocale: DEFAULT_LOCALE, messages,
    // A missing message shows its id (the catalogue test keeps that from shipping); no console noise.
    onError: () => undefined,
  }, cache);
}

/** Makes `locale` with `messages` the active language and re-renders every useT() reader. */
export function activate(locale: Locale, messages: Messages): void {
  intl = make(locale, messages);
  version++;
  for (const l of listeners) l();
}

export function currentLocale(): Locale {
  return intl.locale as Locale;
}
export function currentIntl(): IntlShape {
  return intl;
}

/** A message of the active catalogue, ICU-formatted with `values` (plurals, numbers, dates). */
export function t(id: MessageId, values?: Values): string {
  // No values for a message without arguments: the built app formats those without the parser.
  return intl.formatMessage({ id }, values && Object.keys(values).length ? values : undefined) as string;
}
/** A message with tags (`<b>…</b>`) or React nodes as values. */
export function rich(id: MessageId, values: RichValues): ReactNode {
  return intl.formatMessage({ id }, values as never) as ReactNode;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export function snapshot(): number {
  return version;
}
