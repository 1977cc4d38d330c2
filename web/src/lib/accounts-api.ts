// Issue 18 (docs/accounts.md: ownership, verified accounts, password reset, staff two-factor): the
// calls the account pages make. Paths, bodies and answers come from the server's OpenAPI document
// (src/api/openapi.json) through the typed helpers, like the rest of the app.
import type { components } from "../api/schema";
import { apiGet, apiPost, type BodyOf, type ResponseOf } from "./api-client";

type Schemas = components["schemas"];

/** Which namespace a sign-in is for: the admin and scanner apps send "staff", /my sends "holder". */
export type AccountKind = "staff" | "holder";
/** GET /api/auth/me: the signed-in user with `email`, `email_verified` and `two_factor`. */
export type AccountMe = Schemas["Account"];
/** POST /api/auth/2fa/enroll: the secret stays pending until confirmed. */
export type TwoFactorEnrolment = ResponseOf<"/api/auth/2fa/enroll", "post">;
/** POST /api/refunds/{id}/complete's body: more than `refundable` needs `override_reason`. */
export type RefundCompletion = BodyOf<"/api/refunds/{id}/complete", "post">;

// Sign-in and the signed-in account. `code` (second step only): a TOTP code or a recovery code.
export const login = (body: BodyOf<"/api/auth/login", "post">) => apiPost("/api/auth/login", { body });
export const fetchMe = (token: string) => apiGet("/api/auth/me", { token });

// Staff two-factor. Confirming answers the 10 recovery codes (shown once) and a token that counts the factor.
export const enrolTwoFactor = (token: string) => apiPost("/api/auth/2fa/enroll", { token });
export const confirmTwoFactor = (token: string, code: string) => apiPost("/api/auth/2fa/confirm", { token, body: { code } });
/** Turning it off ends every session of the account: the caller goes on with `access_token`. */
export const disableTwoFactor = (token: string, code: string) => apiPost("/api/auth/2fa/disable", { token, body: { code } });

// Email verification (holders).
export const verifyEmail = (token: string) => apiPost("/api/auth/verify-email", { body: { token } });
export const resendVerification = (token: string) => apiPost("/api/auth/verify-email/resend", { token });

// Password reset (holders and staff).
export const requestPasswordReset = (email: string) => apiPost("/api/auth/password-reset", { body: { email } });
export const confirmPasswordReset = (token: string, password: string) =>
  apiPost("/api/auth/password-reset/confirm", { body: { token, password } });

// Ownership.
export const claimByCode = (token: string, claimCode: string) =>
  apiPost("/api/me/tickets/claim", { token, body: { claim_code: claimCode } });
export const claimLinkedTicket = (token: string, linkToken: string) =>
  apiPost("/api/ticket-links/{token}/claim", { path: { token: linkToken }, token });
export const reissueMine = (token: string, serial: string, reason?: string) =>
  apiPost("/api/me/tickets/{serial}/reissue", { path: { serial }, token, body: reason ? { reason } : {} });
export const reissueTicket = (token: string, serial: string, reason: string) =>
  apiPost("/api/admin/tickets/{serial}/reissue", { path: { serial }, token, body: { reason } });
export const allowTransferNow = (token: string, serial: string, reason: string) =>
  apiPost("/api/admin/tickets/{serial}/allow-transfer", { path: { serial }, token, body: { reason } });

// Refunds. The holder's request stays apiPost("/api/refunds") (no amount: the server's refundable).
export const completeRefund = (token: string, id: number, body: RefundCompletion) =>
  apiPost("/api/refunds/{id}/complete", { path: { id }, token, body });
