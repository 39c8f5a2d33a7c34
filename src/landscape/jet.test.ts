import { describe, expect, it } from 'vitest';
import { evaluate, type Expr } from './formula/ast';
import { diff } from './formula/diff';
import { parseFormula, printExpr } from './formula/parse';
import { derivativeTensors, JetProgram } from './jet';
import { JetSpace } from './jetspace';
import { randomExpr, rng } from './testing/randomExpr';

const binom = (n: number, k: number): number => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
};

/** Row-major multi-index of flat position f in a dim^k tensor. */
function unflatten(f: number, dim: number, k: number): number[] {
  const idx = new Array<number>(k);
  for (let j = k - 1; j >= 0; j--) {
    idx[j] = f % dim;
    f = Math.floor(f / dim);
  }
  return idx;
}

/** Symbolic ∂^k/∂w_{i1}…∂w_{ik} by repeated diff, evaluated. */
function symbolic(e: Expr, weights: string[], idx: number[], env: Record<string, number>): number {
  let d = e;
  for (const i of idx) d = diff(d, weights[i]);
  return evaluate(d, env);
}

const relClose = (a: number, b: number, rel: number): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('JetSpace', () => {
  it('has C(dim + order, order) monomials ordered by degree', () => {
    for (const [d, K] of [
      [1, 6],
      [3, 4],
      [6, 6],
      [0, 3],
    ]) {
      const S = new JetSpace(d, K);
      expect(S.size).toBe(binom(d + K, K));
      for (let i = 1; i < S.size; i++) expect(S.degree[i]).toBeGreaterThanOrEqual(S.degree[i - 1]);
    }
    const S = new JetSpace(3, 2);
    expect(Array.from(S.monomials[2])).toEqual([0, 1, 0]);
  });

  it('multiplies truncated polynomials', () => {
    const S = new JetSpace(2, 3);
    const x = S.variable(0, 1); // 1 + x
    const y = S.variable(1, 0); // y
    const p = S.mul(S.mul(x, x), S.mul(x, y)); // (1+x)^3 y, truncated at degree 3
    const coef = (a: number, b: number): number => p[S.indexOf([a, b])!];
    expect(coef(0, 1)).toBe(1);
    expect(coef(1, 1)).toBe(3);
    expect(coef(2, 1)).toBe(3);
    expect(coef(0, 0)).toBe(0);
    expect(S.indexOf([3, 1])).toBeUndefined();
  });

  it('rejects bad sizes', () => {
    expect(() => new JetSpace(-1, 2)).toThrow(/dimension/);
    expect(() => new JetSpace(2, 1.5)).toThrow(/order/);
  });
});

describe('derivativeTensors: closed forms', () => {
  it('gives exp(a·θ) ⊗ a^k for an exponential (dim 3, order 6)', () => {
    const a = [0.5, -1.25, 2];
    const th = [0.1, 0.2, -0.3];
    const T = derivativeTensors(parseFormula('exp(0.5*u - 1.25*v + 2*z)'), ['u', 'v', 'z'], th, {}, 6);
    const base = Math.exp(a[0] * th[0] + a[1] * th[1] + a[2] * th[2]);
    T.forEach((t, k) => {
      expect(t).toHaveLength(3 ** k);
      for (let f = 0; f < t.length; f++) {
        const want = unflatten(f, 3, k).reduce((p, i) => p * a[i], base);
        expect(relClose(t[f], want, 1e-12)).toBe(true);
      }
    });
  });

  it('gives exact tensors of a polynomial (dim 6, order 6)', () => {
    // (Σ c_i θ_i)^6 has ∇^6 = 720 c^⊗6 and ∇^k = 6!/(6−k)! s^(6−k) c^⊗k
    const c = [1, -2, 0.5, 3, -1, 0.25];
    const th = [0.3, -0.1, 0.7, 0.2, 0.4, -0.6];
    const w = ['a', 'b', 'c', 'd', 'f', 'g'];
    const src = `(${c.map((ci, i) => `${ci}*${w[i]}`).join(' + ')})^6`;
    const T = derivativeTensors(parseFormula(src), w, th, {}, 6);
    const s = c.reduce((acc, ci, i) => acc + ci * th[i], 0);
    for (let k = 0; k <= 6; k++) {
      const ff = [1, 6, 30, 120, 360, 720, 720][k];
      const t = T[k];
      for (let f = 0; f < t.length; f += k === 6 ? 97 : 1) {
        const want = unflatten(f, 6, k).reduce((p, i) => p * c[i], ff * s ** (6 - k));
        expect(relClose(t[f], want, 1e-11)).toBe(true);
      }
    }
  });

  const oneD: [string, (x: number, k: number) => number, number][] = [
    ['sin(x)', (x, k) => Math.sin(x + (k * Math.PI) / 2), 0.7],
    ['cos(x)', (x, k) => Math.cos(x + (k * Math.PI) / 2), 0.7],
    ['exp(x)', (x) => Math.exp(x), -0.4],
    ['log(x)', (x, k) => (k === 0 ? Math.log(x) : ((-1) ** (k - 1) * [1, 1, 1, 2, 6, 24, 120][k]) / x ** k), 1.7],
    ['1/x', (x, k) => ((-1) ** k * [1, 1, 2, 6, 24, 120, 720][k]) / x ** (k + 1), -1.3],
    [
      'x^2.5',
      (x, k) =>
        [
          1,
          2.5,
          2.5 * 1.5,
          2.5 * 1.5 * 0.5,
          2.5 * 1.5 * 0.5 * -0.5,
          2.5 * 1.5 * 0.5 * -0.5 * -1.5,
          2.5 * 1.5 * 0.5 * -0.5 * -1.5 * -2.5,
        ][k] *
        x ** (2.5 - k),
      1.4,
    ],
    ['sqrt(x)', (x, k) => [1, 0.5, -0.25, 0.375, -0.9375, 3.28125, -14.765625][k] * x ** (0.5 - k), 2.2],
    ['2^x', (x, k) => 2 ** x * Math.log(2) ** k, 0.3],
    ['x^3', (x, k) => [x ** 3, 3 * x ** 2, 6 * x, 6, 0, 0, 0][k], -1.5],
    ['x^3', (x, k) => [x ** 3, 3 * x ** 2, 6 * x, 6, 0, 0, 0][k], 0],
  ];
  it.each(oneD)('gives the derivatives of %s up to order 6', (src, exact, x0) => {
    const T = derivativeTensors(parseFormula(src), ['x'], [x0], {}, 6);
    T.forEach((t, k) =>
      expect(relClose(t[0], exact(x0, k), 1e-12), `order ${k}: ${t[0]} vs ${exact(x0, k)}`).toBe(true),
    );
  });

  it('gives the derivatives of tanh and x^x up to order 6 (against symbolic diff)', () => {
    for (const [src, x0] of [
      ['tanh(x)', 0.4],
      ['tanh(x)', -3],
      ['x^x', 1.3],
      ['log(1 + x^2)', 0.5],
    ] as const) {
      const e = parseFormula(src);
      const T = derivativeTensors(e, ['x'], [x0], {}, 6);
      let d = e;
      for (let k = 0; k <= 6; k++) {
        expect(relClose(T[k][0], evaluate(d, { x: x0 }), 1e-11), `${src} order ${k}`).toBe(true);
        d = diff(d, 'x');
      }
    }
  });
});

