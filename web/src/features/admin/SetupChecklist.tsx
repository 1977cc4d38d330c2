// A fresh install's dashboard: what is left to set up (an event, its ticket types, staff accounts,
// outgoing mail), each ticked from the server's real state and linking to the page that does it.
// Admins only (they are the ones who can do it); gone once all four are done, or hidden by hand.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { apiGet } from "../../lib/api-client";
import { useAuth, useToken } from "../../lib/auth";
import { Button } from "../../components/ui";
import { notSendingReason } from "./mail";
import { useT } from "../../i18n/I18nProvider";
import { t } from "../../i18n/runtime";

export interface SetupState {
  events: number;
  withTicketTypes: number;  // events that have at least one ticket type
  otherStaff: number;       // active staff accounts besides the one signed in
  mailReady: boolean;
}
export interface SetupItem { key: string; label: string; done: boolean; to: string; action: string }

export function setupItems(s: SetupState): SetupItem[] {
  return [
    { key: "event", label: t("admin.setupChecklist.createAnEvent"), done: s.events > 0, to: "/admin/events", action: t("admin.setupChecklist.events") },
    { key: "ticket-types", label: t("admin.setupChecklist.addTicketTypesPrices"), done: s.withTicketTypes > 0, to: "/admin/box-office", action: t("admin.setupChecklist.boxOffice") },
    { key: "staff", label: t("admin.setupChecklist.addStaffAccountsGate"), done: s.otherStaff > 0, to: "/admin/users", action: t("admin.setupChecklist.users") },
    { key: "mail", label: t("admin.setupChecklist.setUpOutgoingMail"), done: s.mailReady, to: "/admin/mail", action: t("admin.setupChecklist.mail") },
  ];
}

const HIDDEN_KEY = "gatepass.setup-checklist.hidden";
const EVENTS_LOOKED_AT = 10;  // ticket types are looked up per event: the first few are enough to tick the box

/** `eventIds`: every event's id (the dashboard's overview), null while loading. */
export function SetupChecklist({ eventIds }: { eventIds: number[] | null }) {
  const { t } = useT();
  const token = useToken();
  const { session } = useAuth();
  const isAdmin = session?.user.role === "admin";
  const [state, setState] = useState<SetupState | null>(null);
  const [hidden, setHidden] = useState(() => localStorage.getItem(HIDDEN_KEY) === "1");
  useEffect(() => {
    if (!isAdmin || hidden || eventIds === null) return;
    let alive = true;
    const me = session?.user.id;
    Promise.all([
      Promise.all(eventIds.slice(0, EVENTS_LOOKED_AT).map((id) =>
        apiGet("/api/events/{id}/ticket-types", { path: { id }, token }).then((r) => r.items.length > 0).catch(() => false))),
      apiGet("/api/users", { query: { limit: 200 }, token }).then((r) => r.items).catch(() => []),
      apiGet("/api/admin/outbox/summary", { token }).then((s) => notSendingReason(s) === null).catch(() => false),
    ]).then(([types, users, mailReady]) => {
      if (!alive) return;
      setState({ events: eventIds.length, withTicketTypes: types.filter(Boolean).length, mailReady,
        otherStaff: users.filter((u) => u.id !== me && u.active && u.role !== "attendee").length });
    });
    return () => {
      alive = false;
    };
  }, [isAdmin, hidden, eventIds, token, session?.user.id]);
  if (!isAdmin || hidden || !state) return null;
  const items = setupItems(state);
  const left = items.filter((i) => !i.done).length;
  if (left === 0) return null;
  return (
    <section className="mb-6 rounded-xl border border-sky-200 bg-sky-50 p-4" aria-labelledby="setup-heading" data-testid="setup-checklist">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="setup-heading" className="text-lg font-bold">{t("admin.setupChecklist.heading", { done: items.length - left, total: items.length })}</h2>
        <Button variant="ghost" className="px-3 py-1 text-sm" onClick={() => { localStorage.setItem(HIDDEN_KEY, "1"); setHidden(true); }}>{t("admin.setupChecklist.hideChecklist")}</Button>
      </div>
      <ol className="mt-3 space-y-2">
        {items.map((i) => (
          <li key={i.key} className="flex flex-wrap items-center gap-2" data-testid={`setup-${i.key}`} data-done={i.done}>
            <span aria-hidden="true" className={`inline-flex h-6 w-6 items-center justify-center rounded-full text-sm font-bold ${i.done ? "bg-emerald-700 text-white" : "border-2 border-gray-400 bg-white"}`}>
              {i.done ? "✓" : ""}
            </span>
            <span className={i.done ? "text-gray-600 line-through" : "font-medium"}>{i.label}</span>
            <span className="sr-only">{i.done ? t("admin.setupChecklist.doneA") : t("admin.setupChecklist.toDo")}</span>
            {!i.done && <Link className="font-semibold text-sky-900 underline" to={i.to}>{t("admin.setupChecklist.open", { action: i.action })}</Link>}
          </li>
        ))}
      </ol>
    </section>
  );
}
