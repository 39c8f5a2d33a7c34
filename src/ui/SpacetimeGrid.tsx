// The spacetime view: rows n = datapoints, columns t = updates, shaded cells = the schedule. Any
// N × T shows a window of real cells (pan by dragging the background, Shift+arrows or the
// overview; zoom with the wheel, + and −) beside an overview of the whole schedule. Clicking a
// cell edits a custom schedule; a catalogue diagram dropped here lands on legal cells of the
// window; its nodes are dragged (the window follows near its edges) or moved with the arrows.
import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type PointerEvent } from 'react';
import {
  VIEW_H,
  VIEW_W,
  centreOn,
  clampWindow,
  follow,
  initialWindow,
  inWindow,
  panBy,
  rowsIn,
  spanOf,
  zoomAt,
  type GridWindow,
} from '../app/diagrams/gridWindow';
import { useAppStore } from '../app/state/store';
import { useGridReport } from '../app/hooks/useGridReport';
import type { Cell } from '../theory/embeddings';
import { GridFacts } from './GridFacts';
import { GridOverview } from './GridOverview';

const LEFT = 44;
const TOP = 20;
const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};
const EDGE = 14; // pixels from the window's edge where a dragged node pans the window
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function SpacetimeGrid() {
  const g = useGridReport();
  const { N, T, st } = g;
  const a = useAppStore.getState();
  const svgRef = useRef<SVGSVGElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const [win, setWin] = useState<GridWindow | null>(null);
  const [viewW, setViewW] = useState(VIEW_W);
  const [focus, setFocus] = useState<Cell>({ n: 0, t: 0 });
  const [drag, setDrag] = useState<{ v: number; x: number; y: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const refocus = useRef<string | null>(null);
  const pan = useRef<{ x: number; y: number; w: GridWindow; moved: boolean } | null>(null);
  // a new spacetime size starts from its own first window
  const [seen, setSeen] = useState(`${N}/${T}`);
  if (seen !== `${N}/${T}`) {
    setSeen(`${N}/${T}`);
    setWin(null);
  }
  const w = useMemo(
    () => (st ? clampWindow({ ...(win ?? initialWindow(st, viewW, VIEW_H)), vw: viewW }, N, T) : null),
    [win, st, N, T, viewW],
  );

  // the window's width follows the panel's
  useEffect(() => {
    const el = sectionRef.current;
    if (!el) return;
    const measure = () => setViewW(Math.max(120, Math.floor(el.clientWidth - 2 * 14 - LEFT - 8)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [st === null]); // eslint-disable-line react-hooks/exhaustive-deps

  // keyboard moves re-render the window; focus follows to the same cell or node
  useEffect(() => {
    if (!refocus.current) return;
    (sectionRef.current?.querySelector(refocus.current) as SVGElement | HTMLElement | null)?.focus();
    refocus.current = null;
  });
  // wheel: zoom about the pointer; with Shift (or a sideways wheel) pan along t
  useEffect(() => {
    const el = wrapRef.current;
    if (!el || !w) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const sideways = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
      if (sideways) {
        const d = Math.sign(e.shiftKey ? e.deltaY || e.deltaX : e.deltaX) * 3;
        setWin((cur) => panBy(cur ?? w, 0, d, N, T));
        return;
      }
      const r = svgRef.current!.getBoundingClientRect();
      const anchor = {
        n: w.n0 + (e.clientY - r.top - TOP) / w.size,
        t: w.t0 + (e.clientX - r.left - LEFT) / w.size,
      };
      setWin((cur) => zoomAt(cur ?? w, e.deltaY < 0 ? 1.25 : 0.8, anchor, N, T));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [w, N, T]);

  // a node held near the window's edge pans the window a cell per tick until moved away or dropped
  useEffect(() => {
    if (!drag || !w) return;
    const s = spanOf(w, N, T);
    const dt = drag.x < LEFT + EDGE ? -1 : drag.x > LEFT + s.cols * w.size - EDGE ? 1 : 0;
    const dn = drag.y < TOP + EDGE ? -1 : drag.y > TOP + s.rows * w.size - EDGE ? 1 : 0;
    const next = panBy(w, dn, dt, N, T);
    if (next.n0 === w.n0 && next.t0 === w.t0) return;
    const id = setTimeout(() => setWin(next), 90);
    return () => clearTimeout(id);
  }, [drag, w, N, T]);

  if (!st || !w) {
    return (
      <section className="panel grid-panel" aria-labelledby="grid-heading">
        <h2 id="grid-heading" className="panel-title">
          Spacetime
        </h2>
        <p className="hint">The schedule is not a valid spacetime; see the scenario panel.</p>
      </section>
    );
  }

  const span = spanOf(w, N, T);
  const tEnd = Math.min(T, w.t0 + span.cols); // updates drawn: t0..tEnd−1 (the root column is t = T)
  const nEnd = w.n0 + span.rows;
  const fc = { n: clamp(focus.n, w.n0, nEnd - 1), t: clamp(focus.t, w.t0, Math.max(w.t0, tEnd - 1)) };
  const px = (t: number) => LEFT + (t - w.t0) * w.size;
  const py = (n: number) => TOP + (n - w.n0) * w.size;
  const pad = w.size >= 12 ? 1 : 0.5;

  const cellAt = (clientX: number, clientY: number): Cell | null => {
    const r = svgRef.current!.getBoundingClientRect();
    const t = w.t0 + Math.floor((clientX - r.left - LEFT) / w.size);
    const n = w.n0 + Math.floor((clientY - r.top - TOP) / w.size);
    return t >= w.t0 && t < w.t0 + span.cols && t <= T && n >= w.n0 && n < nEnd ? { n, t } : null;
  };
  const region = { n0: w.n0, n1: nEnd, t0: w.t0, t1: tEnd };
  const onDrop = (e: DragEvent) => {
    const notation = e.dataTransfer.getData('text/plain');
    if (!notation) return;
    e.preventDefault();
    const at = cellAt(e.clientX, e.clientY) ?? undefined;
    a.dropDiagram(notation, at && at.t < T ? at : at ? { n: at.n, t: T - 1 } : undefined, region);
    const pl = useAppStore.getState().grid.placement;
    const first = pl?.cells.find((c) => c && !inWindow(w, c, N, T));
    if (first) setWin(follow(w, first, N, T));
  };
  const toggle = (n: number, t: number) => setNote(a.toggleCell(n, t));
  const moveFocus = (c: Cell) => {
    const to = { n: clamp(c.n, 0, N - 1), t: clamp(c.t, 0, T - 1) };
    setFocus(to);
    setWin(follow(w, to, N, T));
    refocus.current = `[data-cell="${to.n},${to.t}"]`;
  };
  const zoom = (factor: number, at: Cell = fc) => setWin(zoomAt(w, factor, at, N, T));
  const onCellKey = (e: KeyboardEvent, n: number, t: number) => {
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      toggle(n, t);
    } else if (ARROWS[e.key]) {
      e.preventDefault();
      const [dn, dt] = ARROWS[e.key];
      // Shift jumps a whole window: the keyboard's pan
      const k = e.shiftKey ? (dn ? span.rows : span.cols) : 1;
      moveFocus({ n: n + dn * k, t: t + dt * k });
    } else if (e.key === '+' || e.key === '=' || e.key === '-') {
      e.preventDefault();
      zoom(e.key === '-' ? 0.8 : 1.25, { n, t });
      refocus.current = `[data-cell="${n},${t}"]`;
    }
  };

  // background drag pans; a click without movement reaches the cell
  const onDown = (e: PointerEvent<SVGSVGElement>) => {
    if ((e.target as Element).closest('.placed-node') || e.button !== 0) return;
    pan.current = { x: e.clientX, y: e.clientY, w, moved: false };
  };
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    if (drag) return onNodeMove(e);
    const p = pan.current;
    if (!p) return;
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    if (!p.moved && Math.hypot(dx, dy) < 5) return;
    if (!p.moved) svgRef.current?.setPointerCapture(e.pointerId);
    p.moved = true;
    setWin(clampWindow({ ...p.w, n0: p.w.n0 - Math.round(dy / w.size), t0: p.w.t0 - Math.round(dx / w.size) }, N, T));
  };
  const onUp = (e: PointerEvent<SVGSVGElement>) => {
    if (drag) return onNodeUp(e);
    const p = pan.current;
    pan.current = null;
    if (p?.moved) return;
    const c = cellAt(e.clientX, e.clientY);
    if (c && c.t < T && (e.target as Element).getAttribute('role') === 'gridcell') toggle(c.n, c.t);
  };

  const placed = g.placed;
  const bad = new Set(placed?.problems.map((p) => p.node) ?? []);
  const m = placed ? placed.diagram.parent.length : 0;
  const rootRow = placed?.rootRow ?? Math.floor((w.n0 + nEnd - 1) / 2);
  const cellOf = (v: number): Cell | null => (!placed ? null : v === m ? { n: rootRow, t: T } : placed.cells[v]);
  // several nodes may share a cell: spread them inside it
  const pos = (v: number): [number, number] => {
    if (drag && drag.v === v) return [drag.x, drag.y];
    const c = cellOf(v);
    if (!c || !placed) return [LEFT / 2, TOP / 2];
    const mates =
      v === m ? [v] : placed.cells.map((d, u) => (d && d.n === c.n && d.t === c.t ? u : -1)).filter((u) => u >= 0);
    const k = mates.indexOf(v);
    const off = mates.length > 1 ? ((k - (mates.length - 1) / 2) * w.size) / (mates.length + 1) : 0;
    return [px(c.t) + w.size / 2 + off, py(c.n) + w.size / 2];
  };
  const label = (v: number) => {
    if (v === m) return `root node ${v} at t=T${placed?.rootRow !== undefined ? `, n=${placed.rootRow}` : ''}`;
    const c = placed?.cells[v];
    return `node ${v} at n=${c?.n}, t=${c?.t}`;
  };
  const onNodeDown = (e: PointerEvent, v: number) => {
    e.preventDefault();
    e.stopPropagation();
    svgRef.current!.setPointerCapture(e.pointerId);
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
    else if (c && c.t < T) a.moveNode(drag.v, c);
    setDrag(null);
  };
  const onNodeKey = (e: KeyboardEvent, v: number) => {
    const c = cellOf(v);
    if (!c || !ARROWS[e.key]) return;
    e.preventDefault();
    const [dn, dt] = ARROWS[e.key];
    const to = { n: clamp(c.n + dn, 0, N - 1), t: v === m ? T : clamp(c.t + dt, 0, T - 1) };
    if (v === m) a.moveRoot(to.n);
    else a.moveNode(v, to);
    setWin(follow(w, to, N, T));
    refocus.current = `[data-node="${v}"]`;
  };

  const nodes = [...Array(placed ? m + 1 : 0).keys()];
  const shown = nodes.filter((v) => (drag && drag.v === v) || inWindow(w, cellOf(v) ?? { n: -1, t: -1 }, N, T));
  const hidden = nodes.filter((v) => !shown.includes(v));
  const tStep = Math.ceil(span.cols / 8);
  const nStep = Math.ceil(span.rows / 8);
  const width = LEFT + span.cols * w.size + 6;
  const height = TOP + span.rows * w.size + 6;
  const cols = [...Array(tEnd - w.t0).keys()].map((i) => w.t0 + i);
  const rows = [...Array(span.rows).keys()].map((i) => w.n0 + i);
  const used = cols.map((t) => new Set(rowsIn(st, t, w.n0, nEnd)));
  return (
    <section className="panel grid-panel" aria-labelledby="grid-heading" ref={sectionRef}>
      <h2 id="grid-heading" className="panel-title">
        Spacetime{' '}
        <span className="muted">
          N = {N} × T = {T}
        </span>
      </h2>
      <div className="grid-toolbar">
        <span aria-label="Window" aria-live="polite" className="muted">
          n {w.n0}–{nEnd - 1} · t {w.t0}–{Math.min(T, w.t0 + span.cols - 1)}
        </span>
        <span className="toolbar">
          <button type="button" onClick={() => zoom(1.25)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => zoom(0.8)} aria-label="Zoom out">
            −
          </button>
        </span>
      </div>
      <div className="grid-view">
        <div className="grid-wrap" ref={wrapRef} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
          <svg
            ref={svgRef}
            width={width}
            height={height}
            className="spacetime"
            aria-describedby="grid-help"
            onPointerDown={onDown}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={() => ((pan.current = null), setDrag(null))}
          >
            <defs>
              <clipPath id="spacetime-clip">
                <rect x={LEFT} y={TOP} width={span.cols * w.size} height={span.rows * w.size} />
              </clipPath>
            </defs>
            {cols.map(
              (t) =>
                (t - w.t0) % tStep === 0 && (
                  <text key={t} x={px(t) + w.size / 2} y={TOP - 6} className="axis-label" textAnchor="middle">
                    {t}
                  </text>
                ),
            )}
            {tEnd === T && w.t0 + span.cols > T && (
              <text x={px(T) + w.size / 2} y={TOP - 6} className="axis-label" textAnchor="middle">
                T
              </text>
            )}
            <g role="grid" aria-label="Spacetime" aria-rowcount={N} aria-colcount={T}>
              {rows.map((n) => (
                <g role="row" key={n} aria-rowindex={n + 1}>
                  {cols.map((t, i) => {
                    const on = used[i].has(n);
                    return (
                      <rect
                        key={t}
                        role="gridcell"
                        aria-label={`n=${n}, t=${t}`}
                        aria-selected={on}
                        aria-colindex={t + 1}
                        data-cell={`${n},${t}`}
                        tabIndex={fc.n === n && fc.t === t ? 0 : -1}
                        className={`cell${on ? ' on' : ''}`}
                        x={px(t) + pad}
                        y={py(n) + pad}
                        width={w.size - 2 * pad}
                        height={w.size - 2 * pad}
                        onKeyDown={(e) => onCellKey(e, n, t)}
                        onFocus={() => setFocus({ n, t })}
                      />
                    );
                  })}
                </g>
              ))}
            </g>
            {rows.map(
              (n) =>
                (n - w.n0) % nStep === 0 && (
                  <text key={n} x={LEFT - 5} y={py(n) + w.size / 2 + 3} className="axis-label" textAnchor="end">
                    {n}
                  </text>
                ),
            )}
            {tEnd === T && w.t0 + span.cols > T && (
              <line className="root-line" x1={px(T)} x2={px(T)} y1={TOP} y2={TOP + span.rows * w.size} />
            )}
            {placed && (
              <g className="placed" clipPath="url(#spacetime-clip)">
                {placed.diagram.parent.map((p, v) => {
                  const [x1, y1] = pos(v);
                  const [x2, y2] = pos(p);
                  return <line key={v} className={`edge${bad.has(v) ? ' bad' : ''}`} x1={x1} y1={y1} x2={x2} y2={y2} />;
                })}
                {shown.map((v) => {
                  const [cx, cy] = pos(v);
                  return (
                    <g
                      key={v}
                      role="button"
                      tabIndex={0}
                      data-node={v}
                      aria-label={label(v)}
                      className={`placed-node${bad.has(v) ? ' bad' : ''}${v === m ? ' root' : ''}`}
                      onPointerDown={(e) => onNodeDown(e, v)}
                      onKeyDown={(e) => onNodeKey(e, v)}
                    >
                      <circle cx={cx} cy={cy} r={Math.max(4, Math.min(9, w.size / 3))} />
                      <text x={cx} y={cy + 3.5} textAnchor="middle">
                        {w.size >= 16 ? v : ''}
                      </text>
                    </g>
                  );
                })}
              </g>
            )}
          </svg>
        </div>
        <GridOverview st={st} win={w} onJump={(c) => setWin(centreOn(w, c, N, T))} />
      </div>
      {hidden.length > 0 && (
        <p className="hint off-window">
          Outside the window:{' '}
          {hidden.map((v) => (
            <button
              key={v}
              type="button"
              className="link"
              data-node={v}
              aria-label={label(v)}
              onClick={() => setWin(centreOn(w, cellOf(v)!, N, T))}
              onKeyDown={(e) => onNodeKey(e, v)}
            >
              {v === m ? 'root' : `node ${v}`} ({cellOf(v)!.n}, {cellOf(v)!.t === T ? 'T' : cellOf(v)!.t})
            </button>
          ))}
        </p>
      )}
      <p id="grid-help" className="hint">
        Shaded cells are the schedule; click a cell to add or remove it. Drag the background, use Shift+arrows or click
        the overview to move the window; the wheel, + and − zoom. Drop a catalogue diagram here; drag its nodes (or
        focus one and use the arrows).
      </p>
      {g.shuffled && (
        <p className="hint" aria-label="Shuffle note">
          Shuffled epochs: every trajectory draws its own order of the datapoints in each epoch; the grid shows the
          identity order as one example. Emb(D) and the prediction average over all orders.
        </p>
      )}
      {note && (
        <p role="alert" className="error">
          {note}
        </p>
      )}
      <GridFacts g={g} />
    </section>
  );
}
