// Shapes of the gatepass API's JSON (see /api/openapi.json).
export type Role = "admin" | "scanner" | "viewer" | "attendee";
export interface User { id: number; username: string; role: Role; email?: string | null; active?: boolean }
export interface Event {
  id: number; name: string; slug: string; venue: string | null; starts_at: string | null; ends_at: string | null;
  capacity: number | null; serial_prefix: string; requires_approval: boolean; published: boolean;
  /** ISO 4217; the event's ticket prices are in it (box office). */
  currency?: string;
  /** Gate operations: a ticket that left may come in again (docs/gate-operations.md). */
  reentry?: boolean;
}
export type RegistrationStatus = "pending" | "approved" | "declined";
export type TicketStatus = "created" | "valid" | "used" | "void" | "refunded";
/** The ticket of an approved registration, as the registrations list shows it. */
export interface RegistrationTicket { serial: string; status: TicketStatus | string; used_at: string | null }
export interface Registration {
  id: number; event_id: number; name: string; email: string; phone: string | null; team_name: string | null;
  members: string | null; amount: string | null; status: RegistrationStatus; decline_reason: string | null;
  created_at: string; decided_at: string | null;
  attachments?: Attachment[];
  ticket?: RegistrationTicket | null;
}
export interface Attachment { id: number; content_type: string; size_bytes: number; original_name: string | null; url: string }
export interface IssuedTicket { serial: string; qr_payload: string; qr_png_url: string; qr_svg_url: string; ticket_pdf_url?: string; status: string }
// Scanners get no email (nor phone): only staff (admin/viewer) answers carry email and void_reason.
export interface TicketView {
  serial: string; status: string; name: string; email?: string; team_name: string | null; event_id: number;
  event_name: string; issued_at: string; used_at: string | null; voided_at?: string | null; void_reason?: string | null;
  /** Gate operations: inside the venue now, and through which gate it came in. */
  inside?: boolean; inside_gate?: string | null;
  /** GET /api/verify-ticket only: would an entry admit it now, and if not, why (gate operations). */
  admissible?: boolean; refusal?: "already_used" | "already_inside" | null; reentry_allowed?: boolean;
}
export interface AuditEntry {
  id: number; actor: string; action: string; entity_type: string; entity_id: string | null; event_id: number | null;
  details: Record<string, unknown>; created_at: string;
}
export interface Page<T> { items: T[]; total: number; limit: number; offset: number }
export interface EventCounts {
  event_id: number; event_name: string; pending: number; approved: number; declined: number; checked_in: number;
  capacity: number | null;
}

// Box office (docs/box-office.md). Money is a decimal string ("25.00") in the event's currency.
export interface TicketType {
  id: number; event_id: number; name: string; price: string; currency: string; quota: number | null;
  generated: number; sold: number; available: number;
}
export type JobStatus = "queued" | "running" | "done" | "failed";
export interface Job {
  id: number; kind: "generate_tickets" | "bulk_decide" | string; status: JobStatus; total: number; done: number;
  error: string | null; result: Record<string, unknown> | null; created_at: string; finished_at: string | null;
}
export interface GenerateResult { batch_id: number; first_serial: string; last_serial: string }
/** A ticket as staff (and, for their own, holders) see it. */
export interface Ticket {
  serial: string; status: TicketStatus | string; name: string; email?: string; team_name: string | null;
  event_id: number; event_name: string; ticket_type_id: number | null; ticket_type: string | { name: string } | null; price: string | null;
  currency?: string; holder_username: string | null; code_id: number; issued_at: string | null; used_at: string | null;
  voided_at?: string | null; void_reason?: string | null; qr_png_url?: string; qr_svg_url?: string;
  inside?: boolean; inside_gate?: string | null;
}
/** A holder's own ticket: with the payload its QR code shows. */
export interface HeldTicket extends Ticket { qr_payload: string }
export interface Sale {
  id: number; event_id: number; ticket_type_id: number; buyer_name: string; buyer_email: string; quantity: number;
  unit_price: string; total: string; currency: string; seller: string; sold_at: string; tickets: Ticket[];
}
export interface TicketHistoryEntry {
  id: number; action: string; actor: string | null; at: string; from_holder: string | null; to_holder: string | null;
  old_code_id: number | null; new_code_id: number | null; details: Record<string, unknown> | string | null;
}
export type RefundStatus = "pending" | "approved" | "rejected" | "completed" | "cancelled";
export interface Refund {
  id: number; serial: string; event_id: number; event_name: string; status: RefundStatus; reason: string;
  amount: string | null; requested_by: string; requested_at: string; decided_by: string | null; decided_at: string | null;
  notes: string | null; completed_at: string | null; refunded_amount: string | null; sale_id: number | null;
}
export type TransferStatus = "pending" | "accepted" | "rejected" | "cancelled";
export interface Transfer {
  id: number; serial: string; event_id: number; event_name: string; status: TransferStatus; from_username: string;
  to_username: string | null; to_email: string | null; notes: string | null; created_at: string; decided_at: string | null;
  ticket?: HeldTicket;
}
export interface Items<T> { items: T[] }
/** One id's outcome in a bulk decision; the server sends `error` as {code, message}. */
export interface BulkResult { id: number; ok: boolean; serial?: string; error?: string | { code?: string; message?: string } }

