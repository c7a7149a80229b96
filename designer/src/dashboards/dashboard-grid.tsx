import { useLanguage } from "@loom/app/i18n";
import type { Labels } from "@loom/engine";
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  useRef,
  useState,
} from "react";
import { useReportWords } from "../i18n/report-words.ts";
import type { Tile } from "./dashboard-edits.ts";
import { type Box, COLUMNS, dragBox, keyStep, placeTile } from "./grid-layout.ts";
import { TilePreview } from "./tile-preview.tsx";

/** The height of a grid row in pixels (the app's dashboard draws rows alike). */
export const ROW_PX = 56;
const GAP_PX = 8;

/** What the grid shows of a tile's report. */
export interface TileReport {
  readonly labels: Labels | null;
  readonly chart: string | undefined;
  /** the report's file as it is in the draft, which the tile's preview runs */
  readonly definition: Readonly<Record<string, unknown>>;
}

interface Drag {
  readonly index: number;
  readonly resize: boolean;
  readonly start: Box;
  readonly x: number;
  readonly y: number;
  readonly pointer: number;
}

/**
 * The dashboard's tiles on its 12-column grid. A tile is dragged to move it and by its corner to
 * resize it (pointer events, so mouse, pen and touch alike), the tiles it lands on shown pushed
 * down while dragging; or, focused, moved with the arrow keys and resized with Shift+arrows. Each
 * step is one edit of the draft, made on release.
 */
export function DashboardGrid({
  tiles,
  reports,
  readOnly,
  onMove,
}: {
  tiles: readonly Tile[];
  reports: ReadonlyMap<string, TileReport>;
  readOnly: boolean;
  onMove(index: number, box: Box): void;
}) {
  const { w } = useReportWords();
  const { label } = useLanguage();
  const grid = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<(Drag & { box: Box }) | null>(null);
  const [said, setSaid] = useState("");
  const shown = drag ? placeTile(tiles, drag.index, drag.box) : tiles;
  const rows = Math.max(4, ...shown.map((t) => t.y + t.h)) + (readOnly ? 0 : 2);

  const cell = () => {
    const width = grid.current?.getBoundingClientRect().width ?? COLUMNS * 80;
    return { width: (width + GAP_PX) / COLUMNS, height: ROW_PX + GAP_PX };
  };
  const start = (event: ReactPointerEvent, index: number, resize: boolean) => {
    if (readOnly || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    const box = tiles[index]!;
    setDrag({
      index,
      resize,
      start: box,
      box,
      x: event.clientX,
      y: event.clientY,
      pointer: event.pointerId,
    });
  };
  const follow = (event: ReactPointerEvent) => {
    if (!drag || event.pointerId !== drag.pointer) return;
    const box = dragBox(
      drag.start,
      event.clientX - drag.x,
      event.clientY - drag.y,
      cell(),
      drag.resize,
    );
    if (
      box.x !== drag.box.x ||
      box.y !== drag.box.y ||
      box.w !== drag.box.w ||
      box.h !== drag.box.h
    )
      setDrag({ ...drag, box });
  };
  const end = (event: ReactPointerEvent) => {
    if (!drag || event.pointerId !== drag.pointer) return;
    setDrag(null);
    const { box, start: from, index } = drag;
    if (box.x !== from.x || box.y !== from.y || box.w !== from.w || box.h !== from.h) {
      onMove(index, box);
      announce(index, box);
    }
  };
  const announce = (index: number, box: Box) =>
    setSaid(w("tileMoved", { n: index + 1, x: box.x + 1, y: box.y + 1, w: box.w, h: box.h }));
  const key = (event: ReactKeyboardEvent, index: number) => {
    if (readOnly) return;
    const box = keyStep(tiles[index]!, event.key, event.shiftKey);
    if (!box) return;
    event.preventDefault();
    onMove(index, box);
    announce(index, box);
  };

  return (
    <>
      <div
        ref={grid}
        className={`dashboard-grid${drag ? " dragging" : ""}`}
        style={{
          gridTemplateRows: `repeat(${rows}, ${ROW_PX}px)`,
          gap: `${GAP_PX}px`,
        }}
        data-testid="dashboard-grid"
      >
        {shown.map((tile, i) => {
          const report = reports.get(tile.report);
          const name = label(tile.title ?? report?.labels, tile.report);
          return (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: tiles are placed by their index in the file
              key={i}
              className={`dashboard-tile${drag?.index === i ? " moving" : ""}${report ? "" : " unknown"}`}
              style={{
                gridColumn: `${tile.x + 1} / span ${tile.w}`,
                gridRow: `${tile.y + 1} / span ${tile.h}`,
              }}
              data-tile={i}
              data-box={`${tile.x},${tile.y},${tile.w},${tile.h}`}
              onPointerDown={(event) => start(event, i, false)}
              onPointerMove={follow}
              onPointerUp={end}
              onPointerCancel={() => setDrag(null)}
            >
              <button
                type="button"
                className="tile-handle"
                aria-label={w("tile", { n: i + 1, report: name })}
                aria-describedby="layout-help"
                aria-disabled={readOnly || undefined}
                onKeyDown={(event) => key(event, i)}
              >
                <strong className="tile-name">{name}</strong>
                <span className="tile-meta">
                  <code>{tile.report}</code>
                  {report ? ` · ${report.chart ?? ""}` : ` · ${w("unknownReport")}`}
                </span>
              </button>
              <div className="tile-preview" aria-hidden="true">
                {report && <TilePreview definition={report.definition} />}
              </div>
              {!readOnly && (
                <span
                  className="tile-resize"
                  aria-hidden="true"
                  title={w("resizeTile", { n: i + 1 })}
                  onPointerDown={(event) => start(event, i, true)}
                  onPointerMove={follow}
                  onPointerUp={end}
                />
              )}
            </div>
          );
        })}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </>
  );
}
