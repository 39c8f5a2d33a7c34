// Mergeable statistics of a run: the one place where the statistics of trajectory blocks are
// combined, for whole runs, shards of a run (CLI `--shard`, `merge`) and progressive runs.
//
// Trajectories come in blocks of BLOCK = 64 (block b holds trajectories 64b .. 64b + 63); the
// engines reduce each block, at each recorded step, to (count, mean, s.d.) in f32 (the s.d.
// fits in f32 wherever the mean does, M2 may not), read as (count, mean, M2 = count · s.d.²) in
// float64 (partialMoments in cpu/reduce.ts); a variance observable's blocks carry (count, mean,
// M2, M3, M4) in f32 (reduce_main4), for the standard error of the variance. Blocks are then combined in float64 along one
// fixed tree: the perfect binary tree over block indices, node
// (level l, index i) covering blocks [i·2^l, (i + 1)·2^l), blocks past the run's last one empty.
// A node's value depends only on its blocks, never on which process or round computed it, so
// any partition of the blocks into ranges — shards, rounds of a progressive run, chunks —
// yields the same root bit for bit. A range keeps only its maximal aligned nodes (O(log G) per
// recorded step), so memory is bounded by the recorded curve, not by the trajectory count.
//
// To add a statistic (a higher moment, a second observable): extend Moments, EMPTY and merge.
import { type Moments, RWG } from './cpu/reduce';
import { merge4, type Moments4 } from './moments4';

export type { Moments };

/** Trajectories per block: the engines' reduction blocks. */
export const BLOCK = RWG;

export const EMPTY: Readonly<Moments> = Object.freeze({ n: 0, mean: 0, m2: 0 });

/**
 * Chan's parallel update in float64; an empty side returns the other unchanged. Statistics
 * with M3 and M4 (variance observables) merge them too (Pébay's update, moments4.ts).
 */
export function merge(a: Moments, b: Moments): Moments {
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  if (a.m4 !== undefined && b.m4 !== undefined) {
    return merge4(a as Moments4, b as Moments4);
  }
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  const w = b.n / n;
  return { n, mean: a.mean + d * w, m2: a.m2 + b.m2 + d * d * a.n * w };
}

/** Number of blocks of K trajectories. */
export const blocksOf = (K: number): number => Math.ceil(K / BLOCK);

// Node keys: index · 32 + level (indices < 2^27 since trajectories < 2^32 and blocks hold 2^6).
const key = (level: number, index: number) => index * 32 + level;

/** The nodes held for one recorded step: key → statistics. */
export type NodeSet = Map<number, Moments>;

/**
 * A node as it travels in JSON: [level, index, count, mean, M2] (variance observables: then M3,
 * M4); a non-finite mean or M2 (none
 * arises from values in range; kept so that no input makes invalid JSON) as the string
 * "Infinity", "-Infinity" or "NaN", which JSON lacks.
 */
export type NodeTuple =
  | [number, number, number, number | string, number | string]
  | [number, number, number, number | string, number | string, number | string, number | string];

const toJSON = (v: number): number | string => (Number.isFinite(v) ? v : String(v));
const fromJSON = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

/**
 * Insert a node, merging it with its sibling (and upwards) when the sibling is already held.
 * Adding a node held already, or inside one held, is an error; callers check that the ranges
 * they add do not overlap (a range that contains a held node is not detected here).
 */
function insert(set: NodeSet, level: number, index: number, m: Moments): void {
  for (let l = level, i = index; l < 32; l++, i >>= 1) {
    if (set.has(key(l, i))) throw new Error(`internal: the statistics of block ${index * 2 ** level} were added twice`);
  }
  for (;;) {
    const sib = set.get(key(level, index ^ 1));
    if (sib === undefined) break;
    set.delete(key(level, index ^ 1));
    m = index & 1 ? merge(sib, m) : merge(m, sib);
    level++;
    index >>= 1;
  }
  set.set(key(level, index), m);
}

/** Add the statistics of consecutive blocks first, first + 1, … (one recorded step) to `set`. */
export function addBlocks(set: NodeSet, first: number, parts: Moments[]): void {
  let level = 0;
  let start = first;
  let cur = parts;
  while (cur.length > 0) {
    const next: Moments[] = [];
    let i = 0;
    if (start & 1) {
      insert(set, level, start, cur[0]);
      i = 1;
    }
    for (; i + 1 < cur.length; i += 2) next.push(merge(cur[i], cur[i + 1]));
    if (i < cur.length) insert(set, level, start + i, cur[i]);
    cur = next;
    start = (start + (start & 1)) / 2;
    level++;
  }
}

/** Add nodes read from JSON (a shard's partial result). */
export function addNodes(set: NodeSet, nodes: NodeTuple[]): void {
  for (const [level, index, n, mean, m2, m3, m4] of nodes) {
    const m: Moments = { n, mean: fromJSON(mean), m2: fromJSON(m2) };
    if (m3 !== undefined && m4 !== undefined) {
      m.m3 = fromJSON(m3);
      m.m4 = fromJSON(m4);
    }
    insert(set, level, index, m);
  }
}

export function nodesOf(set: NodeSet): NodeTuple[] {
  return [...set.entries()]
    .map(([k, m]): NodeTuple => {
      const t: NodeTuple = [k % 32, Math.floor(k / 32), m.n, toJSON(m.mean), toJSON(m.m2)];
      if (m.m3 !== undefined && m.m4 !== undefined) t.push(toJSON(m.m3), toJSON(m.m4));
      return t;
    })
    .sort((a, b) => a[1] * 2 ** a[0] - b[1] * 2 ** b[0]);
}

/** The statistics of blocks [0, G): the root of the tree; every block must be held. */
export function rootOf(set: NodeSet, G: number): Moments {
  let L = 0;
  while (2 ** L < G) L++;
  const node = (level: number, index: number): Moments => {
    if (index * 2 ** level >= G) return EMPTY;
    const m = set.get(key(level, index));
    if (m !== undefined) return m;
    if (level === 0) throw new Error(`internal: the statistics of block ${index} are missing`);
    return merge(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
  };
  return node(L, 0);
}
