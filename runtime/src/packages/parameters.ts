import {
  type AppModel,
  type Issue,
  joinPointer,
  type PackageParameter,
  type ParameterValue,
  parameterValueProblem,
  SYSTEM_SCHEMA,
} from "@loom/engine";
import type { Knex } from "knex";

const S = `"${SYSTEM_SCHEMA}"`;

export type ParameterValues = Readonly<Record<string, ParameterValue>>;

/** One declared parameter as IT sees it: where it comes from, whether this environment set it. */
export interface ParameterStatus {
  readonly name: string;
  readonly package: string;
  readonly type: PackageParameter["type"];
  readonly labels: PackageParameter["labels"];
  readonly description?: PackageParameter["description"];
  readonly secret: boolean;
  /** the package's default (never for a secret) */
  readonly default?: ParameterValue;
  /** `set`: the environment's own value; `default`: none set, the default applies; `missing`: neither */
  readonly source: "set" | "default" | "missing";
  /** the value in force; a secret's is never shown (`"********"` when set) */
  readonly value: ParameterValue | null;
}

const MASK = "********";

/** The environment's values as stored, by name (secrets included: for use, never for display). */
export async function storedParameterValues(conn: Knex): Promise<Map<string, ParameterValue>> {
  const rows = (await conn.raw(`SELECT "name", "value" FROM ${S}."parameter_values"`)).rows as {
    name: string;
    value: ParameterValue;
  }[];
  return new Map(rows.map((row) => [row.name, row.value]));
}

/** The value in force of every parameter `declared` that has one: the environment's, else the default. */
export function valuesInForce(
  declared: AppModel["parameters"],
  stored: ReadonlyMap<string, ParameterValue>,
): ParameterValues {
  const values: Record<string, ParameterValue> = {};
  for (const [name, parameter] of Object.entries(declared ?? {})) {
    const value = stored.get(name) ?? parameter.default;
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** The values the current revision's parameters have now: what a webhook reads when it is sent. */
export async function currentParameterValues(conn: Knex): Promise<ParameterValues> {
  const row = (
    await conn.raw(
      `SELECT "model"->'parameters' AS "parameters" FROM ${S}."revisions" ORDER BY "id" DESC LIMIT 1`,
    )
  ).rows[0] as { parameters: AppModel["parameters"] | null } | undefined;
  return valuesInForce(row?.parameters ?? {}, await storedParameterValues(conn));
}

export function parameterStatuses(
  declared: AppModel["parameters"],
  stored: ReadonlyMap<string, ParameterValue>,
): ParameterStatus[] {
  // by name: a model read back from jsonb has its keys in jsonb's order, not the manifest's
  const sorted = Object.entries(declared ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return sorted.map(([name, parameter]) => {
    const own = stored.get(name);
    const source =
      own !== undefined ? "set" : parameter.default !== undefined ? "default" : "missing";
    const value = own ?? parameter.default ?? null;
    return {
      name,
      package: parameter.package,
      type: parameter.type,
      labels: parameter.labels,
      ...(parameter.description && { description: parameter.description }),
      secret: parameter.secret,
      ...(parameter.default !== undefined && { default: parameter.default }),
      source,
      value: parameter.secret && value !== null ? MASK : value,
    };
  });
}

/**
 * A profile's values checked against the parameters `declared`: each must name a declared
 * parameter and be a value of its type. Issues point into the profile (`/parameters/<name>`).
 */
export function checkParameterValues(
  declared: AppModel["parameters"],
  given: Readonly<Record<string, unknown>>,
): { values: Record<string, ParameterValue>; issues: Issue[] } {
  const values: Record<string, ParameterValue> = {};
  const issues: Issue[] = [];
  const known = Object.keys(declared ?? {});
  for (const [name, value] of Object.entries(given)) {
    const path = joinPointer("/parameters", name);
    const parameter = declared && Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (!parameter) {
      issues.push({
        code: "unknown-parameter",
        path,
        message: `no package declares a parameter "${name}"${known.length > 0 ? ` (declared: ${known.join(", ")})` : ""}`,
      });
      continue;
    }
    const coerced = fromText(parameter.type, value);
    const problem = parameterValueProblem(parameter.type, coerced);
    if (problem) issues.push({ code: "parameter-value", path, message: `"${name}" ${problem}` });
    else values[name] = coerced as ParameterValue;
  }
  return { values, issues };
}

/**
 * Values typed on a command line or read from an environment variable are text: a number or
 * true/false written as text counts as one for a parameter of that type.
 */
function fromText(type: PackageParameter["type"], value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if ((type === "integer" || type === "decimal") && /^-?\d+(\.\d+)?$/.test(text))
    return Number(text);
  if (type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return value;
}

/** The parameters that would have no value: not stored, not given now, no default. */
export function missingParameters(
  declared: AppModel["parameters"],
  stored: ReadonlyMap<string, ParameterValue>,
  given: Readonly<Record<string, ParameterValue>>,
): string[] {
  return Object.entries(declared ?? {})
    .filter(
      ([name, parameter]) =>
        parameter.default === undefined && !stored.has(name) && !Object.hasOwn(given, name),
    )
    .map(([name]) => name);
}

/** Stores the environment's values (inside the caller's transaction). */
export async function writeParameterValues(
  conn: Knex,
  declared: AppModel["parameters"],
  values: Readonly<Record<string, ParameterValue>>,
  actor: string,
): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const parameter = declared?.[name];
    if (!parameter) continue;
    await conn.raw(
      `INSERT INTO ${S}."parameter_values" ("package", "name", "value", "updated_by")
       VALUES (?, ?, ?::jsonb, ?)
       ON CONFLICT ("package", "name") DO UPDATE SET
         "value" = excluded."value", "updated_at" = now(), "updated_by" = excluded."updated_by"`,
      [parameter.package, name, JSON.stringify(value), actor],
    );
  }
}
