/**
 * A dashboard's 12-column grid (schemas/dashboard.schema.json): a tile sits at column x (0..11),
 * row y (0..), w columns wide (1..12) and h rows high (1..8). Moving or resizing a tile pushes the
 * tiles it lands on down, so tiles never overlap; nothing else moves.
 */
export const COLUMNS = 12;
export const MAX_HEIGHT = 8;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const whole = (n: number, min: number, max: number) =>
  Math.min(max, Math.max(min, Number.isFinite(n) ? Math.round(n) : min));

/** The box within the grid: whole cells, at least one, no wider than what is left of its row. */
export function clampBox<T extends Box>(box: T): T {
  const w = whole(box.w, 1, COLUMNS);
  return {
    ...box,
    w,
    x: whole(box.x, 0, COLUMNS - w),
    y: whole(box.y, 0, Number.MAX_SAFE_INTEGER),
    h: whole(box.h, 1, MAX_HEIGHT),
  };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The tiles with tile `index` at `box` (clamped into the grid); every tile it would overlap is
 * pushed down below what it hits, top to bottom, so the others keep their order and columns.
 */
export function placeTile<T extends Box>(tiles: readonly T[], index: number, box: Box): T[] {
  const moved = clampBox({ ...tiles[index]!, ...pick(box) });
  const settled: Box[] = [moved];
  const result = [...tiles];
  result[index] = moved;
  const others = tiles
    .map((tile, i) => ({ tile, i }))
    .filter(({ i }) => i !== index)
    .sort((a, b) => a.tile.y - b.tile.y || a.tile.x - b.tile.x);
  for (const { tile, i } of others) {
    let y = tile.y;
    for (let hit = settled.find((s) => overlaps(s, { ...tile, y })); hit; ) {
      y = hit.y + hit.h;
      hit = settled.find((s) => overlaps(s, { ...tile, y }));
    }
    const placed = y === tile.y ? tile : { ...tile, y };
    settled.push(placed);
    result[i] = placed;
  }
  return result;
}

/** Where a new tile of `w`×`h` goes: the first free place, row by row from the top. */
export function freePlace(tiles: readonly Box[], w = 6, h = 4): Box {
  for (let y = 0; ; y++)
    for (let x = 0; x + w <= COLUMNS; x++) {
      const box = { x, y, w, h };
      if (!tiles.some((tile) => overlaps(tile, box))) return box;
    }
}

/** The box after an arrow key: moved by a cell, or resized with Shift; undefined for other keys. */
export function keyStep(box: Box, key: string, resize: boolean): Box | undefined {
  const step: Record<string, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };
  const delta = step[key];
  if (!delta) return undefined;
  const [dx, dy] = delta;
  return clampBox(
    resize ? { ...box, w: box.w + dx, h: box.h + dy } : { ...box, x: box.x + dx, y: box.y + dy },
  );
}

/** The box moved (or, resizing, grown) by a pointer's travel in pixels over cells of that size. */
export function dragBox(
  start: Box,
  dxPx: number,
  dyPx: number,
  cell: { readonly width: number; readonly height: number },
  resize: boolean,
): Box {
  const dx = Math.round(dxPx / cell.width);
  const dy = Math.round(dyPx / cell.height);
  return clampBox(
    resize
      ? { ...start, w: Math.min(start.w + dx, COLUMNS - start.x), h: start.h + dy }
      : { ...start, x: start.x + dx, y: start.y + dy },
  );
}

function pick({ x, y, w, h }: Box): Box {
  return { x, y, w, h };
}
