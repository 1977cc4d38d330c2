import { describe, expect, it } from "vitest";
import { base32Decode, base64urlDecode, readVarint } from "./encoding";
import { applyPack, decodeRanges, decodeReissued, inRanges, mayExist, numberOfSerial, packAgeMs, refusalOf, nonceOf, serialOf } from "./pack";
import { base32, encodeRanges, encodeReissued, fullPack } from "./testing";

describe("encodings", () => {
  it("base64url without padding, strictly", () => {
    expect([...base64urlDecode("AAIDAA")!]).toEqual([0, 2, 3, 0]);
    expect(base64urlDecode("")!.length).toBe(0);
    expect([...base64urlDecode("-_8")!]).toEqual([0xfb, 0xff]);
    expect(base64urlDecode("AAIDAA==")).toBeNull();   // padding
    expect(base64urlDecode("+/8")).toBeNull();        // not the url alphabet
    expect(base64urlDecode("A")).toBeNull();          // a lone character is no byte
    expect(base64urlDecode("AB")).toBeNull();         // non-zero leftover bits
  });

  it("base32 upper case without padding, strictly", () => {
    const bytes = Uint8Array.from({ length: 85 }, (_, i) => (i * 37) & 255);
    const text = base32(bytes);
    expect(text).toHaveLength(136);
    expect([...base32Decode(text)!]).toEqual([...bytes]);
    expect(base32Decode(text.toLowerCase())).toBeNull();
    expect(base32Decode(`${text}=`)).toBeNull();
    expect(base32Decode("MZXW6")).not.toBeNull();     // "foo"
    expect(base32Decode("MZXW")).toBeNull();          // "MZXW" leaves non-zero bits
    expect(base32Decode("MZX")).toBeNull();           // impossible length
  });

  it("LEB128 varints, with their limits", () => {
    expect(readVarint(Uint8Array.from([0xe5, 0x8e, 0x26]), 0)).toEqual([624485, 3]);
    expect(() => readVarint(Uint8Array.from([0x80]), 0)).toThrow(/truncated/);
    expect(() => readVarint(Uint8Array.from([...Array(9).fill(0xff), 0x7f]), 0)).toThrow(/too large/);
  });
});

describe("pack encodings", () => {
  it("the contract's example: {1,2,3,7} is AAID AA", () => {
    expect(encodeRanges([1, 2, 3, 7])).toBe("AAIDAA");
    expect(decodeRanges("AAIDAA")).toEqual([1, 3, 7, 7]);
  });

  it("an empty set is the empty string", () => {
    expect(decodeRanges("")).toEqual([]);
    expect(decodeReissued("")).toEqual(new Map());
  });

  it("a large set round-trips and is looked up exactly (no false positives)", () => {
    const set = new Set<number>();
    for (let n = 1; n <= 200_000; n++) if (n % 3 === 0 || (n > 50_000 && n < 120_000)) set.add(n);
    set.add(2 ** 40);
    const ranges = decodeRanges(encodeRanges(set));
    const wrong: number[] = [];
    for (let n = 1; n <= 200_001; n++) if (inRanges(ranges, n) !== set.has(n)) wrong.push(n);
    expect(wrong).toEqual([]);
    // 16,666 lone multiples of 3 below 50,000; 50,001..120,000; 26,666 multiples from 120,003; 2^40
    expect(ranges.length / 2).toBe(16_666 + 1 + 26_666 + 1);
    expect(inRanges(ranges, 2 ** 40)).toBe(true);
    expect(inRanges(ranges, 2 ** 40 + 1)).toBe(false);
    expect(inRanges(ranges, 0)).toBe(false);
  });

  it("broken ranges and reissued lists are refused, not misread", () => {
    expect(() => decodeRanges("AA")).toThrow(/without its length/);
    expect(() => decodeRanges("!!")).toThrow(/base64url/);
    expect(() => decodeReissued(encodeRanges([5]).slice(0, 2))).toThrow();
  });

  it("reissued: numbers as deltas, nonces as 4 bytes big-endian", () => {
    const text = encodeReissued([[17, 2864434397], [3, 1], [300, 0xffffffff]]);
    expect(decodeReissued(text)).toEqual(new Map([[3, 1], [17, 2864434397], [300, 0xffffffff]]));
  });
});

