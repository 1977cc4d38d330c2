// Registrations: filter by event/status, search, paging (newest first); approve / decline with a
// confirmation, one by one or in bulk (the selected rows, or every pending one matching the
// filter); after approval the ticket's QR can be downloaded (PNG/SVG) or printed, and an admin can
// void the ticket (reason required, irreversible; the gate refuses it from then on). Phones get
// cards whose buttons stay on screen; desktops the table.
import { useCallback, useEffect, useState, useRef } from "react";
import { api, ApiError, fetchBlobUrl, apiGet, apiPost } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import type { Attachment, Event, IssuedTicket, Page, Registration } from "../../lib/types";
import { formatTime } from "../../lib/format";
import { useIsPhone } from "../../lib/media";
import { Button, ErrorBanner, Modal, TableBox } from "../../components/ui";
import { BulkBar, BulkDialog, type BulkRequest } from "./BulkDecisions";
import { TicketMailActions } from "./mail";
import { ExportButton } from "../../components/widgets";
import { TicketScans } from "./scans";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

const PAGE_SIZE = 20;
type Pending =
  | { kind: "approve"; reg: Registration }
  | { kind: "decline"; reg: Registration }
  | { kind: "void"; reg: Registration; serial: string }
  | null;
type ShownTicket = { ticket: IssuedTicket; reg: Registration } | null;

