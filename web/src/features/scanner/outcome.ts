// What the steward sees for a scan, decided from the API's answers. Pure: unit-tested.
import { ApiError } from "../../lib/api-client";
import type { GateTicket, ScanAnswer, TicketView } from "../../lib/types";
import { t, type MessageId } from "../../i18n/runtime";
import { errorText } from "../../i18n/errors";
import { normaliseTypedSerial } from "./serial";

export type Tone = "valid" | "used" | "invalid" | "admitted" | "exited" | "error";
/** What a gate does with a scan: let in, let out, or only look (docs/gate-operations.md). */
export type GateMode = "entry" | "exit" | "entry_check";
export interface Outcome {
  tone: Tone;
  title: string;
  detail?: string;
  ticket?: GateTicket;
  canAdmit: boolean;  // show the big "Admit 1 person" button (or "Let 1 person out" at an exit)
  canRetry: boolean;  // a network problem: retrying is safe (same idempotency key)
  /** The server's result (admitted, exited, already_inside, ...) when it said one. */
  result?: string;
  reentry?: boolean;
  /** Decided on this device from the event pack, not by the server (docs/offline-gates.md). */
  offline?: boolean;
  /** The ticket's serial when there is no ticket from the server (an offline check). */
  serial?: string;
}

/** What the gate knows before it asks: its mode, and whether the event lets people back in. */
export interface GateContext { mode?: GateMode; reentry?: boolean }

const no = { canAdmit: false, canRetry: false };

/** The small code printed beside a ticket's QR (SERIAL-XXXX-XXXX-XXXX): it adds the ticket to an
 * account and never admits (docs/accounts.md). A camera that catches it instead of the entry QR
 * gets an amber hint, not a red INVALID, and nothing is sent to the server. */
const CLAIM_CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/;
export function isClaimCode(scanned: string): boolean {
  return !scanned.startsWith("GP1:") && CLAIM_CODE.test(scanned.trim());
}
export function claimCodeScanned(): Outcome {
  return { tone: "used", title: t("gate.claimCode"), detail: t("gate.claimCodeDetail"), ...no };
}

/** A code the camera or a hand scanner read that is neither a ticket's `GP1:` code nor shaped like a
 * serial (a web address, a payment code, another system's ticket): red INVALID at once, nothing sent.
 * Only typed text that names no ticket is the amber "no such serial" (a typing mistake). */
export function isForeignCode(scanned: string): boolean {
  const value = scanned.trim();
  return !value.startsWith("GP1:") && normaliseTypedSerial(value) === null;
}
export function foreignCodeScanned(): Outcome {
  return { tone: "invalid", title: t("gate.invalid"), detail: t("gate.invalidDetail"), ...no, result: "invalid" };
}

/** A verify answer (confirm mode) seen from this gate: entry, exit, or re-entry. */
export function fromVerify(ticket: TicketView, eventId: number | null, formatTime: (s: string | null) => string,
  gate: GateContext = {}): Outcome {
  if (eventId !== null && ticket.event_id !== eventId)
    return { tone: "invalid", title: t("gate.wrongEvent"), detail: t("gate.wrongEventDetail", { event: ticket.event_name }), ticket, ...no };
  const mode = gate.mode ?? "entry";
  if (mode === "exit") {
    // Only a ticket inside can go out; the server decides again when Continue is pressed.
    if (ticket.status === "used" && ticket.inside !== false)
      return { tone: "valid", title: t("gate.leaving"), detail: ticket.inside_gate ? t("gate.cameInAt", { gate: ticket.inside_gate }) : undefined,
        ticket, canAdmit: true, canRetry: false };
    if (ticket.status === "used" || ticket.status === "valid") return notInside(ticket);
    return notValid(ticket, t("gate.cannotBeUsed"));
  }
  // The server says what an entry would answer (refusal, admissible); the ticket's own fields are
  // the fallback for a server that does not.
  const reentry = ticket.reentry_allowed ?? gate.reentry ?? false;
  if (ticket.refusal === "already_inside") return alreadyInside(ticket);
  if (ticket.refusal === "already_used") return alreadyUsed(ticket, ticket.used_at, formatTime);
  if (ticket.status === "valid") return { tone: "valid", title: t("gate.valid"), ticket, canAdmit: true, canRetry: false };
  if (ticket.status === "used") {
    if (ticket.admissible === false) return reentry && ticket.inside ? alreadyInside(ticket) : alreadyUsed(ticket, ticket.used_at, formatTime);
    if (ticket.inside === true) return reentry ? alreadyInside(ticket) : alreadyUsed(ticket, ticket.used_at, formatTime);
    if (reentry || ticket.admissible === true)
      return { tone: "valid", title: t("gate.reentry"), detail: t("gate.firstCameIn", { when: formatTime(ticket.used_at) }), ticket,
        canAdmit: true, canRetry: false, reentry: true };
    return alreadyUsed(ticket, ticket.used_at, formatTime);
  }
  return notValid(ticket, t("gate.cannotBeUsed"));
}

