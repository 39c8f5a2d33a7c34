// `sweep <plan.json> …` (README "Sweeps and clusters"):
//   --out results.jsonl [--shard i/n] [--jobs j]     compute (resuming) the shard's grid points
//   --merge a.jsonl b.jsonl … --out all.jsonl        combine shard outputs, checked complete
//   --emit k8s|slurm --shards n --out shared.jsonl   print a cluster job that runs the shards
import os from 'node:os';
import { emit, type EmitOptions } from './sweep-emit';
import { mergeResults } from './sweep-io';
import { parseShard, PlanError, readPlan } from './sweep-plan';
import { runSweep } from './sweep-run';
import { parseArgs } from './args';

const RUN_FLAGS = ['out', 'shard', 'jobs'];
const EMIT_FLAGS = ['out', 'emit', 'shards', 'jobs', 'cli', 'workdir', 'image', 'pvc', 'mount', 'gpu'];
const SWITCHES = ['merge', 'gpu'];

function parse(args: string[]): { pos: string[]; flags: Map<string, string> } {
  // every flag of every mode here; allow() then checks the mode's own list
  const flags = [...new Set([...RUN_FLAGS, ...EMIT_FLAGS, ...SWITCHES])];
  return parseArgs(args, { command: 'sweep', flags, switches: SWITCHES, fail: (m) => new PlanError(m) });
}

function allow(flags: Map<string, string>, allowed: string[], mode: string): void {
  for (const k of flags.keys()) {
    if (!allowed.includes(k))
      throw new PlanError(`sweep ${mode}: unknown option --${k} (options: ${allowed.map((f) => `--${f}`).join(', ')})`);
  }
}

function positiveInt(flags: Map<string, string>, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new PlanError(`sweep: --${name} expects an integer ≥ 1, got "${v}"`);
  return Number(v);
}

/** Run the sweep command; returns the JSON summary, or undefined when it printed a job itself. */
export async function sweepCommand(args: string[]): Promise<unknown> {
  const { pos, flags } = parse(args);
  const planFile = pos[0];
  if (!planFile)
    throw new PlanError(
      'sweep: missing the plan file (usage: sweep <plan.json> --out results.jsonl [--shard i/n] [--jobs j])',
    );
  const out = flags.get('out');
  if (flags.has('merge')) {
    allow(flags, ['merge', 'out'], '--merge');
    if (!out) throw new PlanError('sweep --merge: missing --out (the combined file)');
    const plan = readPlan(planFile);
    const r = mergeResults(plan, pos.slice(1), out);
    return { plan: plan.fingerprint, out, points: r.points, inputs: pos.slice(1) };
  }
  if (pos.length > 1)
    throw new PlanError(`sweep: unexpected argument "${pos[1]}" (shard outputs are combined with --merge)`);
  if (flags.has('emit')) {
    allow(flags, EMIT_FLAGS, '--emit');
    const kind = flags.get('emit')!;
    if (kind !== 'k8s' && kind !== 'slurm') throw new PlanError(`sweep: --emit expects k8s or slurm, got "${kind}"`);
    const shards = positiveInt(flags, 'shards');
    if (!shards) throw new PlanError('sweep --emit: missing --shards n (how many jobs share the grid)');
    if (!out)
      throw new PlanError('sweep --emit: missing --out (the merged output on the shared volume or file system)');
    const plan = readPlan(planFile);
    const o: EmitOptions = {
      kind,
      shards,
      out,
      planPath: planFile,
      cli: flags.get('cli') ?? 'npm run --silent cli --',
      workdir: flags.get('workdir'),
      jobs: positiveInt(flags, 'jobs'),
      gpu: flags.has('gpu'),
      image: flags.get('image') ?? 'node:20-bookworm',
      pvc: flags.get('pvc') ?? 'sgd-sweep',
      mount: flags.get('mount') ?? '/work',
    };
    process.stdout.write(emit(plan, o));
    return undefined;
  }
  allow(flags, RUN_FLAGS, '');
  if (!out) throw new PlanError('sweep: missing --out results.jsonl');
  const shard = parseShard(flags.get('shard') ?? '0/1');
  const jobs = positiveInt(flags, 'jobs') ?? os.availableParallelism();
  const plan = readPlan(planFile);
  return runSweep(plan, planFile, { out, shard, jobs, progress: process.stderr });
}