describe("pack state", () => {
  it("a full pack, then deltas: refusals set and cleared, nonces set, cursor and keys follow", async () => {
    const full = applyPack(null, await fullPack({ refused: { not_sold: [1, 2, 3, 7], refunded: [9], void: [10, 11] }, reissued: [[5, 42]] }));
    expect(full.cursor).toBe("s1");
    expect([1, 2, 3, 7].map((n) => refusalOf(full, n))).toEqual(["not_sold", "not_sold", "not_sold", "not_sold"]);
    expect([4, 9, 10, 11, 12].map((n) => refusalOf(full, n))).toEqual([null, "refunded", "void", "void", null]);
    expect(nonceOf(full, 5)).toBe(42);
    expect(nonceOf(full, 4)).toBeUndefined();

    const delta = applyPack(full, {
      format: 1, full: false, event: full.event, cursor: "s2", generated_at: "2026-12-01T09:20:00.000Z", stale_after_seconds: 300,
      keys: [...full.keys, { key_id: 4, public_key: "AAAA", active: true }],
      changes: [{ number: 2, refused: null, nonce: 7, used: false, inside: false }, { number: 4, refused: "refunded", nonce: 8, used: false, inside: false },
                { number: 5, refused: null, nonce: 43, used: false, inside: false }],
    });
    expect(refusalOf(delta, 2)).toBeNull();          // sold since
    expect(refusalOf(delta, 3)).toBe("not_sold");    // untouched
    expect(refusalOf(delta, 4)).toBe("refunded");
    expect(nonceOf(delta, 5)).toBe(43);              // transferred again
    expect(nonceOf(delta, 2)).toBe(7);
    expect(delta.cursor).toBe("s2");
    expect(delta.generatedAt).toBe("2026-12-01T09:20:00.000Z");
    expect(delta.staleAfterSeconds).toBe(300);
    expect(delta.keys.map((k) => k.key_id)).toEqual([3, 4]);
    expect(refusalOf(full, 4)).toBeNull();           // the previous state is not changed

    const empty = applyPack(delta, { ...(await fullPack()), full: false, refused: undefined, cursor: "s3", changes: [] });
    expect(empty.cursor).toBe("s3");
    expect(refusalOf(empty, 4)).toBe("refunded");

    const again = applyPack(empty, await fullPack({ cursor: "s9" }));  // a full pack replaces everything
    expect(refusalOf(again, 4)).toBeNull();
    expect(nonceOf(again, 5)).toBeUndefined();
  });

  it("a typed number above the highest issued names no ticket; a delta moves the bound", async () => {
    const p = await fullPack();
    const full = applyPack(null, { ...p, event: { ...p.event, highest_number: 12 } });
    expect([0, 1, 12, 13, 900].map((n) => mayExist(full, n))).toEqual([false, true, true, false, false]);
    const delta = applyPack(full, { ...p, full: false, event: { ...p.event, highest_number: 15 }, cursor: "s2", changes: [] });
    expect([13, 15, 16].map((n) => mayExist(delta, n))).toEqual([true, true, false]);
    // A pack saved before the server sent the bound cannot tell: every number may exist.
    const old = applyPack(null, { ...p, event: { id: p.event.id, name: p.event.name, serial_prefix: p.event.serial_prefix, reentry: false } as typeof p.event });
    expect(mayExist(old, 900)).toBe(true);
  });

  it("a delta without its pack, of another event, or an unknown format is refused", async () => {
    const p = await fullPack();
    expect(() => applyPack(null, { ...p, full: false, changes: [] })).toThrow();
    const full = applyPack(null, p);
    expect(() => applyPack(full, { ...p, full: false, event: { ...p.event, id: 8 }, changes: [] })).toThrow();
    expect(() => applyPack(null, { ...p, format: 2 })).toThrow(/format/);
  });

  it("serials as the server writes them; typed serials map back to numbers; age from generated_at", async () => {
    const pack = applyPack(null, await fullPack());
    expect(serialOf(pack, 17)).toBe("SUMMER26-000017");
    expect(serialOf(pack, 1234567)).toBe("SUMMER26-1234567");
    expect(numberOfSerial(pack, "summer26 - 000017")).toBe(17);
    expect(numberOfSerial(pack, "OTHER-000017")).toBeNull();
    expect(numberOfSerial(pack, "17")).toBe(17);
    expect(numberOfSerial(pack, "SUMMER26000017")).toBe(17);
    expect(numberOfSerial(pack, "Ann Smith")).toBeNull();
    const at = Date.parse(pack.generatedAt);
    expect(packAgeMs(pack, at + 90_000)).toBe(90_000);
    expect(packAgeMs(pack, at + 90_000, 1_500)).toBe(91_500);
    expect(packAgeMs(pack, at - 5_000)).toBe(0);
  });
});
