// What the spacetime view draws: the scenario's spacetime (structured schedules stay lazy, so
// N = T = 10⁵ costs nothing until a window asks for its rows), the placed diagram, its
// problems, Emb(D) for the whole spacetime and the chosen embedding's resummed value.
import { useMemo } from 'react';
import { parseDiagram, type Diagram } from '../theory/diagram';
import type { Cell, PlacementProblem } from '../theory/embeddings';
import type { Spacetime } from '../theory/spacetime';
import { diagramNumbers, embeddingValue } from './diagramNumbers';
import { spacetimeOf } from './gridSlice';
import { stepsOf } from './params';
import { placementProblems } from './placement';
import { useAppStore } from './store';
import { safe, useContext, useParams } from './useDerived';

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
    embeddings: number | string;
    value: number | null;
  };
}

export function useGridReport(): GridReport {
  const p = useParams();
  const grid = useAppStore((s) => s.grid);
  const ctx = useContext();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const st = useMemo(() => safe(() => spacetimeOf(p)), [p.N, p.B, p.epochs, p.shuffle, p.batches]);
  return useMemo(() => {
    const shuffled = !p.batches && p.shuffle && p.epochs > 1 && p.B < p.N;
    const base = { N: p.N, T: st?.T ?? stepsOf(p), st, shuffled };
    if (!st || !grid.notation || !grid.placement) return { ...base, placed: null };
    const diagram = parseDiagram(grid.notation);
    const problems = placementProblems(diagram, p.observable, st, grid.placement);
    const nums = ctx ? safe(() => diagramNumbers(ctx, diagram, p.eta)) : null;
    const value =
      ctx && problems.length === 0
        ? safe(() => embeddingValue(ctx, diagram, grid.placement!.cells as Cell[], p.eta, st))
        : null;
    return {
      ...base,
      placed: {
        notation: grid.notation,
        diagram,
        cells: grid.placement.cells,
        rootRow: grid.placement.rootRow,
        problems,
        embeddings: nums?.embeddings ?? '—',
        value,
      },
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [st, grid, ctx, p.observable, p.eta, p.N, p.shuffle, p.epochs, p.B, p.batches]);
}
