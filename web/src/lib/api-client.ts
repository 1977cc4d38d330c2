// The one API client. Every error becomes an ApiError carrying the server's code, message and
// per-field reasons; a 401 calls the one unauthorized handler (which sends the user to login).
// An area that renews its sessions (holders: a refresh token, docs/accounts.md) sets a token
// refresher: a 401 then first asks it for a new token once and repeats the request with it.
//
// The typed helpers (apiGet, apiPost, apiPatch, ...) are keyed by the server's own OpenAPI
// document: src/api/openapi.json (`gatepass openapi`) is turned into src/api/schema.d.ts by
// `npm run api:types` (openapi-typescript; run before build and test). A path, its path and
// query parameters, the JSON body and the JSON answer all come from the document, so a change on
// the server that the app does not follow fails `tsc`.
import type { paths } from "../api/schema";

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

// A staff role that must use two-factor sign-in (GATEPASS_REQUIRE_2FA) and has not set it up gets
// `403 second_factor_enrolment_required` from every route but /api/auth/me and /api/auth/2fa/*:
// the one handler sends the user to the enrolment page.
let onEnrolmentRequired: (() => void) | null = null;
export function setEnrolmentRequiredHandler(handler: (() => void) | null) {
  onEnrolmentRequired = handler;
}
/** 401s that are about a typed two-factor code, not about the session: they never sign out. */
const CODE_ERRORS = new Set(["second_factor_required", "invalid_second_factor"]);

/**
 * Renews a session: given the token that was refused ("" when the tab has none yet), answers a new
 * one, or null when the session cannot be renewed (the user must sign in again). Throws an
 * ApiError when the server could not be asked (no network): the session is kept for later.
 */
export type TokenRefresher = (staleToken: string) => Promise<string | null>;
let refresher: TokenRefresher | null = null;
export function setTokenRefresher(fn: TokenRefresher | null) {
  refresher = fn;
}
/** The refresher's new token; when there is none the session is over: the unauthorized handler runs. */
async function renewed(stale: string): Promise<string> {
  const fresh = await refresher!(stale);
  if (fresh) return fresh;
  onUnauthorized?.();
  throw new ApiError(401, "unauthenticated", "Your session has ended. Please sign in again.");
}

// A credential is a user's bearer token, or an enrolled gate device's token written as
// "Device <token>" (docs/devices.md): the one header rule for every call, the live stream and
// downloads. Bearer tokens never contain a space, so the scheme is never guessed.
const DEVICE = "Device ";
/** The credential of an enrolled device, as the calls take it in `token`. */
export function deviceCredential(deviceToken: string): string {
  return DEVICE + deviceToken;
}
export function isDeviceCredential(token: string): boolean {
  return token.startsWith(DEVICE);
}
/** The Authorization header for a credential. */
export function authorization(token: string): string {
  return isDeviceCredential(token) ? token : `Bearer ${token}`;
}

interface Options {
  method?: string;
  body?: unknown;
  form?: FormData;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

// The visitor's chosen language (the switcher, i18n/): sent as Accept-Language on every request so
// the server answers texts and mails in it (issue 24). Null: the browser's own header goes.
let requestLocale: string | null = null;
export function setRequestLocale(locale: string | null) {
  requestLocale = locale;
}

async function send(path: string, opts: Options, token: string | null | undefined): Promise<Response> {
  const headers: Record<string, string> = { ...(requestLocale ? { "Accept-Language": requestLocale } : {}), ...(opts.headers ?? {}) };
  if (token) headers.Authorization = authorization(token);
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  try {
    return await fetch(path, { method: opts.method ?? (body ? "POST" : "GET"), headers, body, signal: opts.signal });
  } catch {
    throw new ApiError(0, "network_error", "No connection to the server. Check the network and try again.");
  }
}

async function errorCodeOf(res: Response): Promise<string> {
  try {
    return ((await res.clone().json()) as { error?: { code?: string } })?.error?.code ?? "";
  } catch {
    return "";
  }
}

/** One request with the session's token: with a refresher, a tab without a token ("") gets one
 *  first, and a 401 (not about a typed code) is retried once with a renewed token. */
async function exchange(path: string, opts: Options): Promise<{ res: Response; token: string | null | undefined }> {
  let token = opts.token;
  if (token === "" && refresher) token = await renewed("");
  let res = await send(path, opts, token);
  if (res.status === 401 && token && refresher && !isDeviceCredential(token) && !CODE_ERRORS.has(await errorCodeOf(res))) {
    token = await renewed(token);
    res = await send(path, opts, token);
  }
  return { res, token };
}

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const { res, token } = await exchange(path, opts);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; fields?: Record<string, string> } })?.error;
    if (res.status === 401 && token && onUnauthorized && !CODE_ERRORS.has(err?.code ?? "")) onUnauthorized();
    if (res.status === 403 && token && err?.code === "second_factor_enrolment_required") onEnrolmentRequired?.();
    throw new ApiError(res.status, err?.code ?? "http_error", err?.message ?? `Request failed (${res.status})`,
      err?.fields ?? {}, json, retryAfterSeconds(res.headers.get("Retry-After")));
  }
  return json as T;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";
