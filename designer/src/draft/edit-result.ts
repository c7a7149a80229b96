import type { FileChanges } from "./design-context.ts";

/**
 * What an editor's step returns: the file changes to make, or why it cannot be made. One type for
 * every editor so the shared hook (use-draft-edits.ts) applies any of them.
 */
export type EditResult<Refusal> =
  | { readonly ok: true; readonly changes: FileChanges }
  | { readonly ok: false; readonly refusal: Refusal };
