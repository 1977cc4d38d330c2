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
  return [`Gatepass recovery codes for ${username}`, "Each code signs you in once, instead of the authenticator app.", "",
    ...codes, ""].join("\n");
}

export function SecurityPage() {
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
      <h1 className="text-2xl font-bold">Two-factor sign-in</h1>
      {enrolmentRequired && step.kind !== "codes" && !me?.two_factor && (
        <p role="alert" className="rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-amber-900">
          Your organisation requires two-factor sign-in for your role. Until it is set up, the rest of the dashboard stays closed.
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
          setNotice("Two-factor sign-in is on. Next time you sign in, type the code your app shows.");
        }} />
      )}
      {step.kind === "idle" && me && (me.two_factor ? (
        <div className="rounded-xl bg-white p-4 shadow" data-testid="two-factor-on">
          <p><span className="font-semibold text-emerald-700">On.</span> Signing in asks for a code from your authenticator app (or a
            recovery code).</p>
          <Disable onDone={(accessToken) => {
            // Turning it off ended every session, this one too: go on with the token the answer
            // carries (the account is reloaded with it). A reload with the old token would sign out.
            adoptToken(accessToken);
            setMe((m) => m && { ...m, two_factor: false });
            setNotice("Two-factor sign-in is off.");
          }} />
        </div>
      ) : (
        <div className="rounded-xl bg-white p-4 shadow" data-testid="two-factor-off">
          <p><span className="font-semibold">Off.</span> With two-factor sign-in, a stolen password alone does not open your account:
            signing in also asks for a 6-digit code from an authenticator app on your phone.</p>
          <Button className="mt-3" disabled={busy} onClick={start}>{busy ? "Starting…" : "Set up two-factor sign-in"}</Button>
        </div>
      ))}
    </section>
  );
}

function Enrol({ enrolment, onCancel, onConfirmed }:
  { enrolment: TwoFactorEnrolment; onCancel(): void; onConfirmed(codes: string[], accessToken: string): void }) {
  const token = useToken();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = cleanSecondFactorCode(code);
    if (!/^\d{6}$/.test(typed)) return setError("Type the 6 digits your app shows now.");
    setBusy(true);
    setError(null);
    try {
      const answer = await confirmTwoFactor(token, typed);
      onConfirmed(answer.recovery_codes, answer.access_token);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "invalid_second_factor" || ae.status === 400 || ae.status === 401
        ? "Wrong or already used code: type the code your app shows now." : ae.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="space-y-3 rounded-xl bg-white p-4 shadow" onSubmit={submit} aria-label="Set up two-factor sign-in">
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        <li>Open an authenticator app on your phone (for example one from your phone's app store that supports “TOTP”).</li>
        <li>Add an account by scanning this QR code, or by typing the key below.</li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      {enrolment.otpauth_uri ? <TicketQr payload={enrolment.otpauth_uri} size={200} alt="QR code for the authenticator app" />
        : enrolment.qr_svg ? <img className="mx-auto" width={200} height={200} alt="QR code for the authenticator app"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`} /> : null}
      <p className="text-sm">Key: <code className="select-all break-all rounded bg-gray-100 px-2 py-1 font-mono" data-testid="totp-secret">
        {groupSecret(enrolment.secret)}</code></p>
      <Field label="Code from the app" name="totp_code" inputMode="numeric" autoComplete="one-time-code" value={code}
        onChange={(e) => setCode(e.target.value)} />
      <ErrorBanner message={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>Cancel</Button>
        <Button type="submit" disabled={busy}>{busy ? "Checking…" : "Turn on"}</Button>
      </div>
    </form>
  );
}

function RecoveryCodes({ username, codes, onDone }: { username: string; codes: string[]; onDone(): void }) {
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
    <div className="space-y-3 rounded-xl border-2 border-amber-400 bg-white p-4 shadow" role="region" aria-label="Recovery codes">
      <h2 className="text-lg font-bold">Save your recovery codes</h2>
      <p className="text-sm">If you lose your phone, each of these codes signs you in once instead of the app. They are shown only now:
        keep them somewhere safe (a password manager, or printed).</p>
      <ol className="grid grid-cols-2 gap-2 font-mono" data-testid="recovery-codes">
        {codes.map((c) => <li key={c} className="rounded bg-gray-100 px-2 py-1 text-center">{c}</li>)}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button variant="ghost" onClick={() => navigator.clipboard?.writeText(text).then(() => setCopied("Copied."), () => setCopied("Could not copy: download them instead."))}>
          Copy</Button>
        <Button variant="ghost" onClick={download}>Download as text</Button>
        <Button className="ml-auto" onClick={onDone}>I have saved them</Button>
      </div>
      {copied && <p role="status" className="text-sm text-gray-600">{copied}</p>}
    </div>
  );
}

function Disable({ onDone }: { onDone(accessToken: string): void }) {
  const token = useToken();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) return <Button variant="ghost" className="mt-3" onClick={() => setOpen(true)}>Turn off…</Button>;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = cleanSecondFactorCode(code);
    if (!typed) return setError("Type a code from your app, or a recovery code.");
    setBusy(true);
    setError(null);
    try {
      const answer = await disableTwoFactor(token, typed);
      onDone(answer.access_token);
    } catch (err) {
      const ae = err as ApiError;
      setError(ae.code === "invalid_second_factor" || ae.status === 400 || ae.status === 401 ? "Wrong or already used code" : ae.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="mt-3 space-y-2 border-t pt-3" onSubmit={submit} aria-label="Turn off two-factor sign-in">
      <Field label="Code from the app, or a recovery code" name="disable_code" autoComplete="one-time-code" autoCapitalize="none"
        value={code} onChange={(e) => setCode(e.target.value)} />
      <ErrorBanner message={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={busy}>Turn off two-factor sign-in</Button>
      </div>
    </form>
  );
}
