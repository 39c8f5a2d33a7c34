// A simulation plan: everything both engines need, derived once from a scenario and the run
// options, in plain arrays. Both engines execute exactly this plan, so their only differences
// are f32 rounding (GPU) versus float64-rounded-to-f32 (CPU twin).
//
// Conventions (stated once):
// - update t = 0..T−1: θ ← θ − (η/|B_t|) P Σ_{n∈B_t} ∇l_{x_n}(θ)  (sgd; gd uses B_t = all N;
//   P = I unless the scenario has a preconditioner; every optimizer applies P to its step);
// - trajectory k's training point n is x_n = datum(seed, k, n): drawn once, reused across epochs;
// - status of a trajectory: 0 while in range, else 1 + the first step s whose state θ_s (or
//   observable at s) left the finite range |·| ≤ LIMIT (NaN counts as out of range).
import type { Expr } from '../landscape/formula/ast';
import { gradient, hessian } from '../landscape/formula/diff';
import { parseScenario, type ParsedScenario } from '../landscape/scenario';
import { dataVariables, isAtomsLaw, lawPoints, type DataLaw } from '../landscape/data';
import { isExplicit, scheduleT } from '../theory/schedule';
import type { Scenario } from '../theory/scenario-types';
import { seedKey } from './cpu/philox';
import { atomThresholds } from './cpu/sample';
import { polyDegree } from './degree';
import { InputError } from '../theory/errors';

import { OPTIMIZERS, optimizerInfo, trainLossRefusal, type Optimizer } from './optimizers';
export { OPTIMIZERS, type Optimizer };

/** Values with |v| above this (or NaN) have left the finite range. */
export const LIMIT = 1e30;

export interface SimSpec {
  scenario: Scenario & { lossExpr?: Expr; phiExpr?: Expr; P?: Float64Array };
  trajectories: number;
  /**
   * Counter of the first trajectory (default 0): the run simulates trajectories
   * firstTrajectory .. firstTrajectory + trajectories − 1 of the seed's stream. A multiple of the
   * block size 64, so that blocks line up with those of the whole run (shards, progressive runs).
   */
  firstTrajectory?: number;
  seed?: number;
  optimizer?: Optimizer;
  /** Number of evenly spaced recorded steps, always including 0 and T (default 100). */
  record?: number;
  /** Overrides scenario.eta. */
  eta?: number;
  /** Sub-steps per update: SDE Euler–Maruyama (default 1), ODE RK4 (default 16). */
  substeps?: number;
  /**
   * Report φ(θ_t) − Σ_{s<t} ∇φ(θ_s)·δ_s instead of φ(θ_t), where δ_s = θ_{s+1} − (θ_s − η∇l(θ_s))
   * is the update's noise (∇l the population gradient). E[δ_s | θ_s] = 0 when every update uses
   * fresh data (SGD with each point used once) or is one Euler–Maruyama step (SDE, k = 1), so
   * the mean is unchanged while most of the noise-driven variance cancels. Weight and test-loss
   * observables only.
   */
  controlVariate?: boolean;
}

