// The population moments against a small law computed by hand (binary fractions: exact).
import { describe, expect, it } from 'vitest';
import { gradientMoments, populationMoments, populationTensor } from './moments';
import { tensorsOf } from './corollaries';
import type { TensorLaw } from './values';

const f = (...xs: number[]) => Float64Array.from(xs);

// three points, weights ½, ¼, ¼; gradients (2, 0), (0, 2), (−2, −2); G = (½, 0), so the centred
// gradients are (3/2, 0), (−1/2, 2), (−5/2, −2)
const law: TensorLaw = {
  dim: 2,
  points: [
    { w: 0.5, derivs: [f(1), f(2, 0), f(1, 0, 0, 1), f(1, 0, 0, 0, 0, 0, 0, 0)] },
    { w: 0.25, derivs: [f(2), f(0, 2), f(2, 1, 1, 0), f(0, 0, 0, 0, 0, 0, 0, 4)] },
    { w: 0.25, derivs: [f(4), f(-2, -2), f(0, -1, -1, 4), f(0, 0, 0, 0, 0, 0, 0, 0)] },
  ],
};

describe('population moments', () => {
  it('G, C and S of a three-point law, by hand', () => {
    const { G, C, S } = gradientMoments(
      law.points.map((p) => p.w),
      law.points.map((p) => p.derivs[1]),
      2,
    );
    expect(Array.from(G)).toEqual([0.5, 0]);
    // C_00 = ½·9/4 + ¼·1/4 + ¼·25/4 = E g₀² − G₀² = 3 − 1/4
    expect(Array.from(C)).toEqual([2.75, 1, 1, 2]);
    // S_000 = E g₀³ − 3 G₀ E g₀² + 2 G₀³ = 2 − 9/2 + 1/4; S_001 = ¼(−½·−½·2) + ¼(−5/2·−5/2·−2)
    expect(Array.from(S)).toEqual([-2.25, -3, -3, -3, -3, -3, -3, 0]);
  });

  it('skips S when asked, with the same G and C', () => {
    const ws = law.points.map((p) => p.w);
    const gs = law.points.map((p) => p.derivs[1]);
    const two = gradientMoments(ws, gs, 2, false);
    expect('S' in two).toBe(false);
    expect(Array.from(two.C)).toEqual(Array.from(gradientMoments(ws, gs, 2).C));
  });

  it('population tensors E ∇^k l_x, and the corollaries read the same numbers', () => {
    expect(Array.from(populationTensor(law, 0))).toEqual([2]);
    expect(Array.from(populationTensor(law, 2))).toEqual([1, 0, 0, 1.5]);
    const m = populationMoments(law, 3);
    expect(m.mean.map((t) => t.length)).toEqual([1, 2, 4, 8]);
    expect(Array.from(m.mean[3])).toEqual([0.5, 0, 0, 0, 0, 0, 0, 1]);
    const t = tensorsOf(law);
    for (const [a, b] of [
      [t.G, m.G],
      [t.H, m.mean[2]],
      [t.J, m.mean[3]],
      [t.C, m.C],
      [t.S, m.S],
    ]) {
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });
});
