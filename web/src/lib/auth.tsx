// Session login for one area of the app (admin, scanner or /my): the token lives in sessionStorage
// (gone when the tab closes), and any 401 from the API logs out and shows the login screen.
// `account` says which namespace the sign-in is for (docs/accounts.md: staff and holder usernames
// are separate); a two-factor account's second step is login(username, password, code).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setEnrolmentRequiredHandler, setUnauthorizedHandler } from "./api-client";
import { login as loginCall, type AccountKind, type AccountMe } from "./accounts-api";
import type { Me } from "./types";

interface Session { token: string; user: Me }
interface AuthValue {
  session: Session | null;
  login(username: string, password: string, code?: string): Promise<Me>;
  /** Starts a session from an answer that carries a token (sign-up answers like login). */
  adopt(answer: { access_token: string; user: Me }): Me;
  /** Replaces the token and keeps the user (two-factor confirmation answers a new token). */
  adoptToken(accessToken: string): void;
  /** Keeps what a fresh GET /api/auth/me said about the user. */
  updateUser(user: AccountMe): void;
  /** An API call answered 403 second_factor_enrolment_required: the user must set up two-factor. */
  enrolmentRequired: boolean;
  logout(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** The session an area stored (e.g. "gatepass.holder"), for pages outside its AuthProvider. */
export function storedSession(storageKey: string): Session | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** `account`: every app passes its namespace (without it, login tries both: tests only). */
export function AuthProvider({ storageKey, account, children }: { storageKey: string; account?: AccountKind; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => storedSession(storageKey));
  const [enrolmentRequired, setEnrolmentRequired] = useState(false);
  const store = useCallback((s: Session | null) => {
    if (s) sessionStorage.setItem(storageKey, JSON.stringify(s));
    else sessionStorage.removeItem(storageKey);
    setSession(s);
  }, [storageKey]);
  const logout = useCallback(() => {
    store(null);
    setEnrolmentRequired(false);
  }, [store]);
  useEffect(() => {
    setUnauthorizedHandler(logout);
    setEnrolmentRequiredHandler(() => setEnrolmentRequired(true));
    return () => {
      setUnauthorizedHandler(null);
      setEnrolmentRequiredHandler(null);
    };
  }, [logout]);
  const adopt = useCallback(
    (res: { access_token: string; user: Me }) => {
      store({ token: res.access_token, user: res.user });
      setEnrolmentRequired(false);
      return res.user;
    },
    [store],
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
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error("useAuth outside AuthProvider");
  return v;
}

export function useToken(): string {
  const { session } = useAuth();
  if (!session) throw new Error("not logged in");
  return session.token;
}
