// The gate's offline status under the mode bar (docs/offline-gates.md §5): online or offline (and
// why), the pack's age with a warning once it is stale, the queued scans, the last sync and the
// conflicts it found, and the "offline mode" switch.
import { useEffect, useState } from "react";
import { formatAgo, formatSkew } from "../../../lib/durations";
import { useT } from "../../../i18n/I18nProvider";
import { currentLocale } from "../../../i18n/runtime";
import { packAgeMs } from "./pack";
import type { OfflineGate } from "./useOfflineGate";

const AGE_TICK_MS = 5_000;

function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(currentLocale(), { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function StatusStrip({ gate, mode, onMode }: { gate: OfflineGate; mode: boolean; onMode(on: boolean): void }) {
  const { t } = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const { pack, report, queued } = gate;
  const state = !gate.online ? "offline" : !gate.reachable ? "unreachable" : mode ? "offline-mode" : "online";
  const label = { online: t("offline.online"), offline: t("offline.noNetwork"), unreachable: t("offline.unreachable"),
    "offline-mode": t("scanner.offlineMode") }[state];
  const skew = report?.upload?.skewMs ?? 0;
  const ageMs = pack ? packAgeMs(pack, now, skew) : null;
  const stale = pack !== null && ageMs !== null && ageMs > pack.staleAfterSeconds * 1000;
  const conflicts = report?.upload?.conflicts ?? 0;
  const online = state === "online";

  return (
    <div className={`flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1 text-sm text-white ${online ? "bg-gray-800" : "bg-orange-800"}`}
      data-testid="offline-status" data-state={state} data-queued={queued} data-stale={stale ? "true" : "false"}
      data-cursor={pack?.cursor ?? ""} data-conflicts={conflicts} data-synced-at={report?.at ?? ""} data-sync-ok={report ? String(report.ok) : ""}>
      <span className="font-bold" data-testid="connection">{online ? "● " : "○ "}{label}</span>
      <span data-testid="pack-age">{pack ? t("offline.packAsOf", { age: formatAgo(ageMs ?? 0) }) : t("offline.noPack")}</span>
      {stale && <span className="rounded bg-amber-300 px-1.5 font-bold text-black" role="status">{t("offline.packStale")}</span>}
      <span data-testid="queued">{t("offline.queued", { count: queued })}</span>
      {report && (
        <span data-testid="last-sync">
          {report.ok ? t("offline.synced", { time: clock(report.at) }) : t("offline.syncFailed", { time: clock(report.at) })}
          {report.upload && <> · {t("offline.conflicts", { count: conflicts })}</>}
          {report.upload?.skewMs !== null && report.upload?.skewMs !== undefined && Math.abs(report.upload.skewMs) >= 1000
            && <> · {t("offline.skew", { skew: formatSkew(report.upload.skewMs) })}</>}
          {report.upload && report.upload.rejected > 0 && <> · {t("offline.rejected", { count: report.upload.rejected })}</>}
        </span>
      )}
      <button type="button" className="ml-auto rounded border border-white/70 px-2 py-0.5 font-semibold" aria-pressed={mode}
        onClick={() => onMode(!mode)}>
        {mode ? t("offline.modeSwitchOn") : t("offline.modeSwitchOff")}
      </button>
    </div>
  );
}
