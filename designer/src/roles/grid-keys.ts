/** A cell of a grid by row and column, from 0. */
export interface Cell {
  readonly row: number;
  readonly col: number;
}

/**
 * Where a key moves the focus in a grid (the WAI-ARIA grid pattern): arrows one cell, Home and
 * End to the row's ends, with Ctrl to the grid's. `has` says which cells hold a control: a move
 * skips the empty ones sideways, and lands on the nearest one to the left up or down. Undefined
 * for keys that do not move.
 */
export function nextCell(
  key: string,
  ctrl: boolean,
  at: Cell,
  size: { readonly rows: number; readonly cols: number },
  has: (cell: Cell) => boolean,
): Cell | undefined {
  const last = { row: size.rows - 1, col: size.cols - 1 };
  switch (key) {
    case "ArrowLeft":
      return sideways(at, -1, size.cols, has);
    case "ArrowRight":
      return sideways(at, 1, size.cols, has);
    case "ArrowUp":
      return inRow(Math.max(at.row - 1, 0), at.col, has);
    case "ArrowDown":
      return inRow(Math.min(at.row + 1, last.row), at.col, has);
    case "Home":
      return sideways({ row: ctrl ? 0 : at.row, col: -1 }, 1, size.cols, has);
    case "End":
      return inRow(ctrl ? last.row : at.row, last.col, has);
    default:
      return undefined;
  }
}

function sideways(at: Cell, by: -1 | 1, cols: number, has: (cell: Cell) => boolean): Cell {
  for (let col = at.col + by; col >= 0 && col < cols; col += by)
    if (has({ row: at.row, col })) return { row: at.row, col };
  return at;
}

/** The cell of `row` at `col`, or the nearest one before it that holds a control. */
function inRow(row: number, col: number, has: (cell: Cell) => boolean): Cell {
  for (let c = col; c > 0; c--) if (has({ row, col: c })) return { row, col: c };
  return { row, col: 0 };
}
