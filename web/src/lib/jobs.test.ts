import { afterEach, describe, expect, it, vi } from "vitest";
import { jobProgress, pollJob } from "./jobs";
import type { Job } from "./types";

const base: Job = { id: 9, kind: "generate_tickets", status: "queued", total: 1000, done: 0, error: null, event_id: 3, params: {},
  result: {}, created_at: "t0", started_at: null, finished_at: null };

describe("job progress", () => {
  it("counts, percent and labels", () => {
    expect(jobProgress(base)).toMatchObject({ percent: 0, finished: false, label: "Queued: 0 / 1,000" });
    expect(jobProgress({ ...base, status: "running", done: 333 })).toMatchObject({ percent: 33, finished: false, label: "Running: 333 / 1,000" });
    expect(jobProgress({ ...base, status: "done", done: 1000 })).toMatchObject({ percent: 100, finished: true, failed: false, label: "Done: 1,000 / 1,000" });
  });
  it("never shows 100 % before the job says done, and clamps odd counts", () => {
    expect(jobProgress({ ...base, status: "running", done: 1000 }).percent).toBe(99);
    expect(jobProgress({ ...base, status: "running", done: 1200 }).done).toBe(1000);
    expect(jobProgress({ ...base, status: "running", total: 0, done: 0 }).percent).toBe(0);
  });
  it("a failed job is finished, with its error", () => {
    const p = jobProgress({ ...base, status: "failed", done: 10, error: "quota_exceeded" });
    expect(p.failed).toBe(true);
    expect(p.finished).toBe(true);
    expect(p.label).toBe("Failed at 10 / 1,000: quota_exceeded");
  });
});

describe("pollJob", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function serve(states: Partial<Job>[]) {
    const urls: string[] = [];
    let i = 0;
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      urls.push(url);
      const s = states[Math.min(i++, states.length - 1)];
      return new Response(JSON.stringify({ ...base, ...s }), { status: 200 });
    }));
    return urls;
  }

  it("asks every interval until done and reports each state", async () => {
    vi.useFakeTimers();
    const urls = serve([{ status: "running", done: 400 }, { status: "running", done: 900 }, { status: "done", done: 1000 }]);
    const seen: number[] = [];
    const finished = pollJob(base, "tok", (j) => seen.push(j.done), { intervalMs: 500 });
    await vi.advanceTimersByTimeAsync(499);
    expect(urls).toHaveLength(0);  // nothing before the first interval
    await vi.advanceTimersByTimeAsync(1);
    expect(urls).toEqual(["/api/jobs/9"]);
    await vi.advanceTimersByTimeAsync(1000);
    const last = await finished;
    expect(last?.status).toBe("done");
    expect(seen).toEqual([0, 400, 900, 1000]);
    expect(urls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(urls).toHaveLength(3);  // stopped after done
  });

  it("a job that is already finished is not polled; aborting stops polling", async () => {
    vi.useFakeTimers();
    const urls = serve([{ status: "running", done: 1 }]);
    expect((await pollJob({ ...base, status: "done", done: 1000 }, "tok", () => undefined))?.status).toBe("done");
    expect(urls).toHaveLength(0);
    const ctl = new AbortController();
    const p = pollJob(base, "tok", () => undefined, { signal: ctl.signal });
    await vi.advanceTimersByTimeAsync(1000);
    ctl.abort();
    expect(await p).toBeNull();
    const count = urls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(urls).toHaveLength(count);
  });

  it("a network failure is retried at the next tick; an API error rejects", async () => {
    vi.useFakeTimers();
    let n = 0;
    vi.stubGlobal("fetch", vi.fn(async () => {
      n++;
      if (n === 1) throw new TypeError("offline");
      if (n === 2) return new Response(JSON.stringify({ ...base, status: "done", done: 1000 }), { status: 200 });
      return new Response("{}", { status: 500 });
    }));
    const p = pollJob(base, "tok", () => undefined);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await p)?.status).toBe("done");

    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ error: { code: "not_found", message: "No such job" } }), { status: 404 })));
    const q = pollJob(base, "tok", () => undefined);
    const rejected = expect(q).rejects.toThrow("No such job");
    await vi.advanceTimersByTimeAsync(500);
    await rejected;
  });
});