/** A 200 answer of POST /api/mark-used: what the scan did. A refusal named in a 200 answer (the
 *  contract does not say a check-only scan answers 409) gets the same card as its 409. */
export function fromAnswer(answer: ScanAnswer, formatTime: (s: string | null) => string = (s) => s ?? "—"): Outcome {
  const ticket = answer;
  const reentry = !!answer.reentry;
  switch (answer.result) {
    case "admitted":
    case undefined:  // a server before gate operations answered only the ticket
      return { tone: "admitted", title: t("gate.admitted"), ticket, ...no, result: "admitted", reentry };  // re-entry: a badge on the card
    case "exited":
      return { tone: "exited", title: t("gate.exited"), detail: answer.scan?.gate ? t("gate.leftThrough", { gate: answer.scan.gate }) : undefined,
        ticket, ...no, result: "exited" };
    case "valid":
      return { tone: "valid", title: t("gate.valid"), detail: reentry ? t("gate.checkOnlyReentry")
        : t("gate.checkOnly"), ticket, ...no, result: "valid", reentry };
    case "recorded":
      return { tone: "valid", title: t("gate.recorded"), ticket, ...no, result: "recorded" };
    default:
      if (typeof answer.result === "string" && REFUSAL_CODES.includes(answer.result))
        return { ...fromError(new ApiError(409, answer.result, `Refused: ${answer.result}`, {}, { ticket, used_at: ticket.used_at }), formatTime),
          result: answer.result };
      return { tone: "error", title: t("gate.unexpected"), detail: t("gate.unexpectedDetail", { result: String(answer.result) }),
        ticket, ...no, result: answer.result };
  }
}

export function fromError(err: unknown, formatTime: (s: string | null) => string): Outcome {
  if (err instanceof ApiError) {
    if (err.isNetwork || err.status >= 500)
      return { tone: "error", title: t("gate.noConnection"), detail: t("gate.noConnectionDetail"), canAdmit: false, canRetry: true };
    // A typed serial that names no ticket: a typing mistake, amber, not a forgery.
    if (err.status === 404 && err.code === "unknown_serial") return noSuchSerial();
    if (err.status === 404) return { tone: "invalid", title: t("gate.invalid"), detail: t("gate.invalidDetail"), canAdmit: false, canRetry: false };
    if (err.status === 409) {
      const body = err.body as { ticket?: GateTicket; used_at?: string | null } | null;
      if (err.code === "already_inside") return { ...alreadyInside(body?.ticket), result: err.code };
      if (err.code === "not_inside") return { ...notInside(body?.ticket), result: err.code };
      if (err.code === "wrong_event")
        return { tone: "invalid", title: t("gate.wrongEvent"), detail: body?.ticket ? t("gate.wrongEventDetail", { event: body.ticket.event_name }) : errorText(err), ticket: body?.ticket, canAdmit: false, canRetry: false };
      // The gate's refusals by state (docs/box-office.md); ticket_not_valid is the older, generic one.
      if (Object.hasOwn(REFUSED, err.code)) return { ...refused(err.code, body?.ticket), result: err.code };
      if (err.code === "ticket_not_valid") return notValid(body?.ticket, errorText(err, "gate.cannotBeUsed"));
      if (err.code === "already_used") return { ...alreadyUsed(body?.ticket, body?.used_at ?? null, formatTime), result: err.code };
      return { tone: "invalid", title: t("gate.notValid"), detail: errorText(err, "gate.doNotAdmit"), ticket: body?.ticket, canAdmit: false, canRetry: false };
    }
    // The scanner makes a new key per scan, so this means the request got mixed up on the way:
    // an error to scan again, never "already used" and never retried with the same key.
    if (err.status === 422 && err.code === "idempotency_key_reused")
      return { tone: "error", title: t("gate.scanAgain"), detail: t("gate.scanAgainDetail"), canAdmit: false, canRetry: false };
    // 403 not_assigned (docs/devices.md §2): the account or device is signed in but may not scan
    // this event (or, a device with a gate, not at this gate). Not a sign-out: signing in again
    // changes nothing, only an admin can. The ticket itself was not checked.
    if (err.status === 403 && err.code === "not_assigned")
      return "gate" in err.fields
        ? { tone: "error", title: t("gate.wrongGate"), detail: `${errorText(err, "gate.wrongGateWhy")}. ${t("gate.wrongGateDetail")}`, ...no }
        : { tone: "error", title: t("gate.notAssigned"), detail: t("gate.notAssignedDetail"), ...no };
    if (err.status === 401) return { tone: "error", title: t("gate.signedOut"), detail: errorText(err, "gate.signedOutDetail"), canAdmit: false, canRetry: false };
    if (err.status === 403) return { tone: "error", title: t("gate.notAllowed"), detail: errorText(err), canAdmit: false, canRetry: false };
    return { tone: "error", title: t("gate.error"), detail: errorText(err), canAdmit: false, canRetry: false };
  }
  return { tone: "error", title: t("gate.error"), detail: String(err), canAdmit: false, canRetry: false };
}

