// Bulk approve / decline of registrations: the selected rows (one request, an answer per id), or
// every pending registration matching the current filter (a background job whose progress is
// shown). Both are confirmed first.
import { useState } from "react";
import { ApiError, apiPost, type JsonOf } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { useJob } from "../../lib/useJob";
import type { BulkResult } from "../../lib/types";
import { Button, ErrorBanner, Modal } from "../../components/ui";
import { JobProgress } from "../../components/JobProgress";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

export type BulkAction = "approve" | "decline";
export type BulkRequest =
  | { kind: "ids"; action: BulkAction; ids: number[] }
  | { kind: "filter"; action: BulkAction; eventId: number | null; eventName: string | null; q: string; pendingCount: number | null };

export const BULK_MAX_IDS = 500;

export function BulkBar({ selected, onSelected, onFilter }:
  { selected: number; onSelected(action: BulkAction): void; onFilter(): void }) {
  const { t } = useT();
  return (
    <div className="mb-3 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center" aria-label={t("admin.bulkDecisions.bulkDecisions")} role="group">
      <Button variant="success" className="px-3 py-1" disabled={selected === 0 || selected > BULK_MAX_IDS} onClick={() => onSelected("approve")}>
        {t("admin.bulkDecisions.approveSelected")}{selected ? ` (${selected})` : ""}
      </Button>
      <Button variant="danger" className="px-3 py-1" disabled={selected === 0 || selected > BULK_MAX_IDS} onClick={() => onSelected("decline")}>
        {t("admin.bulkDecisions.declineSelected")}{selected ? ` (${selected})` : ""}
      </Button>
      <Button variant="ghost" className="col-span-2 px-3 py-1" onClick={onFilter}>{t("admin.bulkDecisions.approveAllMatchingThis")}</Button>
    </div>
  );
}

/** What the confirmation says will happen. Pure: unit-tested. */
export function describeBulk(r: BulkRequest): string {
  const approve = r.action === "approve";
  if (r.kind === "ids") return approve ? t("admin.bulkDecisions.approveSelectedCount", { count: r.ids.length }) : t("admin.bulkDecisions.declineSelectedCount", { count: r.ids.length });
  const scope = [r.eventName ? t("admin.bulkDecisions.forEvent", { event: r.eventName }) : t("admin.bulkDecisions.forEveryEvent"),
    r.q ? t("admin.bulkDecisions.matching", { q: r.q }) : null].filter(Boolean).join(", ");
  if (r.pendingCount === null) return approve ? t("admin.bulkDecisions.approveEvery", { scope }) : t("admin.bulkDecisions.declineEvery", { scope });
  return approve ? t("admin.bulkDecisions.approveAll", { count: r.pendingCount, scope }) : t("admin.bulkDecisions.declineAll", { count: r.pendingCount, scope });
}

/** Why one id was not decided, whether the server says it as text or as {code, message}. */
export function bulkError(r: BulkResult): string {
  return r.error?.message || r.error?.code || "refused";
}

export function BulkDialog({ request, onClose, onDone }: { request: BulkRequest; onClose(): void; onDone(): void }) {
  const { t } = useT();
  const token = useToken();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const { job, error: pollError, start } = useJob(token, onDone);
  const started = results !== null || job !== null;
  async function run() {
    setBusy(true);
    setError(null);
    const why = reason.trim() ? { reason: reason.trim() } : {};
    try {
      if (request.kind === "ids") {
        const res = await apiPost("/api/admin/registrations/bulk", { token, body: { action: request.action, ids: request.ids, ...why } }) as JsonOf<"/api/admin/registrations/bulk", "post", 200>;
        setResults(res.results);
        onDone();
      } else {
        const filter: Record<string, unknown> = {};
        if (request.eventId !== null) filter.event_id = request.eventId;
        if (request.q) filter.q = request.q;
        start(await apiPost("/api/admin/registrations/bulk", { token, body: { action: request.action, filter, ...why } }) as JsonOf<"/api/admin/registrations/bulk", "post", 202>);
      }
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  const ok = results?.filter((r) => r.ok).length ?? 0;
  const failed = results?.filter((r) => !r.ok) ?? [];
  const finished = results !== null || job?.status === "done" || job?.status === "failed";
  return (
    <Modal title={request.action === "approve" ? t("admin.bulkDecisions.approveInBulk") : t("admin.bulkDecisions.declineInBulk")} onClose={onClose}>
      <p className="mb-3 font-semibold">{describeBulk(request)}</p>
      {!started && request.action === "approve" && <p className="mb-3 text-sm text-gray-600">{t("admin.bulkDecisions.eachApprovalIssuesA")}</p>}
      {!started && request.action === "decline" && (
        <label className="mb-3 block">
          <span className="text-sm font-medium">{t("admin.bulkDecisions.reasonOptionalKeptIn")}</span>
          <textarea name="bulk_reason" rows={2} className="mt-1 w-full rounded-lg border px-3 py-2" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {job && <JobProgress job={job} label={t("admin.bulkDecisions.bulkDecisions")} />}
      {results && (
        <div className="text-sm" data-testid="bulk-results">
          <p>{request.action === "approve" ? t("admin.bulkDecisions.approvedCount", { ok, failed: failed.length }) : t("admin.bulkDecisions.declinedCount", { ok, failed: failed.length })}</p>
          {failed.length > 0 && (
            <ul className="mt-1 text-red-700">{failed.map((r) => <li key={r.id}>#{r.id}: {bulkError(r)}</li>)}</ul>
          )}
        </div>
      )}
      <ErrorBanner message={error ?? pollError} />
      <div className="mt-4 flex justify-end gap-2">
        {!started && <Button variant="ghost" onClick={onClose}>{t("admin.bulkDecisions.cancel")}</Button>}
        {!started && (
          <Button variant={request.action === "approve" ? "success" : "danger"} disabled={busy} onClick={run}>
            {request.action === "approve" ? t("admin.bulkDecisions.yesApprove") : t("admin.bulkDecisions.yesDecline")}
          </Button>
        )}
        {started && <Button disabled={!finished} onClick={onClose}>{t("admin.bulkDecisions.close")}</Button>}
      </div>
    </Modal>
  );
}
