import { LoomError } from "../errors.ts";
import { type Fragment, ident, join, sql } from "../expr/sql/fragment.ts";
import { type AppModel, DATA_SCHEMA } from "../model/app-model.ts";
import { isHidden, type ReportAccess, refusal, type SqlPart } from "./report-access.ts";
import { type DatasetEntity, type DatasetModel, PARENT } from "./report-dataset.ts";
import { type PathStep, resolveReportPath } from "./report-paths.ts";

/** A path read in the statement: the SQL of its column and the field it ends on. */
export interface ColumnRef {
  readonly sql: Fragment;
  readonly steps: readonly PathStep[];
}

/**
 * The FROM clause of a report: the root's table and one join per link path the report reads,
 * each made once however many dimensions, measures and filter terms cross it — LEFT JOINs, never
 * a subquery per row. A line root reaches its document (and a nested line its parents) with an
 * inner join on `parent_id`; the document is aliased `access.alias`, the name its row scope reads.
 * An entity reached through a link is joined as its read scope: a linked record the caller may
 * not read reads as absent (its fields null), as an expanded link does in the data API.
 * Every path is checked on the way: a hidden field is refused (`field-hidden`), an entity the
 * caller may not read (`forbidden`).
 */
export class ReportFrom {
  /** link path → alias, for the filter compiler (`SqlTarget.joins`) */
  readonly joins: Record<string, string> = {};
  private readonly clauses: Fragment[] = [];
  private count = 0;

  constructor(
    private readonly model: AppModel,
    private readonly dataset: DatasetModel,
    private readonly root: string,
    private readonly access: ReportAccess,
    /** the path from the root to its document (`parent.` for a line, `""` for a document) */
    private readonly documentPrefix: string,
    readonly rootAlias: string,
    private readonly now: Date,
  ) {}

  /** An entity of the dataset by name. */
  entity(name: string): DatasetEntity | undefined {
    return Object.hasOwn(this.dataset.entities, name) ? this.dataset.entities[name] : undefined;
  }

  /** The SQL of a path's column, joining what it crosses; `pointer` names it in a refusal. */
  column(path: string, pointer: string): ColumnRef {
    const resolved = resolveReportPath(this.dataset, this.root, path);
    // checkReport has resolved every path of a stored report; a preview is checked first too
    if (!resolved.ok)
      throw new LoomError("invalid-report", resolved.message, [
        { code: "unknown-field", message: resolved.message, path: pointer },
      ]);
    this.checkVisible(resolved.steps, path, pointer);
    const segments = path.split(".");
    let alias = this.rootAlias;
    resolved.steps.slice(0, -1).forEach((step, i) => {
      alias = this.joinStep(segments.slice(0, i + 1).join("."), alias, step, pointer);
    });
    const last = resolved.steps.at(-1)!;
    return { sql: sql`${ident(alias)}.${ident(last.field.column!)}`, steps: resolved.steps };
  }

  /** Joins the link prefixes of a path read by the filter (the compiler then reads their aliases). */
  prepare(path: string, pointer: string): void {
    const resolved = resolveReportPath(this.dataset, this.root, path);
    if (resolved.ok) this.column(path, pointer);
  }

  /** `FROM <root> <joins>`. */
  fromClause(): Fragment {
    const entity = this.dataset.entities[this.root]!;
    const table: Fragment = entity.source
      ? entity.source(this.now)
      : sql`${ident(DATA_SCHEMA)}.${ident(entity.table)}`;
    return join([sql`${table} ${ident(this.rootAlias)}`, ...this.clauses], " ");
  }

  private joinStep(prefix: string, from: string, step: PathStep, pointer: string): string {
    const known = this.joins[prefix];
    if (known) return known;
    const target = step.field.target!;
    const isParent = step.field.name === PARENT && step.entity.parent === target;
    const alias =
      isParent && `${prefix}.` === this.documentPrefix ? this.access.alias : `j${++this.count}`;
    const table = sql`${ident(DATA_SCHEMA)}.${ident(this.dataset.entities[target]!.table)}`;
    const on = sql`${ident(alias)}."id" = ${ident(from)}.${ident(step.field.column!)}`;
    if (isParent) this.clauses.push(sql`JOIN ${table} ${ident(alias)} ON ${on}`);
    else {
      const source = this.readable(target);
      if (source === null)
        throw refusal(
          "forbidden",
          `your roles do not allow read on ${target}, which "${prefix}" links to (permission ${target}.read)`,
          pointer,
          `${target}.read`,
        );
      this.clauses.push(sql`LEFT JOIN ${source} ${ident(alias)} ON ${on}`);
    }
    this.joins[prefix] = alias;
    return alias;
  }

  /** The rows of an entity the caller may read, as a FROM item (null: none). */
  readable(entity: string): Fragment | null {
    const table = sql`${ident(DATA_SCHEMA)}.${ident(this.dataset.entities[entity]!.table)}`;
    const scope = this.access.scope(entity, "read");
    if (scope === null) return null;
    return scope === undefined ? table : scoped(table, this.access.alias, scope);
  }

  /**
   * Where a link dimension's title comes from: the target as the caller may read it and its
   * title column; undefined when the caller may not read the target or its title (the id stays).
   */
  titleSource(target: string | undefined): { source: Fragment; column: string } | undefined {
    const entity = target === undefined ? undefined : this.entity(target);
    const title = entity?.fields.find((f) => f.name === entity.titleField);
    if (!entity || !title?.column || isHidden(this.model, this.access, { entity, field: title }))
      return undefined;
    const source = this.readable(entity.name);
    return source === null ? undefined : { source, column: title.column };
  }

  private checkVisible(steps: readonly PathStep[], path: string, pointer: string): void {
    for (const step of steps)
      if (isHidden(this.model, this.access, step))
        throw refusal(
          "field-hidden",
          `"${path}" reads ${step.entity.name}.${step.field.name}, a field hidden to your roles: a report can neither show, group, sum nor filter by it`,
          pointer,
        );
  }
}

/** The rows of a table the caller may read, as a subquery standing for the table. */
function scoped(table: Fragment, alias: string, scope: SqlPart): Fragment {
  return {
    text: `(SELECT * FROM ${table.text} ${ident(alias).text} WHERE ${scope.sql})`,
    params: [...table.params, ...scope.params],
  };
}
