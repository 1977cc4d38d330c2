// What an admin can do for a message that has not gone out (mail not set up, or failing): read it
// (subject and text; links that are credentials are not shown), and for a ticket mail hand the
// ticket over another way: its PDF, or a fresh ticket link to copy (the mailed one is stored hashed
// and cannot be shown again; making a new one leaves the mailed one working).
import { useState } from "react";
import { apiGet, type JsonOf } from "../../../lib/api-client";
import { useToken } from "../../../lib/auth";
import type { OutboxMessage } from "../../../lib/types";
import { Button, Modal } from "../../../components/ui";
import { copyTicketLink } from "./TicketHandover";
import { downloadTicketPdf, useAction } from "./useAction";
import { useT } from "../../../i18n/I18nProvider";

type Preview = JsonOf<"/api/admin/outbox/{id}/preview", "get", 200>;
const WAITING = ["queued", "failed"];

/** Whether the message's ticket is offered (PDF, link): a ticket mail still waiting to go out. */
export const offersTicket = (m: Pick<OutboxMessage, "status" | "ticket_serial">) => !!m.ticket_serial && WAITING.includes(m.status);

export function OutboxActions({ message }: { message: OutboxMessage }) {
  const { t } = useT();
  const token = useToken();
  const [preview, setPreview] = useState<Preview | null>(null);
  const { notice, error, busy, run } = useAction();
  const serial = message.ticket_serial;
  const open = () => run(async () => {
    setPreview(await apiGet("/api/admin/outbox/{id}/preview", { path: { id: message.id }, token }));
    return null;
  });
  const pdf = (s: string) => run(() => downloadTicketPdf(s, token));
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-2">
        <Button variant="ghost" className="px-3 py-1" disabled={busy} onClick={open} aria-label={t("admin.outboxActions.previewMessage", { id: message.id })}>{t("admin.outboxActions.preview")}</Button>
        {serial && offersTicket(message) && <>
          <Button variant="ghost" className="px-3 py-1" disabled={busy} onClick={() => pdf(serial)} aria-label={t("admin.outboxActions.downloadPdfOf", { serial })}>{t("admin.outboxActions.downloadPdf")}</Button>
          <Button variant="ghost" className="px-3 py-1" disabled={busy} onClick={() => run(() => copyTicketLink(serial, token))}
            aria-label={t("admin.outboxActions.copyTicketLinkOf", { serial })}>{t("admin.outboxActions.copyTicketLink")}</Button>
        </>}
      </div>
      {notice && <p role="status" className="break-all text-sm text-emerald-800" data-testid="outbox-notice">{notice}</p>}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {preview && (
        <Modal title={t("admin.outboxActions.messageTo", { id: preview.id, to_email: preview.to_email })} onClose={() => setPreview(null)}>
          <p className="text-sm text-gray-600">{t("admin.outboxActions.subject")}</p>
          <p className="mb-3 font-semibold" data-testid="preview-subject">{preview.subject}</p>
          <pre className="max-h-80 overflow-y-auto whitespace-pre-wrap break-words rounded-lg bg-gray-50 p-3 text-sm" tabIndex={0}
            aria-label={t("admin.outboxActions.messageText")} data-testid="preview-text">{preview.text}</pre>
          <div className="mt-4 flex justify-end"><Button onClick={() => setPreview(null)}>{t("admin.outboxActions.close")}</Button></div>
        </Modal>
      )}
    </div>
  );
}
