// Mirrors the server's rules (src/domain/validation.cpp) so people see problems before sending.
// The server stays the authority: its field errors are shown the same way.
export interface RegistrationForm {
  name: string; email: string; phone: string; team_name: string; members: string; amount: string;
}
export type FieldErrors = Partial<Record<keyof RegistrationForm | "attachment" | "event_id", string>>;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf"];

function chars(s: string) {
  return Array.from(s).length;
}

export function validateRegistration(f: RegistrationForm, file?: File | null): FieldErrors {
  const e: FieldErrors = {};
  if (!f.name.trim()) e.name = "is required";
  else if (chars(f.name) > 200) e.name = "must be at most 200 characters";
  if (!f.email.trim()) e.email = "is required";
  else if (f.email.length > 254 || !EMAIL.test(f.email.trim())) e.email = "must be an email address like name@example.com";
  if (f.phone.trim()) {
    if (!/^[0-9 +\-().]+$/.test(f.phone)) e.phone = "may contain only digits, spaces and + - ( ) .";
    else if ((f.phone.match(/[0-9]/g) ?? []).length < 5) e.phone = "must contain at least 5 digits";
  }
  if (chars(f.team_name) > 200) e.team_name = "must be at most 200 characters";
  if (chars(f.members) > 2000) e.members = "must be at most 2000 characters";
  if (f.amount.trim() && !/^\d{1,10}(\.\d{1,2})?$/.test(f.amount.trim()))
    e.amount = "must be a non-negative amount with at most 2 decimals, like 12.50";
  if (file) {
    if (file.size > MAX_ATTACHMENT_BYTES) e.attachment = "must be at most 5 MB";
    else if (file.type && !ATTACHMENT_TYPES.includes(file.type)) e.attachment = "must be a PNG, JPEG, WebP or GIF image, or a PDF";
  }
  return e;
}
