import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api-client";
import type { ScanAnswer, TicketView } from "../../lib/types";
import { claimCodeScanned, foreignCodeScanned, fromAnswer as fromFullAnswer, fromError, fromVerify as fromFullVerify, isClaimCode, isForeignCode } from "./outcome";

// The cases spell out only the fields they are about: the server's answers (TicketView, ScanAnswer:
// the document's VerifiedTicket and ScanOutcome) have more, and servers before gate operations sent
// fewer, which the gate must still read right.
const fromVerify = (ticket: object, ...rest: Parameters<typeof fromFullVerify> extends [unknown, ...infer R] ? R : never) =>
  fromFullVerify(ticket as TicketView, ...rest);
const fromAnswer = (answer: object, ...rest: Parameters<typeof fromFullAnswer> extends [unknown, ...infer R] ? R : never) =>
  fromFullAnswer(answer as ScanAnswer, ...rest);

const fmt = (s: string | null) => s ?? "—";
const ticket = { serial: "EVT2026-000001", status: "valid", name: "Alice", email: "a@x.io", team_name: "X",
  event_id: 1, event_name: "Fest", issued_at: "t0", used_at: null };

describe("scan outcomes", () => {
  it("valid tickets of the chosen event can be admitted", () => {
    const o = fromVerify(ticket, 1, fmt);
    expect(o.tone).toBe("valid");
    expect(o.canAdmit).toBe(true);
  });
  it("a ticket of another event is refused", () => {
    const o = fromVerify(ticket, 2, fmt);
    expect(o.title).toBe("WRONG EVENT");
    expect(o.canAdmit).toBe(false);
  });
  it("used tickets show the first check-in time", () => {
    const o = fromVerify({ ...ticket, status: "used", used_at: "18:02" }, 1, fmt);
    expect(o.tone).toBe("used");
    expect(o.detail).toContain("18:02");
  });
  it("409 already_used from mark-used carries the first time and the holder", () => {
    const err = new ApiError(409, "already_used", "Already used", {}, { used_at: "18:02", ticket: { ...ticket, status: "used" } });
    const o = fromError(err, fmt);
    expect(o.tone).toBe("used");
    expect(o.detail).toContain("18:02");
    expect(o.ticket?.name).toBe("Alice");
  });
  it("the server's wrong_event refusal is shown as WRONG EVENT", () => {
    const o = fromError(new ApiError(409, "wrong_event", "This ticket is for Expo", {}, { ticket }), fmt);
    expect(o.title).toBe("WRONG EVENT");
    expect(o.canAdmit).toBe(false);
  });
  it("404 unknown_serial (a typed serial naming no ticket) is amber NO SUCH SERIAL, not a forgery", () => {
    const o = fromError(new ApiError(404, "unknown_serial", "No such serial: check the number"), fmt);
    expect(o).toMatchObject({ tone: "used", title: "NO SUCH SERIAL", result: "unknown_serial", canAdmit: false, canRetry: false });
    expect(o.detail).toMatch(/check the number/i);
  });
  it("404 is invalid; network errors are retryable, never 'already used'", () => {
    expect(fromError(new ApiError(404, "invalid", "x"), fmt).title).toBe("INVALID");
    const net = fromError(new ApiError(0, "network_error", "offline"), fmt);
    expect(net.canRetry).toBe(true);
    expect(net.tone).toBe("error");
    expect(fromError(new ApiError(503, "unavailable", "busy"), fmt).canRetry).toBe(true);
  });
  it("403 not_assigned says the phone or account is not assigned to the event (ask an admin), never SIGNED OUT", () => {
    const o = fromError(new ApiError(403, "not_assigned", "This scanner is not assigned to this event",
      { event_id: "is not one of this scanner's events (3)" }), fmt);
    expect(o.title).toBe("NOT ASSIGNED");
    expect(o.detail).toMatch(/not assigned to this event/);
    expect(o.detail).toMatch(/ask an admin/i);
    expect(o.detail).toMatch(/Do not admit/);
    expect(o).toMatchObject({ tone: "error", canAdmit: false, canRetry: false });
    // A device with a gate scanning at another gate: same code, named by the field `gate`.
    const gate = fromError(new ApiError(403, "not_assigned", "This device scans only at gate North", { gate: "must be North" }), fmt);
    expect(gate.title).toBe("WRONG GATE");
    expect(gate.detail).toContain("only at gate North");
    expect(gate.canAdmit).toBe(false);
  });
  it("401 is SIGNED OUT; another 403 is NOT ALLOWED, not a sign-out", () => {
    expect(fromError(new ApiError(401, "unauthenticated", "Sign in again"), fmt).title).toBe("SIGNED OUT");
    const o = fromError(new ApiError(403, "forbidden", "Your role may not do this"), fmt);
    expect(o.title).toBe("NOT ALLOWED");
    expect(o.detail).toBe("Your role may not do this");
  });
});

