// "Forgot your password?" and the page its mailed link opens (…/reset-password#token=…), for
// holders (/my) and staff (/admin): the same pages, each with its own wording and sign-in page.
// The answer to a reset request is the same whether or not an account has the address.
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { ApiError } from "../lib/api-client";
import { confirmPasswordReset, requestPasswordReset } from "../lib/accounts-api";
import { PASSWORD_MIN, tokenFromFragment } from "../lib/accounts";
import { Button, ErrorBanner, Field } from "./ui";
import { useT } from "../i18n/I18nProvider";
import { errorText, fieldErrors } from "../i18n/errors";

export type Audience = "holder" | "staff";

const WORDS = {
  holder: { signIn: "/my/login", forgot: "/my/forgot-password", whose: "holder" },
  staff: { signIn: "/admin", forgot: "/admin/forgot-password", whose: "staff" },
} as const;

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto mt-16 max-w-sm rounded-xl bg-white p-6 shadow">
      <h1 className="mb-4 text-2xl font-bold">{title}</h1>
      {children}
    </div>
  );
}

export function ForgotPasswordPage({ audience }: { audience: Audience }) {
  const words = WORDS[audience];
  const { t } = useT();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setError(t("reset.emailMissing", { whose: words.whose }));
    setBusy(true);
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  if (sent)
    return (
      <Card title={t("reset.sentTitle")}>
        <p role="status">{t("reset.sent")}</p>
        <p className="mt-2 text-sm text-gray-600">{t("reset.sentHelp", { whose: words.whose })}</p>
        <Link className="mt-4 block text-center font-semibold underline" to={words.signIn}>{t("reset.backToSignIn")}</Link>
      </Card>
    );
  return (
    <Card title={t("reset.forgotTitle")}>
      <p className="mb-4 text-sm text-gray-600">{t("reset.forgotIntro", { whose: words.whose })}</p>
      <form className="space-y-4" onSubmit={submit} noValidate aria-label={t("reset.askFormLabel")}>
        <Field label={t("field.email")} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <ErrorBanner message={error} />
        <Button type="submit" disabled={busy} className="w-full">{busy ? t("common.sending") : t("reset.send")}</Button>
      </form>
      <Link className="mt-4 block text-center text-sm underline" to={words.signIn}>{t("reset.backToSignIn")}</Link>
    </Card>
  );
}

export function ResetPasswordPage({ audience }: { audience: Audience }) {
  const words = WORDS[audience];
  const { t } = useT();
  const location = useLocation();
  const navigate = useNavigate();
  // The token is read once, then taken out of the address bar (and the tab's history).
  const [token] = useState(() => tokenFromFragment(location.hash));
  useEffect(() => {
    if (location.hash) navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location, navigate]);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!token || expired)
    return (
      <Card title={expired ? t("link.expiredTitle") : t("link.incompleteTitle")}>
        <p role="alert">{expired ? t("reset.expired") : t("link.incomplete")}</p>
        <Link className="mt-4 block text-center font-semibold underline" to={words.forgot}>{t("reset.askNew")}</Link>
      </Card>
    );
  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (password.length < PASSWORD_MIN) found.password = t("check.passwordShort", { min: PASSWORD_MIN });
    else if (repeat !== password) found.repeat = t("check.passwordDiffers");
    setFields(found);
    setError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await confirmPasswordReset(token!, password);
      navigate(words.signIn, { replace: true, state: { notice: t("reset.changed") } });
    } catch (err) {
      const ae = err as ApiError;
      if (ae.status === 404) return setExpired(true);
      setFields(fieldErrors<string>(ae.fields) as Record<string, string>);
      setError(ae.fields.password ? null : errorText(ae));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t("reset.chooseTitle")}>
      <form className="space-y-4" onSubmit={submit} noValidate aria-label={t("reset.chooseTitle")}>
        <Field label={t("reset.newPassword")} name="password" type="password" autoComplete="new-password" value={password}
          onChange={(e) => setPassword(e.target.value)} error={fields.password} hint={t("check.passwordHint", { min: PASSWORD_MIN })} />
        <Field label={t("reset.repeat")} name="repeat" type="password" autoComplete="new-password" value={repeat}
          onChange={(e) => setRepeat(e.target.value)} error={fields.repeat} />
        <ErrorBanner message={error} />
        <Button type="submit" disabled={busy} className="w-full">{busy ? t("common.saving") : t("reset.change")}</Button>
      </form>
    </Card>
  );
}
