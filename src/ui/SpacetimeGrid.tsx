// The spacetime grid: rows n = datapoints, columns t = updates, shaded cells = the schedule.
// Clicking a cell edits a custom schedule; dropping a catalogue diagram places it on legal cells;
// nodes are dragged with the pointer (or moved with the arrow keys) and checked live.
import { scaleBand } from 'd3';
import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { useAppStore } from '../app/store';
import { GRID_MAX, useGridReport } from '../app/useDerived';
import type { Cell } from '../theory/embeddings';
import { fmt } from './format';
import { GridSummary } from './GridSummary';

const LEFT = 34;
const TOP = 22;
const WIDTH = 520;

export function SpacetimeGrid() {
  const g = useGridReport();
  const a = useAppStore.getState();
  const svgRef = useRef<SVGSVGElement>(null);
  const [focus, setFocus] = useState<Cell>({ n: 0, t: 0 });
  const [drag, setDrag] = useState<{ v: number; x: number; y: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const cols = g.T + 1; // the root's column at t = T
  const size = Math.max(7, Math.min(28, Math.floor((WIDTH - LEFT) / Math.max(cols, 1))));
  // scales only for a grid drawn cell by cell (a summarised one may have 10⁸ columns)
  const xCount = g.small ? cols : 0;
  const yCount = g.small ? g.N : 0;
  const x = useMemo(() => scaleBand<number>().domain([...Array(xCount).keys()]).range([LEFT, LEFT + xCount * size]).paddingInner(0.08), [xCount, size]);
  const y = useMemo(() => scaleBand<number>().domain([...Array(yCount).keys()]).range([TOP, TOP + yCount * size]).paddingInner(0.08), [yCount, size]);
  const inSchedule = useMemo(() => g.batches.map((b) => new Set(b)), [g.batches]);

  if (!g.small) return <GridSummary N={g.N} T={g.T} summary={g.summary} note={g.summaryNote} />;

  const cellAt = (clientX: number, clientY: number): Cell | null => {
    const r = svgRef.current!.getBoundingClientRect();
    const t = Math.floor((clientX - r.left - LEFT) / size);
    const n = Math.floor((clientY - r.top - TOP) / size);
    return t >= 0 && t <= g.T && n >= 0 && n < g.N ? { n, t } : null;
  };
  const onDrop = (e: DragEvent) => {
    const notation = e.dataTransfer.getData('text/plain');
    if (!notation) return;
    e.preventDefault();
    a.dropDiagram(notation, cellAt(e.clientX, e.clientY) ?? undefined);
  };
  const toggle = (n: number, t: number) => setNote(a.toggleCell(n, t));
  const onCellKey = (e: KeyboardEvent, n: number, t: number) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      toggle(n, t);
    } else if (moves[e.key]) {
      e.preventDefault();
      const nn = Math.min(g.N - 1, Math.max(0, n + moves[e.key][0]));
      const tt = Math.min(g.T - 1, Math.max(0, t + moves[e.key][1]));
      setFocus({ n: nn, t: tt });
      (svgRef.current?.querySelector(`[data-cell="${nn},${tt}"]`) as SVGElement | null)?.focus();
    }
  };

  const placed = g.placed;
  const bad = new Set(placed?.problems.map((p) => p.node) ?? []);
  const m = placed ? placed.diagram.parent.length : 0;
  // several nodes may share a cell: spread them inside it
  const pos = (v: number): [number, number] => {
    if (!placed) return [0, 0];
    if (drag && drag.v === v) return [drag.x, drag.y];
    const c = v === m ? { n: placed.rootRow ?? Math.floor((g.N - 1) / 2), t: g.T } : placed.cells[v];
    if (!c) return [LEFT / 2, TOP / 2];
    const mates = v === m ? [v] : placed.cells.map((d, u) => (d && d.n === c.n && d.t === c.t ? u : -1)).filter((u) => u >= 0);
    const k = mates.indexOf(v);
    const off = mates.length > 1 ? ((k - (mates.length - 1) / 2) * size) / (mates.length + 1) : 0;
    return [x(c.t)! + x.bandwidth() / 2 + off, y(c.n)! + y.bandwidth() / 2];
  };
  const onNodeDown = (e: PointerEvent, v: number) => {
    e.preventDefault();
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    const r = svgRef.current!.getBoundingClientRect();
    setDrag({ v, x: e.clientX - r.left, y: e.clientY - r.top });
  };
  const onNodeMove = (e: PointerEvent) => {
    if (!drag) return;
    const r = svgRef.current!.getBoundingClientRect();
    setDrag({ ...drag, x: e.clientX - r.left, y: e.clientY - r.top });
  };
  const onNodeUp = (e: PointerEvent) => {
    if (!drag) return;
    const c = cellAt(e.clientX, e.clientY);
    if (c && drag.v === m) a.moveRoot(c.n);
    else if (c && c.t < g.T) a.moveNode(drag.v, c);
    setDrag(null);
  };
  const onNodeKey = (e: KeyboardEvent, v: number) => {
    const c = placed?.cells[v];
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (!c || !moves[e.key]) return;
    e.preventDefault();
    a.moveNode(v, { n: Math.min(g.N - 1, Math.max(0, c.n + moves[e.key][0])), t: Math.min(g.T - 1, Math.max(0, c.t + moves[e.key][1])) });
  };

  const width = LEFT + cols * size + 8;
  const height = TOP + g.N * size + 8;
  return (
    <section className="panel grid-panel" aria-labelledby="grid-heading">
      <h2 id="grid-heading" className="panel-title">
        Spacetime <span className="muted">N = {g.N} × T = {g.T}</span>
      </h2>
      <div className="grid-wrap" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <svg ref={svgRef} width={width} height={height} className="spacetime" aria-describedby="grid-help">
          {[...Array(cols).keys()].map((t) => (t % Math.ceil(cols / 16) === 0 || t === g.T) && (
            <text key={t} x={x(t)! + x.bandwidth() / 2} y={TOP - 6} className="axis-label" textAnchor="middle">
              {t === g.T ? 'T' : t}
            </text>
          ))}
          <g role="grid" aria-label="Spacetime" aria-rowcount={g.N} aria-colcount={g.T}>
            {[...Array(g.N).keys()].map((n) => (
              <g role="row" key={n} aria-rowindex={n + 1}>
                {[...Array(g.T).keys()].map((t) => {
                  const on = inSchedule[t]?.has(n) ?? false;
                  return (
                    <rect
                      key={t}
                      role="gridcell"
                      aria-label={`n=${n}, t=${t}`}
                      aria-selected={on}
                      data-cell={`${n},${t}`}
                      tabIndex={focus.n === n && focus.t === t ? 0 : -1}
                      className={`cell${on ? ' on' : ''}`}
                      x={x(t)}
                      y={y(n)}
                      width={x.bandwidth()}
                      height={y.bandwidth()}
                      onClick={() => toggle(n, t)}
                      onKeyDown={(e) => onCellKey(e, n, t)}
                      onFocus={() => setFocus({ n, t })}
                    />
                  );
                })}
              </g>
            ))}
          </g>
          {[...Array(g.N).keys()].map((n) => (n % Math.ceil(g.N / 16) === 0) && (
            <text key={n} x={LEFT - 6} y={y(n)! + y.bandwidth() / 2 + 4} className="axis-label" textAnchor="end">
              {n}
            </text>
          ))}
          <line className="root-line" x1={x(g.T)! - 1} x2={x(g.T)! - 1} y1={TOP} y2={TOP + g.N * size} />
          {placed && (
            <g className="placed">
              {placed.diagram.parent.map((p, v) => {
                const [x1, y1] = pos(v);
                const [x2, y2] = pos(p);
                return <line key={v} className={`edge${bad.has(v) ? ' bad' : ''}`} x1={x1} y1={y1} x2={x2} y2={y2} />;
              })}
              {[...Array(m + 1).keys()].map((v) => {
                const [cx, cy] = pos(v);
                const c = v === m ? null : placed.cells[v];
                const label = v === m ? `root node ${v} at t=T${placed.rootRow !== undefined ? `, n=${placed.rootRow}` : ''}` : `node ${v} at n=${c?.n}, t=${c?.t}`;
                return (
                  <g
                    key={v}
                    role="button"
                    tabIndex={0}
                    aria-label={label}
                    className={`placed-node${bad.has(v) ? ' bad' : ''}${v === m ? ' root' : ''}`}
                    onPointerDown={(e) => onNodeDown(e, v)}
                    onPointerMove={onNodeMove}
                    onPointerUp={onNodeUp}
                    onKeyDown={(e) => onNodeKey(e, v)}
                  >
                    <circle cx={cx} cy={cy} r={Math.max(4, Math.min(9, size / 3))} />
                    <text x={cx} y={cy + 3.5} textAnchor="middle">{size >= 16 ? v : ''}</text>
                  </g>
                );
              })}
            </g>
          )}
        </svg>
      </div>
      <p id="grid-help" className="hint">
        Shaded cells are the schedule; click a cell to add or remove it. Drop a catalogue diagram here; drag its nodes (or focus one and use the arrows). Up to {GRID_MAX}×{GRID_MAX}.
      </p>
      {note && (
        <p role="alert" className="error">
          {note}
        </p>
      )}
      <GridFacts />
    </section>
  );
}

function GridFacts() {
  const g = useGridReport();
  const msg = useAppStore((s) => s.grid.message);
  const clear = useAppStore((s) => s.clearPlacement);
  const p = g.placed;
  return (
    <div className="grid-facts">
      {msg && <p role="alert" className="error">{msg}</p>}
      {p ? (
        <>
          <p>
            <code>{p.notation}</code> · <span aria-label="Embeddings">Emb(D) = {typeof p.embeddings === 'number' ? fmt(p.embeddings, 8) : p.embeddings}</span>
            {' · '}
            <span aria-label="Embedding value">
              this embedding (resummed): {p.problems.length ? 'illegal' : typeof p.value === 'string' ? p.value : fmt(p.value)}
            </span>{' '}
            <button type="button" className="link" onClick={clear}>
              Clear
            </button>
          </p>
          {p.problems.length > 0 && (
            <ul role="alert" className="error problems" aria-label="Placement problems">
              {p.problems.map((q, i) => (
                <li key={i}>{q.reason}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="muted">No diagram placed.</p>
      )}
    </div>
  );
}