export interface SimPlan {
  optimizer: Optimizer;
  /** Trajectories of this run (buffers hold K states). */
  K: number;
  /** Counter of the first one (a multiple of 64; see SimSpec.firstTrajectory). */
  k0: number;
  seed: number;
  key: [number, number];
  eta: number;
  T: number;
  /** Recorded steps, ascending, first 0, last T. */
  recSteps: number[];
  D: number;
  /** Floats of state per trajectory: the D weights, plus the control-variate sum if used. */
  S: number;
  /** Whether the martingale control variate is applied (see SimSpec.controlVariate). */
  cv: boolean;
  /** Number of data variables (may be 0). */
  M: number;
  N: number;
  weights: string[];
  dataVars: string[];
  init: Float64Array;
  sched: {
    explicit: boolean;
    B: number;
    /** Updates per epoch (structured schedules). */
    spe: number;
    /** Draw a permutation per epoch (only when it changes the law: shuffle with > 1 epoch). */
    shuffle: boolean;
    /** Explicit schedules: batch t is indices[offsets[t] .. offsets[t+1]). */
    offsets: Uint32Array;
    indices: Uint32Array;
  };
  law:
    { atoms: true; cum: Uint32Array; values: Float64Array } | { atoms: false; mean: Float64Array; std: Float64Array };
  /** Points representing the law for population expectations: weights and values (Q × M). */
  pop: { w: Float64Array; x: Float64Array; Q: number };
  obs: { kind: 'weight'; index: number } | { kind: 'test' } | { kind: 'train' } | { kind: 'formula'; expr: Expr };
  /** The observable is Var φ: the statistics report the spread across trajectories. */
  variance: boolean;
  /** The preconditioner P, row-major D × D, or null for the scalar learning rate. */
  P: Float64Array | null;
  substeps: number;
  /** GDC: β = η(N−1)/(4N). */
  beta: number;
  lossExpr: Expr;
  gradExprs: Expr[];
  /** Only built for GDC (row-major D × D). */
  hessExprs: Expr[] | null;
}

export class SimInputError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'SimInputError';
  }
}

/** Most recorded steps a run may ask for (each holds per-step statistics). */
export const MAX_RECORD = 100_000;

/** r evenly spaced integer steps in [0, T] including both ends (all steps if r > T). */
export function recordSteps(T: number, r: number): number[] {
  if (!Number.isInteger(r) || r < 2)
    throw new SimInputError(`record: expected an integer ≥ 2 (steps 0 and T are always recorded), got ${r}`);
  if (r > MAX_RECORD) throw new SimInputError(`record: at most ${MAX_RECORD} recorded steps, got ${r}`);
  if (r > T + 1) r = T + 1; // every step: the same set, without looping r times
  const out = new Set<number>();
  for (let i = 0; i < r; i++) out.add(Math.round((i * T) / (r - 1)));
  return [...out].sort((a, b) => a - b);
}

/** Gauss–Hermite nodes per variable: exact for polynomial data dependence, else 24. */
function nodesFor(lossExpr: Expr, dataVars: string[]): number {
  const deg = polyDegree(lossExpr, new Set(dataVars));
  // E of the loss needs degree deg; the gradient covariance (SDE) needs degree 2·deg.
  return Number.isFinite(deg) ? Math.max(1, deg + 1) : 24;
}

/** Largest finite f32. */
const F32_MAX = 3.4028234663852886e38;

function checkF32(field: string, x: number): void {
  if (Math.abs(x) > F32_MAX) {
    throw new SimInputError(`${field}: ${x} is beyond the f32 range (±3.4e38) the simulation computes in`);
  }
}

/** Every constant of the loss and of its derivatives must be a finite f32 (on both engines alike). */
function checkConstants(e: Expr): void {
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'num') {
      if (!(Math.abs(x.value) <= F32_MAX)) {
        const where = x.pos !== undefined ? ` at column ${x.pos + 1}` : ' (after differentiation)';
        throw new SimInputError(
          `loss: the constant ${x.value}${where} is beyond the f32 range (±3.4e38) the simulation computes in; rescale the formula`,
        );
      }
    } else if (x.kind === 'neg' || x.kind === 'call') stack.push(x.arg);
    else if (x.kind === 'bin') stack.push(x.left, x.right);
  }
}