export function RegistrationsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useT();
  const token = useToken();
  const [events, setEvents] = useState<Event[]>([]);
  const [status, setStatus] = useState("pending");
  const [eventId, setEventId] = useState("");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Registration> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Pending>(null);
  const [ticket, setTicket] = useState<ShownTicket>(null);
  const [proof, setProof] = useState<Attachment | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulk, setBulk] = useState<BulkRequest | null>(null);
  const phone = useIsPhone();

  useEffect(() => {
    apiGet("/api/events", { query: { limit: 200 }, token }).then((p) => setEvents(p.items)).catch(() => undefined);
  }, [token]);
  // Only the newest request may fill the table: an older answer arriving late (the first load
  // still on its way when the filter changed) must not replace the newer list.
  const latestLoad = useRef(0);
  const load = useCallback(() => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
    if (status) params.set("status", status);
    if (eventId) params.set("event_id", eventId);
    if (q.trim()) params.set("q", q.trim());
    const seq = ++latestLoad.current;
    api<Page<Registration>>(`/api/admin/registrations?${params}`, { token })
      .then((p) => {
        if (seq !== latestLoad.current) return;
        setPage(p);
        setError(null);
        // Only rows still shown and still pending stay selected.
        setSelected((old) => new Set(p.items.filter((r) => r.status === "pending" && old.has(r.id)).map((r) => r.id)));
      })
      .catch((e: ApiError) => {
        if (seq === latestLoad.current) setError(e.message);
      });
  }, [token, status, eventId, q, offset]);
  useEffect(load, [load]);
  const eventName = (id: number) => events.find((e) => e.id === id)?.name ?? `#${id}`;
  const pendingOnPage = page?.items.filter((r) => r.status === "pending") ?? [];
  const toggle = (id: number) => setSelected((old) => {
    const next = new Set(old);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const showTicket = async (r: Registration) => {
    // Approving again is idempotent and returns the existing ticket.
    try {
      const res = await apiPost("/api/admin/approve/{id}", { path: { id: r.id }, token });
      setTicket({ ticket: res.ticket, reg: r });
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  // The same buttons in a table row (desktop) and a card (phone).
  const actions = (r: Registration, layout: string) => {
    if (!canEdit || (r.status !== "pending" && r.status !== "approved")) return null;
    return (
      <div className={layout}>
        {r.status === "pending" && (
          <>
            <Button variant="success" className="px-3 py-1" onClick={() => setConfirm({ kind: "approve", reg: r })}>{t("admin.registrations.approve")}</Button>
            <Button variant="danger" className="px-3 py-1" onClick={() => setConfirm({ kind: "decline", reg: r })}>{t("admin.registrations.decline")}</Button>
          </>
        )}
        {r.status === "approved" && <Button variant="ghost" className="px-3 py-1" onClick={() => showTicket(r)}>{t("admin.registrations.ticket")}</Button>}
      </div>
    );
  };

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.registrations.registrations")}</h1>
        {/* The export names its search filter "search" (the list calls it "q"). */}
        {canEdit && <ExportButton kind="registrations" filters={{ event_id: eventId, status, search: q.trim() }} />}
      </div>
      <div className="mb-4 flex flex-wrap gap-2">
        <select aria-label={t("admin.registrations.event")} className="rounded-lg border px-2 py-2" value={eventId}
          onChange={(e) => { setEventId(e.target.value); setOffset(0); }}>
          <option value="">{t("admin.registrations.allEvents")}</option>
          {events.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
        <select aria-label={t("admin.registrations.status")} className="rounded-lg border px-2 py-2" value={status}
          onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
          <option value="">{t("admin.registrations.anyStatus")}</option>
          <option value="pending">{t("admin.registrations.pending")}</option>
          <option value="approved">{t("admin.registrations.approved")}</option>
          <option value="declined">{t("admin.registrations.declined")}</option>
        </select>
        <input aria-label={t("admin.registrations.search")} placeholder={t("admin.registrations.searchNameEmailTeam")} className="min-w-0 flex-1 basis-full rounded-lg border px-3 py-2 sm:basis-0"
          value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} />
      </div>
      <ErrorBanner message={error} />
      {canEdit && (
        <BulkBar selected={selected.size} onSelected={(action) => setBulk({ kind: "ids", action, ids: [...selected] })}
          onFilter={() => setBulk({ kind: "filter", action: "approve", eventId: eventId ? Number(eventId) : null, eventName: eventId ? eventName(Number(eventId)) : null,
            q: q.trim(), pendingCount: status === "pending" ? page?.total ?? null : null })} />
      )}
      {phone ? (
        <ul className="space-y-3" aria-label={t("admin.registrations.registrations")}>
          {page?.items.map((r) => (
            <li key={r.id} className="rounded-xl bg-white p-4 shadow" data-testid={`registration-${r.id}`}>
              <div className="flex items-start gap-3">
                {canEdit && r.status === "pending" && (
                  <input type="checkbox" className="mt-1 size-5" aria-label={t("admin.registrations.select", { name: r.name })} checked={selected.has(r.id)}
                    onChange={() => toggle(r.id)} />
                )}
                <div className="min-w-0 flex-1">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-semibold">{r.name} <DuplicateMark reg={r} /></span>
                    <StatusBadge status={r.status} />
                  </div>
                  <p className="break-all text-sm text-gray-600">{r.email}</p>
                  <p className="text-xs text-gray-500">
                    {eventName(r.event_id)}{r.team_name ? ` · ${r.team_name}` : ""}{r.amount ? ` · ${r.amount}` : ""} · {formatTime(r.created_at)}
                  </p>
                  {r.attachments?.length ? r.attachments.map((a) => (
                    <button key={a.id} className="mr-2 text-sm underline" onClick={() => setProof(a)}>
                      {a.content_type === "application/pdf" ? t("admin.registrations.pdf") : t("admin.registrations.image")}
                    </button>
                  )) : null}
                  {r.ticket && (
                    <p className="mt-1">
                      <span className="mr-2 font-mono text-xs" data-testid={`ticket-serial-${r.id}`}>{r.ticket.serial}</span>
                      <TicketStatusBadge status={r.ticket.status} />
                    </p>
                  )}
                </div>
              </div>
              {actions(r, "mt-3 grid grid-cols-2 gap-2")}
            </li>
          ))}
          {page?.items.length === 0 && <li className="p-6 text-center text-gray-500">{t("admin.registrations.nothingHere")}</li>}
        </ul>
      ) : (
      <TableBox label={t("admin.registrations.registrationsTable")}>
        <table className="w-full text-left text-sm">
          <thead className="bg-gray-100 text-xs uppercase text-gray-600">
            {/* The decision buttons come first: on a laptop they are never past the right edge. */}
            <tr>{canEdit && <th className="p-3"><input type="checkbox" aria-label={t("admin.registrations.selectAllPendingOn")}
              checked={pendingOnPage.length > 0 && pendingOnPage.every((r) => selected.has(r.id))} disabled={pendingOnPage.length === 0}
              onChange={(e) => setSelected(e.target.checked ? new Set(pendingOnPage.map((r) => r.id)) : new Set())} /></th>}
              {canEdit && <th className="p-3">{t("admin.registrations.decide")}</th>}
              <th className="p-3">{t("admin.registrations.person")}</th><th className="p-3">{t("admin.registrations.event")}</th>
              <th className="p-3">{t("admin.registrations.payment")}</th><th className="p-3">{t("admin.registrations.submitted")}</th><th className="p-3">{t("admin.registrations.status")}</th></tr>
          </thead>
          <tbody>
            {page?.items.map((r) => (
              <tr key={r.id} className="border-t" data-testid={`registration-${r.id}`}>
                {canEdit && <td className="p-3">{r.status === "pending" &&
                  <input type="checkbox" aria-label={t("admin.registrations.select", { name: r.name })} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />}</td>}
                {canEdit && <td className="p-3 whitespace-nowrap">{actions(r, "flex gap-2")}</td>}
                <td className="p-3">
                  <span className="block font-medium">{r.name} <DuplicateMark reg={r} /></span>
                  <span className="block break-all text-gray-600">{r.email}</span>
                  {r.team_name && <span className="block text-gray-600">{r.team_name}</span>}
                </td>
                <td className="p-3">{eventName(r.event_id)}</td>
                <td className="p-3">
                  <span className="block">{r.amount ?? "—"}</span>
                  {r.attachments?.map((a) => (
                    <button key={a.id} className="mr-2 underline" onClick={() => setProof(a)}>
                      {a.content_type === "application/pdf" ? t("admin.registrations.pdf") : t("admin.registrations.image")}
                    </button>
                  ))}
                </td>
                <td className="p-3">{formatTime(r.created_at)}</td>
                <td className="p-3">
                  <StatusBadge status={r.status} />
                  {r.ticket && (
                    <span className="mt-1 block whitespace-nowrap">
                      <span className="mr-2 font-mono text-xs" data-testid={`ticket-serial-${r.id}`}>{r.ticket.serial}</span>
                      <TicketStatusBadge status={r.ticket.status} />
                    </span>
                  )}
                </td>
              </tr>
            ))}
            {page?.items.length === 0 && <tr><td className="p-6 text-center text-gray-500" colSpan={canEdit ? 7 : 5}>{t("admin.registrations.nothingHere")}</td></tr>}
          </tbody>
        </table>
      </TableBox>
      )}
      {page && (
        <div className="mt-3 flex items-center justify-between text-sm">
          <span>{page.total === 0 ? "0" : `${offset + 1}–${Math.min(offset + PAGE_SIZE, page.total)}`} {t("admin.registrations.of")} {page.total}</span>
          <span className="space-x-2">
            <Button variant="ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t("admin.registrations.previous")}</Button>
            <Button variant="ghost" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t("admin.registrations.next")}</Button>
          </span>
        </div>
      )}
      {confirm && (
        <ConfirmDialog pending={confirm} onClose={() => setConfirm(null)} onDone={(item) => {
          setConfirm(null);
          if (item) setTicket({ ticket: item, reg: confirm.reg });
          load();
        }} />
      )}
      {ticket && (
        <TicketDialog ticket={ticket.ticket} onClose={() => setTicket(null)}
          onVoid={canEdit ? () => {
            setTicket(null);
            setConfirm({ kind: "void", reg: ticket.reg, serial: ticket.ticket.serial });
          } : undefined} />
      )}
      {proof && <ProofDialog attachment={proof} onClose={() => setProof(null)} />}
      {bulk && <BulkDialog request={bulk} onClose={() => { setBulk(null); load(); }} onDone={() => { setSelected(new Set()); load(); }} />}
    </section>
  );
}

// The event lets an address register more than once (registrations_per_email): a later one is
// marked, naming the first, so the reviewer can compare them.
function DuplicateMark({ reg }: { reg: Registration }) {
  const { t } = useT();
  if (reg.duplicate_of === null) return null;
  return (
    <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-800" data-testid={`duplicate-${reg.id}`}
      title={t("admin.registrations.theSameEmailRegistered", { duplicate_of: reg.duplicate_of, duplicate_count: reg.duplicate_count })}>
      {t("admin.registrations.duplicateOf", { duplicate_of: reg.duplicate_of })}
    </span>
  );
}

function StatusBadge({ status }: { status: string }) {
  const tone = status === "approved" ? "bg-emerald-100 text-emerald-800" : status === "declined" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-800";
  return <span className={`rounded-full px-2 py-1 text-xs font-semibold ${tone}`}>{status}</span>;
}

// A ticket's state: "void" (and "refunded") in red, so a revoked ticket stands out in the list.
function TicketStatusBadge({ status }: { status: string }) {
  const tone = status === "valid" ? "bg-emerald-100 text-emerald-800" : status === "used" ? "bg-gray-200 text-gray-800" : "bg-red-100 text-red-800";
  return <span className={`rounded-full px-2 py-1 text-xs font-semibold ${tone}`} data-testid="ticket-status">{status}</span>;
}

const VOIDABLE = ["valid", "used"];
const REASON_MAX = 500;

// What each confirmation says and does; one dialog serves approve, decline and void.
const CONFIRM = () => ({
  approve: { title: t("admin.registrations.approveRegistration"), action: t("admin.registrations.approve"), variant: "success", reason: null },
  decline: { title: t("admin.registrations.declineRegistration"), action: t("admin.registrations.decline"), variant: "danger",
    reason: { label: t("admin.registrations.reasonOptionalKeptIn"), required: false } },
  void: { title: t("admin.registrations.voidTicketA"), action: t("admin.registrations.voidTicket"), variant: "danger",
    reason: { label: t("admin.registrations.reasonRequiredKeptIn"), required: true } },
} as const);

function ConfirmDialog({ pending, onClose, onDone }: { pending: NonNullable<Pending>; onClose(): void; onDone(t?: IssuedTicket): void }) {
  const { t } = useT();
  const token = useToken();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const copy = CONFIRM()[pending.kind];
  async function run() {
    const why = reason.trim();
    if (copy.reason?.required) {
      const problem = !why ? t("admin.registrations.isRequired") : Array.from(why).length > REASON_MAX ? t("admin.registrations.mustBeAtMost", { REASON_MAX: REASON_MAX }) : null;
      setReasonError(problem);
      if (problem) return;
    }
    setBusy(true);
    setError(null);
    try {
      if (pending.kind === "approve") {
        const res = await apiPost("/api/admin/approve/{id}", { path: { id: pending.reg.id }, token });
        onDone(res.ticket);
      } else if (pending.kind === "decline") {
        await apiPost("/api/admin/decline/{id}", { path: { id: pending.reg.id }, body: why ? { reason: why } : {}, token });
        onDone();
      } else {
        await apiPost("/api/admin/tickets/{serial}/void", { path: { serial: pending.serial }, body: { reason: why }, token });
        onDone();
      }
    } catch (e) {
      const err = e as ApiError;
      setError(err.message);
      if (err.fields?.reason) setReasonError(err.fields.reason);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal title={copy.title} onClose={onClose}>
      <p className="mb-3">{pending.reg.name} · {pending.reg.email}</p>
      {pending.kind === "approve" && <p className="mb-3 text-sm text-gray-600">{t("admin.registrations.aTicketWithA")}</p>}
      {pending.kind === "void" && (
        <p className="mb-3 text-sm text-gray-600">
          {t("admin.registrations.ticket")} <span className="font-mono">{pending.serial}</span> {t("admin.registrations.willBeRefusedAt")}
        </p>
      )}
      {copy.reason && (
        <div className="mb-3">
          <label className="block">
            <span className="text-sm font-medium">{copy.reason.label}</span>
            <textarea name="reason" className={`mt-1 w-full rounded-lg border px-3 py-2 ${reasonError ? "border-red-500" : ""}`} rows={3}
              value={reason} required={copy.reason.required} maxLength={copy.reason.required ? REASON_MAX : undefined}
              aria-invalid={!!reasonError} aria-describedby={reasonError ? "reason-error" : undefined}
              onChange={(e) => { setReason(e.target.value); setReasonError(null); }} />
          </label>
          {reasonError && <span id="reason-error" role="alert" className="text-sm text-red-600">{reasonError}</span>}
        </div>
      )}
      <ErrorBanner message={error} />
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>{t("admin.registrations.cancel")}</Button>
        <Button variant={copy.variant} disabled={busy} onClick={run}>{copy.action}</Button>
      </div>
    </Modal>
  );
}

// The payment screenshot or PDF a person uploaded, fetched with the admin's token.
function ProofDialog({ attachment, onClose }: { attachment: Attachment; onClose(): void }) {
  const { t } = useT();
  const token = useToken();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let created: string | null = null;
    fetchBlobUrl(attachment.url, token)
      .then((u) => {
        created = u;
        setUrl(u);
      })
      .catch((e: ApiError) => setError(e.message));
    return () => {
      if (created) URL.revokeObjectURL(created);
    };
  }, [attachment, token]);
  const isImage = attachment.content_type.startsWith("image/");
  return (
    <Modal title={t("admin.registrations.proofOfPayment")} onClose={onClose}>
      <ErrorBanner message={error} />
      {url && isImage && <img src={url} alt={t("admin.registrations.uploadedProofOfPayment")} className="max-h-[60vh] w-full object-contain" />}
      <p className="mt-2 text-sm text-gray-600">{attachment.original_name ?? t("admin.registrations.attachment")} · {Math.ceil(attachment.size_bytes / 1024)} {t("admin.registrations.kb")}</p>
      <div className="mt-4 flex justify-end gap-2">
        {url && <a className="rounded-lg border px-3 py-2" href={url} download={attachment.original_name ?? "attachment"}>{t("admin.registrations.download")}</a>}
        <Button onClick={onClose}>{t("admin.registrations.close")}</Button>
      </div>
    </Modal>
  );
}

