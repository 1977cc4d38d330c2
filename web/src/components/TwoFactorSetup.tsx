// Two-factor sign-in for staff (TOTP, docs/accounts.md): set it up with an authenticator app (scan
// the QR or type the key, confirm with a code), keep the 10 recovery codes (shown once: copy or
// download them), or turn it off with a code. The admin shows it at /admin/security; the scanner
// shows it in place when the server requires two-factor for a steward's role (403
// second_factor_enrolment_required): so its text is the app's catalogue, in the steward's language.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../lib/api-client";
import { useAuth, useToken } from "../lib/auth";
import { cleanSecondFactorCode } from "../lib/accounts";
import { confirmTwoFactor, disableTwoFactor, enrolTwoFactor, fetchMe, type AccountMe, type TwoFactorEnrolment } from "../lib/accounts-api";
import { Button, ErrorBanner, Field } from "./ui";
import { TicketQr } from "./TicketQr";
import { useT } from "../i18n/I18nProvider";
import { t } from "../i18n/runtime";
import { errorText } from "../i18n/errors";

type Step =
  | { kind: "idle" }
  | { kind: "scan"; enrolment: TwoFactorEnrolment }
  | { kind: "codes"; codes: string[] };

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}

/** The recovery codes as a text file: what "Download" saves. */
export function recoveryCodesText(username: string, codes: string[]): string {
  return [t("twoFactor.fileTitle", { username: username }), t("twoFactor.fileExplained"), "",
    ...codes, ""].join("\n");
}

/** `onFinished`: the recovery codes were saved (the scanner then goes back to scanning). */
export function TwoFactorSetup({ onFinished }: { onFinished?(): void } = {}) {
  const { t } = useT();
  const token = useToken();
  const { session, adoptToken, updateUser, enrolmentRequired } = useAuth();
  const [me, setMe] = useState<AccountMe | null>(null);
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    fetchMe(token).then((m) => {
      setMe(m);
      updateUser(m);
    }).catch((e: ApiError) => setError(errorText(e)));
  }, [token, updateUser]);
  useEffect(load, [load]);
  const username = session?.user.username ?? "";

  async function start() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setStep({ kind: "scan", enrolment: await enrolTwoFactor(token) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("twoFactor.title")}</h1>
      {enrolmentRequired && step.kind !== "codes" && !me?.two_factor && (
        <p role="alert" className="rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-amber-900">
          {t("twoFactor.required")}
        </p>
      )}
      <ErrorBanner message={error} />
      {notice && <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">{notice}</p>}
      {step.kind === "scan" && (
        <Enrol enrolment={step.enrolment} onCancel={() => setStep({ kind: "idle" })} onConfirmed={(codes, accessToken) => {
          // The new token counts the factor (the page reloads the account with it); the old one is not used again.
          adoptToken(accessToken);
          setMe((m) => m && { ...m, two_factor: true });
          setStep({ kind: "codes", codes });
        }} />
      )}
      {step.kind === "codes" && (
        <RecoveryCodes username={username} codes={step.codes} onDone={() => {
          setStep({ kind: "idle" });
          setNotice(t("twoFactor.nowOn"));
          onFinished?.();
        }} />
      )}
      {step.kind === "idle" && me && (me.two_factor ? (
        <div className="rounded-xl bg-white p-4 shadow" data-testid="two-factor-on">
          <p><span className="font-semibold text-emerald-700">{t("twoFactor.on")}</span> {t("twoFactor.onExplained")}</p>
          <Disable onDone={(accessToken) => {
            // Turning it off ended every session, this one too: go on with the token the answer
            // carries (the account is reloaded with it). A reload with the old token would sign out.
            adoptToken(accessToken);
            setMe((m) => m && { ...m, two_factor: false });
            setNotice(t("twoFactor.nowOff"));
          }} />
        </div>
      ) : (
        <div className="rounded-xl bg-white p-4 shadow" data-testid="two-factor-off">
          <p><span className="font-semibold">{t("twoFactor.off")}</span> {t("twoFactor.offExplained")}</p>
          <Button className="mt-3" disabled={busy} onClick={start}>{busy ? t("twoFactor.starting") : t("twoFactor.setUp")}</Button>
        </div>
      ))}
    </section>
  );
}