describe("void and refunded tickets, and mixed-up idempotency keys", () => {
  // What a scanner gets since finding 8: no email, no phone.
  const gateTicket = { serial: "EVT2026-000002", status: "void", name: "Bob", team_name: null, event_id: 1,
    event_name: "Fest", issued_at: "t0", used_at: null, voided_at: "t1" };

  it("409 ticket_not_valid from verify is a red VOID card with the holder, never admittable", () => {
    const err = new ApiError(409, "ticket_not_valid", "This ticket is void and cannot be used", {},
      { error: { code: "ticket_not_valid" }, ticket: gateTicket, used_at: null });
    const o = fromError(err, fmt);
    expect(o.tone).toBe("invalid");
    expect(o.title).toBe("VOID");
    expect(o.ticket?.name).toBe("Bob");
    expect(o.canAdmit).toBe(false);
    expect(o.canRetry).toBe(false);
  });

  it("a ticket voided after it was used is VOID, not ALREADY USED", () => {
    const err = new ApiError(409, "ticket_not_valid", "This ticket is void and cannot be used", {},
      { ticket: { ...gateTicket, used_at: "18:02" }, used_at: "18:02", replayed: false });
    const o = fromError(err, fmt);
    expect(o.title).toBe("VOID");
    expect(o.tone).not.toBe("used");
    expect(o.detail).not.toMatch(/Checked in/);
  });

  it("the title follows ticket.status: REFUNDED", () => {
    const err = new ApiError(409, "ticket_not_valid", "This ticket is refunded and cannot be used", {},
      { ticket: { ...gateTicket, status: "refunded" } });
    const o = fromError(err, fmt);
    expect(o.title).toBe("REFUNDED");
    expect(o.tone).toBe("invalid");
    expect(o.detail).toMatch(/refunded/);
  });

  it("ticket_not_valid without a ticket in the body is still refused", () => {
    const o = fromError(new ApiError(409, "ticket_not_valid", "This ticket cannot be used"), fmt);
    expect(o.tone).toBe("invalid");
    expect(o.title).toBe("NOT VALID");
    expect(o.canAdmit).toBe(false);
  });

  it("a verify answer without email renders as usual, and a void status is never VALID", () => {
    expect(fromVerify({ ...gateTicket, status: "valid" }, 1, fmt).title).toBe("VALID");
    const o = fromVerify(gateTicket, 1, fmt);
    expect(o.title).toBe("VOID");
    expect(o.canAdmit).toBe(false);
  });

  it("422 idempotency_key_reused is an error card, not 'already used' and not a retry with the same key", () => {
    const o = fromError(new ApiError(422, "idempotency_key_reused", "Idempotency-Key was used for another request"), fmt);
    expect(o.tone).toBe("error");
    expect(o.title).toBe("SCAN AGAIN");
    expect(o.detail).toMatch(/scan the ticket again/);
    expect(o.canRetry).toBe(false);
    expect(o.canAdmit).toBe(false);
  });
});

describe("box-office refusals (409 with the ticket's state as the code)", () => {
  const gateTicket = { serial: "BOX-000007", status: "valid", name: "Rita", team_name: null, event_id: 1,
    event_name: "Fest", issued_at: "t0", used_at: null };
  const cases: [string, string, RegExp, string][] = [
    ["not_sold", "NOT SOLD", /never sold/, "created"],
    ["refunded", "REFUNDED", /refunded/, "refunded"],
    ["void", "VOID", /voided/, "void"],
    ["superseded", "SUPERSEDED", /^This code was replaced by a transfer\. Do not admit\.$/, "valid"],
  ];
  for (const [code, title, detail, status] of cases) {
    it(`409 ${code} is a red ${title} card, never admittable nor retryable`, () => {
      const o = fromError(new ApiError(409, code, "server words", {}, { ticket: { ...gateTicket, status } }), fmt);
      expect(o.tone).toBe("invalid");
      expect(o.title).toBe(title);
      expect(o.detail).toMatch(detail);
      expect(o.canAdmit).toBe(false);
      expect(o.canRetry).toBe(false);
      expect(o.ticket?.name).toBe("Rita");
    });
  }

  it("a superseded code of a ticket that is still valid is not VALID: the code decides, not the status", () => {
    const o = fromError(new ApiError(409, "superseded", "Replaced", {}, { ticket: { ...gateTicket, status: "valid" } }), fmt);
    expect(o.title).toBe("SUPERSEDED");
    expect(o.tone).not.toBe("valid");
  });

  it("already_used stays amber with the first check-in time", () => {
    const o = fromError(new ApiError(409, "already_used", "Used", {}, { used_at: "18:02", ticket: { ...gateTicket, status: "used" } }), fmt);
    expect(o.tone).toBe("used");
    expect(o.title).toBe("ALREADY USED");
    expect(o.detail).toBe("Checked in 18:02");
  });

  it("the refusals work without a ticket in the body, and unknown 409 codes are still refused", () => {
    expect(fromError(new ApiError(409, "superseded", "x"), fmt).title).toBe("SUPERSEDED");
    expect(fromError(new ApiError(409, "not_sold", "x"), fmt).title).toBe("NOT SOLD");
    const odd = fromError(new ApiError(409, "toString", "Something new"), fmt);
    expect(odd.title).toBe("NOT VALID");
    expect(odd.detail).toBe("Something new");
  });

  it("a verify answer for an unsold ticket says NOT SOLD (never CREATED, never VALID)", () => {
    const o = fromVerify({ ...gateTicket, status: "created" }, 1, fmt);
    expect(o.title).toBe("NOT SOLD");
    expect(o.canAdmit).toBe(false);
  });
});

