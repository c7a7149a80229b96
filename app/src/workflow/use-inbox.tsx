import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { api } from "../api/client.ts";
import type { InboxTask } from "../api/types.ts";
import { useLocation } from "../router/router.tsx";

interface Inbox {
  /** null until read */
  readonly tasks: InboxTask[] | null;
  readonly error: Error | null;
  refresh(): void;
}

const Context = createContext<Inbox | null>(null);

/**
 * My open tasks, shared by the navigation (the count) and the inbox page; read again on every
 * page change, so an approval taken elsewhere in the app shows at once.
 */
export function InboxProvider({ children }: { children: ReactNode }) {
  const [tasks, setTasks] = useState<InboxTask[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [round, setRound] = useState(0);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page change or `round` re-reads
  useEffect(() => {
    let live = true;
    api<{ data: InboxTask[] }>("/api/workflow/tasks").then(
      (answer) => {
        if (!live) return;
        setTasks(answer.data);
        setError(null);
      },
      (caught: Error) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [pathname, round]);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  const value = useMemo(() => ({ tasks, error, refresh }), [tasks, error, refresh]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useInbox(): Inbox {
  const found = useContext(Context);
  if (!found) throw new Error("useInbox outside InboxProvider");
  return found;
}
