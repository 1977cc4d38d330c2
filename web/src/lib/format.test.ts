import { describe, expect, it } from "vitest";
import { formatEventTime, fromZonedInput, timeZoneChoices, toZonedInput, zoneDiffers } from "./format";
import { formatMoney } from "./money";

const midsummer = "2026-06-21T16:00:00Z";

describe("event times in the event's zone", () => {
  it("shows the event's wall clock, with the zone only when the browser is elsewhere", () => {
    expect(formatEventTime(midsummer, "Europe/Berlin", { locale: "de", here: "Europe/Berlin" })).toBe("21. Juni 2026, 18:00");
    expect(formatEventTime(midsummer, "Europe/Berlin", { locale: "de", here: "America/New_York" })).toBe("21. Juni 2026, 18:00 MESZ");
    expect(formatEventTime(midsummer, "America/New_York", { locale: "en", here: "Europe/Berlin" })).toMatch(/^Jun 21, 2026, 12:00 PM EDT$/);
    expect(formatEventTime(midsummer, "Asia/Kolkata", { locale: "fr", here: "Asia/Kolkata" })).toBe("21 juin 2026, 21:30");
    expect(formatEventTime("2026-01-15T16:00:00Z", "Europe/Berlin", { locale: "de", here: "UTC" })).toBe("15. Jan. 2026, 17:00 MEZ");
    expect(formatEventTime("2026-01-15T16:00:00Z", "Europe/Madrid", { locale: "es", here: "Europe/Madrid" })).toBe("15 ene 2026, 17:00");
  });

  it("treats an unknown zone as the browser's and missing times as a dash", () => {
    expect(formatEventTime(midsummer, "Europe/Atlantis", { locale: "en", here: "UTC" })).not.toMatch(/Atlantis/);
    expect(formatEventTime(null, "Europe/Berlin")).toBe("—");
    expect(zoneDiffers("Etc/UTC", "UTC")).toBe(false);
    expect(zoneDiffers("Europe/Paris", "Europe/Berlin")).toBe(true);
    expect(zoneDiffers(null, "UTC")).toBe(false);
  });

  it("reads and fills the form's inputs as the event's wall clock, across daylight saving", () => {
    expect(toZonedInput(midsummer, "Europe/Berlin")).toBe("2026-06-21T18:00");
    expect(toZonedInput("2026-01-15T16:00:00Z", "Europe/Berlin")).toBe("2026-01-15T17:00");
    expect(fromZonedInput("2026-06-21T18:00", "Europe/Berlin")).toBe("2026-06-21T16:00:00.000Z");
    expect(fromZonedInput("2026-01-15T17:00", "Europe/Berlin")).toBe("2026-01-15T16:00:00.000Z");
    expect(fromZonedInput("2026-07-04T18:00", "America/New_York")).toBe("2026-07-04T22:00:00.000Z");
    expect(fromZonedInput("2026-07-04T18:00", "Asia/Kolkata")).toBe("2026-07-04T12:30:00.000Z");
    // 29 March 2026, Berlin: 02:30 does not exist (the clocks jump to 03:00): just after the gap.
    expect(fromZonedInput("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    // 25 October 2026, Berlin: 02:30 happens twice: the first (still summer time).
    expect(fromZonedInput("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
    expect(fromZonedInput("", "Europe/Berlin")).toBeNull();
    for (const zone of ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"])
      expect(fromZonedInput(toZonedInput("2026-11-01T05:30:00Z", zone), zone)).toBe("2026-11-01T05:30:00.000Z");
  });

  it("offers the browser's zones, UTC and the event's own", () => {
    const zones = timeZoneChoices("Mars/Olympus");
    expect(zones).toContain("Europe/Berlin");
    expect(zones).toContain("UTC");
    expect(zones[0]).toBe("Mars/Olympus");
  });
});

describe("amounts with the event's currency", () => {
  it("writes them as each language does", () => {
    const nb = "\u00a0";
    expect(formatMoney("12.50", "EUR", "en")).toBe("€12.50");
    expect(formatMoney("12.50", "EUR", "de")).toBe(`12,50${nb}€`);
    expect(formatMoney("12.50", "EUR", "fr")).toBe(`12,50${nb}€`);
    expect(formatMoney("12.50", "EUR", "es")).toBe(`12,50${nb}€`);
    expect(formatMoney("12.50", "USD", "fr")).toBe(`12,50${nb}$US`);
  });
});
