import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { enumerateDiagrams } from './enumerate';
import { embeddingCount, listEmbeddings, ruleSum } from './embeddings';
import { makeSpacetime, spacetimeFromBatches } from './spacetime';
import { completeHomogeneous } from './chainsum';
import type { ObservableKind } from './diagram';

const OBS: ObservableKind[] = ['test-loss', 'train-loss', 'weight'];

describe('complete homogeneous sums', () => {
  it('match direct sums, coincident arguments included', () => {
    const direct = (x: number[], n: number): number => {
      // Σ over compositions of n into x.length non-negative parts
      const rec = (i: number, left: number): number =>
        i === x.length - 1
          ? x[i] ** left
          : Array.from({ length: left + 1 }, (_, a) => x[i] ** a * rec(i + 1, left - a)).reduce((s, v) => s + v, 0);
      return rec(0, n);
    };
    for (const x of [[1], [1, 1], [1, 0.9], [1, 0.9, 0.9], [0.5, -0.3, 1.2, 1]]) {
      for (const T of [0, 1, 2, 5, 9]) {
        const k = x.length - 1;
        expect(completeHomogeneous(x, T)).toBeCloseTo(T < k ? 0 : direct(x, T - k), 9);
      }
    }
  });
  it('give binomial counts for unit arguments at large T', () => {
    expect(completeHomogeneous([1, 1, 1], 10_000)).toBe((10_000 * 9_999) / 2);
  });
});

describe('embedding counts', () => {
  it('closed forms equal explicit listing on small grids (moment and cumulant rules)', () => {
    const schedules = [
      { N: 3, B: 1, epochs: 1, shuffle: false },
      { N: 4, B: 2, epochs: 1, shuffle: false },
      { N: 2, B: 2, epochs: 3, shuffle: false },
      { N: 2, B: 1, epochs: 2, shuffle: false },
    ];
    for (const s of schedules) {
      const st = makeSpacetime(s);
      for (const obs of OBS) {
        for (let m = 0; m <= 3; m++) {
          for (const c of enumerateDiagrams(m, obs)) {
            for (const rule of ['moment', 'cumulant'] as const) {
              const listed = listEmbeddings(c.diagram, obs, st, rule).length / (obs === 'train-loss' ? st.N : 1);
              expect(
                embeddingCount(c.diagram, obs, st, rule),
                `${c.notation} ${obs} ${rule} ${JSON.stringify(s)}`,
              ).toBeCloseTo(listed, 9);
            }
          }
        }
      }
    }
  });

  it('fast paths agree with the general dynamic programme (weighted, with propagators)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          { N: 4, B: 1, epochs: 1, shuffle: false },
          { N: 6, B: 2, epochs: 1, shuffle: false },
          { N: 3, B: 3, epochs: 4, shuffle: false },
          { N: 4, B: 4, epochs: 2, shuffle: false },
        ),
        fc.constantFrom(...OBS),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.double({ min: 0.3, max: 1.3, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.nat(),
        (s, obs, m, mu, pick) => {
          const cls = enumerateDiagrams(m, obs);
          const c = cls[pick % cls.length];
          const fast = makeSpacetime(s);
          const generic = spacetimeFromBatches(fast.N, fast.batches);
          for (const rule of ['moment', 'cumulant'] as const) {
            const a = ruleSum(c.diagram, obs, fast, rule, true, mu);
            const b = ruleSum(c.diagram, obs, generic, rule, true, mu);
            expect(a).toBeCloseTo(b, 9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('one epoch, batch 1: Emb = C(N, P−1)·linext (theory.md §7)', () => {
    const st = makeSpacetime({ N: 7, B: 1, epochs: 1, shuffle: false });
    // root ← J ← two tied leaves: parts {0,1},{2}: P = 3, linext 1
    const [drift] = enumerateDiagrams(3, 'weight').filter((c) => c.notation === 'c(01-2-3)(02-12-23)');
    expect(embeddingCount(drift.diagram, 'weight', st)).toBe(21);
  });
});

describe('several epochs of mini-batches', () => {
  it('summing slots of B rows equals summing rows (structured vs explicit spacetime)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom({ N: 4, B: 2, epochs: 2 }, { N: 6, B: 2, epochs: 2 }, { N: 6, B: 3, epochs: 3 }),
        fc.constantFrom(...OBS),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.double({ min: 0.3, max: 1.3, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.nat(),
        (s, obs, m, mu, pick) => {
          const cls = enumerateDiagrams(m, obs);
          const c = cls[pick % cls.length];
          const structured = makeSpacetime({ ...s, shuffle: false });
          const explicit = spacetimeFromBatches(structured.N, structured.batches);
          for (const rule of ['moment', 'cumulant'] as const) {
            expect(ruleSum(c.diagram, obs, structured, rule, true, mu)).toBeCloseTo(
              ruleSum(c.diagram, obs, explicit, rule, true, mu),
              9,
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
