// Progressive runs: keep adding rounds of trajectories of the same seeded stream (round j runs
// counters k0 .. k0 + n − 1, so trajectory k's numbers never depend on the rounds before), merge
// their block statistics exactly (blocks.ts) and report the whole so far after every round,
// until the standard error reaches a target, the trajectory count reaches a cap, or the signal
// aborts. After each round the result equals a single run of that many trajectories bit for
// bit; memory holds one round's states and O(log K) nodes per recorded step, never all K.
import { BLOCK, blocksOf, type NodeSet, nodesOf, addNodes, rootOf } from './blocks';
import { DeviceHolder, runBlocks, type RunOptions } from './engine';
import { makePlan, SimInputError, type SimSpec } from './plan';
import { metaOf, resultOf, type SimResult } from './stats';

export interface ProgressiveOptions extends Omit<RunOptions, 'onProgress'> {
  /** Trajectories of the first round (rounded up to a multiple of 64). */
  initial: number;
  /** Stop once the largest standard error along the recorded curve is at most this (null: never). */
  targetStderr: number | null;
  /** Stop at this many trajectories. */
  cap: number;
  /** Called with the merged result after every round. */
  onRound?: (r: SimResult, why: ProgressiveStop | null) => void;
  /** Updates done in the current round, which takes the trajectory count from `from` to `to`. */
  onProgress?: (p: { step: number; T: number; engine: 'gpu' | 'cpu'; from: number; to: number }) => void;
  /** A round shorter than this many seconds makes the next one twice as large (default 1). */
  roundSeconds?: number;
}

export type ProgressiveStop = 'target' | 'cap';

/** The largest standard error along the curve, or null when some recorded step has none. */
export function worstStderr(r: SimResult): number | null {
  let worst = 0;
  for (const s of r.stderr.slice(1)) {
    if (s === null) return null;
    worst = Math.max(worst, s);
  }
  return worst;
}

export async function runProgressive(
  spec: Omit<SimSpec, 'trajectories' | 'firstTrajectory'>,
  opts: ProgressiveOptions,
): Promise<{ result: SimResult; stop: ProgressiveStop }> {
  const cap = Math.floor(opts.cap);
  if (!(cap >= 1)) throw new SimInputError(`cap: expected a positive number of trajectories, got ${opts.cap}`);
  const target = opts.targetStderr;
  if (target !== null && !(target > 0))
    throw new SimInputError(`target standard error: expected a positive number, got ${target}`);
  const round0 = Math.min(cap, Math.max(BLOCK, Math.ceil(opts.initial / BLOCK) * BLOCK));
  const meta = metaOf(makePlan({ ...spec, trajectories: 1 }));
  const sets: NodeSet[] = meta.steps.map(() => new Map());
  const devices = opts.devices ?? new DeviceHolder();
  let K = 0;
  let size = round0;
  let diverged = 0;
  let first: number | null = null;
  let messages: string[] = [];
  try {
    for (;;) {
      const n = Math.min(size, cap - K);
      const t0 = performance.now();
      const part = await runBlocks(
        { ...spec, trajectories: n, firstTrajectory: K },
        {
          ...opts,
          devices,
          onProgress: (p) => opts.onProgress?.({ ...p, from: K, to: K + n }),
        },
      );
      part.blocks.forEach((set, r) => addNodes(sets[r], nodesOf(set)));
      K += n;
      diverged += part.diverged;
      if (part.firstDiverged !== null) first = Math.min(first ?? Infinity, part.firstDiverged);
      messages = [...new Set([...messages, ...part.messages])];
      const result = resultOf(
        { ...meta, trajectories: K },
        sets.map((s) => rootOf(s, blocksOf(K))),
        { diverged, firstDiverged: first },
        part.engine,
        part.adapter,
        messages.slice(),
      );
      const se = worstStderr(result);
      const stop: ProgressiveStop | null =
        target !== null && se !== null && se <= target ? 'target' : K >= cap ? 'cap' : null;
      opts.onRound?.(result, stop);
      if (stop) return { result, stop };
      // Rounds grow while they are short: fewer, longer dispatches on fast GPUs.
      if ((performance.now() - t0) / 1000 < (opts.roundSeconds ?? 1)) size *= 2;
      size = Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    if (!opts.devices) devices.close();
  }
}
