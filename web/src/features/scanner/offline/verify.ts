// The offline check of a scanned code against the event pack, step by step in the order of
// docs/offline-gates.md §2. Ed25519 by @noble/ed25519 (its async verify hashes with WebCrypto's
// SHA-512), strict RFC 8032 decoding like the server's libsodium.
import { verifyAsync } from "@noble/ed25519";
import { base32Decode, base64urlDecode } from "./encoding";
import { nonceOf, refusalOf, type Pack } from "./pack";

export type OfflineResult = "admitted" | "invalid" | "wrong_event" | "not_sold" | "refunded" | "void" | "superseded" | "already_used";

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

/**
 * Steps 1 to 7 of the offline check. `admittedHere(number)` answers step 7 (this device's
 * admissions). `admitted` means the ticket may go in; storing the admission is the caller's (step 8).
 */
export async function checkOffline(raw: string, pack: Pack,
  admittedHere: (n: number) => boolean | Promise<boolean> = () => false): Promise<OfflineCheck> {
  const code = parseCode(raw);
  if (!code) return { result: "invalid", code: null };
  if (code.eventId !== pack.event.id) return { result: "wrong_event", code };
  if (!(await signatureValid(code, pack))) return { result: "invalid", code };
  if (!Number.isSafeInteger(code.number)) return { result: "invalid", code };
  const refusal = refusalOf(pack, code.number);
  if (refusal) return { result: refusal, code };
  const current = nonceOf(pack, code.number);
  if (current !== undefined && current !== code.nonce) return { result: "superseded", code };
  if (await admittedHere(code.number)) return { result: "already_used", code };
  return { result: "admitted", code };
}
