// /my: a ticket holder's own pages (role attendee). Sign up (then verify the email address from the
// mailed link) or sign in, then My tickets (each with its QR drawn here from the payload, and a
// full-screen "Show at the gate" view), claim a ticket by its claim code, send one to someone, accept
// tickets sent to you, ask for refunds; /my/requests lists your refunds and transfers (cancel while
// pending). /my/verify-email, /my/forgot-password and /my/reset-password need no sign-in.
import { useEffect, useState, type FormEvent } from "react";
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { ApiError, apiPost } from "../../lib/api-client";
import { AuthProvider, useAuth } from "../../lib/auth";
import { fetchMe, type AccountMe } from "../../lib/accounts-api";
import { Button, ErrorBanner, Field, LoginForm } from "../../components/ui";
import { ForgotPasswordPage, ResetPasswordPage } from "../../components/PasswordReset";
import { MyTicketsPage } from "./MyTicketsPage";
import { forgetSavedTickets } from "./saved-tickets";
import type { Me } from "../../lib/types";
import { RequestsPage } from "./RequestsPage";
import { VerifyBanner, VerifyEmailPage } from "./VerifyEmail";
import { safeNext, validateSignup, type SignupErrors, type SignupForm } from "./validation";
import { LanguageSwitcher } from "../../components/LanguageSwitcher";
import { useT } from "../../i18n/I18nProvider";
import { currentLocale, t as translate } from "../../i18n/runtime";
import { errorText, fieldErrors } from "../../i18n/errors";

export function HolderApp() {
  return (
    // Holders stay signed in on their phone (a refresh token: docs/accounts.md); signing out also
    // removes the tickets saved on it.
    <AuthProvider storageKey="gatepass.holder" account="holder" persist onSignOut={signedOut}>
      <Routes>
        <Route path="login" element={<HolderLogin />} />
        <Route path="signup" element={<Signup />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage audience="holder" />} />
        <Route path="reset-password" element={<ResetPasswordPage audience="holder" />} />
        <Route path="*" element={<SignedIn />} />
      </Routes>
    </AuthProvider>
  );
}

function signedOut(user: Me) {
  forgetSavedTickets(user.id);
}

function HolderLogin() {
  const { session, login, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  // ?next=/t/<token>: the ticket page sends holders here to sign in, then back to add the ticket.
  const next = safeNext(new URLSearchParams(location.search).get("next"));
  const { t } = useT();
  if (session) return <Navigate to={next} replace />;
  return (
    <div>
      <LoginForm title={t("holder.signInTitle")} notice={(location.state as { notice?: string } | null)?.notice}
        footer={<Link className="underline" to="/my/forgot-password">{t("reset.forgotTitle")}</Link>}
        onLogin={async (u, p, code) => {
          const user = await login(u, p, code);
          if (user.role !== "attendee") {
            logout();
            throw new Error(t("holder.staffAccount"));
          }
          navigate(next, { replace: true });
        }} />
      <p className="mt-4 text-center">{t("holder.noAccount")} <Link className="font-semibold underline" to="/my/signup">{t("holder.signUp")}</Link></p>
      <p className="mt-4 text-center"><LanguageSwitcher /></p>
    </div>
  );
}

const EMPTY: SignupForm = { username: "", password: "", email: "", name: "" };

function Signup() {
  const { session, adopt } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState<SignupForm>(EMPTY);
  const [errors, setErrors] = useState<SignupErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Signed up just now: wait for the navigation below (it carries "check your inbox"), which the
  // router may apply after the session; a plain redirect would drop it.
  const [done, setDone] = useState(false);
  const { t } = useT();
  if (session) return done ? null : <Navigate to="/my" replace />;
  const set = (k: keyof SignupForm) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateSignup(form);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const created = await apiPost("/api/auth/register", {
        body: { username: form.username.trim(), password: form.password, email: form.email.trim(), name: form.name.trim(),
                locale: currentLocale() } });
      setDone(true);
      adopt(created);
      // The address is unverified: /my opens with "Check your inbox: we sent a link to …".
      navigate("/my", { replace: true, state: { verifySent: true } });
    } catch (err) {
      const ae = err as ApiError;
      setErrors(fieldErrors<keyof SignupErrors>(ae.fields));
      setFailure(ae.status === 429 ? t("holder.tooManySignups") : errorText(ae));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-xl bg-white p-6 shadow">
      <div className="mb-2 flex justify-end"><LanguageSwitcher /></div>
      <h1 className="mb-1 text-2xl font-bold">{t("holder.signupTitle")}</h1>
      <p className="mb-4 text-sm text-gray-600">{t("holder.signupIntro")}</p>
      <form className="space-y-4" onSubmit={submit} noValidate>
        <Field label={t("field.fullName")} name="name" autoComplete="name" value={form.name} onChange={set("name")} error={errors.name} />
        <Field label={t("field.email")} name="email" type="email" autoComplete="email" value={form.email} onChange={set("email")} error={errors.email} />
        <Field label={t("login.username")} name="username" autoComplete="username" value={form.username} onChange={set("username")} error={errors.username} />
        <Field label={t("login.password")} name="password" type="password" autoComplete="new-password" value={form.password} onChange={set("password")}
          error={errors.password} hint={t("check.passwordHint", { min: 10 })} />
        <ErrorBanner message={failure} />
        <Button type="submit" disabled={busy} className="w-full">{busy ? t("holder.creating") : t("holder.signUp")}</Button>
      </form>
      <p className="mt-4 text-center text-sm">{t("holder.haveAccount")} <Link className="font-semibold underline" to="/my/login">{t("login.signIn")}</Link></p>
    </div>
  );
}

