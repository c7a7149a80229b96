import { api } from "@loom/app/api";
import type { FileChange, Issue, Layer } from "@loom/engine";
import type { FileChanges, Files } from "./design-context.ts";

/** GET /api/designer/draft (runtime/src/designer/README.md). */
export interface DraftView {
  readonly package: { readonly name: string; readonly layer: Layer; readonly installed: boolean };
  /** 0: nothing stored yet, the draft is the installed package */
  readonly version: number;
  readonly basedOn: number | null;
  readonly currentRevision: number | null;
  /** someone changed the package since the draft started: publishing would undo their change */
  readonly stale: boolean;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  readonly files: Files;
  readonly changes: readonly FileChange[];
  readonly issues: readonly Issue[];
  readonly packages: readonly {
    readonly name: string;
    readonly version: string;
    readonly layer: Layer;
    readonly files: Files;
  }[];
}

/** One migration step as the API shows it. */
export interface PlanStep {
  readonly kind: string;
  readonly description: string;
  readonly safety: "safe" | "data-losing";
  readonly sql: readonly string[];
}

export interface RowCheck {
  readonly stepNo: number;
  readonly step: string;
  readonly description: string;
  readonly count: number;
}

export interface Plan {
  readonly plan: { readonly steps: readonly PlanStep[]; readonly dataLosing: boolean };
  readonly checks: readonly RowCheck[];
  readonly unchanged: boolean;
}

/** POST /api/designer/draft/plan */
export interface DraftPlan extends Plan {
  readonly version: number;
  readonly changes: readonly FileChange[];
}

export interface RevisionSummary {
  readonly id: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly note: string | null;
  readonly packages: Readonly<Record<string, string>>;
  readonly steps: number;
  readonly dataLosing: boolean;
  readonly restorable: boolean;
}

/** A file a revision changed, with its text before and after (null: it was not there). */
export interface RevisionFileChange extends FileChange {
  readonly package: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface RevisionDetail {
  readonly revision: RevisionSummary;
  readonly previous: number | null;
  /** null: this revision or the one before did not keep their files */
  readonly changes: readonly RevisionFileChange[] | null;
}

/** What publishing or rolling back answers. */
export interface Applied {
  readonly revision: { readonly id: number };
  readonly unchanged?: boolean;
}

const DRAFT = "/api/designer/draft";

export const draftApi = {
  read: () => api<DraftView>(DRAFT),
  save: (version: number, changes: FileChanges) =>
    api<DraftView>(DRAFT, {
      method: "PUT",
      body: {
        version,
        changes: Object.entries(changes).map(([file, text]) => ({ file, text })),
      },
    }),
  discard: () => api<DraftView>(DRAFT, { method: "DELETE" }),
  plan: () => api<DraftPlan>(`${DRAFT}/plan`, { method: "POST" }),
  publish: (body: { version: number; allowDataLoss: boolean; note?: string }) =>
    api<Applied>(`${DRAFT}/publish`, { method: "POST", body }),
  revisions: () => api<{ data: RevisionSummary[] }>("/api/designer/revisions"),
  revision: (id: number) => api<RevisionDetail>(`/api/designer/revisions/${id}`),
  rollbackPlan: (id: number) =>
    api<Plan>(`/api/designer/revisions/${id}/rollback`, { method: "POST", body: { dryRun: true } }),
  rollback: (id: number, allowDataLoss: boolean) =>
    api<Applied>(`/api/designer/revisions/${id}/rollback`, {
      method: "POST",
      body: { allowDataLoss },
    }),
};
