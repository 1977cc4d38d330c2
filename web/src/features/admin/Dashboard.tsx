// Live counts per event, refreshed every few seconds.
import { useEffect, useState } from "react";
import { api, ApiError } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import type { EventCounts } from "../../lib/types";
import { ErrorBanner } from "../../components/ui";
import { MailWarning } from "./mail";

const REFRESH_MS = 5000;

export function Dashboard() {
  const token = useToken();
  const [counts, setCounts] = useState<EventCounts[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [updated, setUpdated] = useState<Date | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api<{ events: EventCounts[] }>("/api/admin/stats", { token })
        .then((r) => {
          if (!alive) return;
          setCounts(r.events);
          setUpdated(new Date());
          setError(null);
        })
        .catch((e: ApiError) => alive && setError(e.message));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [token]);

  return (
    <section>
      <h1 className="mb-1 text-2xl font-bold">Dashboard</h1>
      <p className="mb-4 text-sm text-gray-500">Live: refreshes every {REFRESH_MS / 1000} s{updated && ` · updated ${updated.toLocaleTimeString()}`}</p>
      <ErrorBanner message={error} />
      <MailWarning />
      {counts?.length === 0 && <p>No events yet. Create one under Events.</p>}
      <div className="grid gap-4 lg:grid-cols-2">
        {counts?.map((c) => (
          <article key={c.event_id} className="rounded-xl bg-white p-4 shadow" data-testid={`stats-${c.event_id}`}>
            <h2 className="mb-3 font-bold">{c.event_name}</h2>
            <dl className="grid grid-cols-3 gap-2 text-center">
              <Stat label="Pending" value={c.pending} tone="text-amber-600" />
              <Stat label="Approved" value={c.approved} tone="text-emerald-700" />
              <Stat label="Checked in" value={c.checked_in} tone="text-blue-700" />
            </dl>
            {c.capacity !== null && <p className="mt-2 text-xs text-gray-500">Capacity {c.capacity}</p>}
          </article>
        ))}
      </div>
    </section>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className="rounded-lg bg-gray-50 p-2">
      <dd className={`text-3xl font-extrabold ${tone}`}>{value}</dd>
      <dt className="text-xs uppercase text-gray-500">{label}</dt>
    </div>
  );
}
