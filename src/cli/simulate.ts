// `simulate <scenario.json> --trajectories K [--seed s] [--engine gpu|cpu] [--optimizer
// sgd|gd|gdc|sde|ode] [--record r] [--substeps k] [--shard i/n]` (scenario.md). Returns the JSON
// object; throws an Error with a clear message on bad input. With --shard the run covers shard i
// of n of the K trajectories and returns a partial result for `merge` (merge.ts).
import { readFileSync } from 'node:fs';
import { parseScenarioText } from '../landscape/scenario';
import { runBlocks, runSimulation, type SimResult } from '../sim/engine';
import { OPTIMIZERS, type Optimizer } from '../sim/plan';
import { CancelledError } from '../sim/stats';
import { fingerprint, parseShard, partialOf, shardRange } from './partial';
import { InterruptedError, runTalk } from './progress';
import { parseArgs, UsageError } from './args';

const FLAGS = ['trajectories', 'seed', 'engine', 'optimizer', 'record', 'substeps', 'shard'];

function parse(args: string[]): { file: string; flags: Map<string, string> } {
  const { pos, flags } = parseArgs(args, { command: 'simulate', flags: FLAGS });
  if (pos.length === 0)
    throw new UsageError(
      'simulate: missing the scenario file (usage: simulate <scenario.json> --trajectories K [--seed s] …)',
    );
  if (pos.length > 1) throw new UsageError(`simulate: unexpected argument "${pos[1]}"`);
  return { file: pos[0], flags };
}

function integer(flags: Map<string, string>, name: string, min: number, dflt?: number): number {
  const v = flags.get(name);
  if (v === undefined) {
    if (dflt === undefined) throw new Error(`simulate: missing --${name}`);
    return dflt;
  }
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < min) {
    throw new Error(`simulate: --${name} expects an integer ≥ ${min}, got "${v}"`);
  }
  return Number(v);
}

export async function simulateCommand(args: string[]): Promise<unknown> {
  const { file, flags } = parse(args);
  const trajectories = integer(flags, 'trajectories', 1);
  const seed = integer(flags, 'seed', 0, 0);
  const record = integer(flags, 'record', 2, 100);
  const substeps = flags.has('substeps') ? integer(flags, 'substeps', 1) : undefined;
  const engine = flags.get('engine') ?? 'auto';
  if (!['gpu', 'cpu', 'auto'].includes(engine))
    throw new Error(`simulate: --engine expects gpu or cpu, got "${engine}"`);
  const optimizer = (flags.get('optimizer') ?? 'sgd') as Optimizer;
  if (!OPTIMIZERS.includes(optimizer))
    throw new Error(`simulate: --optimizer expects one of ${OPTIMIZERS.join(', ')}, got "${optimizer}"`);
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new Error(
      `simulate: cannot read scenario file "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const scenario = parseScenarioText(text, file);
  const spec = { scenario, trajectories, seed, optimizer, record, substeps };
  const talk = runTalk();
  const opts = { engine: engine as 'gpu' | 'cpu' | 'auto', onProgress: talk.onProgress, signal: talk.signal };
  try {
    const shardFlag = flags.get('shard');
    if (shardFlag !== undefined) {
      const shard = parseShard(shardFlag, trajectories);
      const { k0, count } = shardRange(shard, trajectories);
      let part;
      try {
        part = await runBlocks({ ...spec, firstTrajectory: k0, trajectories: count }, opts);
      } catch (e) {
        // a shard's statistics merge only when complete: nothing partial to print
        if (e instanceof CancelledError) {
          const msg = `simulate: --shard ${shardFlag} interrupted; rerun it to produce its result`;
          throw new InterruptedError(msg);
        }
        throw e;
      }
      return partialOf(part, { shard, trajectories, record, scenario: fingerprint(JSON.parse(text)) });
    }
    // Ctrl-C prints the records done so far (and where the run stopped) instead of nothing.
    return presentResult(await runSimulation(spec, { ...opts, partialOnCancel: true }));
  } finally {
    talk.dispose();
  }
}

/** simulate's JSON for a result: the contract's fields first, then the extras (what ran, divergence detail, notes). */
export function presentResult(r: SimResult): Record<string, unknown> {
  return {
    engine: r.engine,
    adapter: r.adapter,
    T: r.T,
    steps: r.steps,
    mean: r.mean,
    stderr: r.stderr,
    diverged: r.diverged,
    firstDiverged: r.firstDiverged,
    finite: r.finite,
    optimizer: r.optimizer,
    trajectories: r.trajectories,
    seed: r.seed,
    eta: r.eta,
    substeps: r.substeps,
    messages: r.messages,
    // a variance observable: mean and stderr are the sample variance and its standard error
    ...(r.statistic ? { statistic: r.statistic } : {}),
    ...(r.stoppedAt !== undefined ? { interrupted: true, stoppedAt: r.stoppedAt } : {}),
  };
}
