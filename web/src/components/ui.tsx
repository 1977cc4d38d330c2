// Small shared building blocks (no feature logic here).
import { useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from "react";

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

export function LoginForm({ title, onLogin }: { title: string; onLogin(u: string, p: string): Promise<void> }) {
  return (
    <div className="mx-auto mt-16 max-w-sm rounded-xl bg-white p-6 shadow">
      <h1 className="mb-4 text-2xl font-bold">{title}</h1>
      <LoginFields onLogin={onLogin} />
    </div>
  );
}

function LoginFields({ onLogin }: { onLogin(u: string, p: string): Promise<void> }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form className="space-y-4" onSubmit={async (e) => {
      e.preventDefault();
      setBusy(true);
      setError(null);
      try {
        await onLogin(username, password);
      } catch (err) {
        setError(err instanceof Error ? err.message : "Login failed");
      } finally {
        setBusy(false);
      }
    }}>
      <Field label="Username" name="username" autoComplete="username" value={username} required
        onChange={(e) => setUsername(e.target.value)} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" value={password} required
        onChange={(e) => setPassword(e.target.value)} />
      <ErrorBanner message={error} />
      <Button type="submit" disabled={busy} className="w-full">{busy ? "Signing in…" : "Sign in"}</Button>
    </form>
  );
}

