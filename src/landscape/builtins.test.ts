import { describe, expect, it } from 'vitest';
import {
  ARCHIMEDES,
  archimedesTilt,
  BUILTIN_IDS,
  BUILTIN_LANDSCAPES,
  GAUSS,
  meanEstimationCovector,
  meanEstimationVector,
} from './builtins';
import { parseDataLaw } from './data';
import { makeLandscape } from './landscape';

const at = (T: Float64Array, dim: number, ...idx: number[]): number => T[idx.reduce((f, i) => f * dim + i, 0)];

describe('ARCHIMEDES', () => {
  const L = makeLandscape(ARCHIMEDES);
  const theta0 = [...ARCHIMEDES.init];

  it('is the paper’s formula, with init 0 and x ~ N(0, 1)', () => {
    expect(ARCHIMEDES.loss).toBe('0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)');
    expect(ARCHIMEDES.weights).toEqual(['u', 'v', 'z']);
    expect(ARCHIMEDES.init).toEqual([0, 0, 0]);
    expect(parseDataLaw(ARCHIMEDES.data)).toEqual({ normal: { x: { mean: 0, std: 1 } } });
  });

  it('has population Hessian diag(2, 1, 0) and zero gradient at θ = 0', () => {
    const [l, G, H] = L.population(theta0, 2);
    expect(l[0]).toBe(0);
    expect(Array.from(G)).toEqual([0, 0, 0]);
    expect(Array.from(H)).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 0].map((v) => expect.closeTo(v, 14)));
  });

  it('has C = a ⊗ a with a = (cos(−π/4), sin(−π/4), 0)', () => {
    const a = [Math.cos(-Math.PI / 4), Math.sin(-Math.PI / 4), 0];
    const C = L.covariance(theta0);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(at(C, 3, i, j)).toBeCloseTo(a[i] * a[j], 14);
    // Gaussian gradient noise: no third cumulant
    for (const s of L.thirdCumulant(theta0)) expect(s).toBeCloseTo(0, 14);
  });

  it('has J = ∇³l with J_zuv = 1 (all permutations) and no other entry', () => {
    const J = L.population(theta0, 3)[3];
    const [u, v, z] = [0, 1, 2];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        for (let k = 0; k < 3; k++) {
          const isZUV = [i, j, k].sort().join() === [u, v, z].sort().join();
          expect(at(J, 3, i, j, k), `J[${i}${j}${k}]`).toBeCloseTo(isZUV ? 1 : 0, 13);
        }
      }
    }
  });

  it('satisfies Σ_{μν} C_μν J_zμν / (H_μ + H_ν) = −1/3 over the non-flat directions (theory §8)', () => {
    const [, , H, J] = L.population(theta0, 3);
    const C = L.covariance(theta0);
    const h = [at(H, 3, 0, 0), at(H, 3, 1, 1), at(H, 3, 2, 2)];
    let sum = 0;
    for (const m of [0, 1]) for (const n of [0, 1]) sum += (at(C, 3, m, n) * at(J, 3, 2, m, n)) / (h[m] + h[n]);
    expect(sum).toBeCloseTo(-1 / 3, 13);
  });

  it('keeps the valley u = v = 0 flat along z at any z', () => {
    const [l, G, H] = L.population([0, 0, 1.234], 2);
    expect(l[0]).toBe(0);
    expect(Array.from(G)).toEqual([0, 0, 0]);
    expect(at(H, 3, 2, 2)).toBe(0);
    // the curvature turns: eigenvalues stay {2, 1, 0}
    const tr = at(H, 3, 0, 0) + at(H, 3, 1, 1);
    expect(tr).toBeCloseTo(3, 14);
  });
});

describe('archimedesTilt', () => {
  it('adds ε·z with the number inlined', () => {
    expect(archimedesTilt(0.01).loss).toBe(`${ARCHIMEDES.loss} + 0.01*z`);
    expect(archimedesTilt(-0.02).loss).toBe(`${ARCHIMEDES.loss} + (-0.02)*z`);
    const L = makeLandscape(archimedesTilt(0.05));
    expect(Array.from(L.population([0, 0, 0], 1)[1])).toEqual([0, 0, expect.closeTo(0.05, 15)]);
    expect(makeLandscape(archimedesTilt(-0.02)).population([0, 0, 0], 1)[1][2]).toBeCloseTo(-0.02, 15);
  });
});

