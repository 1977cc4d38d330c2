// Two-factor sign-in for staff (TOTP, docs/accounts.md): set it up with an authenticator app (scan
// the QR or type the key, confirm with a code), keep the 10 recovery codes (shown once: copy or
// download them), or turn it off with a code. Every staff role reaches this page; when the server
// requires two-factor for the role (403 second_factor_enrolment_required), the app sends the user
// here and says why.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api-client";
import { useAuth, useToken } from "../../lib/auth";
import { cleanSecondFactorCode } from "../../lib/accounts";
import { confirmTwoFactor, disableTwoFactor, enrolTwoFactor, fetchMe, type AccountMe, type TwoFactorEnrolment } from "../../lib/accounts-api";
import { Button, ErrorBanner, Field } from "../../components/ui";
import { TicketQr } from "../../components/TicketQr";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

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
  return [t("admin.security.gatepassRecoveryCodesFor", { username: username }), t("admin.security.eachCodeSignsYou"), "",
    ...codes, ""].join("\n");
}

export function SecurityPage() {
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
    }).catch((e: ApiError) => setError(e.message));
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
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.security.twoFactorSignIn")}</h1>
      {enrolmentRequired && step.kind !== "codes" && !me?.two_factor && (
        <p role="alert" className="rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-amber-900">
          {t("admin.security.yourOrganisationRequiresTwo")}
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
          setNotice(t("admin.security.twoFactorSignInA"));
        }} />
      )}
      {step.kind === "idle" && me && (me.two_factor ? (
        <div className="rounded-xl bg-white p-4 shadow" data-testid="two-factor-on">
          <p><span className="font-semibold text-emerald-700">{t("admin.security.on")}</span> {t("admin.security.signingInAsksFor")}</p>
          <Disable onDone={(accessToken) => {
            // Turning it off ended every session, this one too: go on with the token the answer
            // carries (the account is reloaded with it). A reload with the old token would sign out.
            adoptToken(accessToken);
            setMe((m) => m && { ...m, two_factor: false });
            setNotice(t("admin.security.twoFactorSignInB"));
          }} />
        </div>
      ) : (
        <div className="rounded-xl bg-white p-4 shadow" data-testid="two-factor-off">
          <p><span className="font-semibold">{t("admin.security.off")}</span> {t("admin.security.withTwoFactorSign")}</p>
          <Button className="mt-3" disabled={busy} onClick={start}>{busy ? t("admin.security.starting") : t("admin.security.setUpTwoFactor")}</Button>
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
    if (!/^\d{6}$/.test(typed)) return setError(t("admin.security.typeTheDigitsYour"));
    setBusy(true);
    setError(null);
    try {
      const answer = await confirmTwoFactor(token, typed);
      onConfirmed(answer.recovery_codes, answer.access_token);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "invalid_second_factor" || ae.status === 400 || ae.status === 401
        ? t("admin.security.wrongOrAlreadyUsed") : ae.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="space-y-3 rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label={t("admin.security.setUpTwoFactor")}>
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        <li>{t("admin.security.openAnAuthenticatorApp")}</li>
        <li>{t("admin.security.addAnAccountBy")}</li>
        <li>{t("admin.security.typeTheDigitCode")}</li>
      </ol>
      {enrolment.otpauth_uri ? <TicketQr payload={enrolment.otpauth_uri} size={200} alt={t("admin.security.qrCodeForThe")} />
        : enrolment.qr_svg ? <img className="mx-auto" width={200} height={200} alt={t("admin.security.qrCodeForThe")}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`} /> : null}
      <p className="text-sm">{t("admin.security.key")} <code className="select-all break-all rounded bg-gray-100 px-2 py-1 font-mono" data-testid="totp-secret">
        {groupSecret(enrolment.secret)}</code></p>
      <Field label={t("admin.security.codeFromTheApp")} name="totp_code" inputMode="numeric" autoComplete="one-time-code" value={code}
        onChange={(e) => setCode(e.target.value)} />
      <ErrorBanner message={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>{t("admin.security.cancel")}</Button>
        <Button type="submit" disabled={busy}>{busy ? t("admin.security.checking") : t("admin.security.turnOn")}</Button>
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
    <div className="space-y-3 rounded-xl border-2 border-amber-400 bg-white p-4 shadow" role="region" aria-label={t("admin.security.recoveryCodes")}>
      <h2 className="text-lg font-bold">{t("admin.security.saveYourRecoveryCodes")}</h2>
      <p className="text-sm">{t("admin.security.ifYouLoseYour")}</p>
      <ol className="grid grid-cols-2 gap-2 font-mono" data-testid="recovery-codes">
        {codes.map((c) => <li key={c} className="rounded bg-gray-100 px-2 py-1 text-center">{c}</li>)}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button variant="ghost" onClick={() => navigator.clipboard?.writeText(text).then(() => setCopied(t("admin.security.copied")), () => setCopied(t("admin.security.couldNotCopyDownload")))}>
          {t("admin.security.copy")}</Button>
        <Button variant="ghost" onClick={download}>{t("admin.security.downloadAsText")}</Button>
        <Button className="ml-auto" onClick={onDone}>{t("admin.security.iHaveSavedThem")}</Button>
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
  if (!open) return <Button variant="ghost" className="mt-3" onClick={() => setOpen(true)}>{t("admin.security.turnOff")}</Button>;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = cleanSecondFactorCode(code);
    if (!typed) return setError(t("admin.security.typeACodeFrom"));
    setBusy(true);
    setError(null);
    try {
      const answer = await disableTwoFactor(token, typed);
      onDone(answer.access_token);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "invalid_second_factor" || ae.status === 400 || ae.status === 401 ? t("admin.security.wrongOrAlreadyUsedA") : ae.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="mt-3 space-y-2 border-t pt-3" onSubmit={submit} aria-label={t("admin.security.turnOffTwoFactor")}>
      <Field label={t("admin.security.codeFromTheAppA")} name="disable_code" autoComplete="one-time-code" autoCapitalize="none"
        value={code} onChange={(e) => setCode(e.target.value)} />
      <ErrorBanner message={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>{t("admin.security.cancel")}</Button>
        <Button type="submit" variant="danger" disabled={busy}>{t("admin.security.turnOffTwoFactor")}</Button>
      </div>
    </form>
  );
}
