// The optional steward PIN (docs/devices.md §6): after a restart the app asks for it before it
// scans. Kept on the device only, as PBKDF2-SHA-256 with a random salt (WebCrypto): a short PIN
// is no secret against someone holding the phone's storage, but it is not kept in clear either.
import type { OfflineStore } from "../offline/store";
import { t } from "../../../i18n/runtime";

export interface StoredPin { salt: string; hash: string; iterations: number }

const KEY = "steward-pin";
const ITERATIONS = 100_000;
export const PIN_RULE = "4 to 12 digits";  // English, for tests and logs; screens use pin.rule

export function pinProblem(pin: string): string | null {
  return /^\d{4,12}$/.test(pin) ? null : t("pin.problem", { rule: t("pin.rule") });
}

const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const unhex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations }, key, 256);
  return hex(bits);
}

export async function hashPin(pin: string, iterations = ITERATIONS): Promise<StoredPin> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: hex(salt), hash: await derive(pin, salt, iterations), iterations };
}

export async function pinMatches(pin: string, stored: StoredPin): Promise<boolean> {
  const got = await derive(pin, unhex(stored.salt), stored.iterations);
  // Not a secret comparison in any useful sense (the hash is on the device), but no early exit.
  let diff = got.length ^ stored.hash.length;
  for (let i = 0; i < got.length; i++) diff |= got.charCodeAt(i) ^ (stored.hash.charCodeAt(i) || 0);
  return diff === 0;
}

export const loadPin = (store: OfflineStore) => store.getMeta<StoredPin>(KEY);
export const savePin = (store: OfflineStore, pin: StoredPin | undefined) => store.setMeta(KEY, pin);
