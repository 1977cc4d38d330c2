// @vitest-environment node
import { describe, expect, it } from "vitest";
import { applyPack, type PackAnswer, type PackChange } from "./pack";
import { checkNumber, checkOffline, parseCode } from "./verify";
import { encodeRanges } from "./testing";
import { flipBit, fullPack, OTHER_SECRET, signCode } from "./testing";

describe("parsing a GP1 code (step 1)", () => {
  it("reads key, event, number and nonce big-endian", async () => {
    const code = await signCode({ keyId: 0x01020304, eventId: 7, number: 2 ** 40 + 5, nonce: 0xaabbccdd });
    expect(code).toHaveLength(140);
    const parsed = parseCode(code)!;
    expect(parsed).toMatchObject({ keyId: 0x01020304, eventId: 7, number: 2 ** 40 + 5, nonce: 0xaabbccdd });
    expect(parsed.body).toHaveLength(21);
    expect(parsed.signature).toHaveLength(64);
  });

  it("anything else is not a code", async () => {
    const code = await signCode({ number: 1 });
    for (const bad of ["", "GP1:", "EVT2026-000123", code.replace("GP1:", "GP2:"), code.replace("GP1:", "gp1:"),
      code.toLowerCase(), code.slice(0, -2), `${code}AA`, `${code}=`, code.slice(0, -1) + "1"])
      expect(parseCode(bad), bad).toBeNull();
    expect(parseCode(await signCode({ number: 1, version: 2 }))).toBeNull();
  });
});

describe("the offline check (docs/offline-gates.md §2)", async () => {
  const pack = applyPack(null, await fullPack({ refused: { not_sold: [4], refunded: [5], void: [6] }, reissued: [[8, 99]] }));

  it("each result, in the contract's order", async () => {
    const here = (admitted: number[]) => (n: number) => (admitted.includes(n) ? { at: "2026-12-01T10:00:00Z", inside: true } : undefined);
    const check = async (code: string, admitted: number[] = []) => (await checkOffline(code, pack, { here: here(admitted) })).result;
    expect(await check(await signCode({ number: 1 }))).toBe("admitted");
    expect(await check("GP1:NOTACODE")).toBe("invalid");
    expect(await check(await signCode({ number: 1, eventId: 8 }))).toBe("wrong_event");
    // Another event's code is wrong_event before its signature is looked at (step 2 before 3 and 4).
    expect(await check(await signCode({ number: 1, eventId: 8, secret: OTHER_SECRET }))).toBe("wrong_event");
    expect(await check(await signCode({ number: 1, keyId: 4 }))).toBe("invalid");           // unknown key
    expect(await check(await signCode({ number: 1, secret: OTHER_SECRET }))).toBe("invalid"); // signed by nobody we know
    expect(await check(await signCode({ number: 4 }))).toBe("not_sold");
    expect(await check(await signCode({ number: 5 }))).toBe("refunded");
    expect(await check(await signCode({ number: 6 }))).toBe("void");
    // A forged refunded ticket is invalid, not refunded: the signature comes first.
    expect(await check(await signCode({ number: 5, secret: OTHER_SECRET }))).toBe("invalid");
    expect(await check(await signCode({ number: 8, nonce: 98 }))).toBe("superseded");
    expect(await check(await signCode({ number: 8, nonce: 99 }))).toBe("admitted");
    expect(await check(await signCode({ number: 5 }), [5])).toBe("refunded");  // refusal before already_used
    expect(await check(await signCode({ number: 8, nonce: 99 }), [8])).toBe("already_used");
    expect(await check(await signCode({ number: 9 }), [8])).toBe("admitted");
  });

  it("any flipped bit of a genuine code makes it invalid (wrong_event in the event id's bytes)", async () => {
    const code = await signCode({ number: 1 });
    const bits = [...Array(21 * 8).keys(), ...Array.from({ length: 64 }, (_, i) => 21 * 8 + i * 8 + (i % 8))];
    for (const bit of bits) {
      const want = bit >= 5 * 8 && bit < 9 * 8 ? "wrong_event" : "invalid";
      expect((await checkOffline(flipBit(code, bit), pack)).result, `bit ${bit}`).toBe(want);
    }
  });
});

