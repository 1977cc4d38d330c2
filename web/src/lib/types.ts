// Shapes of the gatepass API's JSON (see /api/openapi.json).
export type Role = "admin" | "scanner" | "viewer";
export interface User { id: number; username: string; role: Role; email?: string | null; active?: boolean }
export interface Event {
  id: number; name: string; slug: string; venue: string | null; starts_at: string | null; ends_at: string | null;
  capacity: number | null; serial_prefix: string; requires_approval: boolean; published: boolean;
}
export type RegistrationStatus = "pending" | "approved" | "declined";
export type TicketStatus = "valid" | "used" | "void" | "refunded";
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
