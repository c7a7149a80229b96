import type { AppModel, JsonLogic, Labels } from "@loom/engine";

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

/** A form as the engine compiles it (see the engine's forms): tabs of sections of fields. */
export interface Form {
  readonly entity: string;
  readonly labels?: Labels;
  readonly tabs: readonly FormTab[];
  readonly tables: Readonly<Record<string, { readonly columns: readonly string[] }>>;
}

export interface FormTab {
  readonly id: string;
  readonly labels: Labels;
  readonly sections: readonly FormSection[];
}

export interface FormSection {
  readonly id: string;
  readonly labels?: Labels;
  readonly columns: 1 | 2 | 3;
  readonly fields: readonly FormField[];
}

export interface FormField {
  readonly field: string;
  readonly widget?: string;
  readonly placeholder?: Labels;
}

/** A list of an entity's records: columns, default sort and filter, quick-search fields. */
export interface View {
  readonly name: string;
  readonly entity: string;
  readonly labels: Labels;
  readonly columns: readonly string[];
  readonly sort: readonly { readonly field: string; readonly desc: boolean }[];
  readonly filter?: JsonLogic;
  readonly quickSearch: readonly string[];
  readonly pageSize?: number;
}

export type MenuItem = { readonly view: string } | { readonly entity: string };

export interface Menu {
  readonly modules: readonly {
    readonly id: string;
    readonly labels: Labels;
    readonly icon?: string;
    readonly items: readonly MenuItem[];
  }[];
}

/**
 * The compiled model as /api/meta gives it. Forms, views and the menu may be missing from an
 * older server: the app then derives defaults from the entities (meta/defaults.ts).
 */
export type UiModel = Omit<AppModel, "forms" | "views" | "menu"> & {
  readonly forms?: Readonly<Record<string, Form>>;
  readonly views?: Readonly<Record<string, View>>;
  readonly menu?: Menu;
};

/** A JSON Schema as /api/meta serves it (2020-12 subset, with `x-labels` annotations). */
export type Schema = Record<string, unknown>;

export interface MetaDocument {
  readonly revision: { readonly id: number; readonly checksum: string } | null;
  readonly model: UiModel | null;
  readonly entities: Readonly<
    Record<
      string,
      {
        readonly schema: {
          readonly create: Schema;
          readonly update: Schema;
          readonly read: Schema;
        };
        readonly uiSchema: Schema;
      }
    >
  >;
}

export interface ListPage {
  readonly data: JsonRecord[];
  readonly nextCursor: string | null;
  readonly count?: number;
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
