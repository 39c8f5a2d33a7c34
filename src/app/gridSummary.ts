// A spacetime too large to draw cell by cell, binned into at most GRID_MAX × GRID_MAX blocks.
// Walking millions of cells takes seconds, so it is done in the grid worker.
import { GRID_MAX, spacetimeOf } from './gridSlice';
import type { ScenarioParams } from './params';

export interface GridSummary {
  rows: number;
  cols: number;
  /** the fraction of each block's cells that the schedule uses */
  density: number[][];
}

export type ScheduleParams = Pick<ScenarioParams, 'N' | 'B' | 'epochs' | 'shuffle' | 'batches'>;

export function summariseSchedule(p: ScheduleParams): GridSummary {
  const st = spacetimeOf(p as ScenarioParams);
  const { N, batches } = st;
  const T = batches.length;
  const rows = Math.min(N, GRID_MAX);
  const cols = Math.min(T, GRID_MAX);
  const count = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  batches.forEach((b, t) => {
    const c = Math.floor((t * cols) / T);
    for (const n of b) count[Math.floor((n * rows) / N)][c]++;
  });
  const cap = (N / rows) * (T / cols);
  return { rows, cols, density: count.map((r) => r.map((x) => x / cap)) };
}
