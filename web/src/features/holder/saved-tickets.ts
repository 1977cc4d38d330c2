// The last ticket list (with the QR payloads) kept on the phone, per account: in the queue with
// weak or no signal, My tickets shows it, marked as a saved copy. Written after every successful
// load, removed at sign-out (and when the session ends).
import type { MyTicket } from "../../lib/types";

export interface SavedTickets { saved_at: string; items: MyTicket[] }

const key = (userId: number) => `gatepass.holder.tickets.${userId}`;

export function saveTickets(userId: number, items: MyTicket[], at = new Date()): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify({ saved_at: at.toISOString(), items } satisfies SavedTickets));
  } catch {
    // Storage full or refused (private mode): the list is still on the screen, just not kept.
  }
}

export function savedTickets(userId: number): SavedTickets | null {
  try {
    const raw = localStorage.getItem(key(userId));
    const saved = raw ? (JSON.parse(raw) as SavedTickets) : null;
    return saved && Array.isArray(saved.items) ? saved : null;
  } catch {
    return null;
  }
}

export function forgetSavedTickets(userId: number): void {
  localStorage.removeItem(key(userId));
}
