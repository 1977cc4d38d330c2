// Every action code the server writes has words in the admin (else the audit log and a ticket's
// history show raw codes again): the codes are read from the server's source (src/app).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { AUDIT_ACTIONS, HISTORY_ACTIONS, auditActionLabel, historyActionLabel } from "./actions";

const APP = join(__dirname, "../../../../src/app");
const sources = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? sources(path) : /\.(cpp|hpp)$/.test(name) ? [readFileSync(path, "utf8")] : [];
});
const code = sources(APP).join("\n");
const NAMESPACES = "auth|user|event|ticket|ticket_type|tickets|registration|checkin|refund|transfer|device|privacy|audit|mail|gate";
const NOT_ACTIONS = new Set(["ticket.pdf"]);  // a file name (the cached PDF), not an audit action

describe("action codes in words", () => {
  it("every audit action in the server's source has a label", () => {
    const written = new Set([...code.matchAll(new RegExp(`"((?:${NAMESPACES})\\.[a-z0-9_]+)"`, "g"))].map((m) => m[1]));
    // TicketChange ch{"sold", …}, ch{x ? "refunded" : "refund_rejected", …} and ch.action = "…".
    const history = [...code.matchAll(/(?:TicketChange ch\{(?:[^"{};]*\? )?|ch\.action = )"([a-z_]+)"(?: : "([a-z_]+)")?/g)]
      .flatMap((m) => m.slice(1).filter(Boolean));
    // A ticket change is audited as "ticket.<history name>" unless it names its own (ch.audit_action).
    const own: Record<string, string> = { voided: "ticket.void", admission_undone: "checkin.undo" };
    for (const h of history) written.add(own[h] ?? `ticket.${h}`);
    expect(written.size).toBeGreaterThan(50);
    expect([...written].filter((a) => !NOT_ACTIONS.has(a) && !(a in AUDIT_ACTIONS)), "audit actions without words").toEqual([]);
    expect(history.filter((h) => !(h in HISTORY_ACTIONS)), "history actions without words").toEqual([]);
    expect(history).toContain("refund_rejected");
  });

  it("shows the words, and an unknown code as it is", () => {
    expect(auditActionLabel("checkin.admitted")).toBe("Admitted");
    expect(auditActionLabel("auth.2fa_enable")).toBe("Two-factor sign-in turned on");
    expect(auditActionLabel("future.thing")).toBe("future.thing");
    expect(historyActionLabel("sold")).toBe("Sold");
    expect(historyActionLabel("teleported")).toBe("teleported");
  });
});
