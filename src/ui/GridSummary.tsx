// A spacetime too large to draw cell by cell: its size and a binned picture of the schedule.
import { GRID_MAX } from '../app/useDerived';

interface Props {
  N: number;
  T: number;
  summary: { rows: number; cols: number; density: number[][] } | null;
  /** why there is no summary (yet) */
  note: string | null;
}

export function GridSummary({ N, T, summary, note }: Props) {
  const px = 6;
  return (
    <section className="panel grid-panel" aria-labelledby="grid-heading">
      <h2 id="grid-heading" className="panel-title">
        Spacetime <span className="muted">N = {N} × T = {T}</span>
      </h2>
      <p className="hint">
        Larger than {GRID_MAX}×{GRID_MAX}: {summary ? `shown in ${summary.rows}×${summary.cols} blocks` : note} (darker = more cells in the schedule). Make N and T at most {GRID_MAX} to place diagrams and edit cells.
      </p>
      {summary && (
        <svg width={summary.cols * px} height={summary.rows * px} role="img" aria-label={`Spacetime summary, ${N} datapoints by ${T} updates`}>
          {summary.density.map((row, i) =>
            row.map((d, j) => d > 0 && <rect key={`${i},${j}`} x={j * px} y={i * px} width={px} height={px} className="cell on" opacity={Math.min(1, 0.15 + d)} />),
          )}
        </svg>
      )}
    </section>
  );
}
