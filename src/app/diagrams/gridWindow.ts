// The spacetime view's window: which rows n and updates t are drawn cell by cell, at what size,
// and an overview of the whole schedule. Everything here uses the schedule's structure (which
// rows update t uses), never a list of all N·T cells, so N = T = 10⁵ costs what the window costs.
import type { Cell } from '../../theory/embeddings';
import { makeSpacetime, type Spacetime } from '../../theory/spacetime';
import { scheduleJSON, type ScenarioParams } from '../scenario/params';

/** Pixels available for cells by default (the view measures its own width), and the readable sizes. */
export const VIEW_W = 480;
export const VIEW_H = 300;
export const MIN_SIZE = 10;
export const MAX_SIZE = 28;

export interface GridWindow {
  /** first row and first update drawn */
  n0: number;
  t0: number;
  /** pixels per cell */
  size: number;
  /** pixels available for cells */
  vw: number;
  vh: number;
}

export interface Span {
  rows: number;
  /** columns drawn: updates 0..T−1 and the root's column t = T */
  cols: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** How many rows and columns the window holds at its cell size (never more than exist). */
export function spanOf(w: Pick<GridWindow, 'size' | 'vw' | 'vh'>, N: number, T: number): Span {
  return {
    rows: Math.max(1, Math.min(N, Math.floor(w.vh / w.size))),
    cols: Math.max(1, Math.min(T + 1, Math.floor(w.vw / w.size))),
  };
}

/** The largest readable size that shows the whole spacetime, or a middle size when none does. */
export function fitSize(N: number, T: number, vw = VIEW_W, vh = VIEW_H): number {
  const fit = Math.floor(Math.min(vw / (T + 1), vh / N));
  return fit >= MIN_SIZE ? Math.min(MAX_SIZE, fit) : 16;
}

/** Keep the window inside the spacetime (and its size readable). */
export function clampWindow(w: GridWindow, N: number, T: number): GridWindow {
  const size = clamp(Math.round(w.size), MIN_SIZE, MAX_SIZE);
  const s = spanOf({ ...w, size }, N, T);
  return {
    ...w,
    size,
    n0: clamp(Math.round(w.n0), 0, N - s.rows),
    t0: clamp(Math.round(w.t0), 0, T + 1 - s.cols),
  };
}

/** The rows update t uses: a range for structured schedules (identity order), a list otherwise. */
export function rowsAt(st: Spacetime, t: number): { lo: number; hi: number } | readonly number[] {
  if (st.structured) {
    const B = st.structured.B;
    const slot = t % (st.N / B);
    return { lo: slot * B, hi: slot * B + B };
  }
  return st.batches[t] ?? [];
}

/** Rows of update t inside [lo, hi), in increasing order. */
export function rowsIn(st: Spacetime, t: number, lo: number, hi: number): number[] {
  const r = rowsAt(st, t);
  if (Array.isArray(r)) return r.filter((n) => n >= lo && n < hi);
  const { lo: a, hi: b } = r as { lo: number; hi: number };
  const out: number[] = [];
  for (let n = Math.max(a, lo); n < Math.min(b, hi); n++) out.push(n);
  return out;
}

/** |B_t|, the size of update t's batch. */
export const batchSize = (st: Spacetime, t: number): number => (st.structured ? st.structured.B : st.batches[t].length);

/** The first window: the last updates and the root's column, rows around the last update's batch. */
export function initialWindow(st: Spacetime, vw = VIEW_W, vh = VIEW_H): GridWindow {
  const size = fitSize(st.N, st.T, vw, vh);
  const s = spanOf({ size, vw, vh }, st.N, st.T);
  const last = rowsIn(st, st.T - 1, 0, st.N);
  const mid = last.length ? last[Math.floor(last.length / 2)] : 0;
  return clampWindow({ size, vw, vh, t0: st.T + 1 - s.cols, n0: mid - Math.floor(s.rows / 2) }, st.N, st.T);
}

/** Whether a cell (t = T for the root's column) is drawn in the window. */
export function inWindow(w: GridWindow, c: Cell, N: number, T: number): boolean {
  const s = spanOf(w, N, T);
  return c.n >= w.n0 && c.n < w.n0 + s.rows && c.t >= w.t0 && c.t < w.t0 + s.cols;
}

/** The smallest shift of the window that brings a cell into it. */
export function follow(w: GridWindow, c: Cell, N: number, T: number): GridWindow {
  const s = spanOf(w, N, T);
  const n0 = c.n < w.n0 ? c.n : c.n >= w.n0 + s.rows ? c.n - s.rows + 1 : w.n0;
  const t0 = c.t < w.t0 ? c.t : c.t >= w.t0 + s.cols ? c.t - s.cols + 1 : w.t0;
  return clampWindow({ ...w, n0, t0 }, N, T);
}

/** The window centred on a cell (the overview's click). */
export function centreOn(w: GridWindow, c: Cell, N: number, T: number): GridWindow {
  const s = spanOf(w, N, T);
  return clampWindow({ ...w, n0: c.n - Math.floor(s.rows / 2), t0: c.t - Math.floor(s.cols / 2) }, N, T);
}

export function panBy(w: GridWindow, dn: number, dt: number, N: number, T: number): GridWindow {
  return clampWindow({ ...w, n0: w.n0 + dn, t0: w.t0 + dt }, N, T);
}

/** Zoom by a factor, keeping the anchor cell under the same pixel. */
export function zoomAt(w: GridWindow, factor: number, anchor: Cell, N: number, T: number): GridWindow {
  const size = clamp(Math.round(w.size * factor), MIN_SIZE, MAX_SIZE);
  if (size === w.size) return w;
  const fn = (anchor.n - w.n0) * w.size;
  const ft = (anchor.t - w.t0) * w.size;
  return clampWindow({ ...w, size, n0: anchor.n - fn / size, t0: anchor.t - ft / size }, N, T);
}

export interface Overview {
  rows: number;
  cols: number;
  /** fraction of the block's cells in the schedule, rows × cols */
  density: number[][];
}

/** Beyond this many updates the overview samples each column's updates instead of reading all. */
export const OVERVIEW_EXACT_T = 200_000;

/**
 * The whole schedule in at most rows × cols blocks: exact up to OVERVIEW_EXACT_T updates
 * (O(T + blocks touched) for structured schedules); beyond, each column block reads an evenly
 * spaced sample of its updates (a picture, e.g. 1000 epochs of 10⁵ points, not a count).
 */
export function overview(st: Spacetime, maxRows = 48, maxCols = 96): Overview {
  const rows = Math.min(st.N, maxRows);
  const cols = Math.min(st.T, maxCols);
  const count = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const rowBin = (n: number) => Math.floor((n * rows) / st.N);
  const stride = st.T > OVERVIEW_EXACT_T ? Math.floor(st.T / OVERVIEW_EXACT_T) + 1 : 1;
  for (let t = 0; t < st.T; t += stride) {
    const c = Math.floor((t * cols) / st.T);
    const r = rowsAt(st, t);
    if (Array.isArray(r)) {
      for (const n of r) count[rowBin(n)][c] += stride;
      continue;
    }
    const { lo, hi } = r as { lo: number; hi: number };
    // add the overlap of [lo, hi) with each row block it touches
    for (let b = rowBin(lo); b <= rowBin(hi - 1); b++) {
      const bLo = Math.ceil((b * st.N) / rows);
      const bHi = Math.ceil(((b + 1) * st.N) / rows);
      count[b][c] += stride * Math.max(0, Math.min(hi, bHi) - Math.max(lo, bLo));
    }
  }
  const density = count.map((row, b) => {
    const h = Math.ceil(((b + 1) * st.N) / rows) - Math.ceil((b * st.N) / rows);
    return row.map((x, c) => x / (h * (Math.ceil(((c + 1) * st.T) / cols) - Math.ceil((c * st.T) / cols))));
  });
  return { rows, cols, density };
}

/** What a schedule's overview depends on (the grid worker's request). */
export type ScheduleParams = Pick<ScenarioParams, 'N' | 'B' | 'epochs' | 'shuffle' | 'batches'>;

/** A schedule's overview (a custom schedule of millions of cells takes a while: the grid worker). */
export const scheduleOverview = (p: ScheduleParams): Overview => overview(makeSpacetime(scheduleJSON(p)));
