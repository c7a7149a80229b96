import type { Labels } from "@loom/engine";
import { type DesignContext, isObject } from "../draft/design-context.ts";
import {
  createDocument,
  type DocumentEditResult,
  type DocumentPath,
  documentCatalog,
  insertInDocument,
  setInDocument,
} from "../draft/document-files.ts";
import type { ReportParameter } from "../reports/report-def.ts";
import { type Box, freePlace, placeTile } from "./grid-layout.ts";

/** A dashboard's tile as read from its file. */
export interface Tile extends Box {
  readonly report: string;
  readonly title?: Labels;
}

export interface DashboardDraft {
  readonly labels?: Labels;
  readonly description?: Labels;
  readonly parameters: readonly ReportParameter[];
  readonly tiles: readonly Tile[];
}

export const DASHBOARD = "dashboard";

/** The dashboard in a file's value; tiles of the wrong shape read with zeros (the engine says why). */
export function readDashboard(value: Readonly<Record<string, unknown>>): DashboardDraft {
  const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);
  const tiles = (Array.isArray(value.tiles) ? value.tiles : []).map((t): Tile => {
    const tile = isObject(t) ? t : {};
    return {
      ...(tile as Partial<Tile>),
      report: typeof tile.report === "string" ? tile.report : "",
      x: num(tile.x, 0),
      y: num(tile.y, 0),
      w: num(tile.w, 1),
      h: num(tile.h, 1),
    };
  });
  const parameters = (Array.isArray(value.parameters) ? value.parameters : []).map(
    (p) => (isObject(p) ? p : {}) as ReportParameter,
  );
  return {
    ...(isObject(value.labels) && { labels: value.labels as unknown as Labels }),
    ...(isObject(value.description) && { description: value.description as unknown as Labels }),
    parameters,
    tiles,
  };
}

/** A new empty dashboard `dashboards/<name>.json`, or a copy of `from`. */
export function addDashboard(
  ctx: DesignContext,
  name: string,
  labels: Labels,
  from?: string,
): DocumentEditResult {
  const source = from === undefined ? undefined : findDashboard(ctx, from);
  if (from !== undefined && !source) return { ok: false, refusal: { code: "unknown", name: from } };
  return createDocument(ctx, DASHBOARD, "dashboards", name, {
    ...(source?.value ?? { tiles: [] }),
    labels,
  });
}

export function findDashboard(ctx: DesignContext, name: string) {
  return documentCatalog(ctx, DASHBOARD).find((entry) => entry.name === name);
}

export function setDashboardValue(
  ctx: DesignContext,
  dashboard: string,
  path: DocumentPath,
  value: unknown,
): DocumentEditResult {
  return setInDocument(ctx, DASHBOARD, dashboard, path, value);
}

/** Tile `index` at `box`; the tiles it lands on pushed down (all tiles written at once). */
export function moveTile(
  ctx: DesignContext,
  dashboard: string,
  index: number,
  box: Box,
): DocumentEditResult {
  const found = findDashboard(ctx, dashboard);
  if (!found) return { ok: false, refusal: { code: "unknown", name: dashboard } };
  const { tiles } = readDashboard(found.value);
  if (index < 0 || index >= tiles.length) return { ok: true, changes: {} };
  return setDashboardValue(ctx, dashboard, ["tiles"], placeTile(tiles, index, box));
}

/** A tile of `report` at the first free place, half the width. */
export function addTile(ctx: DesignContext, dashboard: string, report: string): DocumentEditResult {
  const found = findDashboard(ctx, dashboard);
  if (!found) return { ok: false, refusal: { code: "unknown", name: dashboard } };
  const { tiles } = readDashboard(found.value);
  return insertInDocument(ctx, DASHBOARD, dashboard, ["tiles"], -1, {
    report,
    ...freePlace(tiles),
  });
}
