// This phone as an enrolled gate device (docs/devices.md §1, §6): its token and what the server
// said about it, the event chosen on it, kept in the offline store (IndexedDB) with the pack and
// the queue, so that after a restart without network /scan opens and scans at once.
import { deviceCredential } from "../../../lib/api-client";
import type { Device } from "../../../lib/devices-api";
import type { OfflineStore } from "../offline/store";

export interface Enrolment {
  /** The device's own token: sent as `Authorization: Device <token>`, never shown. */
  token: string;
  device: Device;
  enrolledAt: string;
}

const ENROLMENT = "device-enrolment";
const EVENT = "device-event";

export const loadEnrolment = (store: OfflineStore) => store.getMeta<Enrolment>(ENROLMENT);
export const saveEnrolment = (store: OfflineStore, e: Enrolment) => store.setMeta(ENROLMENT, e);
/** Unpairing keeps the pack and the queue: scans not sent yet go with the next sign-in. */
export async function clearEnrolment(store: OfflineStore) {
  await store.setMeta(ENROLMENT, undefined);
  await store.setMeta(EVENT, undefined);
}
export const credentialOf = (e: Enrolment) => deviceCredential(e.token);

/** The event this device scans for: the chosen one while it is still assigned, else its only one. */
export function eventFor(device: Device, chosen: number | undefined): number | null {
  const ids = device.events?.length ? device.events.map((e) => e.id) : device.event_ids;
  if (chosen !== undefined && ids.includes(chosen)) return chosen;
  return ids.length === 1 ? ids[0] : null;
}
export const loadChosenEvent = (store: OfflineStore) => store.getMeta<number>(EVENT);
export const saveChosenEvent = (store: OfflineStore, id: number | undefined) => store.setMeta(EVENT, id);

const BASE32 = /^[A-Z2-7]{16}$/;
/**
 * The pairing code in what the steward pasted or the camera read: the code itself (dashes, spaces
 * and case ignored) or the pairing link (`…/scan#pair=CODE`). Written back in groups of four.
 */
export function parsePairingCode(input: string): { code: string } | { error: string } {
  let text = input.trim();
  const hash = /#pair=([^&\s]+)/.exec(text);
  if (hash) text = decodeURIComponent(hash[1]);
  const bare = text.replace(/[\s-]/g, "").toUpperCase();
  if (!bare) return { error: "Enter the pairing code shown on the admin's Devices page." };
  if (!BASE32.test(bare))
    return { error: "A pairing code is 16 letters A–Z and digits 2–7, like ABCD-EFGH-IJKL-MNOP." };
  return { code: bare.match(/.{4}/g)!.join("-") };
}

/** The pairing code in this page's address (`/scan#pair=CODE`), or null. */
export function pairingCodeInHash(hash: string): string | null {
  const m = /(?:^#|&)pair=([^&]+)/.exec(hash);
  return m ? decodeURIComponent(m[1]) : null;
}
