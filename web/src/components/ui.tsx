// Small shared building blocks (no feature logic here).
import { useEffect, useRef, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from "react";
import { cleanSecondFactorCode, loginFailure } from "../lib/accounts";
import { useT } from "../i18n/I18nProvider";

export function Button({ variant = "primary", className = "", ...rest }:
  ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "danger" | "ghost" | "success" }) {
  const styles = {
    primary: "bg-gray-900 text-white hover:bg-gray-700",
    success: "bg-success text-white hover:bg-success-hover",
    danger: "bg-red-600 text-white hover:bg-red-700",
    ghost: "bg-white text-gray-800 border border-gray-300 hover:bg-gray-100",
  }[variant];
  return <button className={`rounded-lg px-4 py-2 font-semibold disabled:opacity-50 ${styles} ${className}`} {...rest} />;
}

export function Field({ label, error, hint, ...rest }:
  InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const id = rest.id ?? rest.name;
  // The error is outside the <label> so the field's accessible name stays just the label.
  return (
    <div>
      <label className="block text-sm font-medium text-gray-700" htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined}
        className={`mt-1 w-full rounded-lg border px-3 py-2 ${error ? "border-red-500" : "border-gray-300"}`} {...rest} />
      {hint && !error && <span className="text-xs text-gray-500">{hint}</span>}
      {error && <span id={`${id}-error`} role="alert" className="text-sm text-red-600">{error}</span>}
    </div>
  );
}

/** Open dialogs, in the order they opened. Escape belongs to the innermost: the last opened of
 *  those holding no other (a dialog rendered inside another mounts its effects first). */
const openModals: HTMLElement[] = [];
const innermost = () => openModals.filter((m) => !openModals.some((o) => o !== m && m.contains(o))).at(-1);

/**
 * A dialog. Escape or a click on the backdrop closes it, unless something was typed or changed in
 * it: then it asks first ("Keep editing" / "Discard"), so a half-filled form is never lost to a
 * stray click. Its own Cancel / Close buttons close at once.
 */
export function Modal({ title, children, onClose }: { title: string; children: ReactNode; onClose(): void }) {
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const request = useRef<() => void>(() => undefined);
  request.current = () => (dirty ? setAsking(true) : onClose());
  useEffect(() => {
    const me = box.current;
    if (!me) return;
    openModals.push(me);
    // Keyboard users start inside the dialog (unless a field in it took the focus already).
    if (!box.current?.contains(document.activeElement)) box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || innermost() !== me) return;
      e.preventDefault();
      request.current();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      openModals.splice(openModals.indexOf(me), 1);
    };
  }, [title]);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/50 p-4" role="dialog" aria-modal="true"
      aria-label={title} onClick={() => request.current()}>
      {/* Never taller than the screen: a long form scrolls inside, its buttons stay reachable. */}
      <div ref={box} tabIndex={-1} className="max-h-full w-full max-w-md overflow-y-auto rounded-xl bg-white p-6 shadow-xl outline-none"
        onClick={(e) => e.stopPropagation()} onInput={() => setDirty(true)} onChange={() => setDirty(true)}>
        <h2 className="mb-4 text-lg font-bold">{title}</h2>
        {asking && (
          <div role="alert" className="mb-4 rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-950" data-testid="discard-prompt">
            <p className="font-semibold">{t("modal.discardQuestion")}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button type="button" onClick={() => setAsking(false)}>{t("modal.keepEditing")}</Button>
              <Button type="button" variant="ghost" onClick={onClose}>{t("modal.discard")}</Button>
            </div>
          </div>
        )}
        {children}
      </div>
    </div>
  );
}

/**
 * The box around a wide table: scrolls sideways if it must, and can then be reached and scrolled
 * with the keyboard (focusable, named: WCAG 2.1.1). Tables are laid out to fit a 1280x800 laptop
 * without it; with class "cards" (index.css) a table becomes cards on a phone.
 */
export function TableBox({ label, children, className = "rounded-xl bg-white shadow" }: { label: string; children: ReactNode; className?: string }) {
  return <div className={`overflow-x-auto ${className}`} tabIndex={0} role="region" aria-label={label}>{children}</div>;
}

export function ErrorBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-800">{message}</div>;
}

/**
 * Sign-in card. `onLogin` gets the code on the second step: when the first attempt answers
 * `second_factor_required` (a staff account with two-factor sign-in), a code field appears and the
 * same username and password are sent again with the code (`invalid_second_factor`: "Wrong or
 * already used code"). `notice` is a line above the form (e.g. "Password changed"), `footer`
 * whatever goes under it (links).
 */
export function LoginForm({ title, onLogin, notice, footer }:
  { title: string; onLogin(u: string, p: string, code?: string): Promise<void>; notice?: string | null; footer?: ReactNode }) {
  return (
    <div className="mx-auto mt-16 max-w-sm rounded-xl bg-white p-6 shadow">
      <h1 className="mb-4 text-2xl font-bold">{title}</h1>
      {notice && <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900">{notice}</p>}
      <LoginFields onLogin={onLogin} />
      {footer && <div className="mt-4 text-center text-sm">{footer}</div>}
    </div>
  );
}

function LoginFields({ onLogin }: { onLogin(u: string, p: string, code?: string): Promise<void> }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [askCode, setAskCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t, rich } = useT();
  function restart() {
    setAskCode(false);
    setCode("");
    setPassword("");
    setError(null);
  }
  return (
    <form className="space-y-4" aria-label={t("login.formLabel")} onSubmit={async (e) => {
      e.preventDefault();
      const typed = askCode ? cleanSecondFactorCode(code) : "";
      if (askCode && !typed) return setError(t("login.codeMissing"));
      setBusy(true);
      setError(null);
      try {
        await onLogin(username, password, askCode ? typed : undefined);
      } catch (err) {
        const next = loginFailure(err, askCode);
        if (next.needsCode && !askCode) setCode("");
        setAskCode(next.needsCode);
        setError(next.message);
      } finally {
        setBusy(false);
      }
    }}>
      {askCode ? (
        <>
          <p className="text-sm text-gray-700">
            {rich("login.codeIntro", { name: username, b: (chunks) => <span className="font-semibold">{chunks}</span> })}
          </p>
          <Field label={t("login.code")} name="code" autoComplete="one-time-code" autoCapitalize="none" spellCheck={false}
            autoFocus value={code} onChange={(e) => setCode(e.target.value)} hint={t("login.codeHint")} />
        </>
      ) : (
        <>
          <Field label={t("login.username")} name="username" autoComplete="username" value={username} required
            onChange={(e) => setUsername(e.target.value)} />
          <Field label={t("login.password")} name="password" type="password" autoComplete="current-password" value={password} required
            onChange={(e) => setPassword(e.target.value)} />
        </>
      )}
      <ErrorBanner message={error} />
      <Button type="submit" disabled={busy} className="w-full">{busy ? t("login.busy") : askCode ? t("login.verifyAndSignIn") : t("login.signIn")}</Button>
      {askCode && <Button type="button" variant="ghost" className="w-full" onClick={restart}>{t("login.otherAccount")}</Button>}
    </form>
  );
}
