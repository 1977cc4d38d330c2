import { describe, expect, it } from "vitest";
import { offlineOutcome } from "./card";

const fmt = (s: string | null) => s ?? "—";

describe("offline cards", () => {
  it("say they were checked offline; only a check before Continue can admit", () => {
    const check = offlineOutcome({ result: "admitted", serial: "SUMMER26-000017" }, "check", fmt);
    expect(check).toMatchObject({ tone: "valid", title: "VALID — checked offline", canAdmit: true, offline: true, serial: "SUMMER26-000017", result: "admitted" });
    expect(offlineOutcome({ result: "admitted" }, "admit", fmt)).toMatchObject({ tone: "admitted", title: "ADMITTED — checked offline", canAdmit: false });
    expect(offlineOutcome({ result: "admitted" }, "entry_check", fmt)).toMatchObject({ tone: "valid", canAdmit: false });
  });

  it("refusals are red (already used amber) and never admit or retry", () => {
    const titles = {
      invalid: "INVALID (offline)", wrong_event: "WRONG EVENT (offline)", not_sold: "NOT SOLD (offline)", refunded: "REFUNDED (offline)",
      void: "VOID (offline)", superseded: "SUPERSEDED (offline)", already_used: "ALREADY USED (offline)",
    } as const;
    for (const [result, title] of Object.entries(titles)) {
      const o = offlineOutcome({ result: result as keyof typeof titles, previousAt: "09:58" }, "check", fmt);
      expect(o).toMatchObject({ title, tone: result === "already_used" ? "used" : "invalid", canAdmit: false, canRetry: false, offline: true, result });
    }
    expect(offlineOutcome({ result: "already_used", previousAt: "09:58" }, "admit", fmt).detail).toBe("Admitted on this device 09:58.");
  });

  it("typed text that is no serial of the event is amber NO SUCH SERIAL, not INVALID", () => {
    const o = offlineOutcome({ result: "unknown_serial", serial: "ANN-SMITH", typed: true }, "admit", fmt);
    expect(o).toMatchObject({ tone: "used", title: "NO SUCH SERIAL (offline)", canAdmit: false, canRetry: false, offline: true, serial: "ANN-SMITH" });
    expect(o.detail).toMatch(/check the number/);
  });
});
