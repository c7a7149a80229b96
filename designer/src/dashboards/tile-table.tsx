import { useLanguage } from "@loom/app/i18n";
import type { DocumentEntry } from "../draft/document-files.ts";
import { useReportWords } from "../i18n/report-words.ts";
import { AtPointer, ProblemsAt } from "../reports/problem-text.tsx";
import { ReportLabels } from "../reports/report-labels.tsx";
import type { Tile } from "./dashboard-edits.ts";
import { type Box, COLUMNS, MAX_HEIGHT } from "./grid-layout.ts";
import type { DashboardEdits } from "./use-dashboard-edits.ts";

/**
 * Each tile's report, title and place typed in (the grid's accessible twin): a place typed here
 * pushes the tiles it lands on down, as a drag does.
 */
export function TileTable({
  tiles,
  reports,
  edits,
  readOnly,
}: {
  tiles: readonly Tile[];
  reports: readonly DocumentEntry[];
  edits: DashboardEdits;
  readOnly: boolean;
}) {
  const { w } = useReportWords();
  const { label } = useLanguage();
  const place = (
    tile: Tile,
    i: number,
    key: keyof Box,
    caption: string,
    min: number,
    max: number,
  ) => (
    <AtPointer pointer={`/tiles/${i}/${key}`}>
      {(invalid) => (
        <input
          className="input number-input"
          type="number"
          aria-label={`${caption} ${i + 1}`}
          min={min}
          max={max}
          value={key === "x" || key === "y" ? tile[key] + 1 : tile[key]}
          readOnly={readOnly}
          onChange={(event) => {
            const n = Number(event.target.value);
            if (event.target.value === "" || !Number.isFinite(n)) return;
            edits.move(i, { ...tile, [key]: key === "x" || key === "y" ? n - 1 : n });
          }}
          {...invalid}
        />
      )}
    </AtPointer>
  );
  if (tiles.length === 0) return <p className="note">{w("noTiles")}</p>;
  return (
    <table className="tile-table">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{w("navReports")}</th>
          <th scope="col">
            {w("tileTitleEn")} / {w("tileTitleZh")}
          </th>
          <th scope="col">{w("tileX")}</th>
          <th scope="col">{w("tileY")}</th>
          <th scope="col">{w("tileW")}</th>
          <th scope="col">{w("tileH")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {tiles.map((tile, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tiles are placed by their index in the file
          <tr key={i} data-tile-row={i}>
            <td>{i + 1}</td>
            <td>
              <AtPointer pointer={`/tiles/${i}/report`}>
                {(invalid) => (
                  <select
                    aria-label={`${w("navReports")} ${i + 1}`}
                    value={tile.report}
                    disabled={readOnly}
                    onChange={(event) => edits.set(["tiles", i, "report"], event.target.value)}
                    {...invalid}
                  >
                    {!reports.some((r) => r.name === tile.report) && (
                      <option value={tile.report}>{tile.report}</option>
                    )}
                    {reports.map((r) => (
                      <option key={r.name} value={r.name}>
                        {label(r.labels, r.name)} ({r.name})
                      </option>
                    ))}
                  </select>
                )}
              </AtPointer>
              <ProblemsAt pointer={`/tiles/${i}`} />
            </td>
            <td>
              <ReportLabels
                pointer={`/tiles/${i}/title`}
                labels={tile.title}
                names={[`${w("tileTitleEn")} ${i + 1}`, `${w("tileTitleZh")} ${i + 1}`]}
                optional
                readOnly={readOnly}
                onChange={(title) => edits.set(["tiles", i, "title"], title)}
              />
            </td>
            <td>{place(tile, i, "x", w("tileX"), 1, COLUMNS)}</td>
            <td>{place(tile, i, "y", w("tileY"), 1, 999)}</td>
            <td>{place(tile, i, "w", w("tileW"), 1, COLUMNS)}</td>
            <td>{place(tile, i, "h", w("tileH"), 1, MAX_HEIGHT)}</td>
            <td>
              {!readOnly && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={w("removeTile", { n: i + 1 })}
                  onClick={() => edits.removeFrom("tiles", i)}
                >
                  ×
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
