// Trajectory shards of `simulate` and their partial results (the input of `merge`).
// Shard i of n (0 ≤ i < n) of K trajectories covers blocks [⌊iG/n⌋, ⌊(i+1)G/n⌋) of the run's
// G = ⌈K/64⌉ reduction blocks, so shard boundaries are block boundaries and the shards' block
// statistics combine exactly as the unsharded run combines them (sim/blocks.ts).
import { createHash } from 'node:crypto';
import { BLOCK, blocksOf, type NodeTuple, nodesOf } from '../sim/blocks';
import type { BlockRun } from '../sim/engine';
import { metaOf, type RunMeta } from '../sim/stats';

/** Format tag of a partial result; `merge` refuses others. */
export const PARTIAL_FORMAT = 'sgd-diagrams partial simulation 1';

export interface Shard {
  index: number;
  count: number;
}

/** `--shard i/n`, checked against the run's block count. */
export function parseShard(text: string, K: number): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new Error(`simulate: --shard expects i/n with 0 ≤ i < n (e.g. 0/4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new Error(`simulate: --shard ${text}: expected 0 ≤ i < n`);
  const G = blocksOf(K);
  if (count > G) {
    throw new Error(
      `simulate: --shard ${text}: ${K} trajectories make ${G} blocks of ${BLOCK}, so at most ${G} shards`,
    );
  }
  return { index, count };
}

/** Blocks [first, end) of a shard, and its trajectories: counters k0 .. k0 + count − 1. */
export function shardRange(s: Shard, K: number): { first: number; end: number; k0: number; count: number } {
  const G = blocksOf(K);
  const first = Math.floor((s.index * G) / s.count);
  const end = Math.floor(((s.index + 1) * G) / s.count);
  const k0 = first * BLOCK;
  return { first, end, k0, count: Math.min(K, end * BLOCK) - k0 };
}

/** A stable fingerprint of a scenario's JSON (key order and whitespace do not matter). */
export function fingerprint(raw: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canon(raw)))
    .digest('hex')}`;
}

/** A shard's output: what the run is (must match across shards) and its mergeable statistics. */
export interface Partial extends RunMeta {
  format: typeof PARTIAL_FORMAT;
  scenario: string;
  record: number;
  engine: 'gpu' | 'cpu';
  adapter: string;
  shard: [number, number];
  /** Blocks [first, end) of 64 trajectories that this shard covers. */
  blocks: [number, number];
  diverged: number;
  firstDiverged: number | null;
  /** Per recorded step: block-tree nodes [level, index, count, mean, M2] (sim/blocks.ts). */
  nodes: NodeTuple[][];
  messages: string[];
}

export function partialOf(
  run: BlockRun,
  what: { shard: Shard; trajectories: number; record: number; scenario: string },
): Partial {
  const { first, end } = shardRange(what.shard, what.trajectories);
  return {
    format: PARTIAL_FORMAT,
    scenario: what.scenario,
    ...metaOf(run.plan),
    trajectories: what.trajectories,
    record: what.record,
    engine: run.engine,
    adapter: run.adapter,
    shard: [what.shard.index, what.shard.count],
    blocks: [first, end],
    diverged: run.diverged,
    firstDiverged: run.firstDiverged,
    nodes: run.blocks.map(nodesOf),
    messages: run.messages,
  };
}
