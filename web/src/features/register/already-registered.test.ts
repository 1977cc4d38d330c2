import { describe, expect, it } from "vitest";
import { alreadyRegisteredMessage } from "./already-registered";

describe("alreadyRegisteredMessage", () => {
  it("names the date and the reference of the first registration", () => {
    const body = { error: { code: "already_registered", registered_at: "2026-12-04T10:15:00.000Z", reference: 1 } };
    expect(alreadyRegisteredMessage(body, "en-GB")).toBe("You already registered on 4 Dec (ref #1). Check your email for our reply.");
  });
  it("still answers without the details", () => {
    expect(alreadyRegisteredMessage({ error: { code: "already_registered" } })).toBe(
      "You already registered. Check your email for our reply.");
    expect(alreadyRegisteredMessage(null)).toBe("You already registered. Check your email for our reply.");
  });
});
