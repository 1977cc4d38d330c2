// Where an area keeps its session. The access token is the tab's (sessionStorage). A holder's
// sign-in is also kept on the device (localStorage: the refresh token and the user), so a second
// tab or a reopened browser starts with the user and trades the refresh token for an access token
// (POST /api/auth/refresh, which rotates it: docs/accounts.md, "Staying signed in").
import { ApiError, apiPost } from "./api-client";
import type { Me } from "./types";

export interface Session { token: string; user: Me }
/** A holder's sign-in kept on the device. */
export interface KeptSignIn { refresh_token: string; user: Me }

const keptKey = (storageKey: string) => `${storageKey}.refresh`;

function read<T>(storage: Storage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** The sign-in kept on the device for this area, if any (holders only). */
export function persistedSession(storageKey: string): KeptSignIn | null {
  return read<KeptSignIn>(localStorage, keptKey(storageKey));
}

/** The tab's session; else a kept sign-in's user with no access token yet (""). Also for pages
 *  outside the area's AuthProvider (e.g. "gatepass.holder" on a mailed ticket link). */
export function storedSession(storageKey: string): Session | null {
  const tab = read<Session>(sessionStorage, storageKey);
  if (tab) return tab;
  const kept = persistedSession(storageKey);
  return kept ? { token: "", user: kept.user } : null;
}

/** Stores the tab's session; with `refreshToken`, keeps the sign-in on the device too. A kept
 *  sign-in of another user is dropped; the same user's is kept up to date. */
export function keepSession(storageKey: string, session: Session, refreshToken?: string) {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
  const kept = persistedSession(storageKey);
  if (refreshToken) localStorage.setItem(keptKey(storageKey), JSON.stringify({ refresh_token: refreshToken, user: session.user }));
  else if (kept?.user.id === session.user.id) localStorage.setItem(keptKey(storageKey), JSON.stringify({ ...kept, user: session.user }));
  else if (kept) localStorage.removeItem(keptKey(storageKey));
}

export function forgetSession(storageKey: string) {
  sessionStorage.removeItem(storageKey);
  localStorage.removeItem(keptKey(storageKey));
}

/** Runs `fn` while holding a lock shared by the origin's tabs (Web Locks), when the browser has them. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!("locks" in navigator) || !navigator.locks) return fn();
  return (await navigator.locks.request(name, fn)) as T;
}

const inflight = new Map<string, Promise<Session | null>>();

/**
 * A renewed session for the area after `stale` (the refused token, "" for none) stopped working:
 * the tab's newer token if it has one already, else one trade of the kept refresh token (one at a
 * time in this tab, and across tabs: each tab reads the kept token under the lock, after the tab
 * before it stored its successor). null when there is nothing to trade or the server refused it
 * (the sign-in ended): the caller signs out. Throws ApiError when the server could not answer
 * (no network, 429, 5xx): the sign-in is kept for later.
 */
export function renewSession(storageKey: string, stale: string): Promise<Session | null> {
  const tab = read<Session>(sessionStorage, storageKey);
  if (tab?.token && tab.token !== stale) return Promise.resolve(tab);
  let pending = inflight.get(storageKey);
  if (!pending) {
    pending = withLock(`${storageKey}.refresh`, () => trade(storageKey)).finally(() => inflight.delete(storageKey));
    inflight.set(storageKey, pending);
  }
  return pending;
}

async function trade(storageKey: string): Promise<Session | null> {
  const kept = persistedSession(storageKey);
  if (!kept) return null;
  try {
    const answer = await apiPost("/api/auth/refresh", { body: { refresh_token: kept.refresh_token } });
    const session = { token: answer.access_token, user: answer.user };
    keepSession(storageKey, session, answer.refresh_token);
    return session;
  } catch (e) {
    const err = e as ApiError;
    if (err.status === 401 || err.status === 400) return null;
    throw err;
  }
}