/** The document's paths that have a `M` operation. */
export type PathsWith<M extends HttpMethod> = { [P in keyof paths]: paths[P][M] extends undefined ? never : P }[keyof paths];
type Op<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;
type OrUnknown<T> = [T] extends [never] ? unknown : T;

/** The JSON the server answers `M P` with, for status `S` (never if it documents none). */
export type JsonOf<P extends keyof paths, M extends HttpMethod, S extends number | string> =
  Op<P, M> extends { responses: infer R }
    ? S extends keyof R ? (R[S] extends { content: { "application/json": infer J } } ? J : never) : never
    : never;
/** The JSON of a success (200, 201 or 202); `unknown` where the document has no JSON success. */
export type ResponseOf<P extends keyof paths, M extends HttpMethod> = OrUnknown<JsonOf<P, M, 200> | JsonOf<P, M, 201> | JsonOf<P, M, 202>>;
/** The JSON request body of `M P` (never if it takes none). */
export type BodyOf<P extends keyof paths, M extends HttpMethod> =
  Op<P, M> extends { requestBody?: infer B }
    ? [NonNullable<B>] extends [never] ? never : NonNullable<B> extends { content: { "application/json": infer J } } ? J : never
    : never;
/** Query parameters of `M P` (never if it takes none). */
export type QueryOf<P extends keyof paths, M extends HttpMethod> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** Path parameters of `M P` ({id}, {serial}, ...; never if the path has none). */
export type PathParamsOf<P extends keyof paths, M extends HttpMethod> =
  Op<P, M> extends { parameters: { path?: infer T } } ? NonNullable<T> : never;

type BodyPart<P extends keyof paths, M extends HttpMethod> = [BodyOf<P, M>] extends [never]
  ? { body?: undefined }
  : undefined extends Op<P, M>["requestBody"] ? { body?: BodyOf<P, M> } : { body: BodyOf<P, M> };
/** What a typed call takes besides the method and path: the document's parameters and body, and
 *  the client's own options (token, headers, signal; `form` for multipart bodies). */
export type CallOptions<P extends keyof paths, M extends HttpMethod> = Omit<Options, "method" | "body"> &
  ([PathParamsOf<P, M>] extends [never] ? { path?: undefined } : { path: PathParamsOf<P, M> }) &
  ([QueryOf<P, M>] extends [never] ? { query?: undefined } : { query?: QueryOf<P, M> }) &
  BodyPart<P, M>;
type CallArgs<P extends keyof paths, M extends HttpMethod> =
  object extends CallOptions<P, M> ? [opts?: CallOptions<P, M>] : [opts: CallOptions<P, M>];

type ParamValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
/** The URL of a document path: `{name}` filled in (encoded), then the query (null/undefined left out). */
export function buildUrl(template: string, path?: Record<string, ParamValue>, query?: Record<string, ParamValue>): string {
  const url = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = path?.[name];
    if (value === undefined || value === null) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, String(one));
  }
  const qs = search.toString();
  return qs ? `${url}?${qs}` : url;
}

/** `M P` as the document describes it; answers the documented success JSON. */
export function request<M extends HttpMethod, P extends PathsWith<M>>(method: M, path: P, ...[opts]: CallArgs<P, M>): Promise<ResponseOf<P, M>> {
  const { path: params, query, body, ...rest } = (opts ?? {}) as Options & { path?: Record<string, ParamValue>; query?: Record<string, ParamValue> };
  return api<ResponseOf<P, M>>(buildUrl(path, params, query), { ...rest, method: method.toUpperCase(), body });
}
export const apiGet = <P extends PathsWith<"get">>(path: P, ...args: CallArgs<P, "get">) => request("get", path, ...args);
export const apiPost = <P extends PathsWith<"post">>(path: P, ...args: CallArgs<P, "post">) => request("post", path, ...args);
export const apiPatch = <P extends PathsWith<"patch">>(path: P, ...args: CallArgs<P, "patch">) => request("patch", path, ...args);

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
  const { res } = await exchange(path, { token });
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

