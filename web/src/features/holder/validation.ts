// Checks of the holder forms before anything is sent (the server checks again). Pure: unit-tested.

export interface SignupForm { username: string; password: string; email: string; name: string }
export type SignupErrors = Partial<Record<keyof SignupForm, string>>;

export const PASSWORD_MIN = 10;  // the server's rule for every account

export function validateSignup(f: SignupForm): SignupErrors {
  const errors: SignupErrors = {};
  if (!f.name.trim()) errors.name = "is required";
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(f.username.trim()))
    errors.username = "must be 3–64 letters, digits, dots, dashes or underscores";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) errors.email = "must be an email address";
  if (f.password.length < PASSWORD_MIN) errors.password = `must be at least ${PASSWORD_MIN} characters`;
  return errors;
}

/** "bob" -> {to_username: "bob"}; "bob@example.com" -> {to_email: ...}; "" -> null. */
export function transferTarget(input: string): { to_username: string } | { to_email: string } | null {
  const v = input.trim().replace(/^@/, "");
  if (!v) return null;
  return v.includes("@") ? { to_email: v } : { to_username: v };
}

/** A pasted code: whitespace and line breaks a copy from a PDF or mail adds are dropped. */
export function cleanCode(pasted: string): string {
  return pasted.replace(/\s+/g, "");
}