describe('mean estimation', () => {
  it('covector noise has H and C as given', () => {
    const L = makeLandscape(meanEstimationCovector(0.3, 100));
    expect(L.population([0], 2)[2][0]).toBeCloseTo(0.3, 14);
    expect(L.covariance([0])[0]).toBeCloseTo(100, 11);
    expect(L.covariance([1.5])[0]).toBeCloseTo(100, 11);
    const R = makeLandscape(meanEstimationCovector(0.3, 4, 0.2));
    expect(R.population([0], 2)[2][0]).toBeCloseTo(0.5, 14);
  });

  it('vector noise has H = h and C = h²σ²', () => {
    const L = makeLandscape(meanEstimationVector(2, 3));
    expect(L.population([0], 2)[2][0]).toBeCloseTo(2, 14);
    expect(L.covariance([0.7])[0]).toBeCloseTo(36, 11);
    expect(L.populationLoss([0.7])).toBeCloseTo(0.5 * 2 * (0.49 + 9), 12);
  });
});

describe('GAUSS', () => {
  const L = makeLandscape(GAUSS);

  it('starts at h = 0.5 with the population derivatives of ½(h + e^{−h})', () => {
    expect(GAUSS.init).toEqual([0.5]);
    const [l, G, H, J] = L.population([0.5], 3).map((t) => t[0]);
    const q = Math.exp(-0.5);
    expect(l).toBeCloseTo(0.5 * (0.5 + q), 14);
    expect(G).toBeCloseTo(0.5 * (1 - q), 14);
    expect(H).toBeCloseTo(0.5 * q, 14);
    expect(J).toBeCloseTo(-0.5 * q, 14);
  });

  it('has C = e^{−2h} Var(x²)/4 = e^{−2h}/2 and S = −e^{−3h} ≠ 0', () => {
    // ∇l_x = ½(1 − x² e^{−h}); x² ~ χ²₁ has variance 2 and third cumulant 8
    for (const h of [0, 0.5, -1]) {
      expect(L.covariance([h])[0]).toBeCloseTo(Math.exp(-2 * h) / 2, 12);
      expect(L.thirdCumulant([h])[0]).toBeCloseTo(-Math.exp(-3 * h), 11);
    }
  });
});

describe('BUILTIN_LANDSCAPES', () => {
  it('lists every landscape with working defaults', () => {
    expect(BUILTIN_IDS).toEqual([
      'archimedes',
      'archimedes-tilt',
      'mean-estimation-covector',
      'mean-estimation-vector',
      'gauss',
    ]);
    for (const id of BUILTIN_IDS) {
      const b = BUILTIN_LANDSCAPES[id];
      expect(b.id).toBe(id);
      const frag = b.make();
      const L = makeLandscape(frag);
      expect(frag.init).toHaveLength(L.dim);
      expect(Number.isFinite(L.populationLoss([...frag.init]))).toBe(true);
      expect(frag.description.length).toBeGreaterThan(10);
    }
  });

  it('takes parameters and names wrong ones', () => {
    expect(BUILTIN_LANDSCAPES['archimedes-tilt'].make({ eps: 0.03 }).loss).toContain('+ 0.03*z');
    expect(BUILTIN_LANDSCAPES['mean-estimation-vector'].make({ sigma: 2 }).data).toEqual({
      normal: { x: { mean: 0, std: 2 } },
    });
    expect(() => BUILTIN_LANDSCAPES.gauss.make({ eps: 1 })).toThrow(
      "landscape 'gauss' has no parameter 'eps' (its parameters: none)",
    );
    expect(() => BUILTIN_LANDSCAPES['mean-estimation-covector'].make({ C: -1 })).toThrow(
      "parameter 'C' = -1 is outside [0, ∞]",
    );
  });
});
