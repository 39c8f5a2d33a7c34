import { describe, expect, it } from 'vitest';
import { DataLawError } from './data';
import { evaluate } from './formula/ast';
import { FormulaError } from './formula/error';
import { Landscape, LandscapeError, makeLandscape } from './landscape';
import { wgslEvalStatements } from './testing/wgslEval';

const ATOMS = {
  atoms: [
    { p: 0.2, values: { a: 1, b: -1 } },
    { p: 0.3, values: { a: 2, b: 0.5 } },
    { p: 0.5, values: { a: -0.5, b: 2 } },
  ],
};

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('Landscape: validation', () => {
  const ok = { weights: ['u', 'v'], loss: 'u*a + v^2*b', data: ATOMS };

  it('accepts a valid spec', () => {
    const L = makeLandscape(ok);
    expect(L).toBeInstanceOf(Landscape);
    expect(L.dim).toBe(2);
    expect(L.dataVars).toEqual(['a', 'b']);
  });

  it('names bad weights', () => {
    expect(errorOf(() => makeLandscape({ ...ok, weights: [] })).message).toBe(
      'weights: expected a non-empty array of weight names',
    );
    expect(errorOf(() => makeLandscape({ ...ok, weights: ['u', '2v'] })).message).toMatch(
      /^weights\[1\]: '2v' is not an identifier/,
    );
    expect(errorOf(() => makeLandscape({ ...ok, weights: ['u', 'u'] })).message).toBe(
      "weights[1]: 'u' is listed twice (also weights[0])",
    );
    expect(errorOf(() => makeLandscape({ ...ok, weights: ['u', 'a'] })).message).toBe(
      "weights[1]: 'a' is also a data variable",
    );
    expect(errorOf(() => makeLandscape({ ...ok, weights: ['pi'] })).message).toBe(
      "weights[0]: 'pi' is a constant of the formula language",
    );
    expect(errorOf(() => makeLandscape({ ...ok, weights: ['exp'] })).message).toBe(
      "weights[0]: 'exp' is a function of the formula language",
    );
    expect(errorOf(() => makeLandscape({ ...ok, weights: [3 as unknown as string] })).message).toBe(
      'weights[0]: expected a name, found 3',
    );
    const e = errorOf(() => makeLandscape({ ...ok, weights: ['u', 'u'] }));
    expect(e).toBeInstanceOf(LandscapeError);
    expect((e as LandscapeError).path).toBe('weights[1]');
  });

  it('names an unknown variable in the loss with its column', () => {
    const e = errorOf(() => makeLandscape({ ...ok, loss: 'u*a + w*b' }));
    expect(e).toBeInstanceOf(FormulaError);
    expect(e.message).toBe("loss: formula error at column 7: unknown variable 'w' (weights: u, v; data: a, b)");
    expect((e as FormulaError).pos).toBe(6);
  });

  it('passes on formula and data errors with their positions and paths', () => {
    const f = errorOf(() => makeLandscape({ ...ok, loss: 'u*' }));
    expect(f.message).toBe("loss: formula error at column 3: expected an operand after '*', found end of formula");
    const d = errorOf(() => makeLandscape({ ...ok, data: { normal: { x: { mean: 0, std: -1 } } } }));
    expect(d).toBeInstanceOf(DataLawError);
    expect((d as DataLawError).path).toBe('data.normal.x.std');
  });

  it('checks theta and orders', () => {
    const L = makeLandscape(ok);
    expect(() => L.nodeTensorLaw([0], 2)).toThrow('theta0: has 1 entries but there are 2 weights');
    expect(() => L.nodeTensorLaw([0, NaN], 2)).toThrow('theta0[1]: expected a finite number, found NaN');
    expect(() => L.population([0, 0], -1)).toThrow('maxOrder: expected an integer from 0 to 12, found -1');
  });
});

