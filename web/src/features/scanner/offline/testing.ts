// Test helpers (imported by tests only, never by the app): the server's encoders written again in
// TypeScript, a signing key, and codes signed with it. They let the tests make packs and codes of
// any shape; the verifier is held to the server's own output by tests/vectors/offline-verify.json.
import { getPublicKeyAsync, signAsync } from "@noble/ed25519";
import { base32Decode } from "./encoding";
import type { PackAnswer, Refusal } from "./pack";

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export function base32(bytes: Uint8Array): string {
  let out = "", acc = 0, bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += B32[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  return out;
}

function varint(n: number, out: number[]) {
  while (n >= 128) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** `<ranges>` of a set of ticket numbers (any order, duplicates allowed). */
export function encodeRanges(numbers: Iterable<number>): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: number[] = [];
  let prevEnd = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    varint(sorted[i] - prevEnd - 1, out);
    varint(sorted[j] - sorted[i], out);
    prevEnd = sorted[j];
    i = j + 1;
  }
  return base64url(Uint8Array.from(out));
}

export function encodeReissued(entries: [number, number][]): string {
  const out: number[] = [];
  let prev = 0;
  for (const [n, nonce] of [...entries].sort((a, b) => a[0] - b[0])) {
    varint(n - prev, out);
    out.push((nonce >>> 24) & 255, (nonce >>> 16) & 255, (nonce >>> 8) & 255, nonce & 255);
    prev = n;
  }
  return base64url(Uint8Array.from(out));
}

export const TEST_SECRET = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
export const OTHER_SECRET = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);

export async function testKey(secret = TEST_SECRET) {
  return base64url(await getPublicKeyAsync(secret));
}

/** A GP1 code: body (version 1, key, event, number, nonce) signed with `secret`. */
export async function signCode({ keyId = 3, eventId = 7, number, nonce = 0x11223344, secret = TEST_SECRET, version = 1 }:
  { keyId?: number; eventId?: number; number: number; nonce?: number; secret?: Uint8Array; version?: number }): Promise<string> {
  const body = new Uint8Array(21);
  const view = new DataView(body.buffer);
  view.setUint8(0, version);
  view.setUint32(1, keyId);
  view.setUint32(5, eventId);
  view.setBigUint64(9, BigInt(number));
  view.setUint32(17, nonce >>> 0);
  const signature = await signAsync(body, secret);
  const all = new Uint8Array(85);
  all.set(body);
  all.set(signature, 21);
  return `GP1:${base32(all)}`;
}

/** A full pack answer for event 7 with key 3 (TEST_SECRET). */
export async function fullPack(over: {
  refused?: Partial<Record<Refusal, number[]>>; reissued?: [number, number][]; generated_at?: string; cursor?: string;
} = {}): Promise<PackAnswer> {
  return {
    format: 1, full: true,
    event: { id: 7, name: "Summer Fest", serial_prefix: "SUMMER26", reentry: false, highest_number: 999_999 },
    cursor: over.cursor ?? "s1", generated_at: over.generated_at ?? "2026-12-01T09:15:02.123Z", stale_after_seconds: 600,
    keys: [{ key_id: 3, public_key: await testKey(), active: true }],
    refused: {
      not_sold: encodeRanges(over.refused?.not_sold ?? []),
      refunded: encodeRanges(over.refused?.refunded ?? []),
      void: encodeRanges(over.refused?.void ?? []),
    },
    reissued: encodeReissued(over.reissued ?? []),
    counts: { tickets: 100, not_sold: 0, refunded: 0, void: 0, reissued: 0, used: 0, inside: 0 },
  };
}

/** The same code with bit `bit` of its 85 bytes flipped. */
export function flipBit(code: string, bit: number): string {
  const bytes = base32Decode(code.slice(4))!;
  bytes[bit >> 3] ^= 0x80 >> (bit & 7);
  return `GP1:${base32(bytes)}`;
}
