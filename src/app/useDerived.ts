// Hooks that turn the store into what panels draw: the built scenario, the headline
// prediction (timed), and reports on the editor's diagram and the grid's placement.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { canonicalize } from '../theory/canonical';
import { isIrreducible, printDiagram, reducibleNodes, tiesOf } from '../theory/diagram';
import { diagramNumbers } from './diagramNumbers';
import { diagramScaling, diagramTex, scalingTex } from './diagramTex';
import type { ScenarioParams } from './params';
import { contextFor, timedPrediction, type PredictionContext } from './predictions';
import { buildScenario, type Built } from './scenario';
import { paramsOf } from './scenarioSlice';
import { useAppStore } from './store';
import type { Diagram } from '../theory/diagram';

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

export function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
