// How scans read in the admin: result badges, type names, and a ticket's scan list (shown in the
// ticket dialogs). Small: the dashboard loads it eagerly for its "last scans".
import { useEffect, useState } from "react";
import { ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import type { Scan } from "../../lib/types";
import { t } from "../../i18n/runtime";
import { useT } from "../../i18n/I18nProvider";

const RESULT_LABEL = (): Record<string, string> => ({
  admitted: t("admin.scans.admitted"), exited: t("admin.scans.exited"), recorded: t("admin.scans.recorded"), valid: t("admin.scans.validCheck"),
  already_used: t("admin.scans.alreadyUsed"), already_inside: t("admin.scans.alreadyInside"), not_inside: t("admin.scans.notInside"), not_sold: t("admin.scans.notSold"),
  refunded: t("admin.scans.refunded"), void: t("admin.scans.void"), superseded: t("admin.scans.superseded"), wrong_event: t("admin.scans.wrongEvent"), invalid: t("admin.scans.invalid"),
  unknown_serial: t("admin.scans.noSuchSerialTyped"), undone: t("admin.scans.undone"),
});
const TYPE_LABEL = (): Record<string, string> => ({
  entry: t("admin.scans.entry"), exit: t("admin.scans.exit"), attendance: t("admin.scans.attendance"), entry_check: t("admin.scans.checkOnly"), sale_confirmation: t("admin.scans.saleCheck"),
});
export const RESULTS = ["admitted", "exited", "recorded", "valid", "already_used", "already_inside", "not_inside", "not_sold",
  "refunded", "void", "superseded", "wrong_event", "invalid", "unknown_serial", "undone"];
export const TYPES = ["entry", "exit", "attendance", "entry_check", "sale_confirmation"];
/** A scan result or type for people (an unknown code as it came). */
export const resultLabel = (result: string) => RESULT_LABEL()[result] ?? result;
export const typeLabel = (type: string) => TYPE_LABEL()[type] ?? type;

/** Admitted green, exited blue, checks grey, refusals amber (a person) or red (a bad code). */
export function ResultBadge({ result }: { result: string }) {
  const tone = result === "admitted" ? "bg-emerald-100 text-emerald-800" : result === "exited" ? "bg-sky-100 text-sky-800"
    : result === "valid" || result === "recorded" ? "bg-gray-200 text-gray-800"
    : ["already_used", "already_inside", "not_inside", "unknown_serial"].includes(result) ? "bg-amber-100 text-amber-900" : "bg-red-100 text-red-800";
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`} data-result={result}>
    {resultLabel(result)}</span>;
}

export function gateName(gate: string | null | undefined): string {
  return gate ? gate : t("admin.scans.noGate");
}

/** Every scan of one ticket, oldest first (GET /api/tickets/{serial}/scans). */
export function TicketScans({ serial }: { serial: string }) {
  const { t } = useT();
  const token = useToken();
  const [scans, setScans] = useState<Scan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiGet("/api/tickets/{serial}/scans", { path: { serial }, token })
      .then((r) => setScans(r.items))
      .catch((e: ApiError) => setError(e.status === 404 ? t("admin.scans.noScansAreRecorded") : e.message));
  }, [serial, token]);
  return (
    <>
      <h3 className="mt-4 mb-1 font-semibold">{t("admin.scans.scansAtTheGate")}</h3>
      {error && <p className="text-sm text-gray-600">{error}</p>}
      {/* Focusable: a scroll box the keyboard can reach (WCAG 2.1.1). */}
      <ol className="max-h-48 space-y-1 overflow-y-auto text-sm" aria-label={t("admin.scans.scans")} tabIndex={0}>
        {scans?.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-x-2 rounded bg-gray-50 px-2 py-1">
            <span className="whitespace-nowrap">{formatTime(s.scanned_at)}</span>
            <span>{typeLabel(s.type)}</span>
            <ResultBadge result={s.result} />
            <span className="text-gray-600">{t("admin.scans.gateC", { gate: gateName(s.gate), user: s.user })}</span>
          </li>
        ))}
        {scans?.length === 0 && <li className="text-gray-500">{t("admin.scans.notScannedYet")}</li>}
      </ol>
    </>
  );
}
