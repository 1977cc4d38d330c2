import { describe, expect, it } from "vitest";
import type { User } from "../../lib/types";
import { lockReason } from "./UsersPage";

const user = (id: number, role: string, active = true) => ({ id, username: `u${id}`, role, active }) as unknown as User;

describe("lockReason", () => {
  it("nobody changes their own role or deactivates themselves", () => {
    const users = [user(1, "admin"), user(2, "admin")];
    expect(lockReason(users[0], 1, users)).toMatch(/your own/);
    expect(lockReason(users[1], 1, users)).toBeNull();
  });
  it("the last active admin stays an admin", () => {
    const users = [user(1, "admin"), user(2, "admin", false), user(3, "scanner")];
    expect(lockReason(users[0], 3, users)).toMatch(/last active admin/);
    expect(lockReason(users[2], 1, users)).toBeNull();
    expect(lockReason(users[1], 1, users)).toBeNull();  // reactivating an inactive admin is fine
  });
});