function Enrol({ enrolment, onCancel, onConfirmed }:
  { enrolment: TwoFactorEnrolment; onCancel(): void; onConfirmed(codes: string[], accessToken: string): void }) {
  const { t } = useT();
  const token = useToken();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = cleanSecondFactorCode(code);
    if (!/^\d{6}$/.test(typed)) return setError(t("twoFactor.sixDigits"));
    setBusy(true);
    setError(null);
    try {
      const answer = await confirmTwoFactor(token, typed);
      onConfirmed(answer.recovery_codes, answer.access_token);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "invalid_second_factor" || ae.status === 400 || ae.status === 401
        ? t("twoFactor.wrongCode") : errorText(ae));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="space-y-3 rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label={t("twoFactor.setUp")}>
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        <li>{t("twoFactor.stepApp")}</li>
        <li>{t("twoFactor.stepAdd")}</li>
        <li>{t("twoFactor.stepCode")}</li>
      </ol>
      {enrolment.otpauth_uri ? <TicketQr payload={enrolment.otpauth_uri} size={200} alt={t("twoFactor.qrAlt")} />
        : enrolment.qr_svg ? <img className="mx-auto" width={200} height={200} alt={t("twoFactor.qrAlt")}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`} /> : null}
      <p className="text-sm">{t("twoFactor.key")} <code className="select-all break-all rounded bg-gray-100 px-2 py-1 font-mono" data-testid="totp-secret">
        {groupSecret(enrolment.secret)}</code></p>
      <Field label={t("twoFactor.code")} name="totp_code" inputMode="numeric" autoComplete="one-time-code" value={code}
        onChange={(e) => setCode(e.target.value)} />
      <ErrorBanner message={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>{t("common.cancel")}</Button>
        <Button type="submit" disabled={busy}>{busy ? t("twoFactor.checking") : t("twoFactor.turnOn")}</Button>
      </div>
    </form>
  );
}

function RecoveryCodes({ username, codes, onDone }: { username: string; codes: string[]; onDone(): void }) {
  const { t } = useT();
  const [copied, setCopied] = useState<string | null>(null);
  const text = recoveryCodesText(username, codes);
  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `gatepass-recovery-codes-${username}.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return (
    <div className="space-y-3 rounded-xl border-2 border-amber-400 bg-white p-4 shadow" role="region" aria-label={t("twoFactor.recoveryCodes")}>
      <h2 className="text-lg font-bold">{t("twoFactor.saveCodes")}</h2>
      <p className="text-sm">{t("twoFactor.codesExplained")}</p>
      <ol className="grid grid-cols-2 gap-2 font-mono" data-testid="recovery-codes">
        {codes.map((c) => <li key={c} className="rounded bg-gray-100 px-2 py-1 text-center">{c}</li>)}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button variant="ghost" onClick={() => navigator.clipboard?.writeText(text).then(() => setCopied(t("twoFactor.copied")), () => setCopied(t("twoFactor.copyFailed")))}>
          {t("twoFactor.copy")}</Button>
        <Button variant="ghost" onClick={download}>{t("twoFactor.download")}</Button>
        <Button className="ml-auto" onClick={onDone}>{t("twoFactor.saved")}</Button>
      </div>
      {copied && <p role="status" className="text-sm text-gray-600">{copied}</p>}
    </div>
  );
}

function Disable({ onDone }: { onDone(accessToken: string): void }) {
  const { t } = useT();
  const token = useToken();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) return <Button variant="ghost" className="mt-3" onClick={() => setOpen(true)}>{t("twoFactor.turnOffOpen")}</Button>;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = cleanSecondFactorCode(code);
    if (!typed) return setError(t("login.codeMissing"));
    setBusy(true);
    setError(null);
    try {
      const answer = await disableTwoFactor(token, typed);
      onDone(answer.access_token);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "invalid_second_factor" || ae.status === 400 || ae.status === 401 ? t("error.invalid_second_factor") : errorText(ae));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="mt-3 space-y-2 border-t pt-3" onSubmit={submit} aria-label={t("twoFactor.turnOff")}>
      <Field label={t("twoFactor.codeOrRecovery")} name="disable_code" autoComplete="one-time-code" autoCapitalize="none"
        value={code} onChange={(e) => setCode(e.target.value)} />
      <ErrorBanner message={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
        <Button type="submit" variant="danger" disabled={busy}>{t("twoFactor.turnOff")}</Button>
      </div>
    </form>
  );
}
