// Hooks that turn the store into what panels draw: the built scenario, the headline
// prediction (timed, from the prediction worker), and reports on the editor's diagram and the
// grid's placement. Nothing here runs the theory's heavy parts: those answers come from the worker.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { canonicalize } from '../theory/canonical';
import { isIrreducible, printDiagram, reducibleNodes, tiesOf } from '../theory/diagram';
import type { DiagramNumbers } from './diagramNumbers';
import { diagramScaling, diagramTex, scalingTex } from './diagramTex';
import { GRID_MAX, gridIsSmall, spacetimeOf } from './gridSlice';
import { stepsOf, type ScenarioParams } from './params';
import { placementProblems } from './placement';
import { summariseSchedule, type GridSummary, type ScheduleParams } from './gridSummary';
import { GRACE_MS, TIMEOUT_MS, type WorkerLike } from './jobClient';
import { usePredictions } from './predictionSync';
import { jobChannel, useJob } from './useJob';
import { MAX_CELLS, buildScenario, type Built } from './scenario';
import { paramsOf } from './scenarioSlice';
import { useAppStore } from './store';
import { parseDiagram, type Diagram } from '../theory/diagram';
import type { Cell, PlacementProblem } from '../theory/embeddings';

export const useParams = (): ScenarioParams => useAppStore(useShallow(paramsOf));

const builtCache = new Map<string, Built>();

