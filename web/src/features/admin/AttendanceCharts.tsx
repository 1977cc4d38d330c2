// The attendance report of one event as charts (chart.js through react-chartjs-2): arrivals per
// bucket stacked by gate, inside over time, attendance (admitted of sold), refused scans by reason.
// Loaded on its own (React.lazy) by the dashboard. Each chart has its numbers in a table for
// screen readers (and for tests: a canvas cannot be read).
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart as ChartJS, DoughnutController, Filler, Legend, LinearScale,
  LineController, LineElement, PointElement, Tooltip, type ChartOptions,
} from "chart.js";
import { Bar, Doughnut, Line } from "react-chartjs-2";
import { ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import type { Attendance } from "../../lib/types";
import { gateName, resultLabel } from "./scans";
import { useT } from "../../i18n/I18nProvider";
import { t as tr } from "../../i18n/runtime";

ChartJS.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Filler, Legend, LinearScale,
  LineController, LineElement, PointElement, Tooltip);

const PALETTE = ["#047857", "#0369a1", "#b45309", "#7c3aed", "#be123c", "#4d7c0f", "#0f766e", "#a21caf"];

/** Bucket start -> "18:05" (with the day when the buckets span more than one). */
export function bucketLabels(times: string[]): Map<string, string> {
  const days = new Set(times.map((item) => new Date(item).toDateString()));
  const fmt: Intl.DateTimeFormatOptions = days.size > 1 ? { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" }
    : { hour: "2-digit", minute: "2-digit" };
  return new Map(times.map((item) => [item, new Date(item).toLocaleString(undefined, fmt)]));
}

/** Arrivals as one dataset per gate over the sorted bucket starts (0 where a gate had none). */
export function arrivalSeries(arrivals: Attendance["arrivals"]) {
  const times = [...new Set(arrivals.map((a) => a.at))].sort((a, b) => Date.parse(a) - Date.parse(b));
  const gates = [...new Set(arrivals.map((a) => a.gate))].sort();
  const index = new Map(times.map((item, i) => [item, i]));
  const datasets = gates.map((gate, i) => {
    const data = new Array<number>(times.length).fill(0);
    for (const a of arrivals) if (a.gate === gate) data[index.get(a.at)!] += a.count;
    return { label: tr("admin.attendanceCharts.gate", { gate: gateName(gate) }), data, backgroundColor: PALETTE[i % PALETTE.length], stack: "arrivals" };
  });
  return { times, gates, datasets };
}

const base: ChartOptions<"bar" | "line"> = {
  animation: false, responsive: true, maintainAspectRatio: false,
  plugins: { legend: { position: "bottom" } },
};

export function AttendanceCharts({ eventId, version }: { eventId: number; version: number }) {
  const { t } = useT();
  const token = useToken();
  const [report, setReport] = useState<Attendance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const seq = ++latest.current;
    apiGet("/api/events/{id}/attendance", { path: { id: eventId }, token })
      .then((r) => {
        if (seq !== latest.current) return;
        setReport(r);
        setError(null);
      })
      .catch((e: ApiError) => seq === latest.current && setError(e.message));
  }, [eventId, token, version]);

  const arrivals = useMemo(() => arrivalSeries(report?.arrivals ?? []), [report]);
  if (error) return <p className="rounded-xl bg-white p-4 text-red-800 shadow" role="alert">{t("admin.attendanceCharts.charts", { error })}</p>;
  if (!report) return <p className="rounded-xl bg-white p-4 text-gray-600 shadow" role="status">{t("admin.attendanceCharts.loadingCharts")}</p>;
  const labels = bucketLabels([...arrivals.times, ...report.inside_over_time.map((p) => p.at)]);
  const noShows = Math.max(0, report.no_shows);
  const minutes = report.bucket_minutes;

  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="attendance-charts" data-generated-at={report.generated_at}>
      <Figure title={t("admin.attendanceCharts.arrivalsPerMinutesBy", { minutes })} testId="chart-arrivals"
        head={[t("admin.attendanceCharts.time"), ...arrivals.gates.map((g) => t("admin.attendanceCharts.gate", { gate: gateName(g) }))]}
        rows={arrivals.times.map((item, i) => [labels.get(item)!, ...arrivals.datasets.map((d) => d.data[i])])}>
        <Bar aria-label={t("admin.attendanceCharts.arrivalsPerMinutesStacked", { minutes })} role="img"
          data={{ labels: arrivals.times.map((item) => labels.get(item)!), datasets: arrivals.datasets }}
          options={{ ...base, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } as ChartOptions<"bar">} />
      </Figure>
      <Figure title={t("admin.attendanceCharts.insideOverTime")} testId="chart-inside" head={[t("admin.attendanceCharts.time"), t("admin.attendanceCharts.inside")]}
        rows={report.inside_over_time.map((p) => [labels.get(p.at)!, p.inside])}>
        <Line aria-label={t("admin.attendanceCharts.peopleInsideAtThe")} role="img"
          data={{ labels: report.inside_over_time.map((p) => labels.get(p.at)!),
            datasets: [{ label: t("admin.attendanceCharts.inside"), data: report.inside_over_time.map((p) => p.inside), borderColor: "#1d4ed8",
              backgroundColor: "rgba(29, 78, 216, 0.15)", fill: true, tension: 0.2, pointRadius: 2 }] }}
          options={{ ...base, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } as ChartOptions<"line">} />
      </Figure>
      <Figure title={t("admin.attendanceCharts.attendanceOfSoldCame", { value: Math.round(report.attendance_rate * 100), admitted: report.admitted, sold: report.sold })}
        testId="chart-attendance" head={["", t("admin.attendanceCharts.tickets")]} rows={[[t("admin.attendanceCharts.came"), report.admitted], [t("admin.attendanceCharts.noShows"), noShows]]}>
        <Doughnut aria-label={t("admin.attendanceCharts.admittedAndNoShows")} role="img"
          data={{ labels: [t("admin.attendanceCharts.came"), t("admin.attendanceCharts.noShows")], datasets: [{ data: [report.admitted, noShows], backgroundColor: ["#047857", "#d1d5db"] }] }}
          options={{ animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } }} />
      </Figure>
      <Figure title={t("admin.attendanceCharts.refusedScansByReason")} testId="chart-refused" head={[t("admin.attendanceCharts.reason"), t("admin.attendanceCharts.scans")]}
        rows={report.refused.map((r) => [resultLabel(r.result), r.count])}>
        <Bar aria-label={t("admin.attendanceCharts.refusedScansByReason")} role="img"
          data={{ labels: report.refused.map((r) => resultLabel(r.result)),
            datasets: [{ label: t("admin.attendanceCharts.refused"), data: report.refused.map((r) => r.count), backgroundColor: "#b91c1c" }] }}
          options={{ ...base, indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } as ChartOptions<"bar">} />
        {/* Typing mistakes at the gate are not refusals: counted apart (an older server sends none). */}
        <p className="mt-2 text-sm text-gray-700" data-testid="typed-misses">
          {t("admin.attendanceCharts.typedSerialsNotFound")} <span className="font-semibold">{report.typed_misses ?? 0}</span> {t("admin.attendanceCharts.typingMistakesNotCounted")}
        </p>
      </Figure>
    </div>
  );
}

function Figure({ title, testId, head, rows, children }:
  { title: string; testId: string; head: string[]; rows: (string | number)[][]; children: ReactNode }) {
  const { t } = useT();
  return (
    <figure className="rounded-xl bg-white p-4 shadow" data-testid={testId}>
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div className="relative h-56">{children}</div>
      {/* In an sr-only box: a table set sr-only itself still lays out as wide as its cells. */}
      <div className="sr-only"><table>
        <caption>{title}</caption>
        <thead><tr>{head.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}
          {rows.length === 0 && <tr><td colSpan={head.length}>{t("admin.attendanceCharts.noneYet")}</td></tr>}
        </tbody>
      </table></div>
    </figure>
  );
}