function SignedIn() {
  const { session, logout, updateUser } = useAuth();
  const location = useLocation();
  const token = session?.token;
  const { t } = useT();
  // The account as /api/auth/me has it now (email, email_verified): the banner reads it.
  const [me, setMe] = useState<AccountMe | null>(null);
  useEffect(() => {
    if (!token) return;
    let alive = true;
    fetchMe(token).then((m) => {
      if (!alive) return;
      setMe(m);
      updateUser(m);
    }).catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [token, updateUser]);
  if (!session) return <Navigate to="/my/login" replace />;
  if (session.user.role !== "attendee")
    return (
      <div className="mx-auto mt-16 max-w-sm rounded-xl bg-white p-6 text-center shadow" role="alert">
        <p>{t("holder.onlyHolders")}</p>
        <Button variant="ghost" className="mt-4" onClick={logout}>{t("common.signOut")}</Button>
      </div>
    );
  const link = ({ isActive }: { isActive: boolean }) => `rounded-lg px-3 py-2 ${isActive ? "bg-gray-900 text-white" : "text-gray-700"}`;
  return (
    <div className="mx-auto min-h-screen max-w-2xl">
      <header className="flex flex-wrap items-center justify-between gap-2 bg-gray-900 px-4 py-3 text-white">
        <span className="text-lg font-bold">Gatepass</span>{/* i18n-ignore: the product name */}
        <span className="flex flex-wrap items-center gap-2 text-sm">{session.user.username}<button className="underline" onClick={logout}>{t("common.signOut")}</button>
          <LanguageSwitcher /></span>
      </header>
      <nav className="flex flex-wrap gap-1 border-b bg-gray-100 p-2" aria-label={t("holder.sections")}>
        <NavLink end to="/my" className={link}>{t("nav.myTickets")}</NavLink>
        <NavLink to="/my/requests" className={link}>{t("holder.requestsNav")}</NavLink>
      </nav>
      <main className="space-y-4 p-4">
        {me && <VerifyBanner me={me} justSent={!!(location.state as { verifySent?: boolean } | null)?.verifySent} />}
        <Routes>
          <Route index element={<MyTicketsPage />} />
          <Route path="requests" element={<RequestsPage />} />
          <Route path="*" element={<Navigate to="/my" replace />} />
        </Routes>
      </main>
      <footer className="px-4 pb-8 text-center text-sm text-gray-600">
        {t("holder.staySignedIn")}{" "}
        <button type="button" className="underline" onClick={() => endEverySession(token ?? "", logout)}>{t("holder.endAll")}</button>
      </footer>
    </div>
  );
}

/** Lost a phone: every session and kept sign-in of the account ends (POST /api/auth/logout-all). */
async function endEverySession(token: string, logout: () => void) {
  if (!window.confirm(translate("holder.endAllConfirm"))) return;
  try {
    await apiPost("/api/auth/logout-all", { token });
    logout();
  } catch (e) {
    window.alert(translate("holder.endAllFailed", { why: errorText(e as ApiError) }));
  }
}
