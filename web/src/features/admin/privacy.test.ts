import { describe, expect, it } from "vitest";
import { parseRetentionDays, retentionNote } from "./privacy";
import { formatTime } from "../../lib/format";

describe("retention in words", () => {
  const kept = { personal_data_retention_days: null, personal_data_erase_at: null, personal_data_erased_at: null };
  it("says nothing when the data is kept", () => {
    expect(retentionNote(kept)).toBeNull();
  });
  it("says when it will go, when it went, or that the event has no end yet", () => {
    const at = "2026-08-01T10:00:00.000Z";
    expect(retentionNote({ ...kept, personal_data_retention_days: 30, personal_data_erase_at: at }))
      .toBe(`Personal data will be erased on ${formatTime(at)}`);
    expect(retentionNote({ ...kept, personal_data_retention_days: 30, personal_data_erase_at: at, personal_data_erased_at: at }))
      .toBe(`Personal data erased on ${formatTime(at)}`);
    expect(retentionNote({ ...kept, personal_data_retention_days: 7 })).toContain("7 days after the event ends");
  });
  it("reads the form's days: empty keeps, whole numbers only", () => {
    expect(parseRetentionDays("  ")).toBeNull();
    expect(parseRetentionDays("0")).toBe(0);
    expect(parseRetentionDays(" 30 ")).toBe(30);
    expect(parseRetentionDays("1.5")).toBe("invalid");
    expect(parseRetentionDays("-1")).toBe("invalid");
  });
});
