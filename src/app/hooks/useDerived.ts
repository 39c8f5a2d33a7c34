// Hooks that turn the store into what panels draw: the built scenario, the headline
// prediction (timed, from the prediction worker), and reports on the editor's diagram and the
// grid's placement (useGridReport.ts). Nothing here runs the theory's heavy parts: those answers
// come from the worker.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { canonicalize } from '../../theory/canonical';
import { isIrreducible, printDiagram, reducibleNodes, tiesOf } from '../../theory/diagram';
import type { DiagramNumbers } from '../diagrams/diagramNumbers';
import { diagramScaling, diagramTex, scalingTex } from '../diagrams/diagramTex';
import type { ScenarioParams } from '../scenario/params';
import { usePredictions } from './predictionSync';
import { buildScenario, type Built } from '../scenario/scenario';
import { paramsOf } from '../state/scenarioSlice';
import { useAppStore } from '../state/store';
import type { Diagram } from '../../theory/diagram';

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
  | {
      ok: true;
      headline: Answer<{ value: number; ms: number; T: number }>;
      series: Answer<number | null>;
      stale: boolean;
      /** the settings the answers are for (they may lag behind the screen's); null before any */
      params: ScenarioParams | null;
    }
  | { ok: false; message: string };

/** The headline prediction and the exact series: the scenario's error, or the worker's answers. */
export function usePrediction(): PredictionView {
  const b = useBuilt();
  const { answer, current, pending } = usePredictions();
  if (!b.ok) return { ok: false, message: b.message };
  if (!answer || !current)
    return { ok: true, headline: { state: 'computing' }, series: { state: 'computing' }, stale: true, params: null };
  const o = answer.outcome;
  if (!o.ok)
    return {
      ok: true,
      headline: { state: 'refused', message: o.message },
      series: { state: 'refused', message: o.message },
      stale: pending,
      params: answer.req.params,
    };
  const { headline, series } = o.value;
  const as = <T>(p: { ok: true; value: T } | { ok: false; message: string }): Answer<T> =>
    p.ok ? { state: 'ok', value: p.value } : { state: 'refused', message: p.message };
  return { ok: true, headline: as(headline), series: as(series), stale: pending, params: answer.req.params };
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

export const sameJSON = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every number of a diagram replaced by one message (the job was refused or failed). */
const refusedNumbers = (canonical: string, aut: number, message: string): DiagramNumbers => ({
  canonical,
  aut,
  embeddings: message,
  term: message,
  resummed: message,
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
    return o.value.diagram.ok
      ? o.value.diagram.value
      : refusedNumbers(structure.canonical, structure.aut, o.value.diagram.message);
  }, [answer, current, diagram, structure]);
  return { ...structure, numbers };
}

export function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
