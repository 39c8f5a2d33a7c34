// Shared pieces of the experiments: scenarios, simulation calls, statistics and verdicts.
import { parseScenario, type ParsedScenario } from '../landscape/scenario';
import { runSimulation, type SimResult } from '../sim/engine';
import type { Optimizer } from '../sim/plan';
import type { ErrataFormula, Erratum, ExperimentContext } from './types';

export type { ParsedScenario };

export function scenario(fields: Record<string, unknown>): ParsedScenario {
  return parseScenario(fields);
}

/** A landscape record (builtins carry a description that scenarios do not have). */
export const landscapeFields = (l: {
  weights: readonly string[];
  init: readonly number[];
  loss: string;
  data: unknown;
}) => ({
  weights: [...l.weights],
  init: [...l.init],
  loss: l.loss,
  data: l.data,
});

export interface Measured {
  value: number;
  stderr: number;
}

export interface SimRun {
  result: SimResult;
  /** value and standard error at T */
  end: Measured;
}

/** Run one simulation; a trajectory leaving the finite range is an error here (reported). */
export async function simulate(
  ctx: ExperimentContext,
  sc: ParsedScenario,
  opts: {
    trajectories: number;
    optimizer?: Optimizer;
    record?: number;
    eta?: number;
    substeps?: number;
    seed?: number;
    controlVariate?: boolean;
  },
): Promise<SimRun> {
  const result = await runSimulation(
    {
      scenario: sc,
      trajectories: opts.trajectories,
      seed: opts.seed ?? ctx.seed ?? 0,
      optimizer: opts.optimizer,
      record: opts.record ?? 2,
      eta: opts.eta,
      substeps: opts.substeps,
      controlVariate: opts.controlVariate,
    },
    { engine: ctx.engine ?? 'auto', signal: ctx.signal },
  );
  const last = result.mean.length - 1;
  const v = result.mean[last];
  const se = result.stderr[last];
  if (v === null || se === null) {
    throw new Error(
      `simulation diverged: ${result.diverged} of ${result.trajectories} trajectories left the finite range (first at step ${result.firstDiverged})`,
    );
  }
  return { result, end: { value: v, stderr: se } };
}

/** a − b with independent standard errors (conservative when the runs share random numbers). */
export const diff = (a: Measured, b: Measured): Measured => ({
  value: a.value - b.value,
  stderr: Math.hypot(a.stderr, b.stderr),
});
export const scale = (a: Measured, k: number): Measured => ({ value: a.value * k, stderr: a.stderr * Math.abs(k) });

export const zOf = (m: Measured, prediction: number): number =>
  m.stderr > 0 ? (m.value - prediction) / m.stderr : m.value === prediction ? 0 : Infinity;

export const Z_PASS = 4;

/**
 * Score a printed and a verified leading-order form (an experiment's erratum `f`) against one
 * measurement. `modelRel` is the relative size allowed for the terms a leading-order form leaves
 * out (its O(η) remainder at the η used), added in quadrature to each comparison's standard error.
 */
export function erratum(
  f: ErrataFormula,
  values: { printed: number; verified: number; where?: string },
  m: Measured,
  modelRel = 0,
): Erratum {
  const against = (v: number): Measured => ({ value: m.value, stderr: Math.hypot(m.stderr, modelRel * Math.abs(v)) });
  const zPrinted = zOf(against(values.printed), values.printed);
  const zVerified = zOf(against(values.verified), values.verified);
  const okP = Math.abs(zPrinted) < Z_PASS;
  const okV = Math.abs(zVerified) < Z_PASS;
  return {
    corollary: f.corollary,
    quantity: values.where ? `${f.quantity} ${values.where}` : f.quantity,
    printed: { formula: f.printed, value: values.printed },
    verified: { formula: f.verified, value: values.verified },
    modelRel,
    measured: m,
    zPrinted,
    zVerified,
    supports: okP && okV ? 'both' : okV ? 'verified' : okP ? 'printed' : 'neither',
  };
}

/** Least-squares slope of log y against log x. */
export function logSlope(x: number[], y: number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((v, i) => ((num += (v - mx) * (ly[i] - my)), (den += (v - mx) ** 2)));
  return num / den;
}

export { logGrid } from './plotSpec';

export const round = (x: number, digits = 4): string =>
  Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? x.toExponential(digits - 1) : x.toPrecision(digits);
