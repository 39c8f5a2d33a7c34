// The whole schedule in blocks (darker = more of the block's cells in the schedule) with the
// view's window marked; a click moves the window there. The blocks come from the grid worker.
import { useMemo, type MouseEvent } from 'react';
import { spanOf, type GridWindow, type Overview } from '../app/diagrams/gridWindow';
import { useOverview } from '../app/hooks/useGridReport';
import type { Cell } from '../theory/embeddings';
import type { Spacetime } from '../theory/spacetime';

const W = 192;
const H = 96;

interface Props {
  st: Spacetime;
  win: GridWindow;
  onJump: (c: Cell) => void;
}

export function GridOverview({ st, win, onJump }: Props) {
  const answer = useOverview();
  if (answer.state !== 'ok') {
    return (
      <p className="hint grid-overview" aria-label="Overview">
        Overview: {answer.state === 'computing' ? 'computing…' : answer.message}
      </p>
    );
  }
  return <OverviewBlocks ov={answer.value} st={st} win={win} onJump={onJump} />;
}

function OverviewBlocks({ ov, st, win, onJump }: Props & { ov: Overview }) {
  // shade relative to the densest block, so a sparse schedule (one epoch: a diagonal) still shows
  const top = useMemo(() => Math.max(...ov.density.map((r) => Math.max(...r))), [ov]);
  // blocks stretch to the overview's box; the root's column is not drawn here
  const bw = W / ov.cols;
  const bh = Math.min(H / ov.rows, Math.max(2, bw * 2));
  const height = bh * ov.rows;
  const s = spanOf(win, st.N, st.T);
  const xOf = (t: number) => (t / st.T) * W;
  const yOf = (n: number) => (n / st.N) * height;
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const t = Math.floor(((e.clientX - r.left) / r.width) * st.T);
    const n = Math.floor(((e.clientY - r.top) / r.height) * st.N);
    onJump({ n: Math.min(st.N - 1, Math.max(0, n)), t: Math.min(st.T - 1, Math.max(0, t)) });
  };
  return (
    <svg
      width={W}
      height={height}
      className="grid-overview"
      role="img"
      aria-label={`Overview of the whole spacetime, ${st.N} datapoints by ${st.T} updates; click to move the window`}
      onClick={onClick}
    >
      <rect width={W} height={height} className="overview-bg" />
      {ov.density.map((row, i) =>
        row.map(
          (d, j) =>
            d > 0 && (
              <rect
                key={`${i},${j}`}
                x={j * bw}
                y={i * bh}
                width={bw + 0.3}
                height={bh + 0.3}
                className="cell on"
                opacity={0.35 + (0.65 * d) / top}
              />
            ),
        ),
      )}
      <rect
        className="overview-window"
        aria-label="Window"
        x={xOf(win.t0)}
        y={yOf(win.n0)}
        width={Math.max(6, xOf(Math.min(st.T, win.t0 + s.cols)) - xOf(win.t0))}
        height={Math.max(6, yOf(win.n0 + s.rows) - yOf(win.n0))}
      />
    </svg>
  );
}
