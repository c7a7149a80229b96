/** Placeholder rows a table shows while its first page loads (numbered, for their keys). */
const ROWS = [...Array(8).keys()];

/**
 * Grey bars in the shape of a table's rows, under its header while the first rows load: the
 * table keeps its header and roughly its height, so the page does not jump when the rows come.
 * Outside the table and hidden from screen readers, which hear the "Loading…" status instead.
 */
export function SkeletonRows({ columns }: { columns: number }) {
  const cells = [...Array(columns).keys()];
  return (
    <div
      className="skeleton-rows"
      aria-hidden="true"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
    >
      {ROWS.map((row) => cells.map((cell) => <span key={`${row}-${cell}`} className="skeleton" />))}
    </div>
  );
}
