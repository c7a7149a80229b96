import { type AppModel, SEARCHABLE_TYPES } from "@loom/engine";
import { api, query } from "../api/client.ts";
import type { JsonRecord, ListPage } from "../api/types.ts";

/**
 * The titles of linked records the form shows instead of their ids: filled from the record's
 * `expand`, from picked search results, and looked up once for any other id.
 */
export class LinkTitles {
  readonly #titles = new Map<string, string>();
  readonly #pending = new Map<string, Promise<string>>();
  readonly #model: AppModel;
  constructor(model: AppModel) {
    this.#model = model;
  }

  /** the target's title field, or undefined when the user may not read the target */
  titleField(target: string): string | undefined {
    return this.#model.entities[target]?.titleField;
  }

  known(target: string, id: string): string | undefined {
    return this.#titles.get(`${target}/${id}`);
  }

  remember(target: string, record: JsonRecord): void {
    const field = this.titleField(target);
    const title = field === undefined ? undefined : record[field];
    if (typeof record.id === "string")
      this.#titles.set(`${target}/${record.id}`, title == null ? record.id : String(title));
  }

  /** the title of one record, read once however many fields ask */
  async lookUp(target: string, id: string): Promise<string> {
    const known = this.known(target, id);
    if (known !== undefined) return known;
    const key = `${target}/${id}`;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = api<JsonRecord>(`/api/data/${target}/${id}`).then(
        (record) => {
          this.remember(target, record);
          return this.known(target, id) ?? id;
        },
        () => id,
      );
      this.#pending.set(key, pending);
    }
    return pending;
  }

  /** records of `target` whose title contains `text`, by title */
  async search(target: string, text: string, signal: AbortSignal): Promise<JsonRecord[]> {
    const field = this.titleField(target);
    if (field === undefined) return [];
    const needle = text.trim();
    const type = this.#model.entities[target]?.fields.find((f) => f.name === field)?.type;
    const searchable = needle !== "" && type !== undefined && SEARCHABLE_TYPES.includes(type);
    const page = await api<ListPage>(
      `/api/data/${target}${query({
        fields: field,
        sort: field,
        limit: 20,
        where: searchable ? JSON.stringify({ in: [needle, { var: field }] }) : undefined,
      })}`,
      { signal },
    );
    for (const record of page.data) this.remember(target, record);
    return page.data;
  }
}

/**
 * The record with its expanded links (`{ id, title… }`) replaced by their ids, the titles kept in
 * `titles`; lines are walked one level down.
 */
export function collapseLinks(
  record: JsonRecord,
  links: readonly { path: string; target: string }[],
  titles: LinkTitles,
): JsonRecord {
  const out: JsonRecord = { ...record };
  for (const { path, target } of links) {
    const [first, second] = path.split(".");
    if (second === undefined) out[first!] = collapse(out[first!], target, titles);
    else if (Array.isArray(out[first!]))
      out[first!] = (out[first!] as JsonRecord[]).map((line) => ({
        ...line,
        [second]: collapse(line[second], target, titles),
      }));
  }
  return out;
}

function collapse(value: unknown, target: string, titles: LinkTitles): unknown {
  if (typeof value !== "object" || value === null) return value;
  titles.remember(target, value as JsonRecord);
  return (value as JsonRecord).id;
}
