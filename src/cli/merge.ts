// `merge a.json b.json …`: combine the partial results of `simulate … --shard i/n` into exactly the
// JSON the unsharded `simulate` prints. The shards' block statistics go through the same tree as
// an unsharded run's (sim/blocks.ts), so steps, mean, stderr, diverged and trajectories match it
// bit for bit. A set with a gap, an overlap, or shards of different runs is an error.
import { readFileSync } from 'node:fs';
import { addNodes, blocksOf, type NodeSet, rootOf } from '../sim/blocks';
import { resultOf } from '../sim/stats';
import { type Partial, PARTIAL_FORMAT } from './partial';
import { presentResult } from './simulate';

/** Fields that every shard of one run shares. */
const SAME: (keyof Partial)[] = [
  'scenario',
  'seed',
  'trajectories',
  'record',
  'optimizer',
  'engine',
  'eta',
  'T',
  'substeps',
  'steps',
];

function read(file: string): Partial {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new Error(`merge: cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let p: Partial;
  try {
    p = JSON.parse(text) as Partial;
  } catch (e) {
    throw new Error(`merge: "${file}" is not JSON (${(e as Error).message})`);
  }
  if (p === null || typeof p !== 'object' || p.format !== PARTIAL_FORMAT) {
    throw new Error(`merge: "${file}" is not a partial result of simulate --shard`);
  }
  return p;
}

const trajectoriesOf = (b: [number, number], K: number) => `trajectories ${b[0] * 64}..${Math.min(K, b[1] * 64) - 1}`;

export function mergeCommand(args: string[]): Record<string, unknown> {
  const bad = args.find((a) => a.startsWith('--'));
  if (bad) throw new Error(`merge: unknown option ${bad} (merge takes only partial result files)`);
  if (args.length === 0) throw new Error('merge: no partial results given (usage: merge a.json b.json …)');
  const parts = args.map((file) => ({ file, p: read(file) }));
  const ref = parts[0];
  for (const { file, p } of parts.slice(1)) {
    for (const f of SAME) {
      if (JSON.stringify(p[f]) !== JSON.stringify(ref.p[f])) {
        const show = (v: unknown) => (f === 'steps' ? `${(v as number[]).length} recorded steps` : JSON.stringify(v));
        throw new Error(
          `merge: "${file}" is a shard of another run than "${ref.file}": ${f} ${show(p[f])} vs ${show(ref.p[f])}`,
        );
      }
    }
  }
  const K = ref.p.trajectories;
  const G = blocksOf(K);
  const sorted = [...parts].sort((a, b) => a.p.blocks[0] - b.p.blocks[0]);
  let next = 0;
  for (const [i, { file, p }] of sorted.entries()) {
    const [s, e] = p.blocks;
    if (s < next) {
      const prev = sorted[i - 1];
      throw new Error(
        `merge: "${prev.file}" (shard ${prev.p.shard.join('/')}, ${trajectoriesOf(prev.p.blocks, K)}) and "${file}" (shard ${p.shard.join('/')}, ${trajectoriesOf(p.blocks, K)}) overlap`,
      );
    }
    if (s > next) throw new Error(`merge: incomplete set: no shard covers ${trajectoriesOf([next, s], K)} of ${K}`);
    next = e;
  }
  if (next < G) throw new Error(`merge: incomplete set: no shard covers ${trajectoriesOf([next, G], K)} of ${K}`);

  const sets: NodeSet[] = ref.p.steps.map(() => new Map());
  for (const { file, p } of parts) {
    if (!Array.isArray(p.nodes) || p.nodes.length !== sets.length)
      throw new Error(`merge: "${file}" has no statistics for every recorded step`);
    p.nodes.forEach((nodes, r) => {
      for (const [level, index] of nodes) {
        const first = index * 2 ** level;
        if (first < p.blocks[0] || first + 2 ** level > p.blocks[1]) {
          throw new Error(`merge: "${file}" holds statistics outside its blocks ${p.blocks[0]}..${p.blocks[1] - 1}`);
        }
      }
      addNodes(sets[r], nodes);
    });
  }
  const firsts = parts.map(({ p }) => p.firstDiverged).filter((f): f is number => f !== null);
  const adapters = [...new Set(sorted.map(({ p }) => p.adapter))];
  const messages = [...new Set(sorted.flatMap(({ p }) => p.messages))];
  if (adapters.length > 1)
    messages.push(`shards ran on different adapters (${adapters.join('; ')}): f32 rounding may differ between them`);
  const {
    format: _f,
    scenario: _s,
    record: _r,
    engine,
    shard: _h,
    blocks: _b,
    diverged: _d,
    firstDiverged: _fd,
    nodes: _n,
    messages: _m,
    adapter: _a,
    ...meta
  } = ref.p;
  const result = resultOf(
    meta,
    sets.map((set) => rootOf(set, G)),
    {
      diverged: parts.reduce((n, { p }) => n + p.diverged, 0),
      firstDiverged: firsts.length ? Math.min(...firsts) : null,
    },
    engine,
    adapters.join('; '),
    messages,
  );
  return presentResult(result);
}
