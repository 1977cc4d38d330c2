// Shapes of the gatepass API's JSON, taken from the server's own OpenAPI document
// (src/api/openapi.json, made by `gatepass openapi`; `npm run api:types` turns it into
// src/api/schema.d.ts before every build and test). A type here is a component schema of the
// document, or a part of one, or the answer of a documented operation: when the server changes a
// shape, `tsc` shows every place in the app that must follow. The server wins; the names are the
// app's own (older) names so the rest of the app reads as before.
import type { components } from "../api/schema";
import type { JsonOf } from "./api-client";

type Schemas = components["schemas"];

// Users and sessions.
/** The signed-in user as login and /api/auth/me answer. */
export type Me = Schemas["Me"];
/** POST /api/auth/login's (and sign-up's) answer. */
export type Session = Schemas["Session"];
/** A user as admins manage them (GET /api/users). */
export type User = Schemas["User"];
export type Role = User["role"];
/** Every error answer: {"error":{"code","message","fields"}}. */
export type ApiErrorBody = Schemas["Error"];
export type ErrorCode = ApiErrorBody["error"]["code"];

// Events and registrations.
export type Event = Schemas["Event"];
/** A registration as the admin list shows it: with its attachments and its ticket. */
export type Registration = Schemas["RegistrationRow"];
export type RegistrationStatus = Registration["status"];
/** A registration as the decline answer has it (no attachments or ticket). */
export type RegistrationRecord = Schemas["Registration"];
export type Attachment = Registration["attachments"][number];
/** The ticket of an approved registration, as the registrations list shows it. */
export type RegistrationTicket = NonNullable<Registration["ticket"]>;
/** The ticket an approval issued (with its QR payload and image links). */
export type IssuedTicket = Schemas["IssuedTicket"];
/** POST /api/register's answer (a ticket at once when the event needs no approval). */
export type Submitted = JsonOf<"/api/register", "post", 201>;
export type EventCounts = JsonOf<"/api/admin/stats", "get", 200>["events"][number];

// Tickets. Scanners get no email (nor phone, nor sale details): only staff answers carry them.
/** A ticket as staff see it (lists, history, void, sales). */
export type Ticket = Schemas["Ticket"];
export type TicketStatus = Ticket["status"];
/** GET /api/tickets/{serial}: a ticket with the links to its QR images. */
export type TicketWithImages = Schemas["TicketWithImages"];
/** GET /api/verify-ticket/{code}: the ticket and whether an entry would admit it now. */
export type TicketView = Schemas["VerifiedTicket"];
/** A holder's own ticket: with the payload its QR code shows. */
export type HeldTicket = Schemas["OwnTicket"];
/** GET /api/me/tickets: the holder's ticket with its event's time and place, and the refund or
 *  transfer waiting for a decision. */
export type MyTicket = Schemas["MyTicket"];
export type PendingRequest = NonNullable<MyTicket["pending_request"]>;
/** The ticket behind a mailed link (/t/:token), for the holder without an account. */
export type LinkedTicket = Schemas["LinkedTicket"];
export type TicketHistoryEntry = Schemas["TicketEvent"];

// Box office (docs/box-office.md). Money is a decimal string ("25.00") in the event's currency.
export type TicketType = Schemas["TicketType"];
export type Job = Schemas["Job"];
export type JobStatus = Job["status"];
/** A done generate_tickets job's `result` (the document has a job's result as a free-form object). */
export interface GenerateResult { batch_id: number; first_serial: string; last_serial: string }
/** A sale with the tickets it sold (POST /api/events/{id}/sell). */
export type Sale = Schemas["SaleWithTickets"];
/** A sale as the sales list has it (no tickets). */
export type SaleRecord = Schemas["Sale"];
export type Refund = Schemas["Refund"];
export type RefundStatus = Refund["status"];
export type Transfer = Schemas["Transfer"];
export type TransferStatus = Transfer["status"];
/** POST /api/transfers/{id}/accept: the transfer with the ticket the receiver now holds. */
export type AcceptedTransfer = Schemas["AcceptedTransfer"];
/** One id's outcome in a bulk decision. */
export type BulkResult = JsonOf<"/api/admin/registrations/bulk", "post", 200>["results"][number];

// Gate operations (docs/gate-operations.md).
/** One scan at a gate; refused scans are rows too. */
export type Scan = Schemas["Scan"];
export type ScanType = Scan["type"];
export type ScanResult = "admitted" | "exited" | "recorded" | "valid" | "already_used" | "already_inside" | "not_inside"
  | "not_sold" | "refunded" | "void" | "superseded" | "wrong_event" | "invalid";
/** POST /api/mark-used answer: the ticket plus what the scan did. */
export type ScanAnswer = Schemas["ScanOutcome"];
/** POST /api/mark-used refusal (409): the error plus the ticket and what the scan did. */
export type ScanRefusal = Schemas["ScanRefusal"];
/** A ticket as a gate shows it: a verify answer, a scan's answer, or the ticket in a refusal. */
export type GateTicket = TicketView | ScanAnswer | ScanRefusal["ticket"];
/** One message of GET /api/events/{id}/live. */
export type LiveCounts = Schemas["LiveCounts"];
export type GateCounts = LiveCounts["per_gate"][number];
export type Attendance = Schemas["AttendanceReport"];

// Offline gates (docs/offline-gates.md §4): what the sync found, per event.
export type ConflictReport = Schemas["ConflictReport"];
export type ConflictItem = ConflictReport["items"][number];
export type DeviceSync = ConflictReport["devices"][number];
/** GET /api/events/{id}/offline-pack: full (`refused`, `reissued`, `counts`) or a delta (`changes`). */
export type OfflinePack = Schemas["OfflinePack"];
/** POST /api/scans/offline: the body a gate uploads, and the server's answer. */
export type OfflineUpload = Schemas["OfflineUpload"];
export type OfflineSyncAnswer = Schemas["OfflineSyncAnswer"];

// Mail and audit.
export type OutboxMessage = Schemas["OutboxMessage"];
export type OutboxStatus = OutboxMessage["status"];
export type OutboxSummary = JsonOf<"/api/admin/outbox/summary", "get", 200>;
export type AuditEntry = Schemas["AuditEntry"];

// The list envelopes the answers share.
export interface Page<T> { items: T[]; total: number; limit: number; offset: number }
export interface Items<T> { items: T[] }
export interface CursorPage<T> { items: T[]; next_cursor: string | null }

// A person's data (docs/privacy.md).
/** A holder's request to be erased, as admins list it and the holder sees it. */
export type PrivacyRequest = Schemas["PrivacyRequest"];
/** What an erasure changed (or, for a dry run, would change), per kind of row. */
export type PrivacyEraseResult = Schemas["PrivacyEraseResult"];