function TicketDialog({ ticket, onClose, onVoid }: { ticket: IssuedTicket; onClose(): void; onVoid?(): void }) {
  const { t } = useT();
  const token = useToken();
  const [png, setPng] = useState<string | null>(null);
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let urls: string[] = [];
    Promise.all([fetchBlobUrl(ticket.qr_png_url, token), fetchBlobUrl(ticket.qr_svg_url, token)])
      .then(([p, s]) => {
        urls = [p, s];
        setPng(p);
        setSvg(s);
      })
      .catch(() => undefined);
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [ticket, token]);
  const [pdfError, setPdfError] = useState<string | null>(null);
  // The PDF is made on request (it costs more than the QR images), then saved like a download.
  async function downloadPdf() {
    setPdfError(null);
    try {
      const url = await fetchBlobUrl(ticket.ticket_pdf_url ?? `/api/tickets/${encodeURIComponent(ticket.serial)}/ticket.pdf`, token);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${ticket.serial}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setPdfError((e as Error).message);
    }
  }
  return (
    <Modal title={t("admin.registrations.ticketA", { serial: ticket.serial })} onClose={onClose}>
      <div className="print-area text-center">
        {png && <img src={png} alt={t("admin.registrations.qrCodeOfTicket", { serial: ticket.serial })} className="mx-auto w-60" />}
        <p className="mt-2 font-mono text-lg" data-testid="ticket-serial">{ticket.serial}</p>
        {ticket.status !== "valid" && <p className="mt-1"><TicketStatusBadge status={ticket.status} /></p>}
      </div>
      {pdfError && <p className="mt-2 text-sm text-red-700">{pdfError}</p>}
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        {onVoid && VOIDABLE.includes(ticket.status) && <Button variant="danger" onClick={onVoid}>{t("admin.registrations.voidTicket")}</Button>}
        {png && <a className="rounded-lg border px-3 py-2" href={png} download={`${ticket.serial}.png`}>{t("admin.registrations.downloadPng")}</a>}
        {svg && <a className="rounded-lg border px-3 py-2" href={svg} download={`${ticket.serial}.svg`}>{t("admin.registrations.downloadSvg")}</a>}
        <Button variant="ghost" onClick={downloadPdf}>{t("admin.registrations.downloadPdf")}</Button>
        <Button variant="ghost" onClick={() => window.print()}>{t("admin.registrations.print")}</Button>
        <Button onClick={onClose}>{t("admin.registrations.close")}</Button>
      </div>
      {/* Admins only, like Void. */}
      {onVoid && <TicketMailActions serial={ticket.serial} status={ticket.status} />}
      <TicketScans serial={ticket.serial} />
    </Modal>
  );
}
