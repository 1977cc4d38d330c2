// The card for a scan checked offline. Every title says so: a steward must know that the server
// was not asked (no holder name, and other gates' admissions only as of the pack). Pure: unit-tested.
import { REFUSED, type Outcome } from "../outcome";
import type { OfflineResult } from "./verify";
import { t } from "../../../i18n/runtime";

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
  const typed = v.typed ? ` ${t("offline.typed")}` : "";
  switch (v.result) {
    case "admitted":
      if (stage === "admit")
        return { ...base, tone: "admitted", title: t("offline.admitted"),
          detail: `${t("offline.recorded")}${typed}` };
      if (stage === "entry_check")
        return { ...base, tone: "valid", title: t("offline.valid"), detail: `${t("gate.checkOnly")}${typed}` };
      return { ...base, tone: "valid", title: t("offline.valid"), detail: `${t("offline.genuine")}${typed}`, canAdmit: true };
    case "exited":
      if (stage === "admit")
        return { ...base, tone: "exited", title: t("offline.letOut"), detail: t("offline.recorded") };
      return { ...base, tone: "valid", title: t("offline.leaving"), detail: `${t("offline.insideAsFarAsKnown")}${typed}`, canAdmit: true };
    case "already_used":
      return { ...base, tone: "used", title: t("offline.alreadyUsed"), detail: v.source === "pack"
        ? t("offline.alreadyUsedPack")
        : t("offline.alreadyUsedHere", { when: formatTime(v.previousAt ?? null) }) };
    case "already_inside":
      return { ...base, tone: "used", title: t("offline.alreadyInside"), detail: v.source === "pack"
        ? t("offline.alreadyInsidePack")
        : t("offline.alreadyInsideHere", { when: formatTime(v.previousAt ?? null) }) };
    case "not_inside":
      return { ...base, tone: "used", title: t("offline.notInside"), detail: t("offline.notInsideDetail") };
    case "invalid":
      return { ...base, tone: "invalid", title: t("offline.invalid"), detail: t("gate.invalidDetail") };
    case "unknown_serial":
      return { ...base, tone: "used", title: t("offline.noSuchSerial"), detail: t("offline.noSuchSerialDetail") };
    case "wrong_event":
      return { ...base, tone: "invalid", title: t("offline.wrongEvent"), detail: t("offline.wrongEventDetail") };
    default:
      return { ...base, tone: "invalid", title: t("offline.refused", { title: t(REFUSED[v.result].title) }), detail: t(REFUSED[v.result].detail) };
  }
}
