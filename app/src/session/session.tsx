import type { AppModel } from "@loom/engine";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { ApiError, api, setUnauthenticatedHandler } from "../api/client.ts";
import type { MetaDocument, User } from "../api/types.ts";

/** Where the signed-in user stands: the app renders a page per state. */
export type SessionState =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "password-change"; user: User }
  | { status: "ready"; user: User; meta: MetaDocument; model: AppModel }
  | { status: "failed"; error: Error };

export interface Session {
  readonly state: SessionState;
  /** after a sign-in or password change: read who I am and the model again */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const Context = createContext<Session | null>(null);

async function load(): Promise<SessionState> {
  try {
    const { user } = await api<{ user: User }>("/api/auth/me");
    if (user.mustChangePassword) return { status: "password-change", user };
    const meta = await api<MetaDocument>("/api/meta");
    if (!meta.model) return { status: "failed", error: new Error("no metadata is installed") };
    return { status: "ready", user, meta, model: meta.model };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: "signed-out" };
    if (error instanceof ApiError && error.code === "password-change-required")
      return { status: "signed-out" };
    return { status: "failed", error: error as Error };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const refresh = useCallback(async () => setState(await load()), []);
  const signOut = useCallback(async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    setState({ status: "signed-out" });
  }, []);
  useEffect(() => {
    void refresh();
    // a session that ends (idle, signed out elsewhere) sends the user back to the sign-in page
    setUnauthenticatedHandler(() => setState({ status: "signed-out" }));
    return () => setUnauthenticatedHandler(undefined);
  }, [refresh]);
  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const found = useContext(Context);
  if (!found) throw new Error("useSession outside SessionProvider");
  return found;
}

/** The signed-in user and model; only for pages rendered in the "ready" state. */
export function useReady(): Extract<SessionState, { status: "ready" }> {
  const { state } = useSession();
  if (state.status !== "ready") throw new Error("the session is not ready");
  return state;
}
