// Users: create scanner/viewer/admin accounts, change role, deactivate/reactivate.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, apiGet, apiPost, apiPatch, type BodyOf } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import type { User } from "../../lib/types";
import { Button, ErrorBanner, Field } from "../../components/ui";

/** The roles staff accounts are made with here (attendees sign up themselves). */
type StaffRole = BodyOf<"/api/users", "post">["role"];

export function UsersPage() {
  const token = useToken();
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<StaffRole>("scanner");
  const [fields, setFields] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    apiGet("/api/users", { query: { limit: 200 }, token }).then((p) => setUsers(p.items)).catch((e: ApiError) => setError(e.message));
  }, [token]);
  useEffect(load, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setFields({});
    setError(null);
    try {
      await apiPost("/api/users", { body: { username, password, role }, token });
      setUsername("");
      setPassword("");
      load();
    } catch (err) {
      setFields((err as ApiError).fields);
      setError((err as ApiError).message);
    }
  }
  async function update(u: User, change: BodyOf<"/api/users/{id}", "patch">) {
    try {
      await apiPatch("/api/users/{id}", { path: { id: u.id }, body: change, token });
      load();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">Users</h1>
      <form onSubmit={create} className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow sm:grid-cols-4 sm:items-end">
        <Field label="Username" name="new-username" value={username} onChange={(e) => setUsername(e.target.value)} error={fields.username} />
        <Field label="Password" name="new-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} error={fields.password} hint="At least 10 characters" />
        <label className="block">
          <span className="block text-sm font-medium text-gray-700">Role</span>
          <select name="new-role" className="mt-1 w-full rounded-lg border px-3 py-2" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            <option value="scanner">scanner (gate staff)</option>
            <option value="viewer">viewer (read-only)</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <Button type="submit">Create user</Button>
      </form>
      <ErrorBanner message={error} />
      <table className="w-full rounded-xl bg-white text-left text-sm shadow">
        <thead className="bg-gray-100 text-xs uppercase text-gray-600"><tr><th className="p-3">User</th><th className="p-3">Role</th><th className="p-3">Status</th><th className="p-3" /></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t">
              <td className="p-3 font-medium">{u.username}</td>
              <td className="p-3">
                <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => update(u, { role: e.target.value as StaffRole })} className="rounded border px-2 py-1">
                  <option value="admin">admin</option><option value="scanner">scanner</option><option value="viewer">viewer</option>
                </select>
              </td>
              <td className="p-3">{u.active ? "active" : "deactivated"}</td>
              <td className="p-3 text-right">
                <Button variant={u.active ? "danger" : "ghost"} className="px-3 py-1" onClick={() => update(u, { active: !u.active })}>
                  {u.active ? "Deactivate" : "Reactivate"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
