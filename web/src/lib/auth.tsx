// Session login for one area of the app (admin or scanner): the token lives in sessionStorage
// (gone when the tab closes), and any 401 from the API logs out and shows the login screen.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { apiPost, setUnauthorizedHandler } from "./api-client";
import type { Me } from "./types";

interface Session { token: string; user: Me }
interface AuthValue {
  session: Session | null;
  login(username: string, password: string): Promise<Me>;
  /** Starts a session from an answer that carries a token (sign-up answers like login). */
  adopt(answer: { access_token: string; user: Me }): Me;
  logout(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ storageKey, children }: { storageKey: string; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    try {
      const raw = sessionStorage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  });
  const logout = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setSession(null);
  }, [storageKey]);
  useEffect(() => {
    setUnauthorizedHandler(logout);
    return () => setUnauthorizedHandler(null);
  }, [logout]);
  const adopt = useCallback(
    (res: { access_token: string; user: Me }) => {
      const s = { token: res.access_token, user: res.user };
      sessionStorage.setItem(storageKey, JSON.stringify(s));
      setSession(s);
      return res.user;
    },
    [storageKey],
  );
  const login = useCallback(
    async (username: string, password: string) =>
      adopt(await apiPost("/api/auth/login", { body: { username, password } })),
    [adopt],
  );
  const value = useMemo(() => ({ session, login, adopt, logout }), [session, login, adopt, logout]);
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
