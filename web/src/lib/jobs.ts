// Background jobs (bulk ticket generation, bulk decisions): what their progress means, and a
// poller that asks GET /api/jobs/{id} every ~500 ms until the job is done or failed.
import { apiGet } from "./api-client";
import type { Job } from "./types";
import { t } from "../i18n/runtime";

export const POLL_MS = 500;

export interface JobProgress {
  done: number;
  total: number;
  /** 0..100, whole; 100 only when the job is done (a job may report done == total a moment before). */
  percent: number;
  finished: boolean;
  failed: boolean;
  label: string;
}

export function jobProgress(job: Pick<Job, "status" | "done" | "total" | "error">): JobProgress {
  const total = Math.max(0, job.total);
  const done = Math.min(Math.max(0, job.done), total);
  const finished = job.status === "done" || job.status === "failed";
  const failed = job.status === "failed";
  let percent = total > 0 ? Math.floor((done * 100) / total) : 0;
  if (job.status === "done") percent = 100;
  else if (percent === 100) percent = 99;
  const counts = { done, total };
  const label = failed ? (job.error ? t("job.failedWhy", { ...counts, error: job.error }) : t("job.failed", counts))
    : job.status === "done" ? t("job.done", counts)
    : job.status === "queued" ? t("job.queued", counts) : t("job.running", counts);
  return { done, total, percent, finished, failed, label };
}

/**
 * Polls the job until it is finished, calling `onUpdate` with every new state (the first call is
 * the job as given). Resolves with the last state; stops quietly (resolves null) when `signal` aborts.
 * A failed poll (network) is retried at the next tick; other API errors reject.
 */
export async function pollJob(job: Job, token: string, onUpdate: (job: Job) => void,
  { signal, intervalMs = POLL_MS }: { signal?: AbortSignal; intervalMs?: number } = {}): Promise<Job | null> {
  let current = job;
  onUpdate(current);
  while (!jobProgress(current).finished) {
    if (!(await wait(intervalMs, signal))) return null;
    try {
      current = await apiGet("/api/jobs/{id}", { path: { id: current.id }, token, signal });
    } catch (e) {
      if (signal?.aborted) return null;
      if ((e as { isNetwork?: boolean }).isNetwork) continue;
      throw e;
    }
    if (signal?.aborted) return null;
    onUpdate(current);
  }
  return current;
}

function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