export function makePlan(spec: SimSpec): SimPlan {
  // A scenario straight from JSON is validated here (errors name the field); one that comes
  // from parseScenario (it carries lossExpr) is trusted.
  const given = spec.scenario as ParsedScenario;
  const ob0 = given.observable;
  const complete =
    !!given.lossExpr &&
    (typeof ob0 !== 'object' || 'weight' in ob0 || !!given.phiExpr) &&
    (given.preconditioner === undefined || !!given.P);
  const { lossExpr: _l, phiExpr: _f, P: _p, ...json } = given;
  const sc = complete ? given : parseScenario(json);
  const optimizer = spec.optimizer ?? 'sgd';
  if (!OPTIMIZERS.includes(optimizer))
    throw new SimInputError(`optimizer: expected one of ${OPTIMIZERS.join(', ')}, got ${JSON.stringify(optimizer)}`);
  const K = spec.trajectories;
  if (!Number.isInteger(K) || K < 1) throw new SimInputError(`trajectories: expected a positive integer, got ${K}`);
  const k0 = spec.firstTrajectory ?? 0;
  if (!Number.isInteger(k0) || k0 < 0 || k0 % 64 !== 0) {
    throw new SimInputError(`firstTrajectory: expected a non-negative multiple of 64, got ${k0}`);
  }
  if (k0 + K > 2 ** 32 - 1)
    throw new SimInputError(`trajectories: ${k0 + K} exceeds the 2^32−1 trajectory counters of the generator`);
  const seed = spec.seed ?? 0;
  let key: [number, number];
  try {
    key = seedKey(seed);
  } catch (e) {
    throw new SimInputError((e as Error).message);
  }
  const eta = spec.eta ?? sc.eta;
  if (eta === undefined) throw new SimInputError('eta: a simulation needs a learning rate (scenario field "eta")');
  if (!(Number.isFinite(eta) && eta > 0)) throw new SimInputError(`eta: expected a positive number, got ${eta}`);
  const T = scheduleT(sc.schedule);
  // steps, datapoints and status words are 32-bit counters on both engines
  if (T > 2 ** 32 - 2)
    throw new SimInputError(`schedule: ${T} updates exceed the 2^32−2 step counters of the simulation`);
  if (sc.schedule.N > 2 ** 32 - 1) {
    throw new SimInputError(`schedule.N: ${sc.schedule.N} exceeds the 2^32−1 datapoint counters of the generator`);
  }
  const recSteps = recordSteps(T, spec.record ?? 100);
  const weights = sc.weights;
  const D = weights.length;
  const data = sc.data as DataLaw;
  const dataVars = dataVariables(data);
  const M = dataVars.length;
  const lossExpr = sc.lossExpr!;
  const N = sc.schedule.N;

  const s = sc.schedule;
  const sched: SimPlan['sched'] = isExplicit(s)
    ? (() => {
        const offsets = new Uint32Array(s.batches.length + 1);
        s.batches.forEach((b, t) => (offsets[t + 1] = offsets[t] + b.length));
        return { explicit: true, B: 0, spe: 0, shuffle: false, offsets, indices: Uint32Array.from(s.batches.flat()) };
      })()
    : {
        explicit: false,
        B: s.B,
        spe: s.N / s.B,
        // Only SGD visits points in schedule order (gd/gdc use all, sde/ode none).
        shuffle: s.shuffle && s.epochs > 1 && optimizer === 'sgd',
        offsets: new Uint32Array(0),
        indices: new Uint32Array(0),
      };

  const law: SimPlan['law'] = isAtomsLaw(data)
    ? {
        atoms: true,
        cum: atomThresholds(data.atoms.map((a) => a.p)),
        values: Float64Array.from(data.atoms.flatMap((a) => dataVars.map((v) => a.values[v]))),
      }
    : {
        atoms: false,
        mean: Float64Array.from(dataVars.map((v) => data.normal[v].mean)),
        std: Float64Array.from(dataVars.map((v) => data.normal[v].std)),
      };
  const points = lawPoints(data, nodesFor(lossExpr, dataVars));
  const pop = {
    Q: points.length,
    w: Float64Array.from(points.map((p) => p.w)),
    x: Float64Array.from(points.flatMap((p) => dataVars.map((v) => p.values[v]))),
  };

  const ob = sc.observable;
  const phi = (sc as ParsedScenario).phiExpr;
  const obs: SimPlan['obs'] =
    ob === 'test-loss'
      ? { kind: 'test' }
      : ob === 'train-loss'
        ? { kind: 'train' }
        : 'weight' in ob
          ? { kind: 'weight', index: weights.indexOf(ob.weight) }
          : { kind: 'formula', expr: phi! };
  const variance = typeof ob === 'object' && 'variance' in ob;
  const P = (sc as ParsedScenario).P ?? null;
  if (obs.kind === 'weight' && obs.index < 0)
    throw new SimInputError(`observable.weight: not one of the weights (${weights.join(', ')})`);
  const noTrain = trainLossRefusal(optimizer);
  if (obs.kind === 'train' && noTrain) {
    throw new SimInputError(`observable "train-loss" is not defined for the ${optimizer} optimizer: ${noTrain}`);
  }
  const substeps = spec.substeps ?? optimizerInfo(optimizer).defaultSubsteps;
  if (!Number.isInteger(substeps) || substeps < 1 || substeps > 4096)
    throw new SimInputError(`substeps: expected an integer from 1 to 4096, got ${substeps}`);

  const cv = spec.controlVariate ?? false;
  if (cv) {
    const fresh = isExplicit(s) ? new Set(s.batches.flat()).size === s.batches.flat().length : s.epochs === 1;
    if (obs.kind === 'train' || obs.kind === 'formula' || variance)
      throw new SimInputError('controlVariate: needs a weight or test-loss observable');
    if (!((optimizer === 'sgd' && fresh) || (optimizer === 'sde' && substeps === 1))) {
      throw new SimInputError(
        'controlVariate: its mean is exact only for SGD where every datapoint is used once, or the SDE with one sub-step',
      );
    }
  }
  const gradExprs = gradient(lossExpr, weights);
  const hessExprs = optimizerInfo(optimizer).hessian ? hessian(lossExpr, weights).flat() : null;
  // both engines compute in f32: refuse what it cannot hold the same way on either
  checkF32('eta', eta);
  sc.init.forEach((x, i) => checkF32(`init[${i}]`, x));
  if (law.atoms) law.values.forEach((x, i) => checkF32(`data.atoms[${Math.floor(i / Math.max(1, M))}]`, x));
  else
    dataVars.forEach(
      (v, i) => (checkF32(`data.normal.${v}.mean`, law.mean[i]), checkF32(`data.normal.${v}.std`, law.std[i])),
    );
  for (const e of [lossExpr, ...gradExprs, ...(hessExprs ?? [])]) checkConstants(e);
  return {
    optimizer,
    K,
    k0,
    seed,
    key,
    eta,
    T,
    recSteps,
    D,
    S: D + (cv ? 1 : 0),
    cv,
    M,
    N,
    weights,
    dataVars,
    init: Float64Array.from(sc.init),
    sched,
    law,
    pop,
    obs,
    variance,
    P,
    substeps,
    beta: (eta * (N - 1)) / (4 * N),
    lossExpr,
    gradExprs,
    hessExprs,
  };
}

