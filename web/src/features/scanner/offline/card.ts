// The card for a scan checked offline. Every title says so: a steward must know that the server
// was not asked (no holder name, and other gates' admissions only as of the pack). Pure: unit-tested.
import { REFUSED, type Outcome } from "../outcome";
import type { OfflineResult } from "./verify";

export interface OfflineVerdict {
  result: OfflineResult;
  /** Serial from the pack's prefix and the code's number (only for genuine codes of this event). */
  serial?: string;
  /** When this device admitted the ticket before (already_used, already_inside). */
  previousAt?: string;
  /** Who knew of the earlier admission: this device, or the server (the pack). */
  source?: "device" | "pack";
  /** A serial typed by hand: checked by its number, no signature to check. */
  typed?: boolean;
}
/** check: confirm mode before Continue; admit: the entry (or exit) was recorded; entry_check: looked only. */
export type OfflineStage = "check" | "admit" | "entry_check";

const no = { canAdmit: false, canRetry: false, offline: true } as const;

export function offlineOutcome(v: OfflineVerdict, stage: OfflineStage, formatTime: (s: string | null) => string): Outcome {
  const base = { result: v.result, serial: v.serial, ...no };
  const typed = v.typed ? " Typed serial: no signature was checked." : "";
  switch (v.result) {
    case "admitted":
      if (stage === "admit")
        return { ...base, tone: "admitted", title: "ADMITTED — checked offline",
          detail: `Recorded on this device; sent to the server when the network is back.${typed}` };
      if (stage === "entry_check")
        return { ...base, tone: "valid", title: "VALID — checked offline", detail: `Check only: would be admitted. Not admitted.${typed}` };
      return { ...base, tone: "valid", title: "VALID — checked offline", detail: `Genuine and not refused by the event pack.${typed}`, canAdmit: true };
    case "exited":
      if (stage === "admit")
        return { ...base, tone: "exited", title: "LET OUT — checked offline", detail: "Recorded on this device; sent to the server when the network is back." };
      return { ...base, tone: "valid", title: "LEAVING — checked offline", detail: `Inside, as far as this device knows.${typed}`, canAdmit: true };
    case "already_used":
      return { ...base, tone: "used", title: "ALREADY USED (offline)", detail: v.source === "pack"
        ? "Admitted already (at another gate, as of the event pack)."
        : `Admitted on this device ${formatTime(v.previousAt ?? null)}.` };
    case "already_inside":
      return { ...base, tone: "used", title: "ALREADY INSIDE (offline)", detail: v.source === "pack"
        ? "Inside already (as of the event pack). Do not admit twice."
        : `Came in at this device ${formatTime(v.previousAt ?? null)} and was not seen leaving.` };
    case "not_inside":
      return { ...base, tone: "used", title: "NOT INSIDE (offline)", detail: "This ticket is not inside: nothing to let out." };
    case "invalid":
      return { ...base, tone: "invalid", title: "INVALID (offline)", detail: "Unknown or forged ticket. Do not admit." };
    case "unknown_serial":
      return { ...base, tone: "used", title: "NO SUCH SERIAL (offline)",
        detail: "Not a serial of this event — check the number and type it again. Nothing was admitted." };
    case "wrong_event":
      return { ...base, tone: "invalid", title: "WRONG EVENT (offline)", detail: "This ticket is for another event. Do not admit." };
    default:
      return { ...base, tone: "invalid", title: `${REFUSED[v.result].title} (offline)`, detail: REFUSED[v.result].detail };
  }
}
