// @vitest-environment node
import { describe, expect, it } from "vitest";
import { applyPack } from "./pack";
import { checkOffline, parseCode } from "./verify";
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
    const check = async (code: string, admitted: number[] = []) => (await checkOffline(code, pack, (n) => admitted.includes(n))).result;
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
