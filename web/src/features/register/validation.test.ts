import { describe, expect, it } from "vitest";
import { normaliseAmount, validateRegistration, type RegistrationForm } from "./validation";

const ok: RegistrationForm = { name: "Alice", email: "alice@example.com", phone: "", team_name: "", members: "", amount: "" };

describe("validateRegistration", () => {
  it("accepts a minimal valid form", () => {
    expect(validateRegistration(ok)).toEqual({});
  });
  it("names every bad field", () => {
    const e = validateRegistration({ name: " ", email: "nope", phone: "call me", team_name: "x".repeat(201), members: "", amount: "1.234" });
    expect(Object.keys(e).sort()).toEqual(["amount", "email", "name", "phone", "team_name"]);
  });
  it("counts characters, not bytes", () => {
    expect(validateRegistration({ ...ok, name: "🎟".repeat(200) }).name).toBeUndefined();
    expect(validateRegistration({ ...ok, name: "🎟".repeat(201) }).name).toBeDefined();
  });
  it("checks attachments by size and type", () => {
    const big = new File([new Uint8Array(6 * 1024 * 1024)], "a.png", { type: "image/png" });
    expect(validateRegistration(ok, big).attachment).toMatch(/5 MB/);
    const exe = new File(["MZ"], "a.exe", { type: "application/x-msdownload" });
    expect(validateRegistration(ok, exe).attachment).toMatch(/PNG/);
    expect(validateRegistration(ok, new File(["%PDF-"], "a.pdf", { type: "application/pdf" })).attachment).toBeUndefined();
  });
  it("takes a decimal comma as people outside the English-speaking world type it", () => {
    for (const a of ["12,5", "12,50", " 0,99 "]) expect(validateRegistration({ ...ok, amount: a }).amount).toBeUndefined();
    expect(normaliseAmount("12,50")).toBe("12.50");
    expect(normaliseAmount("12,505")).toBe("12,505");
    expect(validateRegistration({ ...ok, amount: "1,234,50" }).amount).toBeDefined();
    expect(validateRegistration({ ...ok, amount: "12,505" }).amount).toBeDefined();
  });
  it("accepts amounts like the server", () => {
    for (const a of ["0", "12", "12.5", "12.50"]) expect(validateRegistration({ ...ok, amount: a }).amount).toBeUndefined();
    for (const a of ["-1", "1e5", "12.", ".5"]) expect(validateRegistration({ ...ok, amount: a }).amount).toBeDefined();
  });
});
