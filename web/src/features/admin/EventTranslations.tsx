// The event form's texts per language (issue 24): the default language, then one tab per shipped
// language with its name, description and mail addition. The default language's tab holds the
// plain fields; every other tab says how many of the texts it has ("German: 2 of 3 texts"), so
// gaps show before visitors meet them. The mapping to the API and back is in translations.ts;
// useEventTexts is what the event form holds (state, its checks, the body, the errors placed).
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import type { Event, TicketType } from "../../lib/types";
import { Field } from "../../components/ui";
import { LOCALES, type Locale } from "../../i18n/locales";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";
import { filledCount, MAX_LENGTH, placeErrors, textProblems, textsBody, textsOf, typesLacking, type PlacedErrors, type TextField,
  type Texts, type TextsBody } from "./translations";

/** A language's name in the admin's own language ("German" in English, "Deutsch" in German). */
export function languageName(locale: string, uiLocale: string): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

const NO_ERRORS: PlacedErrors = { byLanguage: {}, ticketTypes: [], other: {} };

export interface EventTexts {
  defaultLocale: Locale;
  setDefaultLocale(locale: Locale): void;
  texts: Texts;
  setTexts(texts: Texts): void;
  errors: PlacedErrors;
  /** Counts the refused saves: each opens the first language with a problem. */
  refusals: number;
  /** Names of the ticket types without a name in the chosen default language (it cannot be saved so). */
  lacking: string[];
  /** The form's own checks, as field errors named like the server's ({} when all is well). */
  check(): Record<string, string>;
  /** The plain texts, default_locale and the maps, for POST/PATCH /api/events. */
  body(): TextsBody;
  /** Keeps the texts' errors (shown at their language's fields); returns the other fields' ones. */
  place(fields: Record<string, string>): Record<string, string>;
}

/** The event form's texts per language: `event` null for a new one. */
export function useEventTexts(event: Event | null): EventTexts {
  const token = useToken();
  const { locale: ui } = useT();
  const [initial] = useState(() => textsOf(event));
  const [defaultLocale, setDefaultLocale] = useState<Locale>(initial.defaultLocale);
  const [texts, setTexts] = useState(initial.texts);
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const [refusals, setRefusals] = useState(0);
  // The event's ticket types: a new default language needs each one's name in it.
  const [types, setTypes] = useState<TicketType[]>([]);
  useEffect(() => {
    if (!event) return;
    apiGet("/api/events/{id}/ticket-types", { path: { id: event.id }, token }).then((r) => setTypes(r.items)).catch(() => undefined);
  }, [event, token]);
  const changed = defaultLocale !== (event?.default_locale ?? "en");
  const lacking = [...new Set([...(changed ? typesLacking(types, defaultLocale).map((x) => x.name) : []),
    ...errors.ticketTypes.map((id) => types.find((x) => x.id === id)?.name ?? `#${id}`)])];
  const check = useCallback(() => {
    const language = (l: string) => languageName(l, ui);
    const out: Record<string, string> = {};
    for (const [key, problem] of Object.entries(textProblems(defaultLocale, texts)))
      out[key] = problem === "tooLong" ? t("admin.eventTranslations.tooLong", { max: MAX_LENGTH[key.split(/_i18n|\./)[0] as TextField] })
        : t("admin.eventTranslations.defaultMissing", { language: language(key.split(".")[1]) });
    if (!texts.name[defaultLocale].trim()) out.name = t("admin.eventTranslations.nameRequired", { language: language(defaultLocale) });
    return out;
  }, [defaultLocale, texts, ui]);
  const place = useCallback((fields: Record<string, string>) => {
    const found = placeErrors(fields, defaultLocale);
    setErrors(found);
    setRefusals((n) => n + 1);
    return found.other;
  }, [defaultLocale]);
  const body = useCallback(() => textsBody(defaultLocale, texts, event), [defaultLocale, texts, event]);
  // A text typed again drops the error shown at it (the next save checks it anew).
  const edit = useCallback((next: Texts) => {
    setErrors((current) => {
      const byLanguage = Object.fromEntries(Object.entries(current.byLanguage).map(([l, row]) =>
        [l, Object.fromEntries(Object.entries(row ?? {}).filter(([f]) => next[f as TextField][l as Locale] === texts[f as TextField][l as Locale]))]));
      return { ...current, byLanguage };
    });
    setTexts(next);
  }, [texts]);
  // Another default language: what the server said about the ticket types' names was for the old choice.
  const chooseDefault = useCallback((next: Locale) => {
    setErrors((current) => ({ ...current, ticketTypes: [] }));
    setDefaultLocale(next);
  }, []);
  return { defaultLocale, setDefaultLocale: chooseDefault, texts, setTexts: edit, errors, refusals, lacking, check, body, place };
}

