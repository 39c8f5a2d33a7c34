// What the spacetime view draws: the scenario's spacetime (structured schedules stay lazy, so
// N = T = 10⁵ costs nothing until a window asks for its rows), the placed diagram, its
// problems, and Emb(D) for the whole spacetime and the chosen embedding's resummed value from the
// prediction worker. The overview of the whole schedule comes from the grid worker.
import { useMemo } from 'react';
import { parseDiagram, type Diagram } from '../../theory/diagram';
import type { Cell, PlacementProblem } from '../../theory/embeddings';
import type { Spacetime } from '../../theory/spacetime';
import { spacetimeOf } from '../state/gridSlice';
import { scheduleOverview, type Overview, type ScheduleParams } from '../diagrams/gridWindow';
import { moduleWorker } from '../workers/jobClient';
import { stepsOf } from '../scenario/params';
import { placementProblems } from '../diagrams/placement';
import { usePredictions } from './predictionSync';
import { useAppStore } from '../state/store';
import { safe, sameJSON, useParams, type Answer } from './useDerived';
import { jobChannel, useJob } from './useJob';

export interface GridReport {
  N: number;
  T: number;
  /** null when the schedule is not a valid spacetime */
  st: Spacetime | null;
  /** shuffled epochs: the view shows the identity order, one example of the orders drawn */
  shuffled: boolean;
  /** the placed diagram, its problems, Emb(D) and the placement's value */
  placed: null | {
    notation: string;
    diagram: Diagram;
    cells: (Cell | null)[];
    rootRow?: number;
    problems: PlacementProblem[];
    /** Emb(D) on the whole spacetime, or why there is none */
    embeddings: number | string;
    /** the placement's value, or why there is none (null: not legal or not computed) */
    value: number | string | null;
  };
}

export function useGridReport(): GridReport {
  const p = useParams();
  const grid = useAppStore((s) => s.grid);
  const { answer, current } = usePredictions();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const st = useMemo(() => safe(() => spacetimeOf(p)), [p.N, p.B, p.epochs, p.shuffle, p.batches]);
  return useMemo(() => {
    const shuffled = !p.batches && p.shuffle && p.epochs > 1 && p.B < p.N;
    const base = { N: p.N, T: st?.T ?? stepsOf(p), st, shuffled };
    if (!st || !grid.notation || !grid.placement) return { ...base, placed: null };
    const diagram = parseDiagram(grid.notation);
    const problems = placementProblems(diagram, p.observable, st, grid.placement);
    let embeddings: number | string = '—';
    let value: number | string | null = null;
    const placed = answer && current ? answer.req.placed : null;
    if (answer && placed && sameJSON(placed.diagram, diagram)) {
      const o = answer.outcome;
      const part = o.ok ? o.value.placed : null;
      if (!o.ok) embeddings = value = o.message;
      else if (part && !part.ok) embeddings = value = part.message;
      else if (part && part.ok) {
        embeddings = part.value.embeddings;
        value = problems.length === 0 && sameJSON(placed.cells, grid.placement.cells) ? part.value.value : null;
      }
    }
    return {
      ...base,
      placed: {
        notation: grid.notation,
        diagram,
        cells: grid.placement.cells,
        rootRow: grid.placement.rootRow,
        problems,
        embeddings,
        value,
      },
    };
    // p is a new object on every store change; the fields read above are the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [st, grid, answer, current, p.observable, p.N, p.shuffle, p.epochs, p.B, p.batches]);
}

const spawnGridWorker = moduleWorker(
  () => new Worker(new URL('../workers/grid.worker.ts', import.meta.url), { type: 'module' }),
);

const gridChannel = jobChannel<ScheduleParams, Overview>({
  spawn: spawnGridWorker,
  inline: scheduleOverview,
  workKey: (q) => JSON.stringify(q),
  tooLong: () => 'lower N or the epochs',
});

/** The overview of the whole schedule, from the grid worker. */
export function useOverview(): Answer<Overview> {
  const p = useParams();
  const schedule: ScheduleParams = useMemo(
    () => ({ N: p.N, B: p.B, epochs: p.epochs, shuffle: p.shuffle, batches: p.batches }),
    [p.N, p.B, p.epochs, p.shuffle, p.batches],
  );
  const key = useMemo(() => JSON.stringify(schedule), [schedule]);
  const got = useJob(gridChannel, schedule, key);
  if (!got || got.key !== key) return { state: 'computing' };
  return got.outcome.ok
    ? { state: 'ok', value: got.outcome.value }
    : { state: 'refused', message: got.outcome.message };
}