describe("admissions in the pack (docs/devices.md §4)", async () => {
  const at = (iso: string) => ({ at: iso, inside: true });
  const answer = async (reentry: boolean, used: number[], inside: number[]): Promise<PackAnswer> => {
    const full = await fullPack({ generated_at: "2026-12-01T10:00:00.000Z" });
    return { ...full, event: { ...full.event, reentry }, admitted: { used: encodeRanges(used), inside: encodeRanges(inside) } };
  };

  it("without re-entry: admitted at another gate (in the pack) or on this device is ALREADY USED", async () => {
    const pack = applyPack(null, await answer(false, [2, 3], []));
    expect((await checkOffline(await signCode({ number: 2 }), pack)).result).toBe("already_used");
    expect((await checkOffline(await signCode({ number: 4 }), pack)).result).toBe("admitted");
    expect((await checkOffline(await signCode({ number: 4 }), pack, { here: () => at("2026-12-01T09:00:00Z") })).result).toBe("already_used");
    // A refusal still comes first.
    const refunded = applyPack(null, { ...(await answer(false, [2], [])), refused: { not_sold: "", refunded: encodeRanges([2]), void: "" } });
    expect((await checkOffline(await signCode({ number: 2 }), refunded)).result).toBe("refunded");
  });

  it("a delta's used/inside override the full pack per ticket (an undo clears, an admission sets)", async () => {
    const pack = applyPack(null, await answer(false, [2], []));
    const delta = applyPack(pack, { ...(await answer(false, [], [])), full: false, cursor: "s2",
      changes: [{ number: 2, refused: null, nonce: 0x11223344, used: false, inside: false },
        { number: 5, refused: null, nonce: 0x11223344, used: true, inside: false }] });
    expect((await checkOffline(await signCode({ number: 2 }), delta)).result).toBe("admitted");
    expect((await checkOffline(await signCode({ number: 5 }), delta)).result).toBe("already_used");
    // A delta from a server that says nothing of admissions keeps what the pack knew.
    const old = applyPack(pack, { ...(await answer(false, [], [])), full: false, cursor: "s3",
      changes: [{ number: 2, refused: null, nonce: 0x11223344 } as unknown as PackChange] });
    expect((await checkOffline(await signCode({ number: 2 }), old)).result).toBe("already_used");
  });

  it("with re-entry: inside is ALREADY INSIDE, an exit needs the ticket inside; this device's newer record wins", async () => {
    const pack = applyPack(null, await answer(true, [2, 3], [2]));
    const entry = async (n: number, here?: { at: string; inside: boolean }) =>
      (await checkOffline(await signCode({ number: n }), pack, { here: () => here })).result;
    const exit = async (n: number, here?: { at: string; inside: boolean }) =>
      (await checkOffline(await signCode({ number: n }), pack, { direction: "exit", here: () => here })).result;
    expect(await entry(2)).toBe("already_inside");
    expect(await entry(3)).toBe("admitted");  // used, but outside: back in
    expect(await exit(2)).toBe("exited");
    expect(await exit(3)).toBe("not_inside");
    // Let out here after the pack was made: may come back in; entered here after it: inside.
    expect(await entry(2, { at: "2026-12-01T10:05:00Z", inside: false })).toBe("admitted");
    expect(await entry(3, { at: "2026-12-01T10:05:00Z", inside: true })).toBe("already_inside");
    expect(await exit(3, { at: "2026-12-01T10:05:00Z", inside: true })).toBe("exited");
    // A record older than the pack: the server knew of it already, the pack decides.
    expect(await entry(2, { at: "2026-12-01T09:00:00Z", inside: false })).toBe("already_inside");
  });

  it("a typed serial is checked by its number (no nonce to compare)", async () => {
    const pack = applyPack(null, { ...(await answer(false, [2], [])), reissued: "" });
    expect(await checkNumber(pack, 2, undefined)).toBe("already_used");
    expect(await checkNumber(pack, 9, undefined)).toBe("admitted");
    const withNonce = applyPack(null, await fullPack({ reissued: [[8, 99]], refused: { void: [6] } }));
    expect(await checkNumber(withNonce, 8, undefined)).toBe("admitted");  // a typed serial has no code to supersede
    expect(await checkNumber(withNonce, 6, undefined)).toBe("void");
  });
});
