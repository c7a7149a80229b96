import { useEffect, useState } from "react";
import { api, query } from "../api/client.ts";
import type { ListPage } from "../api/types.ts";
import { useReady } from "../session/session.tsx";

/** Enough records to pick one from a list; a longer list is narrowed by the report's other filters. */
const LIMIT = 200;

/**
 * The records of a link parameter's target, by title, for a plain select; none when the user may
 * not read the target (the parameter then takes an id typed in).
 */
export function useLinkOptions(target: string | undefined): { id: string; title: string }[] | null {
  const { model } = useReady();
  const entity = target ? model.entities[target] : undefined;
  const [options, setOptions] = useState<{ id: string; title: string }[] | null>(null);
  useEffect(() => {
    if (!entity) return setOptions(null);
    const controller = new AbortController();
    const title = entity.titleField;
    api<ListPage>(
      `/api/data/${entity.name}${query({ fields: title, sort: title, limit: LIMIT })}`,
      { signal: controller.signal },
    ).then(
      (page) =>
        setOptions(
          page.data.map((row) => ({ id: String(row.id), title: String(row[title] ?? row.id) })),
        ),
      () => setOptions(null),
    );
    return () => controller.abort();
  }, [entity]);
  return options;
}
