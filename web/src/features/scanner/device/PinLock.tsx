// The steward PIN's two screens: the lock after a restart, and setting or removing the PIN.
import { useState, type FormEvent } from "react";
import { Button, ErrorBanner } from "../../../components/ui";
import { pinMatches, pinProblem, type StoredPin } from "./pin";
import { t } from "../../../i18n/runtime";
import { useT } from "../../../i18n/I18nProvider";

export function PinLock({ stored, onUnlock }: { stored: StoredPin; onUnlock(): void }) {
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  useT();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await pinMatches(pin, stored)) onUnlock();
    else {
      setError(t("pin.wrong"));
      setPin("");
    }
  }
  return (
    <form onSubmit={submit} className="mx-auto mt-16 max-w-sm space-y-3 rounded-xl bg-white p-6 shadow">
      <h1 className="text-2xl font-bold">{t("pin.locked")}</h1>
      <ErrorBanner message={error} />
      <label className="block">
        <span className="text-sm font-medium text-gray-700">{t("pin.label")}</span>
        <input name="steward-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)}
          className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-3 text-2xl tracking-widest" autoFocus />
      </label>
      <Button type="submit" className="w-full py-3 text-lg">{t("pin.unlock")}</Button>
    </form>
  );
}

export function PinSetup({ hasPin, onSave }: { hasPin: boolean; onSave(pin: string | null): Promise<void> }) {
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useT();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = pinProblem(pin);
    setError(problem);
    setSaved(null);
    if (problem) return;
    await onSave(pin);
    setPin("");
    setSaved(t("pin.set"));
  }
  return (
    <form onSubmit={submit} className="space-y-2" aria-labelledby="pin-setup">
      <h3 id="pin-setup" className="font-semibold">{hasPin ? t("pin.titleSet") : t("pin.titleNone")}</h3>
      <ErrorBanner message={error} />
      {saved && <p role="status" className="text-emerald-800">{saved}</p>}
      <div className="flex gap-2">
        <input name="new-pin" type="password" inputMode="numeric" aria-label={t("pin.new")} placeholder={t("pin.rule")} autoComplete="off"
          value={pin} onChange={(e) => setPin(e.target.value)} className="min-w-0 flex-1 rounded-lg border border-gray-300 px-3 py-2" />
        <Button type="submit">{t("pin.setButton")}</Button>
        {hasPin && <Button type="button" variant="ghost" onClick={() => { void onSave(null); setSaved(t("pin.removed")); }}>{t("pin.remove")}</Button>}
      </div>
    </form>
  );
}
