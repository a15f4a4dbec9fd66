import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api } from "../../api/client";
import { must } from "../../api/outcome";
import { asProblem } from "../../api/problem";
import { can, type Me, moderatedGroupIds } from "./permissions";
import { staffSession } from "./staffSession";

type AuthState =
  | { status: "checking" }
  | { status: "unreachable" }
  | { status: "anonymous"; reason?: "logged-out" | "expired" }
  | { status: "ready"; me: Me; groupNames: Record<string, string>; devMails: boolean };

type AuthApi = {
  state: AuthState;
  /** Logs in; throws the Problem when refused. */
  logIn: (email: string, password: string) => Promise<void>;
  logOut: () => Promise<void>;
  /** Asks the server again after it could not be reached. */
  retry: () => void;
};

const AuthContext = createContext<AuthApi | null>(null);

/** What the console needs to know about the person besides /me: their groups' names, the mail viewer. */
async function loadPerson(): Promise<Extract<AuthState, { status: "ready" }>> {
  const me = await must(api.GET("/api/v1/me"));
  const groupNames: Record<string, string> = {};
  await Promise.all(
    moderatedGroupIds(me).map(async (groupId) => {
      const { data } = await api.GET("/api/v1/staff/groups/{group_id}", { params: { path: { group_id: groupId } } });
      if (data) groupNames[groupId] = data.name;
    }),
  );
  // The captured mails exist only in development; asking once tells whether to offer them.
  let devMails = false;
  if (can(me, "organization:manage")) {
    const { response } = await api.GET("/api/v1/dev/mails", { params: { query: { limit: 1 } } });
    devMails = response.ok;
  }
  return { status: "ready", me, groupNames, devMails };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() =>
    staffSession.isLoggedIn() ? { status: "checking" } : { status: "anonymous" },
  );

  // After a reload the tokens are still in the tab; a server that is away does not end the login.
  const resume = useCallback(async () => {
    setState({ status: "checking" });
    try {
      setState(await loadPerson());
    } catch (error) {
      if (asProblem(error).status === 401) {
        staffSession.end();
        setState({ status: "anonymous", reason: "expired" });
      } else {
        setState({ status: "unreachable" });
      }
    }
  }, []);

  useEffect(() => {
    // A refresh that was refused ends the login in every part of the console at once.
    const stop = staffSession.onChange((loggedIn) => {
      if (!loggedIn) setState((current) => (current.status === "anonymous" ? current : { status: "anonymous", reason: "expired" }));
    });
    if (staffSession.isLoggedIn()) void resume();
    return stop;
  }, [resume]);

  const logIn = useCallback(async (email: string, password: string) => {
    const pair = await must(api.POST("/api/v1/auth/token", { body: { email, password } }));
    staffSession.start(pair);
    try {
      setState(await loadPerson());
    } catch (error) {
      staffSession.end();
      throw error;
    }
  }, []);

  const logOut = useCallback(async () => {
    const refreshToken = staffSession.refreshToken;
    setState({ status: "anonymous", reason: "logged-out" });
    staffSession.end();
    // Ends the login on the server too, so a copied refresh token is worthless. Failing is harmless here.
    if (refreshToken) await api.POST("/api/v1/auth/logout", { body: { refresh_token: refreshToken } }).catch(() => undefined);
  }, []);

  const retry = useCallback(() => void resume(), [resume]);
  const value = useMemo(() => ({ state, logIn, logOut, retry }), [state, logIn, logOut, retry]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}

/** The logged-in person; only inside the pages behind RequireLogin. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== "ready") throw new Error("useMe without a login");
  return state.me;
}
