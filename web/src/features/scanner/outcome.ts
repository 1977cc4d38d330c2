// What the steward sees for a scan, decided from the API's answers. Pure: unit-tested.
import { ApiError } from "../../lib/api-client";
import type { TicketView } from "../../lib/types";

export type Tone = "valid" | "used" | "invalid" | "admitted" | "error";
export interface Outcome {
  tone: Tone;
  title: string;
  detail?: string;
  ticket?: TicketView;
  canAdmit: boolean;  // show the big "Continue" button
  canRetry: boolean;  // a network problem: retrying is safe (same idempotency key)
}

export function fromVerify(ticket: TicketView, eventId: number | null, formatTime: (s: string | null) => string): Outcome {
  if (eventId !== null && ticket.event_id !== eventId)
    return { tone: "invalid", title: "WRONG EVENT", detail: `This ticket is for ${ticket.event_name}.`, ticket, canAdmit: false, canRetry: false };
  if (ticket.status === "valid") return { tone: "valid", title: "VALID", ticket, canAdmit: true, canRetry: false };
  if (ticket.status === "used")
    return { tone: "used", title: "ALREADY USED", detail: `Checked in ${formatTime(ticket.used_at)}`, ticket, canAdmit: false, canRetry: false };
  return notValid(ticket, "This ticket cannot be used.");
}

export function fromError(err: unknown, formatTime: (s: string | null) => string): Outcome {
  if (err instanceof ApiError) {
    if (err.isNetwork || err.status >= 500)
      return { tone: "error", title: "NO CONNECTION", detail: "The check was not completed. Retry — it is safe.", canAdmit: false, canRetry: true };
    if (err.status === 404) return { tone: "invalid", title: "INVALID", detail: "Unknown or forged ticket. Do not admit.", canAdmit: false, canRetry: false };
    if (err.status === 409) {
      const body = err.body as { ticket?: TicketView; used_at?: string | null } | null;
      if (err.code === "wrong_event")
        return { tone: "invalid", title: "WRONG EVENT", detail: err.message, ticket: body?.ticket, canAdmit: false, canRetry: false };
      // The gate's refusals by state (docs/box-office.md); ticket_not_valid is the older, generic one.
      if (Object.hasOwn(REFUSED, err.code)) return refused(err.code, body?.ticket);
      if (err.code === "ticket_not_valid") return notValid(body?.ticket, err.message);
      if (err.code === "already_used")
        return { tone: "used", title: "ALREADY USED", detail: `Checked in ${formatTime(body?.used_at ?? null)}`, ticket: body?.ticket, canAdmit: false, canRetry: false };
      return { tone: "invalid", title: "NOT VALID", detail: err.message, ticket: body?.ticket, canAdmit: false, canRetry: false };
    }
    // The scanner makes a new key per scan, so this means the request got mixed up on the way:
    // an error to scan again, never "already used" and never retried with the same key.
    if (err.status === 422 && err.code === "idempotency_key_reused")
      return { tone: "error", title: "SCAN AGAIN", detail: "This check did not match the scan. Dismiss and scan the ticket again.", canAdmit: false, canRetry: false };
    if (err.status === 401 || err.status === 403) return { tone: "error", title: "SIGNED OUT", detail: err.message, canAdmit: false, canRetry: false };
    return { tone: "error", title: "ERROR", detail: err.message, canAdmit: false, canRetry: false };
  }
  return { tone: "error", title: "ERROR", detail: String(err), canAdmit: false, canRetry: false };
}

// Red cards for tickets that exist but must not get in: never admitted, whatever else they say
// (a ticket voided after it was used is VOID, not ALREADY USED).
const REFUSED: Record<string, { title: string; detail: string }> = {
  not_sold: { title: "NOT SOLD", detail: "This ticket was never sold. Do not admit." },
  refunded: { title: "REFUNDED", detail: "This ticket was refunded. Do not admit." },
  void: { title: "VOID", detail: "This ticket was voided. Do not admit." },
  superseded: { title: "SUPERSEDED", detail: "This code was replaced by a transfer. Do not admit." },
};
// Ticket states as the gate names them.
const STATE_CODE: Record<string, string> = { created: "not_sold", refunded: "refunded", void: "void" };

function refused(code: string, ticket: TicketView | undefined): Outcome {
  return { tone: "invalid", ...REFUSED[code], ticket, canAdmit: false, canRetry: false };
}

// 409 ticket_not_valid (servers before the box office), or a verify answer in a refused state:
// red, titled by the ticket's state when it says one.
function notValid(ticket: TicketView | undefined, message: string): Outcome {
  const code = ticket?.status ? STATE_CODE[ticket.status] : undefined;
  if (code) return refused(code, ticket);
  const status = ticket?.status && ticket.status !== "valid" && ticket.status !== "used" ? ticket.status : null;
  return { tone: "invalid", title: status ? status.toUpperCase() : "NOT VALID", detail: message, ticket, canAdmit: false, canRetry: false };
}

export function admitted(ticket: TicketView): Outcome {
  return { tone: "admitted", title: "ADMITTED", ticket, canAdmit: false, canRetry: false };
}
