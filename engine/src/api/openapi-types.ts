import type { JsonSchema } from "./json-schema.ts";

/** The parts of an OpenAPI 3.1 document `buildOpenApi` writes. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description?: string };
  tags: OpenApiTag[];
  /** who may call an operation when it does not say: any one of these credentials */
  security: SecurityRequirement[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, Response>;
    securitySchemes: Record<string, SecurityScheme>;
  };
}

/** A credential an operation accepts: a scheme of `components.securitySchemes` → its scopes (none). */
export type SecurityRequirement = Record<string, readonly string[]>;

export type SecurityScheme =
  | { type: "http"; scheme: "bearer"; bearerFormat?: string; description: string }
  | { type: "apiKey"; in: "cookie" | "header" | "query"; name: string; description: string };

export interface OpenApiTag {
  name: string;
  description?: string;
  [extension: `x-${string}`]: unknown;
}

export interface Reference {
  $ref: string;
}

export interface Parameter {
  name: string;
  in: "query" | "path" | "header";
  description: string;
  required?: boolean;
  schema: JsonSchema;
  style?: "form";
  explode?: boolean;
  example?: unknown;
}

export type HttpMethod = "get" | "put" | "post" | "patch" | "delete";

export type PathItem = Partial<Record<HttpMethod, Operation>>;

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `[]` for an operation anyone may call; absent: the document's `security` */
  security?: SecurityRequirement[];
  parameters?: (Parameter | Reference)[];
  requestBody?: RequestBody;
  responses: Record<string, Response | Reference>;
}

export interface RequestBody {
  required: boolean;
  description?: string;
  content: Record<string, MediaType>;
}

export interface MediaType {
  schema: JsonSchema;
}

export interface Response {
  description: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}

export interface Header {
  description: string;
  schema: JsonSchema;
}
