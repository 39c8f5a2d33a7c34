// Run state shared by both engines (a checkpoint at a chunk boundary) and the final statistics.
import { BLOCK, blocksOf, type Moments, type NodeSet, rootOf } from './blocks';
import type { Optimizer, SimPlan } from './plan';
import { sampleVariance } from './moments4';

/**
 * Everything needed to continue a run at update `t`: trajectory states (f32, K × S: the D
 * weights, then the control-variate sum when the plan uses one), status
 * words (see plan.ts), the index of the next recorded step to produce, and the block statistics
 * of the recorded steps already produced (blocks.ts). Either engine can continue from it.
 */
export interface Checkpoint {
  t: number;
  recNext: number;
  theta: Float32Array;
  status: Uint32Array;
  blocks: NodeSet[];
}

export function initialCheckpoint(p: SimPlan): Checkpoint {
  const theta = new Float32Array(p.K * p.S);
  for (let k = 0; k < p.K; k++) theta.set(p.init, k * p.S); // the control variate starts at 0
  return { t: 0, recNext: 0, theta, status: new Uint32Array(p.K), blocks: p.recSteps.map(() => new Map()) };
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
  /**
   * Mean over trajectories at each recorded step; null where some trajectory has left the
   * finite range. For a variance observable: the sample variance across trajectories.
   */
  mean: (number | null)[];
  /**
   * Standard error of the mean (sample s.d. / √K); null like `mean`, or when K = 1. For a
   * variance observable: the standard error of the sample variance, from the fourth central
   * moment (null below K = 4).
   */
  stderr: (number | null)[];
  /** Trajectories still in the finite range at each recorded step. */
  finite: number[];
  /** Trajectories that left the finite range by step T. */
  diverged: number;
  /** First step at which some trajectory was out of range, or null. */
  firstDiverged: number | null;
  /** Notes on what happened (fallbacks, device loss and recovery). */
  messages: string[];
  /** 'variance' when `mean` and `stderr` are the sample variance and its standard error */
  statistic?: 'variance';
  /** Present when the run was cancelled with partialOnCancel: the updates done (records up to it). */
  stoppedAt?: number;
}

/** What a run's statistics are of: the fields of SimResult that describe the run, not its numbers. */
export type RunMeta = Pick<
  SimResult,
  'optimizer' | 'trajectories' | 'seed' | 'eta' | 'T' | 'substeps' | 'steps' | 'statistic'
>;

export const metaOf = (p: SimPlan): RunMeta => ({
  optimizer: p.optimizer,
  trajectories: p.K,
  seed: p.seed,
  eta: p.eta,
  T: p.T,
  substeps: p.substeps,
  steps: p.recSteps.slice(),
  ...(p.variance ? { statistic: 'variance' as const } : {}),
});

/** Trajectories that left the finite range, and the first step at which one did (or null). */
export function divergence(status: Uint32Array): { diverged: number; firstDiverged: number | null } {
  let diverged = 0;
  let first = Infinity;
  for (const s of status) {
    if (s !== 0) {
      diverged++;
      first = Math.min(first, s - 1);
    }
  }
  return { diverged, firstDiverged: diverged ? first : null };
}

/**
 * The result from the statistics of all K trajectories at each recorded step (roots of the
 * block trees): the one place where mean and standard error are computed, for whole runs,
 * merged shards and progressive runs alike.
 */
export function resultOf(
  meta: RunMeta,
  roots: Moments[],
  div: { diverged: number; firstDiverged: number | null },
  engine: 'gpu' | 'cpu',
  adapter: string,
  messages: string[],
): SimResult {
  const K = meta.trajectories;
  const mean: (number | null)[] = [];
  const stderr: (number | null)[] = [];
  const finite: number[] = [];
  for (const m of roots) {
    finite.push(m.n);
    const all = m.n === K;
    if (meta.statistic === 'variance') {
      if (m.m4 === undefined) throw new Error('internal: a variance run without fourth moments');
      const v = sampleVariance({ n: m.n, m2: m.m2, m4: m.m4 });
      mean.push(all ? v.value : null);
      stderr.push(all ? v.stderr : null);
      continue;
    }
    mean.push(all ? m.mean : null);
    stderr.push(all && m.n > 1 ? Math.sqrt(m.m2 / (m.n - 1) / m.n) : null);
  }
  return { engine, adapter, ...meta, steps: meta.steps.slice(), mean, stderr, finite, ...div, messages };
}

/** The statistics of the first `count` recorded steps (default all) of a run of trajectories 0 .. K − 1. */
export function rootsOf(p: SimPlan, cp: Checkpoint, count = cp.blocks.length): Moments[] {
  if (p.k0 !== 0) throw new Error('internal: a run that starts past trajectory 0 is a shard; merge it instead');
  return cp.blocks.slice(0, count).map((set, i) => {
    if (i >= cp.recNext) throw new Error(`internal: recorded step ${p.recSteps[i]} was never produced`);
    return rootOf(set, blocksOf(p.K));
  });
}

/**
 * The result of a finished run (checkpoint at t = T with every record produced), or, given
 * `now`, of a cancelled one: the records produced so far, then `now` (the statistics at the step
 * where it stopped, unless that step is recorded already) and `stoppedAt` = updates done.
 */
export function finish(
  p: SimPlan,
  cp: Checkpoint,
  engine: 'gpu' | 'cpu',
  adapter: string,
  messages: string[],
  now?: Moments,
): SimResult {
  const div = divergence(cp.status);
  if (now === undefined) return resultOf(metaOf(p), rootsOf(p, cp), div, engine, adapter, messages);
  const meta = metaOf(p);
  const roots = rootsOf(p, cp, cp.recNext);
  meta.steps = meta.steps.slice(0, cp.recNext);
  if (meta.steps[meta.steps.length - 1] !== cp.t) {
    // where the run stopped, so that every update done shows
    roots.push(now);
    meta.steps.push(cp.t);
  }
  return { ...resultOf(meta, roots, div, engine, adapter, messages), stoppedAt: cp.t };
}

/** The blocks a plan covers: [k0 / 64, k0 / 64 + ⌈K / 64⌉). */
export const blockRange = (p: SimPlan): [number, number] => [p.k0 / BLOCK, p.k0 / BLOCK + blocksOf(p.K)];

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
