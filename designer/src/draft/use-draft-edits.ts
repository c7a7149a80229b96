import { useCallback, useState } from "react";
import type { DesignContext } from "./design-context.ts";
import { useDraft } from "./draft-context.tsx";
import type { EditResult } from "./edit-result.ts";

export interface DraftEdits<Refusal> {
  /** what the edit functions read */
  readonly ctx: DesignContext;
  /** the last step's refusal, kept until a later step succeeds so the page can explain it */
  readonly refusal: Refusal | null;
  /** makes the step's changes in the draft at once, or keeps its refusal; true when made */
  readonly apply: (result: EditResult<Refusal>) => boolean;
}

/**
 * The shared core of the editors' edit hooks: every step is computed from the draft's
 * context and applied immediately, so each editor only names its own steps.
 */
export function useDraftEdits<Refusal>(): DraftEdits<Refusal> {
  const { ctx, session } = useDraft();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const apply = useCallback(
    (result: EditResult<Refusal>): boolean => {
      setRefusal(result.ok ? null : result.refusal);
      if (result.ok) session.edit(result.changes);
      return result.ok;
    },
    [session],
  );
  return { ctx, refusal, apply };
}
