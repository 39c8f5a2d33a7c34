// Run state shared by both engines (a checkpoint at a chunk boundary) and the final statistics.
import type { Moments } from './cpu/reduce';
import type { Optimizer, SimPlan } from './plan';

/**
 * Everything needed to continue a run at update `t`: trajectory states (f32, K × S: the D
 * weights, then the control-variate sum when the plan uses one), status
 * words (see plan.ts), the index of the next recorded step to produce, and the statistics of
 * the recorded steps already produced. Either engine can continue from it.
 */
export interface Checkpoint {
  t: number;
  recNext: number;
  theta: Float32Array;
  status: Uint32Array;
  moments: (Moments | null)[];
}

export function initialCheckpoint(p: SimPlan): Checkpoint {
  const theta = new Float32Array(p.K * p.S);
  for (let k = 0; k < p.K; k++) theta.set(p.init, k * p.S); // the control variate starts at 0
  return { t: 0, recNext: 0, theta, status: new Uint32Array(p.K), moments: p.recSteps.map(() => null) };
}

export interface SimResult {
  engine: 'gpu' | 'cpu';
  adapter: string;
  optimizer: Optimizer;
  trajectories: number;
  seed: number;
  eta: number;
  T: number;
  substeps: number;
  steps: number[];
  /** Mean over trajectories at each recorded step; null where some trajectory has left the finite range. */
  mean: (number | null)[];
  /** Standard error of the mean (sample s.d. / √K); null like `mean`, or when K = 1. */
  stderr: (number | null)[];
  /** Trajectories still in the finite range at each recorded step. */
  finite: number[];
  /** Trajectories that left the finite range by step T. */
  diverged: number;
  /** First step at which some trajectory was out of range, or null. */
  firstDiverged: number | null;
  /** Notes on what happened (fallbacks, device loss and recovery). */
  messages: string[];
  /** Present when the run was cancelled with partialOnCancel: the updates done (records up to it). */
  stoppedAt?: number;
}

/**
 * The result of a finished run (checkpoint at t = T with every record produced), or with
 * `partial` of a cancelled one: the records produced so far, then `now` (the statistics at the
 * step where it stopped) and `stoppedAt` = updates done.
 */
export function finish(
  p: SimPlan,
  cp: Checkpoint,
  engine: 'gpu' | 'cpu',
  adapter: string,
  messages: string[],
  partial = false,
  now?: Moments,
): SimResult {
  const mean: (number | null)[] = [];
  const stderr: (number | null)[] = [];
  const finite: number[] = [];
  const moments = partial ? cp.moments.slice(0, cp.recNext) : cp.moments;
  const steps = p.recSteps.slice(0, moments.length);
  if (partial && now && steps[steps.length - 1] !== cp.t) {
    // where the run stopped, so that every update done shows
    moments.push(now);
    steps.push(cp.t);
  }
  moments.forEach((m, i) => {
    if (!m) throw new Error(`internal: recorded step ${p.recSteps[i]} was never produced`);
    finite.push(m.n);
    const all = m.n === p.K;
    mean.push(all ? m.mean : null);
    stderr.push(all && m.n > 1 ? Math.sqrt(m.m2 / (m.n - 1) / m.n) : null);
  });
  let diverged = 0;
  let first = Infinity;
  for (const s of cp.status) {
    if (s !== 0) {
      diverged++;
      first = Math.min(first, s - 1);
    }
  }
  return {
    engine, adapter, optimizer: p.optimizer, trajectories: p.K, seed: p.seed, eta: p.eta, T: p.T,
    substeps: p.substeps, steps, mean, stderr, finite, diverged,
    firstDiverged: diverged ? first : null, messages, ...(partial ? { stoppedAt: cp.t } : {}),
  };
}

export interface Progress {
  /** Updates done so far. */
  step: number;
  T: number;
  engine: 'gpu' | 'cpu';
}

export class CancelledError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Records of the plan that fall in [t0, t1], starting at index `from`. */
export function recordsIn(p: SimPlan, from: number, t1: number): number {
  let n = 0;
  while (from + n < p.recSteps.length && p.recSteps[from + n] <= t1) n++;
  return n;
}
