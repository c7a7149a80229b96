import { useLanguage } from "@loom/app/i18n";
import { useWords } from "../i18n/words.ts";
import { dragItem, useDropList } from "./drag-list.ts";
import type { OutlineTable } from "./form-outline.ts";
import type { FormEdits } from "./use-form-edits.ts";

/** The columns of each grid of lines, in order: dragged or moved by buttons, added, removed. */
export function TableColumns({
  tables,
  edits,
}: {
  tables: readonly OutlineTable[];
  edits: FormEdits;
}) {
  const { w } = useWords();
  if (tables.length === 0) return null;
  return (
    <section className="grid-columns" aria-labelledby="grid-columns-title">
      <h2 id="grid-columns-title">{w("linesTitle")}</h2>
      {tables.map((table) => (
        <GridColumns key={table.path} table={table} edits={edits} />
      ))}
    </section>
  );
}

function GridColumns({ table, edits }: { table: OutlineTable; edits: FormEdits }) {
  const { w } = useWords();
  const { label } = useLanguage();
  const names = table.columns.map((column) => column.name);
  const title = `${label(table.labels, table.path)} (${table.path})`;
  /** the columns with `name` put before `before` (null: last) */
  const moved = (name: string, before: string | null) => {
    const rest = names.filter((n) => n !== name);
    const at = before === null ? -1 : rest.indexOf(before);
    return at < 0 ? [...rest, name] : [...rest.slice(0, at), name, ...rest.slice(at)];
  };
  const drop = useDropList("column", (name, spot) => {
    if (names.includes(name)) edits.columns(table.path, moved(name, spot.before));
  });
  return (
    <div className="grid-table" data-table={table.path}>
      <h3>{title}</h3>
      {!table.laidOut && <p className="hint">{w("linesDefault")}</p>}
      <ol className={drop.spot?.before === null ? "columns drop-end" : "columns"} {...drop.props}>
        {table.columns.map((column, i) => {
          const focus = (what: string) => `${what}:${table.path}:${column.name}`;
          const after = names[i + 2] ?? null;
          return (
            <li
              key={column.name}
              className={drop.spot?.before === column.name ? "column drop-before" : "column"}
              {...dragItem("column", column.name)}
            >
              <span className="drag-handle" aria-hidden="true">
                ⠿
              </span>
              <span className="form-field-name">
                {column.field ? label(column.field.labels, column.name) : column.name}{" "}
                <code>{column.name}</code>
              </span>
              <span className="form-tools">
                <button
                  type="button"
                  className="icon-button"
                  data-focus={focus("up")}
                  aria-label={w("columnUp", { column: column.name, table: table.path })}
                  aria-disabled={i === 0}
                  onClick={() =>
                    i > 0 &&
                    edits.columns(table.path, moved(column.name, names[i - 1]!), focus("up"))
                  }
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  data-focus={focus("down")}
                  aria-label={w("columnDown", { column: column.name, table: table.path })}
                  aria-disabled={i === names.length - 1}
                  onClick={() =>
                    i < names.length - 1 &&
                    edits.columns(table.path, moved(column.name, after), focus("down"))
                  }
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={w("removeColumn", { column: column.name, table: table.path })}
                  aria-disabled={names.length === 1}
                  onClick={() =>
                    names.length > 1 &&
                    edits.columns(
                      table.path,
                      names.filter((n) => n !== column.name),
                    )
                  }
                >
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {table.available.length > 0 && (
        <select
          aria-label={w("addColumn", { table: table.path })}
          value=""
          onChange={(event) => edits.columns(table.path, [...names, event.target.value])}
        >
          <option value="" disabled>
            + {w("chooseColumn")}
          </option>
          {table.available.map((field) => (
            <option key={field.name} value={field.name}>
              {label(field.labels, field.name)} ({field.name})
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