describe('derivativeTensors: against symbolic diff and finite differences', () => {
  it('matches repeated symbolic diff on random formulas (dim 3, order 3, full tensors)', () => {
    const rand = rng(51);
    const w = ['a', 'b', 'c'];
    for (let n = 0; n < 40; n++) {
      const e = randomExpr(rand, [...w, 'x'], 4);
      const th = [rand() - 0.5, rand() - 0.5, rand() - 0.5];
      const data = { x: rand() * 2 - 1 };
      const env = { a: th[0], b: th[1], c: th[2], x: data.x };
      const T = derivativeTensors(e, w, th, data, 3);
      T.forEach((t, k) => {
        for (let f = 0; f < t.length; f++) {
          const want = symbolic(e, w, unflatten(f, 3, k), env);
          expect(relClose(t[f], want, 1e-9), `${printExpr(e)} ∇^${k}[${f}]`).toBe(true);
        }
      });
    }
  });

  it('matches symbolic diff at order 6 in dim 6 on sampled entries', () => {
    const w = ['a', 'b', 'c', 'd', 'f', 'g'];
    const e = parseFormula('exp(sin(a)*b) + tanh(c - d*f)/(2 + cos(g*a)) + sqrt(1 + a^2 + g^2)*log(2 + b^2)');
    const th = [0.3, -0.2, 0.5, 0.1, -0.4, 0.25];
    const env = Object.fromEntries(w.map((n, i) => [n, th[i]]));
    const T = derivativeTensors(e, w, th, {}, 6);
    const rand = rng(52);
    for (let s = 0; s < 12; s++) {
      const f = Math.floor(rand() * T[6].length);
      const idx = unflatten(f, 6, 6);
      expect(relClose(T[6][f], symbolic(e, w, idx, env), 1e-9), `index ${idx}`).toBe(true);
    }
  });

  it('returns symmetric tensors', () => {
    const T = derivativeTensors(parseFormula('sin(u*v)*exp(z) + u^3*z'), ['u', 'v', 'z'], [0.2, 0.3, 0.4], {}, 4);
    const t = T[4];
    for (let f = 0; f < t.length; f++) {
      const idx = unflatten(f, 3, 4);
      const sorted = [...idx].sort();
      const g = sorted.reduce((acc, i) => acc * 3 + i, 0);
      expect(t[f]).toBe(t[g]);
    }
  });

  it('matches finite differences of the value for the gradient', () => {
    const e = parseFormula('0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)');
    const w = ['u', 'v', 'z'];
    const th = [0.3, -0.5, 1.2];
    const T = derivativeTensors(e, w, th, { x: 0.8 }, 2);
    const h = 1e-5;
    for (let i = 0; i < 3; i++) {
      const at = (t: number): number => evaluate(e, { u: th[0], v: th[1], z: th[2], x: 0.8, [w[i]]: th[i] + t });
      expect(T[1][i]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 8);
    }
    expect(T[0][0]).toBeCloseTo(evaluate(e, { u: 0.3, v: -0.5, z: 1.2, x: 0.8 }), 14);
  });
});

describe('JetProgram', () => {
  it('treats data variables as numbers and reuses one program', () => {
    const p = new JetProgram(parseFormula('0.5*h*(t - x)^2'), ['t'], ['h', 'x'], 3);
    expect(Array.from(p.tensors([1], [2, 0.25]), (t) => t[0])).toEqual([0.5625, 1.5, 2, 0]);
    expect(Array.from(p.tensors([0], [1, 1]), (t) => t[0])).toEqual([0.5, -1, 1, 0]);
  });

  it('checks its inputs', () => {
    expect(() => derivativeTensors(parseFormula('u'), ['u', 'v'], [0], {}, 2)).toThrow(
      'theta0 has 1 entries but there are 2 weights',
    );
    expect(() => derivativeTensors(parseFormula('u + q'), ['u'], [0], {}, 2)).toThrow("unknown variable 'q'");
    expect(() => new JetProgram(parseFormula('u'), ['u', 'u'], [], 2)).toThrow("'u' is listed twice");
  });
});
