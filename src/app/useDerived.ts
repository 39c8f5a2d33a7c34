// Hooks that turn the store into what panels draw: the built scenario, the headline
// prediction (timed), and reports on the editor's diagram and the grid's placement.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { canonicalize } from '../theory/canonical';
import { isIrreducible, printDiagram, reducibleNodes, tiesOf } from '../theory/diagram';
import { diagramNumbers, embeddingValue } from './diagramNumbers';
import { diagramScaling, diagramTex, scalingTex } from './diagramTex';
import { GRID_MAX, gridIsSmall, spacetimeOf } from './gridSlice';
import { stepsOf, type ScenarioParams } from './params';
import { placementProblems } from './placement';
import { contextFor, timedPrediction, type PredictionContext } from './predictions';
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

export function useContext(): PredictionContext | null {
  const b = useBuilt();
  return useMemo(() => {
    if (!b.ok) return null;
    try {
      return contextFor(b.scenario);
    } catch {
      return null;
    }
  }, [b]);
}

export type PredictionView = { ok: true; value: number; ms: number; T: number } | { ok: false; message: string };

export function usePrediction(): PredictionView {
  const b = useBuilt();
  return useMemo(() => {
    if (!b.ok) return { ok: false, message: b.message };
    try {
      const { value, ms } = timedPrediction(b.scenario, b.scenario.eta!);
      return { ok: true, value, ms, T: contextFor(b.scenario).T };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }, [b]);
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
  numbers: ReturnType<typeof diagramNumbers> | null;
}

export function useDiagramReport(): DiagramReport {
  const diagram = useAppStore((s) => s.editor.diagram);
  const observable = useAppStore((s) => s.observable);
  const ctx = useContext();
  const eta = useAppStore((s) => s.eta);
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
  const numbers = useMemo(() => (ctx ? safe(() => diagramNumbers(ctx, diagram, eta)) : null), [ctx, diagram, eta]);
  return { ...structure, numbers };
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

export interface GridReport {
  small: boolean;
  N: number;
  T: number;
  batches: number[][];
  /** large grids: the fraction of used cells in each of up to 64×64 bins */
  summary: { rows: number; cols: number; density: number[][] } | null;
  /** the placed diagram, its problems, Emb(D) and the placement's value */
  placed: null | {
    notation: string;
    diagram: Diagram;
    cells: (Cell | null)[];
    rootRow?: number;
    problems: PlacementProblem[];
    embeddings: number | string;
    value: number | null;
  };
}

export function useGridReport(): GridReport {
  const p = useParams();
  const grid = useAppStore((s) => s.grid);
  const ctx = useContext();
  const tooBig = (p.batches ? p.batches.length : p.epochs * p.N) > MAX_CELLS;
  const st = useMemo(() => (tooBig ? null : safe(() => spacetimeOf(p))), [p.N, p.B, p.epochs, p.shuffle, p.batches, tooBig]); // eslint-disable-line react-hooks/exhaustive-deps
  const small = gridIsSmall(p);
  return useMemo(() => {
    const base = { small, N: p.N, T: st?.T ?? stepsOf(p), batches: small && st ? st.batches : [], summary: !small && st ? summarise(st.N, st.batches) : null };
    if (!st || !grid.notation || !grid.placement) return { ...base, placed: null };
    const diagram = parseDiagram(grid.notation);
    const problems = placementProblems(diagram, p.observable, st, grid.placement);
    const nums = ctx ? safe(() => diagramNumbers(ctx, diagram, p.eta)) : null;
    const value = ctx && problems.length === 0 ? safe(() => embeddingValue(ctx, diagram, grid.placement!.cells as Cell[], p.eta, st)) : null;
    return {
      ...base,
      placed: { notation: grid.notation, diagram, cells: grid.placement.cells, rootRow: grid.placement.rootRow, problems, embeddings: nums?.embeddings ?? '—', value },
    };
    // p is a new object on every store change; the fields read above are the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [small, st, grid, ctx, p.observable, p.eta, p.N]);
}

export { GRID_MAX };

/** Bin a large spacetime into at most GRID_MAX × GRID_MAX blocks (fraction of cells in use). */
function summarise(N: number, batches: number[][]): { rows: number; cols: number; density: number[][] } {
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
