// The gate's offline status under the mode bar (docs/offline-gates.md §5): online or offline (and
// why), the pack's age with a warning once it is stale, the queued scans, the last sync and the
// conflicts it found, and the "offline mode" switch.
import { useEffect, useState } from "react";
import { formatAge, formatSkew } from "../../../lib/durations";
import { packAgeMs } from "./pack";
import type { OfflineGate } from "./useOfflineGate";

const AGE_TICK_MS = 5_000;

const age = (ms: number) => {
  const text = formatAge(ms);
  return text === "just now" ? text : `${text} ago`;
};

function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function StatusStrip({ gate, mode, onMode }: { gate: OfflineGate; mode: boolean; onMode(on: boolean): void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const { pack, report, queued } = gate;
  const state = !gate.online ? "offline" : !gate.reachable ? "unreachable" : mode ? "offline-mode" : "online";
  const label = { online: "Online", offline: "Offline · no network", unreachable: "Offline · server unreachable", "offline-mode": "Offline mode" }[state];
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
      <span data-testid="pack-age">{pack ? `Pack as of ${age(ageMs ?? 0)}` : "No offline pack yet"}</span>
      {stale && <span className="rounded bg-amber-300 px-1.5 font-bold text-black" role="status">Pack out of date</span>}
      <span data-testid="queued">{queued} queued</span>
      {report && (
        <span data-testid="last-sync">
          {report.ok ? "Synced" : "Sync failed"} {clock(report.at)}
          {report.upload && ` · ${conflicts === 1 ? "1 conflict" : `${conflicts} conflicts`} in last upload`}
          {report.upload?.skewMs !== null && report.upload?.skewMs !== undefined && Math.abs(report.upload.skewMs) >= 1000
            && ` · clock skew ${formatSkew(report.upload.skewMs)}`}
          {report.upload && report.upload.rejected > 0 && ` · ${report.upload.rejected} not accepted`}
        </span>
      )}
      <button type="button" className="ml-auto rounded border border-white/70 px-2 py-0.5 font-semibold" aria-pressed={mode}
        onClick={() => onMode(!mode)}>
        {mode ? "Offline mode: on" : "Offline mode: off"}
      </button>
    </div>
  );
}
