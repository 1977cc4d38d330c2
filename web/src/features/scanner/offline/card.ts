// The card for a scan checked offline. Every title says so: a steward must know that the server
// was not asked (no holder name, no online admissions of other gates). Pure: unit-tested.
import { REFUSED, type Outcome } from "../outcome";
import type { OfflineResult } from "./verify";

export interface OfflineVerdict {
  result: OfflineResult;
  /** Serial from the pack's prefix and the code's number (only for genuine codes of this event). */
  serial?: string;
  /** When this device admitted the ticket before (already_used). */
  previousAt?: string;
}
/** check: confirm mode before Continue; admit: the entry was recorded; entry_check: looked only. */
export type OfflineStage = "check" | "admit" | "entry_check";

const no = { canAdmit: false, canRetry: false, offline: true } as const;

export function offlineOutcome(v: OfflineVerdict, stage: OfflineStage, formatTime: (s: string | null) => string): Outcome {
  const base = { result: v.result, serial: v.serial, ...no };
  switch (v.result) {
    case "admitted":
      if (stage === "admit")
        return { ...base, tone: "admitted", title: "ADMITTED — checked offline",
          detail: "Recorded on this device; sent to the server when the network is back." };
      if (stage === "entry_check")
        return { ...base, tone: "valid", title: "VALID — checked offline", detail: "Check only: would be admitted. Not admitted." };
      return { ...base, tone: "valid", title: "VALID — checked offline", detail: "Genuine and not refused by the event pack.", canAdmit: true };
    case "already_used":
      return { ...base, tone: "used", title: "ALREADY USED (offline)", detail: `Admitted on this device ${formatTime(v.previousAt ?? null)}.` };
    case "invalid":
      return { ...base, tone: "invalid", title: "INVALID (offline)", detail: "Unknown or forged ticket. Do not admit." };
    case "wrong_event":
      return { ...base, tone: "invalid", title: "WRONG EVENT (offline)", detail: "This ticket is for another event. Do not admit." };
    default:
      return { ...base, tone: "invalid", title: `${REFUSED[v.result].title} (offline)`, detail: REFUSED[v.result].detail };
  }
}
