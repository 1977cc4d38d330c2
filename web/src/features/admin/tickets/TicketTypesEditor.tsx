// Changing a ticket type (PATCH /api/ticket-types/{id}): name (and its translations, issue 24),
// price and quota, only what changed is sent. The server checks everything (the price's form, a name taken in the event, a quota below
// what was generated): its answer names the field, and the message is shown at that field.
import { useState, type FormEvent } from "react";
import { ApiError, apiPatch, type BodyOf } from "../../../lib/api-client";
import { useToken } from "../../../lib/auth";
import type { TicketType } from "../../../lib/types";
import { Button, ErrorBanner, Field, Modal } from "../../../components/ui";
import { useT } from "../../../i18n/I18nProvider";
import { LOCALES, type Locale } from "../../../i18n/locales";
import { languageName } from "../EventTranslations";
import { namesMap, otherNames } from "../translations";

type Patch = BodyOf<"/api/ticket-types/{id}", "patch">;

/** The fields that changed, in the API's form ("" quota: no quota, sent as null). */
export function ticketTypePatch(type: Pick<TicketType, "name" | "price" | "quota" | "name_i18n">,
  form: { name: string; price: string; quota: string; names?: Record<Locale, string> }, defaultLocale: Locale = "en"): Patch {
  const patch: Patch = {};
  if (form.name.trim() !== type.name) patch.name = form.name.trim();
  const names = form.names && namesMap(defaultLocale, form.name, form.names, type.name_i18n);
  if (names) patch.name_i18n = names;
  if (form.price.trim() !== type.price) patch.price = form.price.trim();
  const quota = form.quota.trim() === "" ? null : Number(form.quota);
  if (quota !== type.quota) patch.quota = quota;
  return patch;
}

/** The name in the languages other than the event's default: one field each, errors named
 *  "name_i18n.<locale>" by the server shown at theirs (the default's at the name field). */
export function OtherNames({ prefix, defaultLocale, names, onNames, errors }:
  { prefix: string; defaultLocale: Locale; names: Record<Locale, string>; onNames(n: Record<Locale, string>): void; errors: Record<string, string> }) {
  const { t, locale } = useT();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold text-gray-700">{t("admin.ticketTypesEditor.namesPerLanguage")}</legend>
      <p className="text-xs text-gray-500">{t("admin.ticketTypesEditor.namesHint")}</p>
      <div className="grid gap-2 sm:grid-cols-3">
        {LOCALES.filter((l) => l !== defaultLocale).map((l) => (
          <Field key={l} lang={l} label={t("admin.ticketTypesEditor.nameIn", { language: languageName(l, locale) })} name={`${prefix}name_i18n.${l}`}
            maxLength={100} value={names[l]} onChange={(e) => onNames({ ...names, [l]: e.target.value })} error={errors[`name_i18n.${l}`]} />
        ))}
      </div>
    </fieldset>
  );
}

export function EditTicketType({ type, defaultLocale, onClose, onSaved }:
  { type: TicketType; defaultLocale: Locale; onClose(): void; onSaved(t: TicketType): void }) {
  const { t } = useT();
  const token = useToken();
  const [form, setForm] = useState({ name: type.name, price: type.price, quota: type.quota === null ? "" : String(type.quota),
    names: otherNames(type.name_i18n, defaultLocale) });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: "name" | "price" | "quota") => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    // A number input lets "1.5" or "1e3" through; sent as a number it would be another quota.
    if (form.quota.trim() !== "" && !/^\d+$/.test(form.quota.trim())) return setFields({ quota: t("admin.ticketTypesEditor.mustBeAWhole") });
    const body = ticketTypePatch(type, form, defaultLocale);
    if (Object.keys(body).length === 0) return onClose();
    setBusy(true);
    setFields({});
    setError(null);
    try {
      onSaved(await apiPatch("/api/ticket-types/{id}", { path: { id: type.id }, token, body }));
    } catch (err) {
      setFields((err as ApiError).fields);
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal title={t("admin.ticketTypesEditor.editTicketType", { name: type.name })} onClose={onClose}>
      <form className="space-y-3" onSubmit={submit} noValidate aria-label={t("admin.ticketTypesEditor.editTicketTypeA")}>
        <Field label={t("admin.ticketTypesEditor.typeName")} name="edit_type_name" value={form.name} onChange={set("name")}
          error={fields.name ?? fields[`name_i18n.${defaultLocale}`]} />
        <OtherNames prefix="edit_" defaultLocale={defaultLocale} names={form.names} onNames={(names) => setForm({ ...form, names })} errors={fields} />
        <Field label={t("admin.ticketTypesEditor.price", { currency: type.currency })} name="edit_price" inputMode="decimal" value={form.price} onChange={set("price")} error={fields.price} />
        <Field label={t("admin.ticketTypesEditor.quotaEmptyNoQuota")} name="edit_quota" type="number" min={1} value={form.quota} onChange={set("quota")} error={fields.quota}
          hint={t("admin.ticketTypesEditor.generatedSoldTheQuota", { value: type.generated.toLocaleString("en-US"), value2: type.sold.toLocaleString("en-US") })} />
        <ErrorBanner message={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>{t("admin.ticketTypesEditor.cancel")}</Button>
          <Button type="submit" disabled={busy}>{t("admin.ticketTypesEditor.save")}</Button>
        </div>
      </form>
    </Modal>
  );
}
