import { describe, expect, it } from "vitest";
import { cleanCode, transferTarget, validateSignup } from "./validation";

describe("holder forms", () => {
  it("sign-up: every field checked, good input passes", () => {
    expect(validateSignup({ username: "rita_k", password: "long-enough-pw", email: "rita@example.com", name: "Rita K" })).toEqual({});
    const e = validateSignup({ username: "r!", password: "short", email: "rita", name: " " });
    expect(Object.keys(e).sort()).toEqual(["email", "name", "password", "username"]);
    expect(e.password).toBe("must be at least 10 characters");
  });
  it("a transfer goes to an email or a username (a leading @ is a username)", () => {
    expect(transferTarget("bob")).toEqual({ to_username: "bob" });
    expect(transferTarget(" @bob ")).toEqual({ to_username: "bob" });
    expect(transferTarget("bob@example.com")).toEqual({ to_email: "bob@example.com" });
    expect(transferTarget("  ")).toBeNull();
  });
  it("a pasted code loses the line breaks a copy adds", () => {
    expect(cleanCode(" GP1:abc\n def \t")).toBe("GP1:abcdef");
  });
});
