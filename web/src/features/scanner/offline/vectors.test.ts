// @vitest-environment node
// The browser's verifier against the server's: tests/vectors/offline-verify.json is written by the
// C++ side (GATEPASS_WRITE_VECTORS=1 build/release/tests/unit_tests --gtest_filter=OfflineVectors.*)
// and checked by the C++ unit tests against the server's own encoder.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { applyPack, serialOf, type PackAnswer } from "./pack";
import { checkOffline } from "./verify";
import { flipBit } from "./testing";

interface Vectors { pack: PackAnswer; cases: { name: string; code: string; expect: string; number: number | null }[] }
const FILE = resolve(import.meta.dirname, "../../../../../tests/vectors/offline-verify.json");
const vectors = JSON.parse(readFileSync(FILE, "utf8")) as Vectors;

describe("shared vectors (tests/vectors/offline-verify.json)", () => {
  const pack = applyPack(null, vectors.pack);

  it("hold a pack and cases of every result the pack alone can give", () => {
    expect(vectors.cases.length).toBeGreaterThan(0);
    const results = new Set(vectors.cases.map((c) => c.expect));
    for (const r of ["admitted", "invalid", "wrong_event", "not_sold", "refunded", "void", "superseded"]) expect(results, r).toContain(r);
  });

  for (const c of vectors.cases)
    it(`${c.name}: ${c.expect}`, async () => {
      const got = await checkOffline(c.code, pack);
      expect(got.result).toBe(c.expect);
      // The number a genuine code names (a vector's number is 0 where there is none to speak of).
      if (c.expect !== "invalid" && c.number) {
        expect(got.code?.number).toBe(c.number);
        expect(serialOf(pack, c.number)).toMatch(new RegExp(`^${pack.event.serial_prefix}-\\d{6,}$`));
      }
    });

  it("a flipped bit in each admitted code makes it invalid", async () => {
    const admitted = vectors.cases.filter((c) => c.expect === "admitted");
    expect(admitted.length).toBeGreaterThan(0);
    for (const c of admitted)
      for (const bit of [0, 8 * 9 + 63, 8 * 17, 8 * 21, 8 * 84 + 7])  // version, number, nonce, signature start and end
        expect((await checkOffline(flipBit(c.code, bit), pack)).result, `${c.name} bit ${bit}`).toBe("invalid");
  });
});
