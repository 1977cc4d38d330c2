import { describe, expect, it } from "vitest";
import { arrivalSeries } from "./AttendanceCharts";

describe("attendance charts data", () => {
  it("arrivals become one stacked series per gate over the sorted buckets, 0 where a gate had none", () => {
    const s = arrivalSeries([
      { at: "2026-12-01T09:05:00Z", gate: "B", count: 2 },
      { at: "2026-12-01T09:00:00Z", gate: "A", count: 5 },
      { at: "2026-12-01T09:05:00Z", gate: "A", count: 1 },
      { at: "2026-12-01T09:10:00Z", gate: "", count: 3 },
    ]);
    expect(s.times).toEqual(["2026-12-01T09:00:00Z", "2026-12-01T09:05:00Z", "2026-12-01T09:10:00Z"]);
    expect(s.datasets.map((d) => [d.label, d.data])).toEqual([
      ["Gate (no gate)", [0, 0, 3]],
      ["Gate A", [5, 1, 0]],
      ["Gate B", [0, 2, 0]],
    ]);
    expect(new Set(s.datasets.map((d) => d.stack)).size).toBe(1);
  });
});
