// The offline check of a scanned code against the event pack, step by step in the order of
// docs/offline-gates.md §2. Ed25519 by @noble/ed25519 (its async verify hashes with WebCrypto's
// SHA-512), strict RFC 8032 decoding like the server's libsodium.
import { verifyAsync } from "@noble/ed25519";
import { base32Decode, base64urlDecode } from "./encoding";
import { admissionOf, nonceOf, refusalOf, type Pack } from "./pack";

export type OfflineResult = "admitted" | "exited" | "invalid" | "wrong_event" | "not_sold" | "refunded" | "void" | "superseded"
  | "already_used" | "already_inside" | "not_inside"
  /** Typed text that is no serial of the pack's event (a name, another prefix): a typing mistake. */
  | "unknown_serial";

/** Which way the holder goes. Exits are checked offline on re-entry events only (docs/devices.md §4). */
export type Direction = "entry" | "exit";

/** This device's own last record of a ticket: when, and whether it left it inside. */
export interface LocalAdmission { at: string; inside: boolean }

/** The signed payload of a `GP1:` code (docs/ticket-format.md). */
export interface TicketCode {
  keyId: number; eventId: number; number: number; nonce: number;
  body: Uint8Array; signature: Uint8Array;
}

const PREFIX = "GP1:";
const SIZE = 85;
const BODY = 21;

/** Step 1: the code's fields, or null when it is not a well-formed version-1 code. */
export function parseCode(code: string): TicketCode | null {
  if (!code.startsWith(PREFIX)) return null;
  const bytes = base32Decode(code.slice(PREFIX.length));
  if (!bytes || bytes.length !== SIZE || bytes[0] !== 0x01) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const number = view.getBigUint64(9);
  return {
    keyId: view.getUint32(1),
    eventId: view.getUint32(5),
    // Beyond 2^53 no pack can name it; it still gets its signature checked (as an unsafe number).
    number: number <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(number) : Number.NaN,
    nonce: view.getUint32(17),
    body: bytes.subarray(0, BODY),
    signature: bytes.subarray(BODY, SIZE),
  };
}

export interface OfflineCheck {
  result: OfflineResult;
  /** The parsed code, when step 1 passed. */
  code: TicketCode | null;
}

const keyCache = new Map<string, Uint8Array | null>();
function publicKey(b64: string): Uint8Array | null {
  let key = keyCache.get(b64);
  if (key === undefined) {
    const bytes = base64urlDecode(b64);
    key = bytes && bytes.length === 32 ? bytes : null;
    keyCache.set(b64, key);
  }
  return key;
}

/** Does the signature of `code` verify under the pack's key `code.keyId`? (steps 3 and 4) */
export async function signatureValid(code: TicketCode, pack: Pack): Promise<boolean> {
  const entry = pack.keys.find((k) => k.key_id === code.keyId);
  const key = entry ? publicKey(entry.public_key) : null;
  if (!key) return false;
  try {
    return await verifyAsync(code.signature, code.body, key, { zip215: false });
  } catch {
    return false;  // a key or signature that is not a curve point
  }
}

export interface CheckOptions {
  direction?: Direction;
  /** This device's last record of ticket n (IndexedDB), if any. */
  here?: (n: number) => LocalAdmission | undefined | Promise<LocalAdmission | undefined>;
}

/**
 * Step 7 (docs/devices.md §4) for ticket n: may it go in (or out) given the server's admissions in
 * the pack and this device's own? Without re-entry one admission ever: used in the pack or
 * admitted here refuses. With re-entry the latest word counts: this device's record when it is
 * newer than the pack (the server has not heard of it yet), else the pack's inside state.
 */
export function admissionCheck(pack: Pack, n: number, direction: Direction, local: LocalAdmission | undefined):
  "ok" | "already_used" | "already_inside" | "not_inside" {
  const server = admissionOf(pack, n);
  if (!pack.event.reentry) {
    if (direction === "exit") return server.inside || local?.inside ? "ok" : "not_inside";
    return server.used || local ? "already_used" : "ok";
  }
  // Device time against server time: a few seconds of clock skew only matter for a ticket that
  // moved at two gates within those seconds.
  const localIsNewer = local !== undefined && Date.parse(local.at) >= Date.parse(pack.generatedAt);
  const inside = localIsNewer ? local.inside : server.inside;
  if (direction === "exit") return inside ? "ok" : "not_inside";
  return inside ? "already_inside" : "ok";
}

/** Steps 5 to 7 for a ticket number (a verified code, or a typed serial: then `nonce` is unknown). */
export async function checkNumber(pack: Pack, n: number, nonce: number | undefined, opts: CheckOptions = {}):
  Promise<Exclude<OfflineResult, "invalid" | "wrong_event" | "unknown_serial">> {
  const refusal = refusalOf(pack, n);
  if (refusal) return refusal;
  const current = nonceOf(pack, n);
  if (nonce !== undefined && current !== undefined && current !== nonce) return "superseded";
  const direction = opts.direction ?? "entry";
  const verdict = admissionCheck(pack, n, direction, await opts.here?.(n));
  if (verdict !== "ok") return verdict;
  return direction === "exit" ? "exited" : "admitted";
}

/**
 * Steps 1 to 7 of the offline check. `admitted` (or `exited`) means the ticket may pass; storing
 * the admission is the caller's (step 8).
 */
export async function checkOffline(raw: string, pack: Pack, opts: CheckOptions = {}): Promise<OfflineCheck> {
  const code = parseCode(raw);
  if (!code) return { result: "invalid", code: null };
  if (code.eventId !== pack.event.id) return { result: "wrong_event", code };
  if (!(await signatureValid(code, pack))) return { result: "invalid", code };
  if (!Number.isSafeInteger(code.number)) return { result: "invalid", code };
  return { result: await checkNumber(pack, code.number, code.nonce, opts), code };
}
