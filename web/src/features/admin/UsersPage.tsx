// Users: create scanner/viewer/admin accounts, change role, deactivate/reactivate, and assign
// scanners to the events they may scan (docs/devices.md §2: none = none). A role change and a
// deactivation are confirmed naming the user (one mis-click must not lock a steward out mid-event);
// nobody demotes or deactivates themselves or the last active admin here (the server refuses too).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, apiGet, apiPost, apiPatch, type BodyOf } from "../../lib/api-client";
import { useAuth, useToken } from "../../lib/auth";
import { setUserEvents } from "../../lib/devices-api";
import type { Event, User } from "../../lib/types";
import { Button, ErrorBanner, Field, Modal } from "../../components/ui";
import { EventMultiSelect } from "../../components/EventMultiSelect";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

/** A user with the events a scanner is assigned to (issue 19; absent from older servers). */
type Assigned = User & { event_ids?: number[] };

/** The roles staff accounts are made with here (attendees sign up themselves). */
type StaffRole = BodyOf<"/api/users", "post">["role"];
type Change = BodyOf<"/api/users/{id}", "patch">;

/** Why this user's role or activity may not be changed from this page (null: it may). */
export function lockReason(u: User, me: number | undefined, users: User[]): string | null {
  if (u.id === me) return t("admin.users.youCannotChangeYour");
  const admins = users.filter((x) => x.role === "admin" && x.active);
  if (u.role === "admin" && u.active && admins.length <= 1) return t("admin.users.theLastActiveAdmin");
  return null;
}