// Gate operations (docs/gate-operations.md).
export type ScanType = "entry" | "exit" | "attendance" | "entry_check" | "sale_confirmation";
export type ScanResult = "admitted" | "exited" | "recorded" | "valid" | "already_used" | "already_inside" | "not_inside"
  | "not_sold" | "refunded" | "void" | "superseded" | "wrong_event" | "invalid";
/** One scan at a gate; refused scans are rows too. */
export interface Scan {
  id: number; event_id: number | null; serial: string | null; code?: string | null; type: ScanType | string;
  result: ScanResult | string; gate: string | null; device_id: string | null; user: string; scanned_at: string;
  note?: string | null;
}
/** POST /api/mark-used answer: the ticket plus what the scan did. */
export interface ScanAnswer extends TicketView {
  result: ScanResult | string; reentry?: boolean; inside?: boolean; replayed?: boolean; scan?: Scan;
}
export interface CursorPage<T> { items: T[]; next_cursor: string | null }
export interface GateCounts { gate: string; entries: number; exits: number; inside: number }
/** One message of GET /api/events/{id}/live. */
export interface LiveCounts {
  event_id: number; sold: number; issued: number; admitted: number; inside: number; per_gate: GateCounts[];
  last_scans: Scan[]; missed_scans: Scan[]; at: string;
}
export interface Attendance {
  event_id: number; generated_at: string; sold: number; admitted: number; inside: number; no_shows: number;
  attendance_rate: number; per_gate: GateCounts[]; arrivals: { at: string; gate: string; count: number }[];
  inside_over_time: { at: string; inside: number }[]; refused: { result: string; count: number }[]; bucket_minutes: number;
}

// Offline gates (docs/offline-gates.md §4): what the sync found, per event.
export interface ConflictItem {
  id: number;
  reason: "double_admission" | "refunded" | "void" | "not_sold" | "superseded" | "wrong_event" | string;
  ticket: { serial: string; status: string } | null;
  /** The offline scan: `scanned_at` corrected by the device's clock skew, `device_scanned_at` as the device said. */
  scan: { device_id: string; gate: string | null; user: string; scanned_at: string; device_scanned_at: string; received_at: string };
  /** What the server had decided about the ticket (the admission it kept, or the refund/void time). */
  server: { decision: string; at: string | null; device_id: string | null; gate: string | null; user: string | null;
    /** The admission the server kept was itself an offline scan. */
    offline?: boolean } | null;
}
export interface DeviceSync { device_id: string; user: string; last_sync_at: string; skew_ms: number | null; scans: number; conflicts: number }
export interface ConflictReport { items: ConflictItem[]; devices: DeviceSync[] }