describe('Landscape: numbers', () => {
  // l_x = ½ h (θ − a)² + b θ³ over three atoms: every quantity has a closed form.
  const L = makeLandscape({ weights: ['t'], loss: '0.5*2*(t - a)^2 + b*t^3', data: ATOMS });
  const pts = ATOMS.atoms.map((x) => ({ p: x.p, ...x.values }));
  const E = (f: (x: { a: number; b: number }) => number): number => pts.reduce((s, x) => s + x.p * f(x), 0);

  it('gives per-point tensors and the population derivatives', () => {
    const t = 0.4;
    const law = L.nodeTensorLaw([t], 4);
    expect(law.dim).toBe(1);
    expect(law.points.map((p) => p.w)).toEqual([0.2, 0.3, 0.5]);
    law.points.forEach((p, i) => {
      const { a, b } = ATOMS.atoms[i].values;
      expect(Array.from(p.derivs, (d) => d[0])).toEqual([
        expect.closeTo((t - a) ** 2 + b * t ** 3, 14),
        expect.closeTo(2 * (t - a) + 3 * b * t * t, 14),
        expect.closeTo(2 + 6 * b * t, 14),
        expect.closeTo(6 * b, 14),
        0,
      ]);
    });
    expect(L.nodeTensorLaw([t], 4)).toBe(law); // cached
    const pop = L.population([t], 3);
    expect(pop[1][0]).toBeCloseTo(
      E((x) => 2 * (t - x.a) + 3 * x.b * t * t),
      14,
    );
    expect(pop[2][0]).toBeCloseTo(
      E((x) => 2 + 6 * x.b * t),
      14,
    );
    expect(L.populationLoss([t])).toBeCloseTo(
      E((x) => (t - x.a) ** 2 + x.b * t ** 3),
      14,
    );
    expect(L.populationGradient([t])[0]).toBeCloseTo(pop[1][0], 14);
  });

  it('gives C and S of the gradient', () => {
    const t = -0.3;
    const g = (x: { a: number; b: number }): number => 2 * (t - x.a) + 3 * x.b * t * t;
    const G = E(g);
    expect(L.covariance([t])[0]).toBeCloseTo(
      E((x) => (g(x) - G) ** 2),
      13,
    );
    expect(L.thirdCumulant([t])[0]).toBeCloseTo(
      E((x) => (g(x) - G) ** 3),
      13,
    );
  });

  it('computes a 2-dimensional covariance matrix', () => {
    const M = makeLandscape({ weights: ['u', 'v'], loss: 'u*a + v*b + u*v', data: ATOMS });
    const C = M.covariance([0.5, 0.5]);
    const Ea = E((x) => x.a);
    const Eb = E((x) => x.b);
    expect(Array.from(C)).toEqual([
      expect.closeTo(
        E((x) => (x.a - Ea) ** 2),
        14,
      ),
      expect.closeTo(
        E((x) => (x.a - Ea) * (x.b - Eb)),
        14,
      ),
      expect.closeTo(
        E((x) => (x.a - Ea) * (x.b - Eb)),
        14,
      ),
      expect.closeTo(
        E((x) => (x.b - Eb) ** 2),
        14,
      ),
    ]);
    expect(M.thirdCumulant([0, 0])).toHaveLength(8);
  });

  it('uses exact quadrature for normal data', () => {
    // E (t − x)^4 with x ~ N(1, 0.5²): (t−1)^4 + 6 (t−1)² σ² + 3σ⁴
    const N = makeLandscape({ weights: ['t'], loss: '(t - x)^4', data: { normal: { x: { mean: 1, std: 0.5 } } } });
    const t = 0.2;
    const s2 = 0.25;
    expect(N.populationLoss([t])).toBeCloseTo((t - 1) ** 4 + 6 * (t - 1) ** 2 * s2 + 3 * s2 * s2, 13);
    expect(N.population([t], 2)[2][0]).toBeCloseTo(12 * (t - 1) ** 2 + 12 * s2, 12);
    expect(N.points).toHaveLength(24);
  });

  it('compiles the loss and gradient', () => {
    const M = makeLandscape({ weights: ['u', 'v'], loss: 'sin(u)*a + v^2*b', data: ATOMS });
    expect(M.lossJS()([0.5, 2], [3, 4])).toBeCloseTo(Math.sin(0.5) * 3 + 16, 14);
    expect(Array.from(M.gradJS()([0.5, 2], [3, 4]))).toEqual([expect.closeTo(3 * Math.cos(0.5), 14), 16]);
    expect(M.dataVector({ b: 4, a: 3 })).toEqual(Float64Array.from([3, 4]));
    const H = M.hessianExprs();
    expect(evaluate(H[0][0], { u: 0.5, v: 2, a: 3, b: 4 })).toBeCloseTo(-3 * Math.sin(0.5), 14);
    expect(evaluate(H[1][1], { u: 0.5, v: 2, a: 3, b: 4 })).toBe(8);
    expect(M.gradientExprs()).toBe(M.gradientExprs());
  });

  it('generates WGSL for the loss and gradient', () => {
    const M = makeLandscape({ weights: ['u', 'v'], loss: 'sin(u)*a + v^2*b', data: ATOMS });
    const g = M.gradientWGSL();
    expect(g.code).toMatch(/^fn loss_grad\(w: array<f32, 2>, d: array<f32, 2>\) -> array<f32, 2> \{/);
    const env = { 'w[0]': 0.5, 'w[1]': 2, 'd[0]': 3, 'd[1]': 4 };
    expect(wgslEvalStatements(g.statements, g.results, env)).toEqual([expect.closeTo(3 * Math.cos(0.5), 14), 16]);
    const l = M.lossWGSL('f');
    expect(l.code).toMatch(/^fn f\(w: array<f32, 2>, d: array<f32, 2>\) -> f32 \{/);
    expect(wgslEvalStatements(l.statements, l.results, env)[0]).toBeCloseTo(Math.sin(0.5) * 3 + 16, 14);
    const noData = makeLandscape({ weights: ['u'], loss: 'u^2', data: { atoms: [{ p: 1, values: {} }] } });
    expect(noData.gradientWGSL().code).toContain('d: array<f32, 1>');
  });
});