export function UsersPage() {
  const { t } = useT();
  const token = useToken();
  const me = useAuth().session?.user.id;
  const [users, setUsers] = useState<User[]>([]);
  const [confirming, setConfirming] = useState<{ user: User; change: Change } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<StaffRole>("scanner");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [events, setEvents] = useState<Event[]>([]);
  const [eventIds, setEventIds] = useState<number[]>([]);
  const [assigning, setAssigning] = useState<Assigned | null>(null);
  useEffect(() => {
    apiGet("/api/events", { query: { limit: 200 }, token }).then((p) => setEvents(p.items)).catch(() => undefined);
  }, [token]);
  const load = useCallback(() => {
    apiGet("/api/users", { query: { limit: 200 }, token }).then((p) => setUsers(p.items)).catch((e: ApiError) => setError(e.message));
  }, [token]);
  useEffect(load, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setFields({});
    setError(null);
    try {
      // A scanner scans only the events it is assigned to: chosen here at once.
      const body = { username, password, role, ...(role === "scanner" ? { event_ids: eventIds } : {}) };
      await apiPost("/api/users", { body, token });
      setUsername("");
      setPassword("");
      setEventIds([]);
      load();
    } catch (err) {
      setFields((err as ApiError).fields);
      setError((err as ApiError).message);
    }
  }
  async function update(u: User, change: Change) {
    try {
      await apiPatch("/api/users/{id}", { path: { id: u.id }, body: change, token });
      load();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">{t("admin.users.users")}</h1>
      <form onSubmit={create} className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow sm:grid-cols-4 sm:items-end">
        <Field label={t("admin.users.username")} name="new-username" value={username} onChange={(e) => setUsername(e.target.value)} error={fields.username} />
        <Field label={t("admin.users.password")} name="new-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} error={fields.password} hint={t("admin.users.atLeastCharacters")} />
        <label className="block">
          <span className="block text-sm font-medium text-gray-700">{t("admin.users.role")}</span>
          <select name="new-role" className="mt-1 w-full rounded-lg border px-3 py-2" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            <option value="scanner">{t("admin.users.scannerGateStaff")}</option>
            <option value="viewer">{t("admin.users.viewerReadOnly")}</option>
            <option value="admin">{t("admin.users.admin")}</option>
          </select>
        </label>
        <Button type="submit">{t("admin.users.createUser")}</Button>
        {role === "scanner" && <div className="sm:col-span-4">
          <EventMultiSelect label={t("admin.users.eventsThisScannerMay")} name="new-user" events={events} value={eventIds} onChange={setEventIds} error={fields.event_ids} />
        </div>}
      </form>
      <ErrorBanner message={error} />
      <table className="cards w-full rounded-xl bg-white text-left text-sm shadow">
        <thead className="bg-gray-100 text-xs uppercase text-gray-600"><tr><th className="p-3">{t("admin.users.user")}</th><th className="p-3">{t("admin.users.role")}</th><th className="p-3">{t("admin.users.status")}</th><th className="p-3">{t("admin.users.events")}</th><th className="p-3"><span className="sr-only">{t("admin.users.actions")}</span></th></tr></thead>
        <tbody>
          {users.map((u) => {
            const locked = lockReason(u, me, users);
            return (
              <tr key={u.id} className="border-t" data-testid={`user-${u.username}`}>
                <td className="p-3 font-medium">{u.username}{u.id === me && <span className="ml-1 text-gray-600">{t("admin.users.you")}</span>}</td>
                <td className="p-3">
                  <select aria-label={t("admin.users.roleOf", { username: u.username })} value={u.role} disabled={!!locked} title={locked ?? undefined}
                    onChange={(e) => setConfirming({ user: u, change: { role: e.target.value as StaffRole } })} className="rounded border px-2 py-1 disabled:bg-gray-100">
                    <option value="admin">{t("admin.users.admin")}</option><option value="scanner">{t("admin.users.scanner")}</option><option value="viewer">{t("admin.users.viewer")}</option>
                  </select>
                  {locked && <span className="mt-1 block text-xs text-gray-600">{locked}</span>}
                </td>
                <td className="p-3" data-label="Status">{u.active ? t("admin.users.active") : t("admin.users.deactivated")}</td>
                <td className="p-3" data-label="Events" data-testid={`events-of-${u.username}`}>
                  {u.role === "scanner" ? <>
                    {eventNames(events, (u as Assigned).event_ids)}
                    <button className="ml-2 underline" onClick={() => setAssigning(u)}>{t("admin.users.change")}</button>
                  </> : t("admin.users.all")}
                </td>
                <td className="p-3 sm:text-right">
                  {u.active
                    ? <Button variant="danger" className="px-3 py-1" disabled={!!locked} title={locked ?? undefined}
                        onClick={() => setConfirming({ user: u, change: { active: false } })}>{t("admin.users.deactivate")}</Button>
                    : <Button variant="ghost" className="px-3 py-1" onClick={() => update(u, { active: true })}>{t("admin.users.reactivate")}</Button>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {confirming && <ConfirmChange {...confirming} onClose={() => setConfirming(null)}
        onConfirm={async () => { await update(confirming.user, confirming.change); setConfirming(null); }} />}
      {assigning && <AssignEvents user={assigning} events={events} onClose={() => setAssigning(null)}
        onSave={async (ids) => { await setUserEvents(token, assigning.id, ids); setAssigning(null); load(); }} />}
    </section>
  );
}

/** "Deactivate gate1?" / "Make gate1 an admin?": what the change does to that person, said before it happens. */
function ConfirmChange({ user, change, onConfirm, onClose }: { user: User; change: Change; onConfirm(): Promise<void>; onClose(): void }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const deactivate = change.active === false;
  const title = deactivate ? t("admin.users.deactivateB", { username: user.username }) : t("admin.users.changeSRoleTo", { username: user.username, role: change.role });
  const what = deactivate
    ? `${user.username} can no longer sign in or scan tickets (a gate phone signed in as ${user.username} stops too) until an admin reactivates the account.`
    : change.role === "admin" ? `${user.username} will be able to do everything, including managing users.`
    : change.role === "viewer" ? `${user.username} will only be able to read: no scanning, no approvals.`
    : `${user.username} will only be able to scan tickets at the events assigned to them.`;
  return (
    <Modal title={title} onClose={onClose}>
      <p>{what}</p>
      {!deactivate && <p className="mt-2 text-sm text-gray-700">{t("admin.users.now", { role: user.role })}</p>}
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>{t("admin.users.cancel")}</Button>
        <Button variant={deactivate ? "danger" : "primary"} disabled={busy}
          onClick={() => { setBusy(true); void onConfirm().finally(() => setBusy(false)); }}>
          {deactivate ? t("admin.users.deactivateA", { username: user.username }) : t("admin.users.make", { username: user.username, role: change.role })}
        </Button>
      </div>
    </Modal>
  );
}

function eventNames(events: Event[], ids: number[] | undefined): string {
  if (!ids?.length) return "none";
  return ids.map((id) => events.find((e) => e.id === id)?.name ?? `#${id}`).join(", ");
}

function AssignEvents({ user, events, onSave, onClose }: { user: Assigned; events: Event[]; onSave(ids: number[]): Promise<void>; onClose(): void }) {
  const { t } = useT();
  const [ids, setIds] = useState<number[]>(user.event_ids ?? []);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal title={t("admin.users.eventsOf", { username: user.username })} onClose={onClose}>
      <ErrorBanner message={error} />
      <EventMultiSelect label={t("admin.users.mayScan")} name="assign" events={events} value={ids} onChange={setIds} />
      <p className="mt-2 text-sm text-gray-600">{t("admin.users.noneThisScannerCan")}</p>
      <div className="mt-4 flex gap-2">
        <Button onClick={() => onSave(ids).catch((e: ApiError) => setError(e.fields?.event_ids ?? e.message))}>{t("admin.users.save")}</Button>
        <Button variant="ghost" onClick={onClose}>{t("admin.users.cancel")}</Button>
      </div>
    </Modal>
  );
}
