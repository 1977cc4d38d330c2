// Email verification for holders (docs/accounts.md). Until the address is verified a holder sees the
// tickets already in the account, but cannot claim one, accept one sent to them, or get the ones
// bought with that address: the banner on /my says so and sends the link again. /my/verify-email
// #token=… is the page the mailed link opens (no sign-in needed).
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { ApiError } from "../../lib/api-client";
import { useAuth } from "../../lib/auth";
import { formatWait, maskEmail, tokenFromFragment } from "../../lib/accounts";
import { fetchMe, resendVerification, verifyEmail, type AccountMe } from "../../lib/accounts-api";
import { Button } from "../../components/ui";
import { useT } from "../../i18n/I18nProvider";
import { errorText } from "../../i18n/errors";

/** "Send the link again": 202 says where it went; 429 says how long to wait. */
export function ResendLink({ email }: { email: string | null | undefined }) {
  const { session } = useAuth();
  const [state, setState] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useT();
  if (!session) return null;
  async function resend() {
    setBusy(true);
    setState(null);
    try {
      await resendVerification(session!.token);
      setState({ tone: "ok", text: t("verify.sent", { email: maskEmail(email) }) });
    } catch (e) {
      const ae = e as ApiError;
      setState({ tone: "error", text: ae.status === 429
        ? t("verify.tooMany", { wait: formatWait(ae.retryAfter) }) : errorText(ae) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mt-2">
      <Button variant="ghost" disabled={busy} onClick={resend}>{busy ? t("common.sending") : t("verify.resend")}</Button>
      {state && <p role={state.tone === "ok" ? "status" : "alert"}
        className={`mt-2 text-sm ${state.tone === "ok" ? "text-emerald-800" : "text-red-700"}`}>{state.text}</p>}
    </div>
  );
}

/** On /my while the account's email is not verified. `justSent`: right after sign-up. */
export function VerifyBanner({ me, justSent }: { me: AccountMe; justSent: boolean }) {
  const { t } = useT();
  if (me.email_verified !== false) return null;
  return (
    <div className="rounded-xl border-2 border-sky-400 bg-sky-50 p-4" role="region" aria-label={t("verify.bannerLabel")}>
      {me.email ? (
        <p className="font-semibold">
          {justSent ? t("verify.sentJustNow", { email: maskEmail(me.email) }) : t("verify.sentEarlier", { email: maskEmail(me.email) })}
        </p>
      ) : (
        <p className="font-semibold">{t("verify.noAddress")}</p>
      )}
      <p className="mt-1 text-sm text-gray-700">{t("verify.untilVerified")}</p>
      {me.email && <ResendLink email={me.email} />}
    </div>
  );
}

type Outcome =
  | { kind: "verifying" }
  | { kind: "verified"; username: string }
  | { kind: "invalid" }
  | { kind: "taken" }
  | { kind: "missing" }
  | { kind: "error"; message: string };

// One request per token, whatever renders the page twice (React's strict mode runs effects twice:
// a second POST would find the token used and say "invalid").
const attempts = new Map<string, ReturnType<typeof verifyEmail>>();
function verifyOnce(token: string) {
  let p = attempts.get(token);
  if (!p) {
    p = verifyEmail(token);
    attempts.set(token, p);
    p.catch(() => attempts.delete(token));  // a failure may be tried again (e.g. after no network)
  }
  return p;
}

export function VerifyEmailPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const { session, updateUser } = useAuth();
  const [token] = useState(() => tokenFromFragment(location.hash));
  const [outcome, setOutcome] = useState<Outcome>(() => (token ? { kind: "verifying" } : { kind: "missing" }));
  const [attempt, setAttempt] = useState(0);
  const { t } = useT();
  // The token is used once and kept out of the address bar and the tab's history.
  useEffect(() => {
    if (location.hash) navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location, navigate]);
  useEffect(() => {
    if (!token) return;
    let alive = true;
    verifyOnce(token).then(
      (r) => {
        if (!alive) return;
        setOutcome({ kind: "verified", username: r.username });
        if (session) fetchMe(session.token).then(updateUser).catch(() => undefined);
      },
      (e: ApiError) => {
        if (!alive) return;
        setOutcome(e.status === 404 ? { kind: "invalid" } : e.code === "email_taken" ? { kind: "taken" } : { kind: "error", message: errorText(e) });
      },
    );
    return () => {
      alive = false;
    };
    // Once per token (and again on "Try again"); the session is read when the answer comes.
  }, [token, attempt]);

  // A session from login has the user without the /api/auth/me fields until updateUser keeps them.
  const me: Partial<AccountMe> | undefined = session?.user;
  return (
    <div className="mx-auto mt-16 max-w-sm rounded-xl bg-white p-6 shadow" data-testid="verify-email" data-outcome={outcome.kind}>
      {outcome.kind === "verifying" && <p role="status">{t("verify.verifying")}</p>}
      {outcome.kind === "verified" && (
        <>
          <h1 className="mb-2 text-2xl font-bold">{t("verify.doneTitle")}</h1>
          <p role="status">{t("verify.done")}</p>
          {session ? <Link className="mt-4 block text-center font-semibold underline" to="/my">{t("verify.goToMyTickets")}</Link>
            : <Link className="mt-4 block text-center font-semibold underline" to="/my/login">{t("verify.signInAs", { name: outcome.username })}</Link>}
        </>
      )}
      {outcome.kind === "invalid" && (
        <>
          <h1 className="mb-2 text-2xl font-bold">{t("link.expiredTitle")}</h1>
          <p role="alert">{t("verify.expired")}</p>
          {session && me?.email_verified !== true ? <ResendLink email={me?.email} />
            : !session && <p className="mt-2 text-sm text-gray-600">{t("verify.askNew")}</p>}
          <Link className="mt-4 block text-center font-semibold underline" to={session ? "/my" : "/my/login"}>
            {session ? t("verify.goToMyTickets") : t("login.signIn")}</Link>
        </>
      )}
      {outcome.kind === "taken" && (
        <>
          <h1 className="mb-2 text-2xl font-bold">{t("verify.takenTitle")}</h1>
          <p role="alert">{t("verify.taken")}</p>
          <Link className="mt-4 block text-center font-semibold underline" to="/my/login">{t("login.signIn")}</Link>
        </>
      )}
      {outcome.kind === "missing" && (
        <>
          <h1 className="mb-2 text-2xl font-bold">{t("link.incompleteTitle")}</h1>
          <p role="alert">{t("link.incomplete")}</p>
        </>
      )}
      {outcome.kind === "error" && (
        <>
          <h1 className="mb-2 text-2xl font-bold">{t("verify.failedTitle")}</h1>
          <p role="alert">{outcome.message}</p>
          <Button className="mt-4" onClick={() => { setOutcome({ kind: "verifying" }); setAttempt(attempt + 1); }}>{t("common.tryAgain")}</Button>
        </>
      )}
    </div>
  );
}