export function EventTranslations({ texts: state }: { texts: EventTexts }) {
  const { t, locale: ui } = useT();
  const { defaultLocale, setDefaultLocale: onDefaultLocale, texts, setTexts: onTexts, errors, lacking: lackingTypes } = state;
  const [tab, setTab] = useState<Locale>(defaultLocale);
  // After a refused save, the first language with a problem opens (the default's first).
  const { refusals } = state;
  useEffect(() => {
    const wrong = [defaultLocale, ...LOCALES].find((l) => Object.keys(errors.byLanguage[l] ?? {}).length > 0);
    if (wrong) setTab(wrong);
    // Only when a save was refused: not while the errors go away one by one as they are fixed.
  }, [refusals]);
  const name = (l: Locale) => languageName(l, ui);
  const set = (field: TextField) => (value: string) => onTexts({ ...texts, [field]: { ...texts[field], [tab]: value } });
  const isDefault = tab === defaultLocale;
  const here = errors.byLanguage[tab] ?? {};
  const key = (field: TextField) => (isDefault ? field : `${field}_i18n.${tab}`);

  return (
    <fieldset className="space-y-3 rounded-lg border border-gray-200 p-3" data-testid="event-translations">
      <legend className="px-1 text-sm font-semibold text-gray-700">{t("admin.eventTranslations.textsPerLanguage")}</legend>
      <div>
        <label className="block text-sm font-medium text-gray-700" htmlFor="default_locale">{t("admin.eventTranslations.defaultLanguage")}</label>
        <select id="default_locale" name="default_locale" value={defaultLocale} aria-invalid={lackingTypes.length > 0}
          aria-describedby={lackingTypes.length ? "default_locale-error" : "default_locale-hint"}
          onChange={(e) => { onDefaultLocale(e.target.value as Locale); setTab(e.target.value as Locale); }}
          className={`mt-1 w-full rounded-lg border px-3 py-2 ${lackingTypes.length ? "border-red-500" : "border-gray-300"}`}>
          {LOCALES.map((l) => <option key={l} value={l}>{name(l)}</option>)}
        </select>
        {lackingTypes.length > 0
          ? <span id="default_locale-error" role="alert" className="block text-sm text-red-600">
            {t("admin.eventTranslations.typesLacking", { language: name(defaultLocale), names: lackingTypes.join(", "), count: lackingTypes.length })}</span>
          : <span id="default_locale-hint" className="text-xs text-gray-500">{t("admin.eventTranslations.defaultLanguageHint")}</span>}
      </div>
      <div role="tablist" aria-label={t("admin.eventTranslations.languages")} className="flex flex-wrap gap-1">
        {[defaultLocale, ...LOCALES.filter((l) => l !== defaultLocale)].map((l) => {
          const { filled, total } = filledCount(defaultLocale, texts, l);
          const wrong = Object.keys(errors.byLanguage[l] ?? {}).length > 0;
          return (
            <button key={l} type="button" role="tab" id={`texts-tab-${l}`} aria-selected={tab === l} aria-controls="texts-panel"
              onClick={() => setTab(l)} data-testid={`texts-tab-${l}`}
              className={`rounded-lg border px-3 py-1 text-sm ${tab === l ? "border-gray-900 bg-gray-900 text-white" : "border-gray-300 bg-white"} ${wrong ? "ring-2 ring-red-500" : ""}`}>
              {l === defaultLocale ? t("admin.eventTranslations.defaultTab", { language: name(l) })
                : t("admin.eventTranslations.filledCount", { language: name(l), filled, total })}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id="texts-panel" aria-labelledby={`texts-tab-${tab}`} className="space-y-3">
        {!isDefault && <p className="text-xs text-gray-500">{t("admin.eventTranslations.fallbackHint", { language: name(tab), fallback: name(defaultLocale) })}</p>}
        <Field key={`name-${tab}`} label={t("admin.events.name")} name={key("name")} value={texts.name[tab]} maxLength={MAX_LENGTH.name}
          onChange={(e) => set("name")(e.target.value)} error={here.name} required={isDefault} lang={tab} />
        <TextArea lang={tab} name={key("description")} label={t("admin.events.description")} value={texts.description[tab]} onChange={set("description")}
          max={MAX_LENGTH.description} error={here.description} hint={t("admin.events.plainTextShownOn")} />
        <TextArea lang={tab} name={key("mail_text")} label={t("admin.eventTranslations.mailText")} value={texts.mail_text[tab]} onChange={set("mail_text")}
          max={MAX_LENGTH.mail_text} error={here.mail_text} hint={t("admin.eventTranslations.mailTextHint")} />
      </div>
    </fieldset>
  );
}

function TextArea({ lang, name, label, value, onChange, max, error, hint }:
  { lang: string; name: string; label: string; value: string; onChange(v: string): void; max: number; error?: string; hint: ReactNode }) {
  return (
    <div>
      <label className="block text-sm font-medium text-gray-700" htmlFor={name}>{label}</label>
      <textarea id={name} name={name} lang={lang} rows={3} maxLength={max} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error} aria-describedby={error ? `${name}-error` : undefined}
        className={`mt-1 w-full rounded-lg border px-3 py-2 ${error ? "border-red-500" : "border-gray-300"}`} />
      {!error && <span className="text-xs text-gray-500">{hint}</span>}
      {error && <span id={`${name}-error`} role="alert" className="block text-sm text-red-600">{error}</span>}
    </div>
  );
}
