// Runs the polling of one background job for a component: start(job) shows it at once and
// follows it until it finishes; a newer start() or unmounting stops the older polling.
import { useCallback, useEffect, useRef, useState } from "react";
import { pollJob } from "./jobs";
import type { Job } from "./types";

export function useJob(token: string, onFinished?: (job: Job) => void) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ctl = useRef<AbortController | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => () => ctl.current?.abort(), []);
  const start = useCallback((first: Job) => {
    ctl.current?.abort();
    const mine = new AbortController();
    ctl.current = mine;
    setError(null);
    pollJob(first, token, (j) => !mine.signal.aborted && setJob(j), { signal: mine.signal })
      .then((last) => last && !mine.signal.aborted && finished.current?.(last))
      .catch((e: Error) => !mine.signal.aborted && setError(e.message));
  }, [token]);
  const clear = useCallback(() => {
    ctl.current?.abort();
    setJob(null);
    setError(null);
  }, []);
  return { job, error, start, clear };
}
