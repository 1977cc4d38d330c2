// A background job's progress bar with its counts (ticket generation, bulk decisions).
import { jobProgress } from "../lib/jobs";
import type { Job } from "../lib/types";
import { ProgressBar } from "./widgets";

export function JobProgress({ job, label }: { job: Job; label: string }) {
  const p = jobProgress(job);
  return (
    <div className="space-y-1" data-testid="job-progress" data-status={job.status}>
      <ProgressBar label={label} value={p.done} max={p.total} percent={p.percent} tone={p.failed ? "failed" : "ok"} />
      <p className={`text-sm ${p.failed ? "text-red-700" : "text-gray-700"}`} aria-live="polite">{p.label}</p>
    </div>
  );
}
