import { describe, expect, it } from "vitest";
import { formatAgo, formatSkew } from "./durations";

describe("formatSkew", () => {
  it("reads as a signed clock difference", () => {
    expect(formatSkew(1520)).toBe("+1.5 s");
    expect(formatSkew(-300)).toBe("−0.3 s");
    expect(formatSkew(0)).toBe("0 s");
    expect(formatSkew(3)).toBe("0 s");
    expect(formatSkew(-40)).toBe("0 s");
    expect(formatSkew(12_400)).toBe("+12 s");
    expect(formatSkew(125_000)).toBe("+2 min 5 s");
    expect(formatSkew(-120_000)).toBe("−2 min");
    expect(formatSkew(-(72 * 60_000))).toBe("−1 h 12 min");
    expect(formatSkew(null)).toBe("—");
  });
});

describe("formatAgo", () => {
  it("rounds down to what matters", () => {
    expect(formatAgo(3_000)).toBe("just now");
    expect(formatAgo(45_000)).toBe("45 s ago");
    expect(formatAgo(12 * 60_000 + 59_000)).toBe("12 min ago");
    expect(formatAgo(185 * 60_000)).toBe("3 h 5 min ago");
    expect(formatAgo(3 * 3600_000)).toBe("3 h ago");
    expect(formatAgo(3 * 24 * 3600_000)).toBe("3 days ago");
  });
});