/**
 * Training points per Philox draw (the data stream's layout, both engines): atoms take one word
 * each and a normal law with M variables takes M normals (two Box–Muller pairs per draw), so
 * ⌊4/M⌋ consecutive points share a draw when M ≤ 2; otherwise a point has its own ⌈M/4⌉ draws.
 */
export function pointsPerDraw(p: Pick<SimPlan, 'law' | 'M'>): 1 | 2 | 4 {
  if (p.law.atoms || p.M <= 1) return 4;
  return p.M === 2 ? 2 : 1;
}

/**
 * Whether SGD visits the points one per update in order (batch 1, no shuffling, no explicit
 * batches), with the draw blocks of pointsPerDraw aligned to the updates in every epoch: the
 * step kernel then runs the updates of one draw from a single Philox call.
 */
export function sequentialPoints(p: SimPlan): boolean {
  const s = p.sched;
  if (p.optimizer !== 'sgd' || s.explicit || s.shuffle || s.B !== 1) return false;
  return s.spe % pointsPerDraw(p) === 0 || p.T <= s.spe;
}

/** Batch size of update t under the plan's optimizer (what the SGD noise is averaged over). */
export function batchSize(p: SimPlan, t: number): number {
  if (optimizerInfo(p.optimizer).fullBatch) return p.N;
  return p.sched.explicit ? p.sched.offsets[t + 1] - p.sched.offsets[t] : p.sched.B;
}
