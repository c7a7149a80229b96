import type { Entity } from "@loom/engine";
import { useEffect } from "react";
import type { JsonRecord } from "../api/types.ts";
import { useLanguage } from "../i18n/language.tsx";
import { Loading } from "../layout/loading.tsx";
import { fieldOf } from "../meta/lookups.ts";
import { Link, paths } from "../router/router.tsx";
import { useReady } from "../session/session.tsx";
import { SkeletonRows } from "./skeleton-rows.tsx";
import { useFormatter } from "./use-formatter.ts";

const NUMERIC = new Set(["integer", "decimal", "money", "percent"]);
/** System columns a view may show, labelled like the engine's record schemas. */
const SYSTEM_LABELS: Readonly<Record<string, { en: string; "zh-CN": string }>> = {
  created_at: { en: "Created At", "zh-CN": "创建时间" },
  updated_at: { en: "Updated At", "zh-CN": "更新时间" },
  created_by: { en: "Created By", "zh-CN": "创建人" },
  updated_by: { en: "Updated By", "zh-CN": "更新人" },
  version: { en: "Version", "zh-CN": "版本" },
  id: { en: "ID", "zh-CN": "ID" },
};

export interface ListTableProps {
  entity: Entity;
  columns: readonly string[];
  rows: readonly JsonRecord[];
  sort: readonly { field: string; desc: boolean }[];
  loading: boolean;
  empty: string;
  onSort(field: string): void;
}

/**
 * The rows of a list page: headers sort, the first column is a link that opens the record (Enter
 * on it, from the keyboard). Until the first rows come, skeleton rows keep the table's shape.
 */
export function ListTable({ entity, columns, rows, sort, loading, empty, onSort }: ListTableProps) {
  const { model } = useReady();
  const { t, label } = useLanguage();
  const format = useFormatter(model);
  useEffect(() => {
    // what bench/app measures: the list's first rows on screen
    if (rows.length > 0 && !performance.getEntriesByName("loom:list-rows").length)
      performance.mark("loom:list-rows");
  }, [rows]);
  return (
    <div className="table-wrap" aria-busy={loading}>
      <table className={loading ? "list loading" : "list"}>
        <thead>
          <tr>
            {columns.map((name) => {
              const field = fieldOf(entity, name);
              const sorted = sort[0]?.field === name ? sort[0] : undefined;
              return (
                <th
                  key={name}
                  scope="col"
                  className={field && NUMERIC.has(field.type) ? "numeric" : undefined}
                  aria-sort={sorted ? (sorted.desc ? "descending" : "ascending") : undefined}
                >
                  <button type="button" className="sort" onClick={() => onSort(name)}>
                    {label(field?.labels ?? SYSTEM_LABELS[name], name)}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted ? (sorted.desc ? " ▼" : " ▲") : ""}
                    </span>
                    {sorted && (
                      <span className="visually-hidden">
                        {sorted.desc ? t("sortDescending") : t("sortAscending")}
                      </span>
                    )}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id as string}>
              {columns.map((name, i) => {
                const field = fieldOf(entity, name);
                const text = format(field, row[name]);
                return (
                  <td
                    key={name}
                    className={field && NUMERIC.has(field.type) ? "numeric" : undefined}
                  >
                    {i === 0 ? (
                      <Link to={paths.record(entity.name, row.id as string)}>
                        {text === "" ? "—" : text}
                      </Link>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {loading && rows.length === 0 && <SkeletonRows columns={columns.length} />}
      {loading && <Loading look="unseen" />}
      {!loading && rows.length === 0 && <p className="empty-state">{empty}</p>}
    </div>
  );
}