describe("gate operations: entry, exit, re-entry, check only (docs/gate-operations.md)", () => {
  const t = { serial: "GATE-000001", status: "valid", name: "Gina", team_name: null, event_id: 1, event_name: "Fest",
    issued_at: "t0", used_at: null, inside: false, inside_gate: null };
  const answer = (result: string, extra: Record<string, unknown> = {}) => ({ ...t, status: "used", result, ...extra });

  it("an admission answer is ADMITTED; a re-entry says so", () => {
    const first = fromAnswer(answer("admitted", { reentry: false, inside: true }));
    expect(first.tone).toBe("admitted");
    expect(first.title).toBe("ADMITTED");
    expect(first.reentry).toBe(false);
    expect(first.detail).toBeUndefined();
    const again = fromAnswer(answer("admitted", { reentry: true, inside: true }));
    expect(again.tone).toBe("admitted");
    expect(again.reentry).toBe(true);
    expect(again.title).toBe("ADMITTED");
  });

  it("an exit answer is EXITED (its own tone), naming the gate", () => {
    const o = fromAnswer(answer("exited", { inside: false, scan: { id: 9, gate: "B" } }) as never);
    expect(o.tone).toBe("exited");
    expect(o.title).toBe("EXITED");
    expect(o.detail).toBe("Left through gate B");
    expect(o.canAdmit).toBe(false);
  });

  it("check only: 'valid' is green but admits nothing and offers no Continue", () => {
    const o = fromAnswer({ ...t, result: "valid", reentry: false });
    expect(o.tone).toBe("valid");
    expect(o.canAdmit).toBe(false);
    expect(o.detail).toMatch(/Not admitted/);
  });

  it("a refusal named in a 200 answer (check only) gets the refusal's card", () => {
    const o = fromAnswer(answer("already_used", { used_at: "18:02" }), fmt);
    expect(o.title).toBe("ALREADY USED");
    expect(o.detail).toBe("Checked in 18:02");
    expect(o.result).toBe("already_used");
    expect(fromAnswer(answer("void"), fmt).title).toBe("VOID");
  });

  it("an answer without a result (a server before gate operations) is an admission; an unknown result is never green", () => {
    expect(fromAnswer({ ...t, status: "used" } as never).tone).toBe("admitted");
    const odd = fromAnswer(answer("teleported"));
    expect(odd.tone).toBe("error");
    expect(odd.canAdmit).toBe(false);
  });

  it("409 already_inside and not_inside are amber cards with the holder", () => {
    const inside = fromError(new ApiError(409, "already_inside", "x", {}, { ticket: { ...t, status: "used", inside: true, inside_gate: "A" } }), fmt);
    expect(inside.tone).toBe("used");
    expect(inside.title).toBe("ALREADY INSIDE");
    expect(inside.detail).toMatch(/gate A/);
    expect(inside.result).toBe("already_inside");
    expect(inside.ticket?.name).toBe("Gina");
    const out = fromError(new ApiError(409, "not_inside", "x", {}, { ticket: { ...t, status: "used" } }), fmt);
    expect(out.title).toBe("NOT INSIDE");
    expect(out.tone).toBe("used");
    expect(out.canAdmit || out.canRetry).toBe(false);
  });

  it("confirm mode at an entry: a used ticket outside may come back only with re-entry on; inside never", () => {
    const used = { ...t, status: "used", used_at: "18:02" };
    expect(fromVerify(used, 1, fmt, { mode: "entry", reentry: false }).title).toBe("ALREADY USED");
    const back = fromVerify(used, 1, fmt, { mode: "entry", reentry: true });
    expect(back.title).toBe("RE-ENTRY");
    expect(back.canAdmit).toBe(true);
    expect(back.reentry).toBe(true);
    const inside = fromVerify({ ...used, inside: true, inside_gate: "A" }, 1, fmt, { mode: "entry", reentry: true });
    expect(inside.title).toBe("ALREADY INSIDE");
    expect(inside.canAdmit).toBe(false);
    expect(fromVerify({ ...used, inside: true }, 1, fmt, { mode: "entry", reentry: false }).title).toBe("ALREADY USED");
  });

  it("confirm mode follows the server's verdict (admissible, refusal, reentry_allowed) over the gate's guess", () => {
    const used = { ...t, status: "used", used_at: "18:02" };
    const back = fromVerify({ ...used, admissible: true, refusal: null, reentry_allowed: true }, 1, fmt, { mode: "entry", reentry: false });
    expect(back.title).toBe("RE-ENTRY");
    expect(back.canAdmit).toBe(true);
    expect(fromVerify({ ...used, admissible: false, refusal: "already_inside", reentry_allowed: true, inside: true }, 1, fmt,
      { mode: "entry" }).title).toBe("ALREADY INSIDE");
    expect(fromVerify({ ...used, admissible: false, refusal: "already_used", reentry_allowed: false }, 1, fmt,
      { mode: "entry", reentry: true }).title).toBe("ALREADY USED");
    expect(fromVerify({ ...t, admissible: true, refusal: null }, 1, fmt).title).toBe("VALID");
  });

  it("confirm mode at an exit: only a ticket inside may leave; void stays VOID", () => {
    const leaving = fromVerify({ ...t, status: "used", inside: true, inside_gate: "A" }, 1, fmt, { mode: "exit" });
    expect(leaving.title).toBe("LEAVING");
    expect(leaving.canAdmit).toBe(true);
    expect(fromVerify({ ...t, status: "used", inside: false }, 1, fmt, { mode: "exit" }).title).toBe("NOT INSIDE");
    expect(fromVerify(t, 1, fmt, { mode: "exit" }).title).toBe("NOT INSIDE");
    expect(fromVerify({ ...t, status: "void" }, 1, fmt, { mode: "exit" }).title).toBe("VOID");
    expect(fromVerify({ ...t, event_id: 2 }, 1, fmt, { mode: "exit" }).title).toBe("WRONG EVENT");
  });
});

