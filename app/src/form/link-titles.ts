import { type AppModel, SEARCHABLE_TYPES } from "@loom/engine";
import { api, query } from "../api/client.ts";
import type { JsonRecord, ListPage } from "../api/types.ts";

/** ids of one lookUpAll request: 100 uuids keep its URL near 5 KB, far below the server's limit */
const IDS_PER_READ = 100;

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

  /**
   * The titles of many records of `target`, read in one list request (per hundred ids, so the
   * URL stays short); afterwards `known` has them. An id the user cannot read, or of a deleted
   * record, stays unknown; a failed read leaves them all unknown, as titles are only a nicety.
   */
  async lookUpAll(target: string, ids: Iterable<string>): Promise<void> {
    const field = this.titleField(target);
    if (field === undefined) return;
    const unknown = [...new Set(ids)].filter((id) => this.known(target, id) === undefined);
    for (let start = 0; start < unknown.length; start += IDS_PER_READ) {
      const chunk = unknown.slice(start, start + IDS_PER_READ);
      const page = await api<ListPage>(
        `/api/data/${target}${query({
          fields: field,
          limit: chunk.length,
          where: JSON.stringify({ in: [{ var: "id" }, chunk] }),
        })}`,
      ).catch(() => undefined);
      for (const record of page?.data ?? []) this.remember(target, record);
    }
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
