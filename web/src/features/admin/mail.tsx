// Mail (the outbox): shared by the Mail page, the dashboard's warning and the ticket dialog's
// "Resend ticket" / "Revoke links". Small on purpose: the dashboard loads it eagerly.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api, ApiError, apiGet } from "../../lib/api-client";
import { useAuth, useToken } from "../../lib/auth";
import { Button } from "../../components/ui";

import type { OutboxSummary } from "../../lib/types";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";
export type { OutboxMessage, OutboxStatus, OutboxSummary } from "../../lib/types";

/** The headline while nothing goes out: plain words and where the fix is described. */

/** Why nothing goes out (for whoever sets it up), or null when mail is being sent. */
export function notSendingReason(s: OutboxSummary): string | null {
  if (!s.smtp_configured) return t("admin.mail.noMailServerIs");
  if (!s.enabled) return t("admin.mail.sendingIsSwitchedOff");
  return null;
}

export function NotSendingBanner({ summary }: { summary: OutboxSummary }) {
  const { t } = useT();
  const reason = notSendingReason(summary);
  if (!reason) return null;
  return (
    <div role="alert" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900" data-testid="mail-not-sending">
      <p className="font-semibold">{t("admin.mail.notSetUpSection")}</p>
      <p className="text-sm">{t("admin.mail.whyMessagesWaitIn", { reason })}</p>
    </div>
  );
}

/** The dashboard's note: messages are waiting and cannot go out. Nothing when all is well. */
export function MailWarning() {
  const { t } = useT();
  const token = useToken();
  const { session } = useAuth();
  const [summary, setSummary] = useState<OutboxSummary | null>(null);
  useEffect(() => {
    let alive = true;
    apiGet("/api/admin/outbox/summary", { token }).then((s) => alive && setSummary(s)).catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [token]);
  if (!summary || typeof summary.queued !== "number" || summary.queued === 0) return null;
  const reason = notSendingReason(summary);
  if (!reason) return null;
  return (
    <p role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="mail-warning">
      {t("admin.mail.waiting", { count: summary.queued })} {t("admin.mail.notSetUp")} ({reason}).
      {session?.user.role === "admin" && <> <Link className="font-semibold underline" to="/admin/mail">{t("admin.mail.openMail")}</Link></>}
    </p>
  );
}

/** Resend the ticket mail (a new link) and revoke every link of a ticket: admin only. `resend`
 *  false: only Revoke (where the hand-over beside it already offers "Email again"). */
export function TicketMailActions({ serial, status, resend = true }: { serial: string; status: string; resend?: boolean }) {
  const { t } = useT();
  const token = useToken();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [busy, setBusy] = useState(false);
  const path = `/api/tickets/${encodeURIComponent(serial)}`;
  async function run(action: "resend" | "revoke") {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      if (action === "resend") {
        await api(`${path}/resend`, { method: "POST", token });
        setNotice(t("admin.mail.ticketQueuedToBe"));
      } else {
        const r = await api<{ revoked: number }>(`${path}/links/revoke`, { method: "POST", token });
        setNotice(r.revoked === 1 ? t("admin.mail.linkRevokedItNo") : t("admin.mail.linksRevokedTheyNo", { revoked: r.revoked }));
        setConfirmRevoke(false);
      }
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mt-4 border-t pt-3" data-testid="ticket-mail-actions">
      <p className="text-sm font-medium">{t("admin.mail.mail")}</p>
      {confirmRevoke ? (
        <div className="mt-2 rounded-lg bg-red-50 p-3 text-sm">
          <p>{t("admin.mail.everyTicketPageLink")} <span className="font-mono">{serial}</span> {t("admin.mail.stopsWorkingTheTicket")}</p>
          <div className="mt-2 flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setConfirmRevoke(false)}>{t("admin.mail.cancel")}</Button>
            <Button variant="danger" disabled={busy} onClick={() => run("revoke")}>{t("admin.mail.revoke")}</Button>
          </div>
        </div>
      ) : (
        <div className="mt-2 flex flex-wrap gap-2">
          {resend && status === "valid" && <Button variant="ghost" disabled={busy} onClick={() => run("resend")}>{t("admin.mail.resendTicket")}</Button>}
          <Button variant="ghost" disabled={busy} onClick={() => setConfirmRevoke(true)}>{t("admin.mail.revokeLinks")}</Button>
        </div>
      )}
      {notice && <p className="mt-2 text-sm text-emerald-800" role="status">{notice}</p>}
      {error && <p className="mt-2 text-sm text-red-700" role="alert">{error}</p>}
    </div>
  );
}
