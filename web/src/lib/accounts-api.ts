// Issue 18 (docs/accounts.md: ownership, verified accounts, password reset, staff two-factor): the
// routes and fields the committed OpenAPI document (src/api/openapi.json) does not have yet. The
// server is being written against the same contract; until `gatepass openapi` carries these, the
// calls go through the untyped api() and the shapes are declared here, named as the contract names
// them.
//
// Switching to generated types later: each call says which typed helper replaces it, and each type
// below is the generated one widened with the new optional fields, so replacing `X & {...}` with
// `Schemas["X"]` (and the call with apiPost(...)) changes nothing for the callers.
import { api, buildUrl } from "./api-client";
import type { HeldTicket, LinkedTicket, Me, Refund, Session, Ticket } from "./types";

/** Which namespace a sign-in is for: the admin and scanner apps send "staff", /my sends "holder". */
export type AccountKind = "staff" | "holder";

/** GET /api/auth/me with the new fields (`role` as before). */
export type AccountMe = Me & { email?: string | null; email_verified?: boolean; two_factor?: boolean };

/** POST /api/auth/login's body: `code` is a TOTP code or a recovery code (second step only). */
export interface LoginBody { username: string; password: string; account?: AccountKind; code?: string }

/** POST /api/auth/2fa/enroll: the secret stays pending until confirmed. */
export interface TwoFactorEnrolment { secret: string; otpauth_uri: string; qr_svg?: string }
/** POST /api/auth/2fa/confirm: the 10 recovery codes (shown once) and a token that counts the factor. */
export interface TwoFactorConfirmed { recovery_codes: string[]; access_token: string }

/** Staff views of a ticket: the purchaser (fixed at issue or sale) beside the holder. `claim_code`
 *  (GET /api/tickets/{serial}, admins only, while no account holds the ticket): what the box office
 *  gives the holder to add the ticket to their account; it is printed on the PDF beside the QR. */
export type StaffTicket = Ticket & { purchaser_name?: string | null; purchaser_email?: string | null; claim_code?: string | null };
/** A holder's own ticket: `refundable` is the server's amount when it sends one. */
export type OwnedTicket = HeldTicket & { refundable?: string | null };
/** Refund views with the server's amounts and who paid (buyer, purchaser: staff answers only). */
export type RefundView = Refund & {
  price_paid?: string | null;
  refundable?: string | null;
  sale_id?: number | null;
  buyer_name?: string | null;
  buyer_email?: string | null;
  purchaser_name?: string | null;
  purchaser_email?: string | null;
};
/** POST /api/refunds/{id}/complete's body: more than `refundable` needs `override_reason`. */
export interface RefundCompletion { amount?: string; notes?: string; override_reason?: string }

/** The error codes issue 18 adds (see the contract's table). */
export type AccountErrorCode =
  | "email_unverified" | "email_taken" | "cooling_off" | "amount_too_large" | "refund_closed"
  | "second_factor_required" | "invalid_second_factor" | "second_factor_enrolment_required";

const post = <T>(path: string, body: unknown, token?: string | null) => api<T>(path, { method: "POST", body, token });

// Sign-in and the signed-in account. Switch to apiPost("/api/auth/login", { body }) / apiGet("/api/auth/me").
export const login = (body: LoginBody) => post<Session>("/api/auth/login", body);
export const fetchMe = (token: string) => api<AccountMe>("/api/auth/me", { token });

// Staff two-factor. Switch to apiPost("/api/auth/2fa/enroll" | "/confirm" | "/disable", ...).
export const enrolTwoFactor = (token: string) => post<TwoFactorEnrolment>("/api/auth/2fa/enroll", {}, token);
export const confirmTwoFactor = (token: string, code: string) => post<TwoFactorConfirmed>("/api/auth/2fa/confirm", { code }, token);
/** Turning it off ends every session of the account: the caller goes on with `access_token`. */
export const disableTwoFactor = (token: string, code: string) =>
  post<{ status: "disabled"; access_token: string }>("/api/auth/2fa/disable", { code }, token);

// Email verification (holders). Switch to apiPost("/api/auth/verify-email" | "/resend", ...).
export const verifyEmail = (token: string) => post<{ status: "verified"; username: string }>("/api/auth/verify-email", { token });
export const resendVerification = (token: string) => post<unknown>("/api/auth/verify-email/resend", {}, token);

// Password reset (holders and staff). Switch to apiPost("/api/auth/password-reset" | "/confirm", ...).
export const requestPasswordReset = (email: string) => post<{ status: "accepted" }>("/api/auth/password-reset", { email });
export const confirmPasswordReset = (token: string, password: string) =>
  post<{ status: "password_changed" }>("/api/auth/password-reset/confirm", { token, password });

// Ownership. Switch to apiPost("/api/me/tickets/claim", { body: { claim_code } }) and friends.
export const claimByCode = (token: string, claimCode: string) => post<OwnedTicket>("/api/me/tickets/claim", { claim_code: claimCode }, token);
export const claimLinkedTicket = (token: string, linkToken: string) =>
  post<OwnedTicket | LinkedTicket>(buildUrl("/api/ticket-links/{token}/claim", { token: linkToken }), {}, token);
export const reissueMine = (token: string, serial: string, reason?: string) =>
  post<OwnedTicket>(buildUrl("/api/me/tickets/{serial}/reissue", { serial }), reason ? { reason } : {}, token);
export const reissueTicket = (token: string, serial: string, reason: string) =>
  post<StaffTicket>(buildUrl("/api/admin/tickets/{serial}/reissue", { serial }), { reason }, token);
export const allowTransferNow = (token: string, serial: string, reason: string) =>
  post<unknown>(buildUrl("/api/admin/tickets/{serial}/allow-transfer", { serial }), { reason }, token);

// Refunds. The holder's request stays apiPost("/api/refunds") (no amount: the server's refundable).
export const completeRefund = (token: string, id: number, body: RefundCompletion) =>
  post<RefundView>(buildUrl("/api/refunds/{id}/complete", { id }), body, token);
