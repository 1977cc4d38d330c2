// Session login for one area of the app (admin, scanner or /my): the access token lives in
// sessionStorage (gone when the tab closes), and a 401 from the API logs out and shows the login
// screen. `account` says which namespace the sign-in is for (docs/accounts.md: staff and holder
// usernames are separate); a two-factor account's second step is login(username, password, code).
//
// `persist` (the holder area only): the sign-in answers a refresh token, kept in localStorage
// (session-store.ts), so a second tab or a reopened browser is still signed in. The tab then starts
// with the user but no access token (""): the first call trades the refresh token for one, and a
// 401 is retried once with a renewed token before it signs out. Staff never persist: a stolen
// staff token must not outlive the tab.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { apiPost, setEnrolmentRequiredHandler, setTokenRefresher, setUnauthorizedHandler } from "./api-client";
import { login as loginCall, type AccountKind, type AccountMe } from "./accounts-api";
import { forgetSession, keepSession, persistedSession, renewSession, storedSession, type Session } from "./session-store";
import type { Me } from "./types";

export { storedSession } from "./session-store";

/** What a sign-in answers (login, sign-up, refresh): a holder's also carries `refresh_token`. */
interface SignInAnswer { access_token: string; user: Me; refresh_token?: string }

interface AuthValue {
  session: Session | null;
  login(username: string, password: string, code?: string): Promise<Me>;
  /** Starts a session from an answer that carries a token (sign-up answers like login). */
  adopt(answer: SignInAnswer): Me;
  /** Replaces the token and keeps the user (two-factor confirmation answers a new token). */
  adoptToken(accessToken: string): void;
  /** Keeps what a fresh GET /api/auth/me said about the user. */
  updateUser(user: AccountMe): void;
  /** An API call answered 403 second_factor_enrolment_required: the user must set up two-factor. */
  enrolmentRequired: boolean;
  logout(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** `account`: every app passes its namespace (without it, login tries both: tests only).
 *  `onSignOut`: what else leaves the device with the session (the holder's saved tickets). */
export function AuthProvider({ storageKey, account, persist = false, onSignOut, children }: {
  storageKey: string; account?: AccountKind; persist?: boolean; onSignOut?(user: Me): void; children: ReactNode;
}) {
  const [session, setSession] = useState<Session | null>(() => storedSession(storageKey));
  const [enrolmentRequired, setEnrolmentRequired] = useState(false);
  // A persisted area renders its pages once the refresher is registered: their first calls (in
  // their own effects, which React runs before this provider's) may need it for a token.
  const [ready, setReady] = useState(!persist);
  const store = useCallback((s: Session | null, refreshToken?: string) => {
    if (s) keepSession(storageKey, s, refreshToken);
    else forgetSession(storageKey);
    setSession(s);
  }, [storageKey]);
  const logout = useCallback(() => {
    const current = storedSession(storageKey);
    const refreshToken = persist ? persistedSession(storageKey)?.refresh_token : undefined;
    // This device's sign-in ends on the server too (when it can be told; the call needs no token).
    if (refreshToken && navigator.onLine) apiPost("/api/auth/logout", { body: { refresh_token: refreshToken } }).catch(() => undefined);
    store(null);
    setEnrolmentRequired(false);
    if (current) onSignOut?.(current.user);
  }, [store, storageKey, persist, onSignOut]);
  useEffect(() => {
    setUnauthorizedHandler(logout);
    setEnrolmentRequiredHandler(() => setEnrolmentRequired(true));
    if (persist) {
      setTokenRefresher(async (stale) => {
        const renewed = await renewSession(storageKey, stale);
        if (renewed) setSession(renewed);
        return renewed?.token ?? null;
      });
      setReady(true);
    }
    return () => {
      setUnauthorizedHandler(null);
      setEnrolmentRequiredHandler(null);
      if (persist) setTokenRefresher(null);
    };
  }, [logout, persist, storageKey]);
  const adopt = useCallback(
    (res: SignInAnswer) => {
      store({ token: res.access_token, user: res.user }, persist ? res.refresh_token : undefined);
      setEnrolmentRequired(false);
      return res.user;
    },
    [store, persist],
  );
  const adoptToken = useCallback((accessToken: string) => {
    const current = storedSession(storageKey);
    if (!current) return;
    store({ ...current, token: accessToken });
    setEnrolmentRequired(false);
  }, [storageKey, store]);
  const updateUser = useCallback((user: AccountMe) => {
    const current = storedSession(storageKey);
    if (current && current.user.id === user.id) store({ ...current, user });
  }, [storageKey, store]);
  const login = useCallback(
    async (username: string, password: string, code?: string) =>
      adopt(await loginCall({ username, password, ...(account ? { account } : {}), ...(code ? { code } : {}) })),
    [adopt, account],
  );
  const value = useMemo(() => ({ session, login, adopt, adoptToken, updateUser, enrolmentRequired, logout }),
    [session, login, adopt, adoptToken, updateUser, enrolmentRequired, logout]);
  return <AuthContext.Provider value={value}>{ready ? children : null}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error("useAuth outside AuthProvider");
  return v;
}

/** The session's access token; "" in a holder's tab that has not traded its refresh token yet
 *  (the API client gets one before the first call). */
export function useToken(): string {
  const { session } = useAuth();
  if (!session) throw new Error("not logged in");
  return session.token;
}
