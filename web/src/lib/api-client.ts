// The one API client. Every error becomes an ApiError carrying the server's code, message and
// per-field reasons; a 401 calls the one unauthorized handler (which sends the user to login).

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields: Record<string, string> = {},
    public body: unknown = null,
    /** From a 429/503's Retry-After header: whole seconds to wait, or null when not given. */
    public retryAfter: number | null = null,
  ) {
    super(message);
  }
  /** Network failures (no answer at all): safe to retry with the same idempotency key. */
  get isNetwork() {
    return this.status === 0;
  }
}

let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}
/** For calls made outside api() (the live stream): a 401 signs out the same way. */
export function notifyUnauthorized() {
  onUnauthorized?.();
}

interface Options {
  method?: string;
  body?: unknown;
  form?: FormData;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method: opts.method ?? (body ? "POST" : "GET"), headers, body, signal: opts.signal });
  } catch {
    throw new ApiError(0, "network_error", "No connection to the server. Check the network and try again.");
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; fields?: Record<string, string> } })?.error;
    if (res.status === 401 && opts.token && onUnauthorized) onUnauthorized();
    throw new ApiError(res.status, err?.code ?? "http_error", err?.message ?? `Request failed (${res.status})`,
      err?.fields ?? {}, json, retryAfterSeconds(res.headers.get("Retry-After")));
  }
  return json as T;
}

/** Retry-After is either delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Fetches an image or file with the token and returns an object URL (for <img> and downloads). */
export async function fetchBlobUrl(path: string, token: string): Promise<string> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new ApiError(res.status, "http_error", `Could not load ${path}`);
  return URL.createObjectURL(await res.blob());
}

export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Downloads a file that needs the token (CSV exports, PDF sheets) under `filename`. */
export async function downloadWithToken(path: string, token: string, filename: string): Promise<void> {
  const url = await fetchBlobUrl(path, token);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

