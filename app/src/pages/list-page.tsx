import type { Entity, JsonLogic, View } from "@loom/engine";
import { useEffect, useMemo, useState } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { PageTitle } from "../layout/page-title.tsx";
import { DrillChip, drillWhere } from "../list/drill-filter.tsx";
import { ExportButton } from "../list/export-button.tsx";
import { FilterBuilder } from "../list/filter-builder.tsx";
import type { FilterCondition } from "../list/filter-conditions.ts";
import { ListTable } from "../list/list-table.tsx";
import { useListPage } from "../list/use-list-page.ts";
import { listWhere } from "../list/where.ts";
import { fieldOf } from "../meta/lookups.ts";
import { accessTo } from "../meta/permissions.ts";
import { Link, paths, useLocation } from "../router/router.tsx";
import { useReady } from "../session/session.tsx";
import { NotFoundPage } from "./not-found-page.tsx";

const DEFAULT_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

/** The list of a view (by name); an unknown view or one of an unreadable entity is not found. */
export function ListPage({ viewName }: { viewName: string }) {
  const { model } = useReady();
  const { search } = useLocation();
  const view = model.views[viewName];
  const entity = view ? model.entities[view.entity] : undefined;
  const narrowed = useMemo(() => drillWhere(search), [search]);
  const what = new URLSearchParams(search).get("what");
  if (!view || !entity) return <NotFoundPage />;
  // a new view (or another report's narrowing) starts afresh: its own sort, no search, page one
  return (
    <ViewList
      key={`${view.name} ${JSON.stringify(narrowed)}`}
      view={view}
      entity={entity}
      narrowed={narrowed}
      what={what}
    />
  );
}

/**
 * A view's records: sortable columns, quick search, keyset paging forward and back; `narrowed`
 * is a report's drill-down filter from the address (null: one that is not JSON, ignored).
 */
function ViewList({
  view,
  entity,
  narrowed,
  what,
}: {
  view: View;
  entity: Entity;
  narrowed: JsonLogic | undefined | null;
  what: string | null;
}) {
  const { model, user } = useReady();
  const { t, label } = useLanguage();
  const [sort, setSort] = useState(view.sort);
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const [conditions, setConditions] = useState<readonly FilterCondition[]>([]);
  // the cursor of every page up to the current one (null: the first page)
  const [cursors, setCursors] = useState<(string | null)[]>([null]);

  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => {
      setSearch(typed);
      setCursors([null]);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, search]);

  const { columns } = view;
  const expand = useMemo(
    () =>
      columns.filter((name) => {
        const field = fieldOf(entity, name);
        return (
          field?.type === "link" && field.target !== undefined && !!model.entities[field.target]
        );
      }),
    [entity, columns, model],
  );
  const where = useMemo(
    () =>
      listWhere(
        model,
        entity,
        view.filter,
        view.quickSearch,
        search,
        conditions,
        narrowed ?? undefined,
      ),
    [model, entity, view, search, conditions, narrowed],
  );
  const limit = view.pageSize ?? DEFAULT_PAGE_SIZE;
  const state = useListPage({
    entity,
    columns,
    sort,
    where,
    limit,
    cursor: cursors.at(-1) ?? null,
    expand,
  });

  const access = accessTo(model, user.roles, entity.name);
  const page =
    state.status === "ready" ? state.page : state.status === "loading" ? state.previous : null;
  const pageIndex = cursors.length - 1;
  const from = pageIndex * limit + 1;
  const rows = page?.data ?? [];
  const loading = state.status === "loading";
  const noPrevious = pageIndex === 0 || loading;
  const noNext = !page?.nextCursor || loading;
  const searchLabels = view.quickSearch
    .map((name) => label(fieldOf(entity, name)?.labels, name))
    .join(" / ");

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <PageTitle>{label(view.labels, view.name)}</PageTitle>
        <div className="toolbar">
          {view.quickSearch.length > 0 && (
            <input
              type="search"
              className="search"
              aria-label={t("search")}
              placeholder={t("searchIn", { fields: searchLabels })}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          )}
          {access.may("export") && <ExportButton request={{ entity, columns, sort, where }} />}
          {access.may("create") && (
            <Link className="button primary" to={paths.record(entity.name, null)}>
              {t("newRecord")}
            </Link>
          )}
        </div>
      </header>
      {narrowed !== undefined && (
        <DrillChip where={narrowed} what={what} listPath={paths.list(view.name)} />
      )}
      <FilterBuilder
        entity={entity}
        columns={columns}
        onApply={(applied) => {
          setConditions(applied);
          setCursors([null]);
        }}
      />
      {state.status === "failed" ? (
        <p role="alert" className="error-box">
          {t("error", { message: state.error.message })}
        </p>
      ) : (
        <ListTable
          entity={entity}
          columns={columns}
          rows={rows}
          sort={sort}
          loading={loading}
          empty={
            search.trim() === "" && conditions.length === 0 && narrowed === undefined
              ? t("empty")
              : t("noMatches")
          }
          onSort={(field) => {
            const current = sort[0];
            setSort([{ field, desc: current?.field === field ? !current.desc : false }]);
            setCursors([null]);
          }}
        />
      )}
      <footer className="pager">
        <span aria-live="polite">
          {rows.length > 0 &&
            (page?.count !== undefined
              ? t("rowsOf", {
                  from,
                  to: from + rows.length - 1,
                  count: page.count.toLocaleString(),
                })
              : t("rowsFrom", { from, to: from + rows.length - 1 }))}
        </span>
        {/* aria-disabled, not disabled: a disabled button drops the focus, and whoever pages
            with the keyboard must stay on the button to press it again */}
        <button
          type="button"
          className="button"
          aria-disabled={noPrevious}
          onClick={() => {
            if (!noPrevious) setCursors((all) => all.slice(0, -1));
          }}
        >
          {t("previous")}
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={noNext}
          onClick={() => {
            const next = page?.nextCursor;
            if (!noNext && next) setCursors((all) => [...all, next]);
          }}
        >
          {t("next")}
        </button>
      </footer>
    </section>
  );
}
