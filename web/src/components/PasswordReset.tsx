// "Forgot your password?" and the page its mailed link opens (…/reset-password#token=…), for
// holders (/my) and staff (/admin): the same pages, each with its own wording and sign-in page.
// The answer to a reset request is the same whether or not an account has the address.
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { ApiError } from "../lib/api-client";
import { confirmPasswordReset, requestPasswordReset } from "../lib/accounts-api";
import { PASSWORD_MIN, tokenFromFragment } from "../lib/accounts";
import { Button, ErrorBanner, Field } from "./ui";

export type Audience = "holder" | "staff";

const WORDS = {
  holder: { signIn: "/my/login", forgot: "/my/forgot-password", whose: "your account", verified: " (a verified address)" },
  staff: { signIn: "/admin", forgot: "/admin/forgot-password", whose: "your staff account", verified: "" },
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
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setError("Type the email address of " + words.whose + ".");
    setBusy(true);
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  if (sent)
    return (
      <Card title="Check your inbox">
        <p role="status">If an account has this address, we sent a link to choose a new password.</p>
        <p className="mt-2 text-sm text-gray-600">The link works for 30 minutes and once. Nothing came? Look in the spam folder, or check
          that this is the address of {words.whose}.</p>
        <Link className="mt-4 block text-center font-semibold underline" to={words.signIn}>Back to sign in</Link>
      </Card>
    );
  return (
    <Card title="Forgot your password?">
      <p className="mb-4 text-sm text-gray-600">Type the email address of {words.whose}{words.verified}: we mail you a link to choose a new
        password.</p>
      <form className="space-y-4" onSubmit={submit} noValidate aria-label="Ask for a password reset link">
        <Field label="Email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <ErrorBanner message={error} />
        <Button type="submit" disabled={busy} className="w-full">{busy ? "Sending…" : "Send the link"}</Button>
      </form>
      <Link className="mt-4 block text-center text-sm underline" to={words.signIn}>Back to sign in</Link>
    </Card>
  );
}

export function ResetPasswordPage({ audience }: { audience: Audience }) {
  const words = WORDS[audience];
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
      <Card title={expired ? "This link has expired" : "This link is incomplete"}>
        <p role="alert">{expired ? "The link was already used, or is older than 30 minutes." : "Open the link from the mail again, whole."}</p>
        <Link className="mt-4 block text-center font-semibold underline" to={words.forgot}>Ask for a new link</Link>
      </Card>
    );
  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (password.length < PASSWORD_MIN) found.password = `must be at least ${PASSWORD_MIN} characters`;
    else if (repeat !== password) found.repeat = "is not the same password";
    setFields(found);
    setError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await confirmPasswordReset(token!, password);
      navigate(words.signIn, { replace: true, state: { notice: "Your password is changed: sign in with the new one. Every device that was signed in is signed out." } });
    } catch (err) {
      const ae = err as ApiError;
      if (ae.status === 404) return setExpired(true);
      setFields(ae.fields);
      setError(ae.fields.password ? null : ae.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Choose a new password">
      <form className="space-y-4" onSubmit={submit} noValidate aria-label="Choose a new password">
        <Field label="New password" name="password" type="password" autoComplete="new-password" value={password}
          onChange={(e) => setPassword(e.target.value)} error={fields.password} hint={`At least ${PASSWORD_MIN} characters`} />
        <Field label="The new password again" name="repeat" type="password" autoComplete="new-password" value={repeat}
          onChange={(e) => setRepeat(e.target.value)} error={fields.repeat} />
        <ErrorBanner message={error} />
        <Button type="submit" disabled={busy} className="w-full">{busy ? "Saving…" : "Change password"}</Button>
      </form>
    </Card>
  );
}
