import type { AppModel, Issue, LoadedPackage } from "@loom/engine";
import {
  createContext,
  type ReactNode,
  useContext,
  useDeferredValue,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from "react";
import { compileDraft, loadBases } from "./check-draft.ts";
import {
  type BasePackage,
  basePackages,
  type DesignContext,
  designContext,
} from "./design-context.ts";
import type { DraftView } from "./draft-api.ts";
import type { DraftSession, DraftSessionState } from "./draft-session.ts";

export interface Draft {
  readonly session: DraftSession;
  readonly state: DraftSessionState;
  /** what the edit functions read: the local files and the packages they build on */
  readonly ctx: DesignContext;
  /** every issue the engine finds in the local files, checked as they change */
  readonly issues: readonly Issue[];
  /** the model the local files compile to with the packages they build on; absent with issues */
  readonly model: AppModel | undefined;
}

const Context = createContext<Draft | null>(null);

/** The packages the draft builds on, read and loaded once per set of installed versions. */
function useBases(view: DraftView): { read: BasePackage[]; loaded: LoadedPackage[] } {
  const key = view.packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the packages change only with their versions
  return useMemo(
    () => ({ read: basePackages(view.packages), loaded: loadBases(view.packages) }),
    [key],
  );
}

export function DraftProvider({
  session,
  children,
}: {
  session: DraftSession;
  children: ReactNode;
}) {
  const state = useSyncExternalStore(session.subscribe, () => session.state);
  useEffect(() => () => session.dispose(), [session]);
  const bases = useBases(state.view);
  const { view, files } = state;
  const ctx = useMemo(
    () =>
      designContext(
        {
          name: view.package.name,
          saved: view.files,
          added: view.changes.filter((c) => c.change === "added").map((c) => c.file),
        },
        files,
        bases.read,
      ),
    [view, files, bases],
  );
  // checking takes a few milliseconds: typing stays ahead of it, the problems follow
  const checked = useDeferredValue(files);
  const { issues, model } = useMemo(
    () => compileDraft(view.package.name, checked, bases.loaded),
    [view.package.name, checked, bases],
  );
  const value = useMemo(
    () => ({ session, state, ctx, issues, model }),
    [session, state, ctx, issues, model],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useDraft(): Draft {
  const found = useContext(Context);
  if (!found) throw new Error("useDraft outside DraftProvider");
  return found;
}
