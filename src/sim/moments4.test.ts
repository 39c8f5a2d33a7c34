// The pairwise higher-moment update against direct two-pass sums, over random splits; and the
// standard error of the sample variance against its known value for normal data.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { merge4, sampleVariance, type Moments4 } from './moments4';

const direct = (x: number[]): Moments4 => {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const c = (k: number) => x.reduce((a, b) => a + (b - mean) ** k, 0);
  return { n, mean, m2: c(2), m3: c(3), m4: c(4) };
};
const leaf = (v: number): Moments4 => ({ n: 1, mean: v, m2: 0, m3: 0, m4: 0 });
const EMPTY: Moments4 = { n: 0, mean: 0, m2: 0, m3: 0, m4: 0 };

describe('merge4', () => {
  it('any split and merge order gives the two-pass moments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
        (x, picks) => {
          let parts = x.map(leaf);
          parts.push(EMPTY);
          for (let i = 0; parts.length > 1; i++) {
            const j = picks[i % picks.length] % (parts.length - 1);
            parts = [...parts.slice(0, j), merge4(parts[j], parts[j + 1]), ...parts.slice(j + 2)];
          }
          const want = direct(x);
          const got = parts[0];
          const scale = (k: number) =>
            1e-9 * Math.max(1, want.n * Math.max(...x.map((v) => Math.abs(v - want.mean))) ** k);
          expect(got.n).toBe(want.n);
          expect(Math.abs(got.mean - want.mean)).toBeLessThan(scale(1));
          expect(Math.abs(got.m2 - want.m2)).toBeLessThan(scale(2));
          expect(Math.abs(got.m3 - want.m3)).toBeLessThan(scale(3));
          expect(Math.abs(got.m4 - want.m4)).toBeLessThan(scale(4));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('sampleVariance', () => {
  it('for normal data its standard error is ≈ σ²·√(2/(n − 1))', () => {
    let s = 7;
    const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const x = Array.from(
      { length: 20000 },
      () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand()) * 3,
    );
    const r = sampleVariance(direct(x));
    expect(Math.abs(r.value - 9)).toBeLessThan(4 * r.stderr!);
    expect(Math.abs(r.stderr! / (9 * Math.sqrt(2 / (x.length - 1))) - 1)).toBeLessThan(0.05);
  });
  it('has no standard error below four values', () => {
    expect(sampleVariance({ n: 3, m2: 2, m4: 1 })).toEqual({ value: 1, stderr: null });
    expect(sampleVariance({ n: 1, m2: 0, m4: 0 }).stderr).toBeNull();
  });
});
