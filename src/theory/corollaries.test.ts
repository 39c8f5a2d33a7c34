// Corollaries (theory.md §8) against the exact series of the engine on random landscapes:
// each verified form must equal the η² (or η³) coefficient of the corresponding difference.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryPolyCase } from './testing/polyscenario';
import { polyTensorLaw } from './testing/polylaw';
import { seriesCoefficients } from './series';
import { makeSpacetime } from './spacetime';
import type { TensorLaw } from './values';
import { batchGap, divCdotG, epochGap, gradTraceC, sgdMinusGd, sgdMinusSde, tensorsOf } from './corollaries';

const testLoss = { kind: 'test-loss' as const };
const series = (law: TensorLaw, s: Parameters<typeof makeSpacetime>[0], order = 3) =>
  seriesCoefficients(law, testLoss, makeSpacetime(s), order).series;
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The law with every point replaced by its mean: gradient descent on the population loss. */
const populationLaw = (law: TensorLaw): TensorLaw => ({
  dim: law.dim,
  points: [
    {
      w: 1,
      derivs: law.points[0].derivs.map((_, k) => {
        const t = new Float64Array(law.points[0].derivs[k].length);
        for (const p of law.points) p.derivs[k].forEach((x, i) => (t[i] += p.w * x));
        return t;
      }),
    },
  ],
});

const cases = arbitraryPolyCase({ order: 3 }).map((c) => polyTensorLaw(c.landscape, 4));

describe('corollaries against the exact series', () => {
  it('Cor. 4: SGD − GD = −(N−1)/4 · η² G·∇trC (not the printed contraction in dim > 1)', () => {
    let differs = false;
    fc.assert(
      fc.property(cases, fc.integer({ min: 2, max: 4 }), (law, N) => {
        const sgd = series(law, { N, B: 1, epochs: 1, shuffle: false });
        const gd = series(law, { N, B: N, epochs: N, shuffle: false });
        expect(near(sgd[1], gd[1])).toBe(true);
        const t = tensorsOf(law);
        expect(near(sgd[2] - gd[2], batchGap(t, N, 1).verified)).toBe(true);
        if (Math.abs(gradTraceC(t) - divCdotG(t)) > 1e-6) differs = true;
      }),
      { numRuns: 40 },
    );
    expect(differs).toBe(true); // the two contractions do differ on some 2-d cases
  });

  it('Cor. 3: M epochs at η/M − one epoch at η = η²(M−1)/M · N/(2B) · [GHG + G·tC/B]', () => {
    fc.assert(
      fc.property(
        cases,
        fc.constantFrom([2, 1], [4, 2], [4, 1], [6, 3]),
        fc.integer({ min: 2, max: 3 }),
        (law, [N, B], M) => {
          const many = series(law, { N, B, epochs: M, shuffle: false });
          const one = series(law, { N, B, epochs: 1, shuffle: false });
          expect(near(many[2] / (M * M) - one[2], epochGap(tensorsOf(law), N, B, M, 1).verified)).toBe(true);
          // shuffling does not matter at this order
          const shuffled = series(law, { N, B, epochs: M, shuffle: true });
          expect(near(shuffled[2], many[2])).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('Cor. 5: SGD − GD on the population loss = (T/2)η² C:H', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: 1, max: 5 }), (law, T) => {
        const s = { N: T, B: 1, epochs: 1, shuffle: false };
        const d = series(law, s)[2] - series(populationLaw(law), s)[2];
        expect(near(d, sgdMinusGd(tensorsOf(law), T, 1))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('Cor. 5: SGD − SDE(k = 1) = −(T/6)η³ S:J in dim 1 (Gaussian noise of the same covariance)', () => {
    // SDE with one sub-step = SGD whose gradient noise is Gaussian: a two-atom law with the same
    // mean and covariance has S = 0 … but also other cumulants differ. Compare η³ coefficients
    // for landscapes quadratic in θ with linear noise (only S and C enter at order η³).
    const law = (atoms: { p: number; x: number }[], h: number, j: number): TensorLaw => ({
      dim: 1,
      // l_x(θ) = x θ + h θ²/2 + j θ³/6 at θ = 0
      points: atoms.map((a) => ({
        w: a.p,
        derivs: [Float64Array.of(0), Float64Array.of(a.x), Float64Array.of(h), Float64Array.of(j), Float64Array.of(0)],
      })),
    });
    const skewed = [
      { p: 0.25, x: 3 },
      { p: 0.75, x: -1 },
    ]; // mean 0, var 3, third moment 6
    const sym = [
      { p: 0.5, x: Math.sqrt(3) },
      { p: 0.5, x: -Math.sqrt(3) },
    ]; // mean 0, var 3, S = 0
    for (const T of [1, 2, 4]) {
      const s = { N: T, B: 1, epochs: 1, shuffle: false };
      const a = series(law(skewed, 0.7, 1.3), s);
      const b = series(law(sym, 0.7, 1.3), s);
      expect(near(a[2], b[2])).toBe(true);
      expect(near(a[3] - b[3], sgdMinusSde(tensorsOf(law(skewed, 0.7, 1.3)), T, 1).verified)).toBe(true);
    }
  });
});
