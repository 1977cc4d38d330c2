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
  return { tone: "invalid", title: ticket.status.toUpperCase(), detail: "This ticket cannot be used.", ticket, canAdmit: false, canRetry: false };
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
      if (err.code === "already_used")
        return { tone: "used", title: "ALREADY USED", detail: `Checked in ${formatTime(body?.used_at ?? null)}`, ticket: body?.ticket, canAdmit: false, canRetry: false };
      return { tone: "invalid", title: "NOT VALID", detail: err.message, ticket: body?.ticket, canAdmit: false, canRetry: false };
    }
    if (err.status === 401 || err.status === 403) return { tone: "error", title: "SIGNED OUT", detail: err.message, canAdmit: false, canRetry: false };
    return { tone: "error", title: "ERROR", detail: err.message, canAdmit: false, canRetry: false };
  }
  return { tone: "error", title: "ERROR", detail: String(err), canAdmit: false, canRetry: false };
}

export function admitted(ticket: TicketView): Outcome {
  return { tone: "admitted", title: "ADMITTED", ticket, canAdmit: false, canRetry: false };
}
