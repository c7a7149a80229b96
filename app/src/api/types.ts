import type { AppModel, Labels, UiSchema } from "@loom/engine";

/** A record as the data API reads it: system columns, fields, lines under their table fields. */
export type JsonRecord = Record<string, unknown>;

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string | null;
  readonly roles: readonly string[];
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly mustChangePassword: boolean;
}

/** A JSON Schema as /api/meta serves it (2020-12 subset, with `x-labels` annotations). */
export type Schema = Record<string, unknown>;

export interface MetaDocument {
  readonly revision: { readonly id: number; readonly checksum: string } | null;
  readonly model: AppModel | null;
  readonly entities: Readonly<
    Record<
      string,
      {
        readonly schema: {
          readonly create: Schema;
          readonly update: Schema;
          readonly read: Schema;
        };
        readonly uiSchema: UiSchema;
      }
    >
  >;
}

export interface ListPage {
  readonly data: JsonRecord[];
  readonly nextCursor: string | null;
  readonly count?: number;
}

/** An audit entry of GET /api/data/:entity/:id/history (newest first). */
export interface AuditEntry {
  readonly id: number;
  readonly action: string;
  readonly actor: string | null;
  readonly at: string;
  readonly version: number | null;
  /** field → `{ before?, after? }`; a table field's lines as `{ added, removed, changed }` */
  readonly changes: unknown;
}

export interface HistoryEntry {
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly actor: string | null;
  readonly comment: string | null;
  readonly at: string;
}

export interface WorkflowStatus {
  readonly workflow: string;
  readonly node: { readonly id: string; readonly type: string; readonly labels: Labels };
  readonly requester: string | null;
  readonly editable: readonly string[];
  readonly tasks: readonly { id: number; assignee: string; dueAt: string | null }[];
  readonly actions: readonly string[];
  readonly history?: readonly HistoryEntry[];
}

export interface InboxTask {
  readonly id: number;
  readonly entity: string;
  readonly recordId: string;
  readonly title: unknown;
  readonly node: string;
  readonly nodeLabels: Labels | null;
  readonly requester: string | null;
  readonly createdAt: string;
  readonly dueAt: string | null;
  readonly escalated: boolean;
}
