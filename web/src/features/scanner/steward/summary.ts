// The gate's numbers for the steward (docs/devices.md §5): GET /api/events/{id}/gate-summary, or,
// from a server without that route (404), the same numbers put together from the live stream's
// counts and this device's scans (GET /api/scans). Pure parts are unit-tested.
import { ApiError, apiGet } from "../../../lib/api-client";
import { fetchGateSummary, type GateSummary } from "../../../lib/devices-api";
import type { LiveCounts, Scan } from "../../../lib/types";
import { t } from "../../../i18n/runtime";

export const LAST_SCANS = 20;

/** The numbers from the live counts and a scan list (the fallback). */
export function summaryFrom(counts: LiveCounts | null, scans: Scan[], gate: string): GateSummary {
  const atGate = counts?.per_gate.find((g) => g.gate === gate.trim());
  return {
    inside: counts?.inside ?? 0,
    admitted_total: counts?.admitted ?? 0,
    admitted_at_gate: atGate?.entries ?? 0,
    last_scans: scans.slice(0, LAST_SCANS),
  };
}

/** The route's answer, or the fallback when the server does not have it (404 only: other errors are shown). */
export async function loadSummary(token: string, eventId: number, gate: string, deviceId: string, counts: LiveCounts | null):
  Promise<{ summary: GateSummary; fallback: boolean }> {
  try {
    const summary = await fetchGateSummary(token, eventId, { gate: gate.trim() || undefined, device_id: deviceId });
    return { summary, fallback: false };
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404 && e.code !== "not_assigned")) throw e;
  }
  const page = await apiGet("/api/scans", { query: { event_id: eventId, device_id: deviceId, limit: LAST_SCANS }, token });
  return { summary: summaryFrom(counts, page.items, gate), fallback: true };
}

/** Can the steward undo this scan? An admission (the server decides about the time window). */
export const undoable = (scan: Scan) => scan.type === "entry" && scan.result === "admitted" && !!scan.serial;

/** The reason an undo needs: 1-500 characters. */
export function reasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (!text) return t("steward.reasonRequired");
  if (text.length > 500) return t("steward.tooLong", { max: 500 });
  return null;
}

/** The name search's query: 2-64 characters. */
export function queryProblem(q: string): string | null {
  const text = q.trim();
  if (text.length < 2) return t("steward.nameTooShort");
  if (text.length > 64) return t("steward.tooLong", { max: 64 });
  return null;
}
