import { describe, expect, it } from "vitest";
import { eventWhen, foldLine, icsText, mapUrl, ticketIcs } from "./calendar";
import de from "../../i18n/messages/de.json";
import en from "../../i18n/messages/en.json";
import adminEn from "../../i18n/messages/admin/en.json";
import { activate, type Messages } from "../../i18n/runtime";

const ticket = { serial: "HN26-000007", event_name: "Harbour Nights; live, late", venue: "Harbour Hall, Pier 4; Gate B",
  starts_at: "2031-06-01T18:30:00.000Z", ends_at: "2031-06-01T23:00:00.000Z" };

describe("the .ics file (RFC 5545)", () => {
  const ics = ticketIcs(ticket, { now: new Date("2031-05-01T09:08:07.654Z"), host: "tickets.example.org" })!;
  const lines = ics.split("\r\n");

  it("has CRLF line endings only, and ends with one", () => {
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("is one VEVENT with a UID per ticket, DTSTAMP, DTSTART and DTEND in UTC", () => {
    expect(lines.slice(0, 2)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0"]);
    expect(lines).toContain("PRODID:-//Gatepass//My tickets//EN");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(lines).toContain("UID:HN26-000007@tickets.example.org");
    expect(lines).toContain("DTSTAMP:20310501T090807Z");
    expect(lines).toContain("DTSTART:20310601T183000Z");
    expect(lines).toContain("DTEND:20310601T230000Z");
  });

  it("escapes commas, semicolons, backslashes and line breaks in SUMMARY and LOCATION", () => {
    expect(lines).toContain("SUMMARY:Harbour Nights\\; live\\, late");
    expect(lines).toContain("LOCATION:Harbour Hall\\, Pier 4\\; Gate B");
    expect(icsText("a\\b\nc")).toBe("a\\\\b\\nc");
  });

  it("folds lines longer than 75 octets without splitting a character", () => {
    const long = `SUMMARY:${"Ünïcödé Fëstivål ".repeat(8)}`;
    const folded = foldLine(long);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
    }
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(long);
    const withLongVenue = ticketIcs({ ...ticket, venue: "x".repeat(200) }, { now: new Date(0), host: "h" })!;
    for (const line of withLongVenue.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it("is in the holder's language: the description in the app's, the summary in the one the API answered", () => {
    const unfolded = (text: string) => text.replace(/\r\n /g, "").split("\r\n");
    expect(unfolded(ics)).toContain("DESCRIPTION;LANGUAGE=en:Ticket HN26-000007. Show its QR code at the gate (My tickets).");
    activate("de", de as Messages);
    try {
      const german = unfolded(ticketIcs({ ...ticket, event_name: "Hafennächte", locale: "de" }, { now: new Date(0), host: "h" })!);
      expect(german).toContain("SUMMARY;LANGUAGE=de:Hafennächte");
      expect(german).toContain("DESCRIPTION;LANGUAGE=de:Ticket HN26-000007. Zeigen Sie den QR-Code am Einlass vor (Meine Tickets).");
    } finally {
      activate("en", { ...adminEn, ...en } as Messages);
    }
  });

  it("leaves out what the event does not have; no start, no file", () => {
    const bare = ticketIcs({ ...ticket, venue: null, ends_at: null }, { now: new Date(0), host: "h" })!;
    expect(bare).not.toMatch(/LOCATION|DTEND/);
    expect(ticketIcs({ ...ticket, starts_at: null })).toBeNull();
  });
});

describe("when and where on the card", () => {
  it("says the day, the start and the end in the phone's time zone", () => {
    const text = eventWhen(ticket, "en-GB")!;
    const start = new Date(ticket.starts_at);
    expect(text).toContain(start.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }));
    expect(text).toContain(" – ");
    expect(text).toMatch(/2031/);
    expect(eventWhen({ starts_at: null, ends_at: null })).toBeNull();
  });

  it("says them on the event's clock, naming its zone when the phone is elsewhere", () => {
    const berlin = { starts_at: "2026-06-21T16:00:00Z", ends_at: "2026-06-21T21:00:00Z", time_zone: "Europe/Berlin" };
    expect(eventWhen(berlin, "de", "Europe/Berlin")).toBe("So., 21. Juni 2026, 18:00 – 23:00");
    expect(eventWhen(berlin, "de", "America/New_York")).toBe("So., 21. Juni 2026, 18:00 – 23:00 MESZ");
    expect(eventWhen({ ...berlin, ends_at: null }, "en-GB", "UTC")).toBe("Sun, 21 Jun 2026, 18:00 CEST");
    // Past midnight on the event's clock, not on UTC's: the end's day is named.
    expect(eventWhen({ ...berlin, ends_at: "2026-06-21T23:30:00Z" }, "en-GB", "Europe/Berlin")).toBe("Sun, 21 Jun 2026, 18:00 – Mon, 22 Jun 2026, 01:30");
    expect(eventWhen({ ...berlin, time_zone: "Europe/Atlantis" }, "en-GB")).toMatch(/2026/);
  });

  it("links the venue to OpenStreetMap's search", () => {
    expect(mapUrl("Harbour Hall, Pier 4 & Co")).toBe("https://www.openstreetmap.org/search?query=Harbour%20Hall%2C%20Pier%204%20%26%20Co");
  });
});
