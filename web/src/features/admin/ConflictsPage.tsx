// Offline conflicts of an event (GET /api/events/{id}/conflicts): each offline admission the server
// would not have made (a double admission, a refunded or void ticket, a replaced code), with who
// scanned it offline and what the server had decided; and the scanner devices that synced, with
// their last sync and clock skew.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatSkew } from "../../lib/durations";
import type { ConflictReport } from "../../lib/types";
import { Button, ErrorBanner, TableBox } from "../../components/ui";
import { EventPicker, useChosenEvent, useEvents } from "./useEvents";
import { gateName, resultLabel } from "./scans";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

const REASON_LABEL = (): Record<string, string> => ({
  double_admission: t("admin.conflicts.admittedTwice"), refunded: t("admin.conflicts.refunded"), void: t("admin.conflicts.void"), not_sold: t("admin.conflicts.notSold"),
  superseded: t("admin.conflicts.codeReplacedTransfer"), wrong_event: t("admin.conflicts.wrongEvent"),
});

/** With seconds: which of two admissions came first is what a conflict is about. */
function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}
/** The device's clock differed from the corrected time by a second or more. */
function clockDiffers(a: string, b: string): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) >= 1000;
}

function Who({ device, gate, user }: { device: string | null; gate: string | null; user: string | null }) {
  const { t } = useT();
  return (
    <span className="text-gray-700">
      <span className="font-mono text-xs">{device ?? "—"}</span> · {t("admin.scans.gateB", { gate: gateName(gate) })} · {user ?? "—"}
    </span>
  );
}

export function ConflictsPage() {
  const { t } = useT();
  const token = useToken();
  const events = useEvents(token);
  const [event, choose] = useChosenEvent(events);
  const [report, setReport] = useState<ConflictReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  const load = useCallback(() => {
    if (!event) return;
    const seq = ++latest.current;
    setLoading(true);
    apiGet("/api/events/{id}/conflicts", { path: { id: event.id }, token })
      .then((r) => {
        if (seq !== latest.current) return;
        setReport(r);
        setError(null);
      })
      .catch((e: ApiError) => seq === latest.current && setError(e.message))
      .finally(() => seq === latest.current && setLoading(false));
  }, [token, event]);
  useEffect(() => {
    setReport(null);
    load();
  }, [load]);

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.conflicts.conflicts")}</h1>
        <div className="flex max-w-full flex-wrap items-center gap-2">
          <EventPicker events={events} event={event} onChoose={choose} />
          <Button variant="ghost" disabled={loading || !event} onClick={load}>{loading ? t("admin.conflicts.loading") : t("admin.conflicts.refresh")}</Button>
        </div>
      </div>
      <p className="mb-4 max-w-3xl text-sm text-gray-600">
        {t("admin.conflicts.scansMadeOfflineReach")}
      </p>
      <ErrorBanner message={error} />
      {report && (
        <>
          <h2 className="mb-2 text-lg font-semibold">{t("admin.conflicts.conflictsA", { length: report.items.length })}</h2>
          <TableBox label={t("admin.conflicts.conflictsTable")}>
            <table className="cards w-full text-left text-sm" aria-label={t("admin.conflicts.conflicts")}>
              <thead className="bg-gray-100 text-xs uppercase text-gray-600">
                <tr><th className="p-3">{t("admin.conflicts.ticket")}</th><th className="p-3">{t("admin.conflicts.reason")}</th><th className="p-3">{t("admin.conflicts.offlineScan")}</th>
                  <th className="p-3">{t("admin.conflicts.theServerHad")}</th></tr>
              </thead>
              <tbody>
                {report.items.map((c) => (
                  <tr key={c.id} className="border-t align-top" data-testid={`conflict-${c.id}`}>
                    <td className="p-3" data-label="Ticket">
                      <span className="font-mono">{c.ticket?.serial ?? "—"}</span>
                      {c.ticket && <span className="block text-xs text-gray-600">{t("admin.conflicts.now", { status: c.ticket.status })}</span>}
                    </td>
                    <td className="p-3" data-label="Reason">
                      <span className="whitespace-nowrap rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800" data-reason={c.reason}>
                        {c.reason ? REASON_LABEL()[c.reason] ?? c.reason : "—"}
                      </span>
                    </td>
                    <td className="p-3" data-label="Offline scan">
                      <span className="block whitespace-nowrap">{formatTime(c.scan.scanned_at)}</span>
                      <Who device={c.scan.device_id} gate={c.scan.gate} user={c.scan.user} />
                      {c.scan.device_scanned_at && c.scan.scanned_at && clockDiffers(c.scan.device_scanned_at, c.scan.scanned_at) && (
                        <span className="block text-xs text-gray-500">{t("admin.conflicts.deviceClockSaid", { device_scanned_at: formatTime(c.scan.device_scanned_at) })}</span>
                      )}
                      <span className="block text-xs text-gray-500">{t("admin.conflicts.received", { received_at: formatTime(c.scan.received_at) })}</span>
                    </td>
                    <td className="p-3" data-label="The server had">
                      {c.server ? (
                        <>
                          <span className="block">{c.server.decision ? resultLabel(c.server.decision) : "—"} {c.server.at && <>· {formatTime(c.server.at)}</>}
                            {c.server.offline && <span className="ml-1 rounded bg-gray-200 px-1.5 text-xs font-semibold" data-testid="server-offline">{t("admin.conflicts.offlineScanA")}</span>}</span>
                          {(c.server.device_id || c.server.gate || c.server.user) && <Who device={c.server.device_id} gate={c.server.gate} user={c.server.user} />}
                        </>
                      ) : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.items.length === 0 && <p className="p-6 text-center text-gray-600">{t("admin.conflicts.noConflictsEveryOffline")}</p>}
          </TableBox>

          <h2 className="mt-6 mb-2 text-lg font-semibold">{t("admin.conflicts.devicesThatSynced", { length: report.devices.length })}</h2>
          <TableBox label={t("admin.conflicts.devicesThatSyncedA")}>
            <table className="cards w-full text-left text-sm" aria-label={t("admin.conflicts.devices")}>
              <thead className="bg-gray-100 text-xs uppercase text-gray-600">
                <tr><th className="p-3">{t("admin.conflicts.device")}</th><th className="p-3">{t("admin.conflicts.user")}</th><th className="p-3">{t("admin.conflicts.lastSync")}</th>
                  <th className="p-3" title={t("admin.conflicts.serverTimeMinusThe")}>{t("admin.conflicts.clockSkew")}</th>
                  <th className="p-3 text-right">{t("admin.conflicts.offlineScans")}</th><th className="p-3 text-right">{t("admin.conflicts.conflicts")}</th></tr>
              </thead>
              <tbody>
                {report.devices.map((d) => (
                  <tr key={d.device_id} className="border-t" data-testid={`device-${d.device_id}`}>
                    <td className="p-3 font-mono text-xs break-all" data-label="Device">{d.device_id}</td>
                    <td className="p-3" data-label="User">{d.user}</td>
                    <td className="p-3 whitespace-nowrap" data-label="Last sync">{formatTime(d.last_sync_at)}</td>
                    <td className="p-3 whitespace-nowrap" data-testid="skew" data-label="Clock skew">{formatSkew(d.skew_ms)}</td>
                    <td className="p-3 sm:text-right" data-label="Offline scans">{d.scans}</td>
                    <td className="p-3 sm:text-right" data-label="Conflicts">{d.conflicts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.devices.length === 0 && <p className="p-6 text-center text-gray-600">{t("admin.conflicts.noDeviceHasSent")}</p>}
          </TableBox>
        </>
      )}
    </section>
  );
}
