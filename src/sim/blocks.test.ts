// Block statistics (blocks.ts): any partition of a run's blocks — shards, progressive rounds —
// combines to the same statistics bit for bit, and the engines' partial runs agree with whole runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBlocks, addNodes, EMPTY, merge, type Moments, type NodeSet, nodesOf, rootOf } from './blocks';
import { runBlocks, runSimulation } from './engine';
import { makePlan } from './plan';
import { metaOf, resultOf } from './stats';
import { archimedes } from './testing/scenarios';
import { requireGpu } from './testing/gpuFixture';

/** The level-by-level pairwise merge the engines used before blocks.ts (odd ends carried up). */
function pairwise(parts: Moments[]): Moments {
  let level = parts;
  while (level.length > 1) {
    const next: Moments[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? merge(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0] ?? EMPTY;
}

const moments = fc
  .record({
    n: fc.integer({ min: 0, max: 64 }),
    mean: fc.float({ min: -10, max: 10, noNaN: true }).map(Math.fround),
    m2: fc.float({ min: 0, max: 100, noNaN: true }).map(Math.fround),
  })
  .map((m) => (m.n === 0 ? { n: 0, mean: 0, m2: 0 } : m));

/** The root of `parts` added as the consecutive ranges that `cuts` splits them into, in `order`. */
function rootByRanges(parts: Moments[], cuts: number[], order: number[]): Moments {
  const bounds = [
    0,
    ...[...new Set(cuts.map((c) => c % parts.length))].sort((a, b) => a - b).filter((c) => c > 0),
    parts.length,
  ];
  const ranges = bounds.slice(1).map((e, i) => [bounds[i], e]);
  const set: NodeSet = new Map();
  for (const i of order.map((o) => o % ranges.length)) ranges.push(ranges.splice(i, 1)[0]); // a shuffled order
  for (const [s, e] of ranges) addBlocks(set, s, parts.slice(s, e));
  return rootOf(set, parts.length);
}

describe('block trees', () => {
  it('merging an empty side changes nothing', () => {
    const a = { n: 7, mean: 0.1, m2: 3 };
    expect(merge(a, EMPTY)).toEqual(a);
    expect(merge(EMPTY, a)).toEqual(a);
  });

  it("the whole run equals the engines' former pairwise merge", () => {
    fc.assert(
      fc.property(fc.array(moments, { minLength: 1, maxLength: 300 }), (parts) => {
        const set: NodeSet = new Map();
        addBlocks(set, 0, parts);
        expect(rootOf(set, parts.length)).toEqual(pairwise(parts));
        expect(set.size).toBeLessThanOrEqual(Math.ceil(Math.log2(parts.length)) + 1);
      }),
    );
  });

  it('any partition into ranges, added in any order, gives the same root bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(moments, { minLength: 1, maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (parts, cuts, order) => {
          expect(rootByRanges(parts, cuts, order)).toEqual(pairwise(parts));
        },
      ),
    );
  });

  it('nodes survive JSON and a missing block is an error', () => {
    const parts = Array.from({ length: 13 }, (_, i) => ({ n: 64, mean: i / 3, m2: i }));
    const a: NodeSet = new Map();
    addBlocks(a, 0, parts.slice(0, 5));
    const b: NodeSet = new Map();
    addNodes(b, JSON.parse(JSON.stringify(nodesOf(a))));
    addBlocks(b, 6, parts.slice(6));
    expect(() => rootOf(b, 13)).toThrow(/block 5/);
    addBlocks(b, 5, parts.slice(5, 6));
    expect(rootOf(b, 13)).toEqual(pairwise(parts));
    expect(() => addBlocks(b, 2, parts.slice(2, 3))).toThrow(/twice/);
  });
});

describe('partial runs of the engines', () => {
  requireGpu();
  // 200 trajectories = blocks of 64, 64, 64, 8; SGD with shuffled epochs exercises the
  // per-trajectory permutations, which live at the run's own offsets.
  const scenario = { ...archimedes(24, 0.1), schedule: { N: 8, B: 2, epochs: 6, shuffle: true } };
  const spec = { scenario, trajectories: 200, seed: 11, record: 4 };

  it.each(['gpu', 'cpu'] as const)(
    'three ranges of blocks combine to the whole run bit for bit (%s)',
    async (engine) => {
      const whole = await runSimulation(spec, { engine });
      const set: (NodeSet | null)[] = [];
      let diverged = 0;
      for (const [k0, K] of [
        [128, 72],
        [0, 64],
        [64, 64],
      ]) {
        const part = await runBlocks({ ...spec, firstTrajectory: k0, trajectories: K }, { engine });
        part.blocks.forEach((nodes, r) => {
          const into = (set[r] ??= new Map());
          addNodes(into, nodesOf(nodes));
        });
        diverged += part.diverged;
      }
      const roots = set.map((s) => rootOf(s!, 4));
      const merged = resultOf(
        metaOf(makePlan(spec)),
        roots,
        { diverged, firstDiverged: null },
        whole.engine,
        whole.adapter,
        [],
      );
      expect(merged).toEqual(whole);
      expect(whole.mean.slice(1).every((m) => m !== null && m !== 0)).toBe(true);
    },
  );
});
