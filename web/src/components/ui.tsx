// Small shared building blocks (no feature logic here).
import { useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from "react";
import { cleanSecondFactorCode, loginFailure } from "../lib/accounts";

export function Button({ variant = "primary", className = "", ...rest }:
  ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "danger" | "ghost" | "success" }) {
  const styles = {
    primary: "bg-gray-900 text-white hover:bg-gray-700",
    success: "bg-emerald-600 text-white hover:bg-emerald-700",
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

export function Modal({ title, children, onClose }: { title: string; children: ReactNode; onClose(): void }) {
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/50 p-4" role="dialog" aria-modal="true"
      aria-label={title} onClick={onClose}>
      {/* Never taller than the screen: a long form scrolls inside, its buttons stay reachable. */}
      <div className="max-h-full w-full max-w-md overflow-y-auto rounded-xl bg-white p-6 shadow-xl" onClick={(e) => e.stopPropagation()}>
        <h2 className="mb-4 text-lg font-bold">{title}</h2>
        {children}
      </div>
    </div>
  );
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
  function restart() {
    setAskCode(false);
    setCode("");
    setPassword("");
    setError(null);
  }
  return (
    <form className="space-y-4" aria-label="Sign in" onSubmit={async (e) => {
      e.preventDefault();
      const typed = askCode ? cleanSecondFactorCode(code) : "";
      if (askCode && !typed) return setError("Type the code from your authenticator app, or a recovery code.");
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
            <span className="font-semibold">{username}</span> signs in with two-factor: type the 6-digit code your authenticator app shows,
            or one of your recovery codes.
          </p>
          <Field label="Authentication code" name="code" autoComplete="one-time-code" autoCapitalize="none" spellCheck={false}
            autoFocus value={code} onChange={(e) => setCode(e.target.value)} hint="6 digits, or a recovery code (each works once)" />
        </>
      ) : (
        <>
          <Field label="Username" name="username" autoComplete="username" value={username} required
            onChange={(e) => setUsername(e.target.value)} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" value={password} required
            onChange={(e) => setPassword(e.target.value)} />
        </>
      )}
      <ErrorBanner message={error} />
      <Button type="submit" disabled={busy} className="w-full">{busy ? "Signing in…" : askCode ? "Verify and sign in" : "Sign in"}</Button>
      {askCode && <Button type="button" variant="ghost" className="w-full" onClick={restart}>Use another account</Button>}
    </form>
  );
}
