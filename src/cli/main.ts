// sgd-diagrams CLI: JSON on stdout, errors on stderr with exit code 1 (scenario.md).
import { readFileSync } from 'node:fs';
import { parseScenarioText } from '../landscape/scenario';
import { predict, tensorsOf } from '../landscape/predict';
import { enumerateDiagrams } from '../theory/enumerate';
import { MAX_SCENARIO_ORDER } from '../theory/orders';
import type { ObservableKind } from '../theory/diagram';
import { DIAGRAM_KINDS } from '../theory/observables';
import { setGpuVerbose } from '../sim/gpu/device';
import { InputError } from '../theory/errors';
import { parseArgs, UsageError } from './args';
import { OPTIMIZERS } from '../sim/optimizers';
import { INTERRUPTED_EXIT, InterruptedError } from './progress';

const USAGE = `usage: npm run --silent cli -- <command> …
  predict <scenario.json>                 exact series, value and resummed prediction
  diagrams --edges d --observable test-loss|train-loss|weight|formula [--irreducible]
  tensors <scenario.json> [--order k]     derivatives and cumulants at θ₀
  simulate <scenario.json> --trajectories K --seed s [--engine gpu|cpu]
           [--optimizer ${OPTIMIZERS.join('|')}] [--record r] [--shard i/n]
  merge <partial.json> …                  combine the shards of a run (simulate --shard)
  sweep <plan.json> --out results.jsonl [--shard i/n] [--jobs j]
                                          a grid of predictions and simulations (resumable)
  sweep <plan.json> --merge a.jsonl b.jsonl … --out all.jsonl
  sweep <plan.json> --emit k8s|slurm --shards n --out shared.jsonl [--cli CMD] [--workdir D]
  experiment <name|errata|list> [--quick] [--engine gpu|cpu] [--seed s]
                                          reproduce a claim of the paper with a verdict
  --verbose (any command)                 also show the GPU driver stack's start-up messages`;

export { UsageError };

/**
 * `tensors --order k` is a derivative order (E ∇^k l_x), not a number of edges: its limit is the
 * derivatives a prediction at the highest scenario order uses (m edges need ∇^m). The Taylor-mode
 * engine itself goes further (MAX_TENSOR_ORDER), but d^k printed entries soon swamp the output.
 */
export const TENSORS_MAX_ORDER = MAX_SCENARIO_ORDER;

/** One scenario file: a second one would be ignored, so it is refused. */
function onePositional(cmd: string, pos: string[]): void {
  if (pos.length > 1) throw new UsageError(`${cmd}: unexpected argument "${pos[1]}" (${cmd} reads one scenario file)`);
}

function readScenario(path: string | undefined): ReturnType<typeof parseScenarioText> {
  if (!path) throw new UsageError('missing the scenario file argument');
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new InputError(
      `cannot read scenario file "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseScenarioText(text, path);
}

function intFlag(flags: Map<string, string>, name: string, dflt?: number): number {
  const v = flags.get(name);
  if (v === undefined) {
    if (dflt === undefined) throw new UsageError(`missing --${name}`);
    return dflt;
  }
  if (!/^-?\d+$/.test(v)) throw new UsageError(`--${name}: expected an integer, got "${v}"`);
  return Number(v);
}

export async function run(argv: string[]): Promise<unknown> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'predict': {
      const { pos } = parseArgs(rest, { command: 'predict', flags: [] });
      onePositional('predict', pos);
      return predict(readScenario(pos[0]));
    }
    case 'diagrams': {
      const { pos, flags } = parseArgs(rest, {
        command: 'diagrams',
        flags: ['edges', 'observable', 'irreducible'],
        switches: ['irreducible'],
      });
      if (pos.length > 0) throw new UsageError(`diagrams: unexpected argument "${pos[0]}"`);
      const d = intFlag(flags, 'edges');
      if (d < 0 || d > MAX_SCENARIO_ORDER) throw new UsageError(`--edges: expected 0..${MAX_SCENARIO_ORDER}, got ${d}`);
      const obs = flags.get('observable') ?? 'test-loss';
      if (!(DIAGRAM_KINDS as readonly string[]).includes(obs)) {
        throw new UsageError(
          `--observable: expected ${DIAGRAM_KINDS.join(', ')}, got "${obs}" (a variance uses the formula diagrams)`,
        );
      }
      return enumerateDiagrams(d, obs as ObservableKind, { irreducibleOnly: flags.has('irreducible') }).map((c) => ({
        diagram: c.notation,
        edges: c.edges,
        parts: c.parts,
        ties: c.ties,
        aut: c.aut,
        irreducible: c.irreducible,
      }));
    }
    case 'tensors': {
      const { pos, flags } = parseArgs(rest, { command: 'tensors', flags: ['order'] });
      onePositional('tensors', pos);
      const k = intFlag(flags, 'order', 3);
      if (k < 1 || k > TENSORS_MAX_ORDER) throw new UsageError(`--order: expected 1..${TENSORS_MAX_ORDER}, got ${k}`);
      return tensorsOf(readScenario(pos[0]), k);
    }
    case 'experiment': {
      const { pos, flags } = parseArgs(rest, {
        command: 'experiment',
        flags: ['quick', 'engine', 'seed'],
        switches: ['quick'],
      });
      const { EXPERIMENTS, experimentByName, runErrata } = await import('../experiments/registry');
      const name = pos[0];
      if (!name) throw new UsageError('missing the experiment name');
      if (name === 'list') return EXPERIMENTS.map((e) => ({ name: e.name, title: e.title, claim: e.claim }));
      const engine = flags.get('engine') ?? 'auto';
      if (!['auto', 'gpu', 'cpu'].includes(engine))
        throw new UsageError(`--engine: expected gpu or cpu, got "${engine}"`);
      const ctx = {
        quick: flags.has('quick'),
        engine: engine as 'auto' | 'gpu' | 'cpu',
        seed: intFlag(flags, 'seed', 0),
      };
      if (name === 'errata') return runErrata(ctx);
      return experimentByName(name).run(ctx);
    }
    case 'simulate': {
      const { simulateCommand } = await import('./simulate');
      return simulateCommand(rest);
    }
    case 'merge': {
      const { mergeCommand } = await import('./merge');
      return mergeCommand(rest);
    }
    case 'sweep': {
      const { sweepCommand } = await import('./sweep');
      return sweepCommand(rest);
    }
    case '__sweep-worker': {
      // A child of `sweep --jobs j` (sweep-run.ts); it talks to its parent over IPC only.
      const { sweepWorker } = await import('./sweep-run');
      await sweepWorker(rest);
      return undefined;
    }
    case undefined:
    case 'help':
    case '--help':
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

export async function main(): Promise<void> {
  // --verbose (anywhere) lets the GPU driver stack print its start-up messages.
  const argv = process.argv.slice(2);
  if (argv.includes('--verbose')) setGpuVerbose(true);
  try {
    const out = await run(argv.filter((a) => a !== '--verbose'));
    // (undefined: the command printed its own output, e.g. `sweep --emit`.)
    if (out !== undefined) process.stdout.write(JSON.stringify(out) + '\n');
    // a simulation stopped by Ctrl-C printed what it had; the status says it is partial
    if (out !== null && typeof out === 'object' && (out as { interrupted?: boolean }).interrupted)
      process.exitCode = INTERRUPTED_EXIT;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`error: ${msg}\n`);
    if (e instanceof UsageError) process.stderr.write(USAGE + '\n');
    process.exitCode = e instanceof InterruptedError ? INTERRUPTED_EXIT : 1;
  }
}

if (process.argv[1] && /main\.ts$/.test(process.argv[1])) void main();
