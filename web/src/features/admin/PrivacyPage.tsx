// A person's data (docs/privacy.md), admins only: holders' requests to be erased (confirm one to
// erase it), and any address's data: download it as one JSON file, or erase it (a dry run shows
// what would go, then the erasure asks for a reason).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, apiGet, apiPost } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import type { PrivacyEraseResult, PrivacyRequest } from "../../lib/types";
import { Button, ErrorBanner, Field, Modal } from "../../components/ui";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

const KINDS = (): [keyof PrivacyEraseResult["erased"], string][] => [
  ["accounts", t("admin.privacy.holderAccounts")], ["registrations", t("admin.privacy.registrations")], ["attachments", t("admin.privacy.attachments")],
  ["tickets", t("admin.privacy.tickets")], ["ticket_history", t("admin.privacy.ticketHistoryEntries")], ["scans", t("admin.privacy.scanNotes")], ["sales", t("admin.privacy.sales")],
  ["refunds", t("admin.privacy.refunds")], ["transfers", t("admin.privacy.transfers")], ["mail", t("admin.privacy.mails")], ["audit_entries", t("admin.privacy.auditLogEntries")], ["jobs", t("admin.privacy.jobs")],
];

/** "3 tickets, 1 registration …": the kinds with rows, or "nothing". */
export function describeErased(r: PrivacyEraseResult): string {
  const parts = KINDS().filter(([k]) => r.erased[k] > 0).map(([k, label]) => `${r.erased[k]} ${label}`);
  return parts.length ? parts.join(", ") : "nothing";
}

function saveJson(data: unknown, filename: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function PrivacyPage() {
  const { t } = useT();
  const token = useToken();
  const [requests, setRequests] = useState<PrivacyRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    apiGet("/api/admin/privacy/requests", { query: { limit: 200 }, token })
      .then((p) => setRequests(p.items)).catch((e: ApiError) => setError(e.message));
  }, [token]);
  useEffect(load, [load]);

  async function confirm(r: PrivacyRequest) {
    if (!window.confirm(t("admin.privacy.eraseTheDataOf", { username: r.username, value: r.email_verified && r.email ? t("admin.privacy.andEverythingUnder", { email: r.email }) : "" }))) return;
    try {
      const done = await apiPost("/api/admin/privacy/requests/{id}/confirm", { path: { id: r.id }, token });
      setNotice(t("admin.privacy.erased", { done: describeErased(done) }));
      load();
    } catch (e) {
      setError((e as ApiError).message);
    }
  }

  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("admin.privacy.privacy")}</h1>
      <ErrorBanner message={error} />
      {notice && <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-800">{notice}</p>}
      <div>
        <h2 className="mb-2 text-lg font-bold">{t("admin.privacy.erasureRequestsFromHolders")}</h2>
        {requests?.length === 0 && <p className="text-gray-600">{t("admin.privacy.noRequests")}</p>}
        <ul className="space-y-2">
          {requests?.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 rounded-xl bg-white p-4 shadow" data-testid={`erase-request-${r.id}`}>
              <span>
                <span className="font-semibold">{r.username}</span>{" "}
                <span className="text-gray-600">{r.email ?? t("admin.privacy.noAddress")}{r.email && !r.email_verified ? t("admin.privacy.notVerifiedOnlyThe") : ""}</span>
                <span className="block text-xs text-gray-500">
                  {t("admin.privacy.asked")} {formatTime(r.requested_at)}{r.status === "done" ? t("admin.privacy.erasedBy", { decided_at: formatTime(r.decided_at), value: r.decided_by ?? "?" }) : ""}
                </span>
              </span>
              {r.status === "pending" && <Button variant="danger" onClick={() => void confirm(r)}>{t("admin.privacy.erase")}</Button>}
            </li>
          ))}
        </ul>
      </div>
      <PersonTools onErased={(text) => setNotice(text)} />
    </section>
  );
}

function PersonTools({ onErased }: { onErased(text: string): void }) {
  const { t } = useT();
  const token = useToken();
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [planned, setPlanned] = useState<PrivacyEraseResult | null>(null);
  const fail = (e: unknown) => {
    const ae = e as ApiError;
    setFieldError(ae.fields?.email);
    setFailure(ae.message);
  };

  async function exportData(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    try {
      const doc = await apiGet("/api/admin/privacy/export", { query: { email: email.trim() }, token });
      saveJson(doc, `personal-data-${doc.subject}.json`);
    } catch (err) {
      fail(err);
    }
  }
  async function dryRun() {
    setFailure(null);
    try {
      setPlanned(await apiPost("/api/admin/privacy/erase", { body: { email: email.trim(), dry_run: true }, token }));
    } catch (err) {
      fail(err);
    }
  }
  return (
    <div>
      <h2 className="mb-2 text-lg font-bold">{t("admin.privacy.aPersonsData")}</h2>
      <form className="flex flex-wrap items-end gap-2" onSubmit={exportData}>
        <div className="min-w-64 flex-1">
          <Field label={t("admin.privacy.emailAddress")} name="privacy-email" type="email" value={email} error={fieldError}
            onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <Button type="submit" variant="ghost">{t("admin.privacy.downloadTheirData")}</Button>
        <Button type="button" variant="danger" onClick={() => void dryRun()}>{t("admin.privacy.eraseA")}</Button>
      </form>
      <div className="mt-2"><ErrorBanner message={failure} /></div>
      {planned && <EraseDialog email={email.trim()} planned={planned} onClose={() => setPlanned(null)}
        onDone={(r) => { setPlanned(null); onErased(t("admin.privacy.erasedA", { r: describeErased(r) })); }} />}
    </div>
  );
}

function EraseDialog({ email, planned, onClose, onDone }:
  { email: string; planned: PrivacyEraseResult; onClose(): void; onDone(r: PrivacyEraseResult): void }) {
  const { t } = useT();
  const token = useToken();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  async function erase(e: FormEvent) {
    e.preventDefault();
    try {
      onDone(await apiPost("/api/admin/privacy/erase", { body: { email, reason }, token }));
    } catch (err) {
      setErrors((err as ApiError).fields);
      setFailure((err as ApiError).message);
    }
  }
  return (
    <Modal title={t("admin.privacy.eraseB", { email })} onClose={onClose}>
      <form className="space-y-3" onSubmit={erase}>
        <p data-testid="erase-plan">{t("admin.privacy.thisErasesSerialsStates", { planned: describeErased(planned) })}</p>
        <Field label={t("admin.privacy.reasonForTheAudit")} name="reason" value={reason} onChange={(e) => setReason(e.target.value)}
          error={errors.reason} required />
        <ErrorBanner message={failure} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>{t("admin.privacy.cancel")}</Button>
          <Button type="submit" variant="danger">{t("admin.privacy.erase")}</Button>
        </div>
      </form>
    </Modal>
  );
}