/** Amber: what was typed names no ticket. The steward checks the number and types it again. */
export function noSuchSerial(): Outcome {
  return { tone: "used", title: t("gate.noSuchSerial"), detail: t("gate.noSuchSerialDetail"), ...no,
    result: "unknown_serial" };
}

// Red cards for tickets that exist but must not get in: never admitted, whatever else they say
// (a ticket voided after it was used is VOID, not ALREADY USED).
export const REFUSED: Record<string, { title: MessageId; detail: MessageId }> = {
  not_sold: { title: "gate.notSold", detail: "gate.notSoldDetail" },
  refunded: { title: "gate.refunded", detail: "gate.refundedDetail" },
  void: { title: "gate.void", detail: "gate.voidDetail" },
  superseded: { title: "gate.superseded", detail: "gate.supersededDetail" },
};
const REFUSAL_CODES = ["already_used", "already_inside", "not_inside", "not_sold", "refunded", "void", "superseded", "wrong_event"];
// Ticket states as the gate names them.
const STATE_CODE: Record<string, string> = { created: "not_sold", refunded: "refunded", void: "void" };

function refused(code: string, ticket: GateTicket | undefined): Outcome {
  return { tone: "invalid", title: t(REFUSED[code].title), detail: t(REFUSED[code].detail), ticket, canAdmit: false, canRetry: false };
}

// 409 ticket_not_valid (servers before the box office), or a verify answer in a refused state:
// red, titled by the ticket's state when it says one.
function notValid(ticket: GateTicket | undefined, message: string): Outcome {
  const code = ticket?.status ? STATE_CODE[ticket.status] : undefined;
  if (code) return refused(code, ticket);
  return { tone: "invalid", title: t("gate.notValid"), detail: message, ticket, canAdmit: false, canRetry: false };
}

function alreadyUsed(ticket: GateTicket | undefined, usedAt: string | null, formatTime: (s: string | null) => string): Outcome {
  return { tone: "used", title: t("gate.alreadyUsed"), detail: t("gate.checkedInAt", { when: formatTime(usedAt) }), ticket, ...no };
}

// Amber like "already used": a person to talk to, not a forgery.
function alreadyInside(ticket: GateTicket | undefined): Outcome {
  const gate = ticket?.inside_gate;
  return { tone: "used", title: t("gate.alreadyInside"), detail: gate ? t("gate.insideSinceGate", { gate })
    : t("gate.insideSince"), ticket, ...no };
}

function notInside(ticket: GateTicket | undefined): Outcome {
  return { tone: "used", title: t("gate.notInside"), detail: t("gate.notInsideDetail"), ticket, ...no };
}
