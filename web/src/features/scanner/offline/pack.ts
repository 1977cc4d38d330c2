// The event pack (docs/offline-gates.md §1): what a gate must know to refuse genuine tickets
// offline, and (issue 19) who was already admitted or is inside. The sets stay as the sorted
// ranges the server sent (a 100,000-number range is two numbers, not 100,000 entries); a delta's
// changes override them per ticket.
import type { OfflinePack } from "../../../lib/types";
import { base64urlDecode, readVarint } from "./encoding";
import { typedNumber } from "../serial";

export type Refusal = "not_sold" | "refunded" | "void";
export const REFUSALS: readonly Refusal[] = ["not_sold", "refunded", "void"];

/** Admission state of a ticket (docs/devices.md §4): admitted at least once; inside now (re-entry events). */
export interface AdmissionState { used: boolean; inside: boolean }
type BaseChange = NonNullable<OfflinePack["changes"]>[number];
/** A delta's entry: the refusal and current nonce, and (issue 19) the admission state. */
export type PackChange = BaseChange & Partial<AdmissionState>;
/**
 * GET /api/events/{id}/offline-pack, full (`refused`, `reissued`, `admitted`, `counts`) or a delta
 * (`changes`). `admitted` is optional: a server from before issue 19 sends none (then only this
 * device's own admissions refuse a second entry).
 */
export type PackAnswer = Omit<OfflinePack, "changes"> & {
  admitted?: { used?: string; inside?: string };
  changes?: PackChange[];
};
export type PackKey = PackAnswer["keys"][number];
export type PackEvent = PackAnswer["event"];

/** The pack as the device holds it (kept in IndexedDB as is: Maps and arrays clone). */
export interface Pack {
  event: PackEvent;
  cursor: string;
  generatedAt: string;
  staleAfterSeconds: number;
  keys: PackKey[];
  /** Per reason, the sorted disjoint ranges as flat pairs [a0, b0, a1, b1, …]. */
  ranges: Record<Refusal, number[]>;
  /** From deltas: the ticket's refusal now (null: admissible again), over `ranges`. */
  overrides: Map<number, Refusal | null>;
  /** The nonce of each re-issued ticket's current code (and of every ticket a delta named). */
  nonces: Map<number, number>;
  /** Tickets admitted at least once / inside now, as flat range pairs (absent in packs saved
   *  before issue 19: read through admissionOf). */
  admitted?: { used: number[]; inside: number[] };
  /** From deltas: a ticket's admission state now, over `admitted`. */
  admissionOverrides?: Map<number, AdmissionState>;
  counts?: Record<string, number>;
}

/** `<ranges>`: pairs of varints (gap from the previous range's end - 1, length - 1). */
export function decodeRanges(text: string): number[] {
  const bytes = base64urlDecode(text);
  if (!bytes) throw new Error("ranges: not base64url");
  const out: number[] = [];
  let prevEnd = 0, pos = 0;
  while (pos < bytes.length) {
    let gap: number, len: number;
    [gap, pos] = readVarint(bytes, pos);
    if (pos >= bytes.length) throw new Error("ranges: a range without its length");
    [len, pos] = readVarint(bytes, pos);
    const a = prevEnd + gap + 1;
    const b = a + len;
    if (!Number.isSafeInteger(b)) throw new Error("ranges: number too large");
    out.push(a, b);
    prevEnd = b;
  }
  return out;
}

/** `<reissued>`: per ticket, varint (number - previous number) then its nonce as 4 bytes big-endian. */
export function decodeReissued(text: string): Map<number, number> {
  const bytes = base64urlDecode(text);
  if (!bytes) throw new Error("reissued: not base64url");
  const out = new Map<number, number>();
  let prev = 0, pos = 0;
  while (pos < bytes.length) {
    let delta: number;
    [delta, pos] = readVarint(bytes, pos);
    if (pos + 4 > bytes.length) throw new Error("reissued: truncated nonce");
    prev += delta;
    out.set(prev, ((bytes[pos] << 24) >>> 0) + (bytes[pos + 1] << 16) + (bytes[pos + 2] << 8) + bytes[pos + 3]);
    pos += 4;
  }
  return out;
}