describe("a claim code caught by the camera", () => {
  it("is recognised in the forms the PDF prints, and never a ticket code", () => {
    expect(isClaimCode("HN26-000042-ABCD-EFGH-JK2M")).toBe(true);
    expect(isClaimCode("EVT2026B-000007-Q7QF-M2XA-PP4T")).toBe(true);
    expect(isClaimCode("GP1:AEAAAAAQAAAAKgAAAAAAAAB7")).toBe(false);
    expect(isClaimCode("HN26-000042")).toBe(false);
    expect(isClaimCode("HN26-000042-ABCD-EFGH-JK1M")).toBe(false);  // 1 is not base32
  });
  it("gets an amber hint that does not admit", () => {
    const o = claimCodeScanned();
    expect(o.tone).toBe("used");
    expect(o.title).toBe("CLAIM CODE");
    expect(o.canAdmit).toBe(false);
  });
});

describe("a code from elsewhere caught by the camera", () => {
  it("is foreign unless it is a ticket code or shaped like a serial", () => {
    expect(isForeignCode("https://example.com/ticket/123")).toBe(true);
    expect(isForeignCode("WIFI:S:venue;T:WPA;P:secret;;")).toBe(true);
    expect(isForeignCode("BCD\n001\n1\nSCT")).toBe(true);
    expect(isForeignCode("GP1:AEAAAAAQAAAAKgAAAAAAAAB7")).toBe(false);
    expect(isForeignCode("EVT2025-000123")).toBe(false);
    expect(isForeignCode(" 123 ")).toBe(false);
  });
  it("gets the red INVALID card, never the amber typing hint", () => {
    const o = foreignCodeScanned();
    expect(o.tone).toBe("invalid");
    expect(o.title).toBe("INVALID");
    expect(o.canAdmit).toBe(false);
    expect(o.result).not.toBe("unknown_serial");
  });
});

describe("signals", () => {
  it("ADMITTED has its own sound and vibration, unlike VALID (not admitted yet)", async () => {
    const { SIGNALS } = await import("./feedback");
    expect(SIGNALS.admitted.beeps).not.toEqual(SIGNALS.valid.beeps);
    expect(SIGNALS.admitted.vibrate).not.toEqual(SIGNALS.valid.vibrate);
    expect(SIGNALS.admitted.beeps.length).toBeGreaterThan(SIGNALS.valid.beeps.length);
    for (const tone of ["used", "invalid", "error", "exited"] as const) expect(SIGNALS[tone].beeps).not.toEqual(SIGNALS.admitted.beeps);
  });
});
