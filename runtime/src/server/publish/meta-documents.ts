import {
  type AppModel,
  buildOpenApi,
  EMPTY_MODEL,
  type JsonSchema,
  type OpenApiDocument,
  recordSchema,
  type UiSchema,
  uiSchema,
} from "@loom/engine";
import type { Revision } from "../../store/revisions.ts";

export interface RevisionSummary {
  readonly id: number;
  readonly checksum: string;
}

/** What a form needs of one entity: its record schemas and their layout. */
export interface EntityForms {
  schema: { create: JsonSchema; update: JsonSchema; read: JsonSchema };
  uiSchema: UiSchema;
}

/** The body of GET /api/meta. */
export interface MetaDocument {
  revision: RevisionSummary | null;
  model: AppModel | null;
  entities: Record<string, EntityForms>;
}

export function metaDocument(revision: Revision | null): MetaDocument {
  return {
    revision: revision && summarize(revision),
    model: revision?.model ?? null,
    entities: revision ? entityForms(revision.model) : {},
  };
}

function entityForms(model: AppModel): Record<string, EntityForms> {
  const forms: Record<string, EntityForms> = {};
  for (const name of Object.keys(model.entities)) {
    forms[name] = {
      schema: {
        create: recordSchema(model, name, "create"),
        update: recordSchema(model, name, "update"),
        read: recordSchema(model, name, "read"),
      },
      uiSchema: uiSchema(model, name),
    };
  }
  return forms;
}

/** The OpenAPI document of the revision; before any revision, only the service routes. */
export function openApiDocument(revision: Revision | null): OpenApiDocument {
  return buildOpenApi(revision?.model ?? EMPTY_MODEL, {
    title: "Loom",
    version: revision ? String(revision.id) : "none",
  });
}

export function summarize(revision: Revision): RevisionSummary {
  return { id: revision.id, checksum: revision.checksum };
}