/** The scenario built from everything but η, with η put back (η changes must stay cheap). */
export function useBuilt(): Built {
  const p = useParams();
  const { eta, optimizers: _o, trajectories: _k, seed: _s, ...rest } = p;
  const key = JSON.stringify(rest);
  const base = useMemo(() => {
    let b = builtCache.get(key);
    if (!b) {
      b = buildScenario(p);
      if (builtCache.size > 32) builtCache.clear();
      builtCache.set(key, b);
    }
    return b;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return useMemo(() => (base.ok ? { ...base, scenario: { ...base.scenario, eta } } : base), [base, eta]);
}

/** A number from the worker, or why there is none yet (computing) or at all (refused). */
export type Answer<T> = { state: 'ok'; value: T } | { state: 'computing' } | { state: 'refused'; message: string };

export type PredictionView =
  | { ok: true; headline: Answer<{ value: number; ms: number; T: number }>; series: Answer<number | null>; stale: boolean }
  | { ok: false; message: string };

/** The headline prediction and the exact series: the scenario's error, or the worker's answers. */
export function usePrediction(): PredictionView {
  const b = useBuilt();
  const { answer, current, pending } = usePredictions();
  if (!b.ok) return { ok: false, message: b.message };
  if (!answer || !current) return { ok: true, headline: { state: 'computing' }, series: { state: 'computing' }, stale: true };
  const o = answer.outcome;
  if (!o.ok) return { ok: true, headline: { state: 'refused', message: o.message }, series: { state: 'refused', message: o.message }, stale: pending };
  const { headline, series } = o.value;
  const as = <T,>(p: { ok: true; value: T } | { ok: false; message: string }): Answer<T> =>
    p.ok ? { state: 'ok', value: p.value } : { state: 'refused', message: p.message };
  return { ok: true, headline: as(headline), series: as(series), stale: pending };
}

export interface DiagramReport {
  diagram: Diagram;
  notation: string;
  canonical: string;
  aut: number;
  edges: [number, number][];
  parts: number[][];
  ties: number;
  irreducible: boolean;
  reducible: number[];
  tex: { value: string; term: string };
  scaling: { sgd: string; gd: string };
  numbers: DiagramNumbers | null;
}

const sameJSON = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every number of a diagram replaced by one message (the job was refused or failed). */
const refusedNumbers = (canonical: string, aut: number, message: string): DiagramNumbers => ({
  canonical, aut, embeddings: message, term: message, resummed: message,
});

export function useDiagramReport(): DiagramReport {
  const diagram = useAppStore((s) => s.editor.diagram);
  const observable = useAppStore((s) => s.observable);
  const { answer, current } = usePredictions();
  const structure = useMemo(() => {
    const c = canonicalize(diagram);
    return {
      diagram,
      notation: printDiagram(diagram),
      canonical: c.notation,
      aut: c.aut,
      edges: diagram.parent.map((p, c2) => [c2, p] as [number, number]),
      parts: diagram.parts.map((p) => [...p].sort((a, b) => a - b)),
      ties: tiesOf(diagram),
      irreducible: isIrreducible(diagram),
      reducible: reducibleNodes(diagram),
      tex: diagramTex(diagram, observable, c.aut),
      scaling: scalingTex(diagramScaling(diagram)),
    };
  }, [diagram, observable]);
  const numbers = useMemo((): DiagramNumbers | null => {
    if (!answer || !current || !sameJSON(answer.req.diagram, diagram)) return null;
    const o = answer.outcome;
    if (!o.ok) return refusedNumbers(structure.canonical, structure.aut, o.message);
    return o.value.diagram.ok ? o.value.diagram.value : refusedNumbers(structure.canonical, structure.aut, o.value.diagram.message);
  }, [answer, current, diagram, structure]);
  return { ...structure, numbers };
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

function spawnGridWorker(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./grid.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

const gridChannel = jobChannel<ScheduleParams, GridSummary>({
  spawn: spawnGridWorker,
  inline: summariseSchedule,
  workKey: (q) => JSON.stringify(q),
  timeoutMs: TIMEOUT_MS,
  graceMs: GRACE_MS,
  tooLong: () => 'lower N or the epochs',
});

export interface GridReport {
  small: boolean;
  N: number;
  T: number;
  batches: number[][];
  /** large grids: the fraction of used cells in each of up to 64×64 bins */
  summary: GridSummary | null;
  /** why a large grid has no summary (yet): computing, refused, or too large to build */
  summaryNote: string | null;
  /** the placed diagram, its problems, Emb(D) and the placement's value */
  placed: null | {
    notation: string;
    diagram: Diagram;
    cells: (Cell | null)[];
    rootRow?: number;
    problems: PlacementProblem[];
    embeddings: number | string;
    /** the placement's value, or why there is none */
    value: number | string | null;
  };
}

export function useGridReport(): GridReport {
  const p = useParams();
  const grid = useAppStore((s) => s.grid);
  const { answer, current } = usePredictions();
  const tooBig = (p.batches ? p.batches.length : p.epochs * p.N) > MAX_CELLS;
  const small = gridIsSmall(p);
  // a small grid is built here (at most 64×64 cells); a large one is summarised in the grid worker
  const st = useMemo(() => (small ? safe(() => spacetimeOf(p)) : null), [p.N, p.B, p.epochs, p.shuffle, p.batches, small]); // eslint-disable-line react-hooks/exhaustive-deps
  const schedule: ScheduleParams = { N: p.N, B: p.B, epochs: p.epochs, shuffle: p.shuffle, batches: p.batches };
  const scheduleKey = JSON.stringify(schedule);
  const summarised = useJob(gridChannel, small || tooBig ? null : schedule, small || tooBig ? '' : scheduleKey);
  const answered = summarised && summarised.key === scheduleKey ? summarised.outcome : null;
  const summary = answered && answered.ok ? answered.value : null;
  const summaryNote = small ? null : tooBig ? `not built: more than ${MAX_CELLS.toLocaleString('en')} cells` : !answered ? 'summarising…' : answered.ok ? null : answered.message;
  return useMemo(() => {
    const base = { small, N: p.N, T: st?.T ?? stepsOf(p), batches: small && st ? st.batches : [], summary, summaryNote };
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
      placed: { notation: grid.notation, diagram, cells: grid.placement.cells, rootRow: grid.placement.rootRow, problems, embeddings, value },
    };
    // p is a new object on every store change; the fields read above are the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [small, st, grid, answer, current, p.observable, summary, summaryNote]);
}

export { GRID_MAX };
