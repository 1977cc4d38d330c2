// Issue 19 (docs/devices.md): gate devices, their enrolment, the steward's screen. The calls go
// through the one API client (`api`, same errors and 401 handling). These routes are not in
// src/api/openapi.json yet, so their shapes are written here from the contract; once the server's
// document has them, these types should become its schemas (like lib/types.ts).
import { api, buildUrl } from "./api-client";
import type { Scan } from "./types";

export type DeviceStatus = "pending" | "active" | "revoked";

/** A device as the server shows it (docs/devices.md §1). */
export interface Device {
  id: number;
  /** Made by the server; the name the device's scans carry. */
  device_id: string;
  name: string;
  gate: string | null;
  event_ids: number[];
  /** The events with their names: on the device's own record (enrol, GET /api/devices/me). The
   *  admin routes' answers (GET and POST /api/devices) carry `event_ids` alone. */
  events?: { id: number; name: string }[];
  status: DeviceStatus;
  created_at: string;
  enrolled_at: string | null;
  revoked_at: string | null;
  last_seen_at: string | null;
  app_version: string | null;
  pack_generated_at: string | null;
  pack_age_seconds: number | null;
  queued_at_last_sync: number | null;
  clock_skew_ms: number | null;
  last_sync_at: string | null;
}

/** POST /api/devices and /roll: a one-time pairing code, valid for 10 minutes. */
export interface Pairing {
  device: Device;
  pairing_code: string;
  /** Relative (`/scan#pair=<code>`): shown with the page's origin. */
  pairing_url: string;
  pairing_expires_at: string;
}
/** POST /api/devices/enroll: the device's own long-lived token (kept on the device only). */
export interface Enrolled { token: string; device: Device }

export interface DeviceInput { name: string; event_ids: number[]; gate: string | null }

/** GET /api/events/{id}/gate-summary (docs/devices.md §5). */
export interface GateSummary { inside: number; admitted_total: number; admitted_at_gate: number; last_scans: Scan[];
  /** Typed serials that named no ticket at this gate: typing mistakes, not refusals (absent from older servers). */
  typed_misses_at_gate?: number }
/** One answer of the name search at the gate: never email or phone. */
export interface Attendee { name: string; team: string | null; serial: string; state: string }

/** What this build calls itself when it enrols (1-32 visible ASCII characters). */
export const APP_VERSION: string = `web-${String(import.meta.env.VITE_APP_VERSION ?? "dev")}`.slice(0, 32);

// Admin.
export const listDevices = (token: string) => api<{ items: Device[] }>("/api/devices", { token });
export const createDevice = (token: string, body: DeviceInput) => api<Pairing>("/api/devices", { method: "POST", token, body });
export const updateDevice = (token: string, id: number, body: Partial<DeviceInput>) =>
  api<{ device: Device }>(buildUrl("/api/devices/{id}", { id }), { method: "PATCH", token, body });
export const revokeDevice = (token: string, id: number) =>
  api<{ device: Device }>(buildUrl("/api/devices/{id}/revoke", { id }), { method: "POST", token, body: {} });
export const rollDevice = (token: string, id: number) =>
  api<Pairing & { token: string }>(buildUrl("/api/devices/{id}/roll", { id }), { method: "POST", token, body: {} });
/** Scanner users are assigned to events too (none = none). */
export const setUserEvents = (token: string, userId: number, eventIds: number[]) =>
  api<unknown>(buildUrl("/api/users/{id}", { id: userId }), { method: "PATCH", token, body: { event_ids: eventIds } });

// The device itself. Enrolment needs no sign-in: the pairing code is the proof.
export const enrolDevice = (pairingCode: string, appVersion = APP_VERSION) =>
  api<Enrolled>("/api/devices/enroll", { method: "POST", body: { pairing_code: pairingCode, app_version: appVersion } });
export const fetchDeviceMe = (credential: string, signal?: AbortSignal) => api<{ device: Device }>("/api/devices/me", { token: credential, signal });

// The steward's screen.
export const fetchGateSummary = (token: string, eventId: number, q: { gate?: string; device_id?: string } = {}) =>
  api<GateSummary>(buildUrl("/api/events/{id}/gate-summary", { id: eventId }, q), { token });
export const fetchTicketScans = (token: string, serial: string, eventId: number) =>
  api<{ items: Scan[] }>(buildUrl("/api/tickets/{serial}/scans", { serial }, { event_id: eventId }), { token });
export const undoAdmission = (token: string, serial: string, reason: string) =>
  api<unknown>(buildUrl("/api/tickets/{serial}/undo-admission", { serial }), { method: "POST", token, body: { reason } });
export const searchAttendees = (token: string, eventId: number, q: string) =>
  api<{ items: Attendee[] }>(buildUrl("/api/events/{id}/attendees", { id: eventId }, { q }), { token });