/** Is n inside one of the flat sorted ranges? Binary search. */
export function inRanges(ranges: number[], n: number): boolean {
  let lo = 0, hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (n < ranges[2 * mid]) hi = mid - 1;
    else if (n > ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The pack after `answer`: a full pack replaces everything; a delta applies to `previous`. */
export function applyPack(previous: Pack | null, answer: PackAnswer): Pack {
  if (answer.format !== 1) throw new Error(`unsupported pack format ${answer.format}`);
  // The document allows a pack without its time (null): a delta keeps the time it had; a full pack
  // without one counts as made long ago, i.e. stale, never as fresh.
  const head = {
    event: answer.event, cursor: answer.cursor, generatedAt: answer.generated_at ?? previous?.generatedAt ?? new Date(0).toISOString(),
    staleAfterSeconds: answer.stale_after_seconds, keys: answer.keys,
  };
  if (answer.full) {
    const ranges = {} as Record<Refusal, number[]>;
    for (const r of REFUSALS) ranges[r] = decodeRanges(answer.refused?.[r] ?? "");
    const admitted = { used: decodeRanges(answer.admitted?.used ?? ""), inside: decodeRanges(answer.admitted?.inside ?? "") };
    return { ...head, ranges, overrides: new Map(), nonces: decodeReissued(answer.reissued ?? ""), counts: answer.counts,
      admitted, admissionOverrides: new Map() };
  }
  if (!previous || previous.event.id !== answer.event.id) throw new Error("a delta needs the pack it follows");
  const overrides = new Map(previous.overrides);
  const nonces = new Map(previous.nonces);
  const admissions = new Map(previous.admissionOverrides ?? []);
  for (const c of answer.changes ?? []) {
    overrides.set(c.number, c.refused);
    nonces.set(c.number, c.nonce >>> 0);
    // A server from before issue 19 says nothing about admissions: keep what the pack had.
    if (c.used !== undefined || c.inside !== undefined) admissions.set(c.number, { used: !!c.used, inside: !!c.inside });
  }
  return { ...previous, ...head, overrides, nonces, admissionOverrides: admissions };
}

/** Why the pack refuses ticket n (null: nothing against it). */
export function refusalOf(pack: Pack, n: number): Refusal | null {
  if (pack.overrides.has(n)) return pack.overrides.get(n) ?? null;
  for (const r of REFUSALS) if (inRanges(pack.ranges[r], n)) return r;
  return null;
}

/** What the server had recorded about ticket n's admission when the pack (or last delta) was made. */
export function admissionOf(pack: Pack, n: number): AdmissionState {
  const override = pack.admissionOverrides?.get(n);
  if (override) return override;
  return { used: inRanges(pack.admitted?.used ?? [], n), inside: inRanges(pack.admitted?.inside ?? [], n) };
}

/** The nonce of ticket n's current code, when the pack knows it. */
export function nonceOf(pack: Pack, n: number): number | undefined {
  return pack.nonces.get(n);
}

/** The ticket's serial as the server writes it: "PREFIX-000123" (wider when the number needs it). */
export function serialOf(pack: Pack, n: number): string {
  return `${pack.event.serial_prefix}-${String(n).padStart(6, "0")}`;
}

/** Can ticket n exist? Not above the highest number issued when the pack (or its last delta) was
 *  made: a serial typed offline beyond it names no ticket. Packs saved before the server sent the
 *  number (undefined) cannot tell, so every number may exist. */
export function mayExist(pack: Pack, n: number): boolean {
  const highest = pack.event.highest_number;
  return n >= 1 && (highest === undefined || n <= highest);
}

/** The ticket number of a typed serial of this pack's event ("summer26 - 000017", "17" -> 17), read
 *  as the server reads it (../serial.ts), or null (another prefix, a name, …). */
export function numberOfSerial(pack: Pack, serial: string): number | null {
  return typedNumber(serial, pack.event.serial_prefix);
}

/** Age of the pack in ms at `now` (device clock), corrected by the clock skew when known. */
export function packAgeMs(pack: Pack, now: number, skewMs = 0): number {
  return Math.max(0, now + skewMs - Date.parse(pack.generatedAt));
}
