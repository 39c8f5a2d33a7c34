import { describe, expect, it } from 'vitest';
import { dataVariables, DataLawError, lawPoints, parseDataLaw } from './data';
import { gaussHermite } from './quadrature';

const doubleFactorial = (n: number): number => (n <= 1 ? 1 : n * doubleFactorial(n - 2));
/** E[X^k] for X ~ N(0, 1). */
const normalMoment = (k: number): number => (k % 2 === 1 ? 0 : doubleFactorial(k - 1));

function moment(n: number, k: number, abs = false): number {
  const { nodes, weights } = gaussHermite(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i] * (abs ? Math.abs(nodes[i]) : nodes[i]) ** k;
  return s;
}

describe('gaussHermite', () => {
  it('integrates x^k exactly for k ≤ 2n − 1 and not beyond', () => {
    for (const n of [1, 2, 3, 5, 8, 13, 24, 40]) {
      for (let k = 0; k <= 2 * n - 1; k++) {
        // relative to E|x|^k: odd moments vanish only up to rounding of terms of that size
        const want = normalMoment(k);
        expect(Math.abs(moment(n, k) - want), `n=${n} k=${k}`).toBeLessThanOrEqual(
          1e-13 * Math.max(1, moment(n, k, true)),
        );
      }
      // degree 2n is not exact: the rule has exactly n nodes
      expect(Math.abs(moment(n, 2 * n) - normalMoment(2 * n))).toBeGreaterThan(1e-6);
    }
  });

  it('gives E[x^4] = 3 and E[x^8] = 105 with the default 24 nodes', () => {
    expect(moment(24, 4)).toBeCloseTo(3, 13);
    expect(moment(24, 8)).toBeCloseTo(105, 11);
  });

  it('has weights summing to 1, symmetric nodes, and the known 5-point nodes', () => {
    const { nodes, weights } = gaussHermite(5);
    expect(weights.reduce((a, b) => a + b)).toBeCloseTo(1, 15);
    const r1 = Math.sqrt(5 - Math.sqrt(10));
    const r2 = Math.sqrt(5 + Math.sqrt(10));
    expect(Array.from(nodes)).toEqual([-r2, -r1, 0, r1, r2].map((x) => expect.closeTo(x, 14)));
    for (const n of [6, 24, 100]) {
      const q = gaussHermite(n);
      for (let i = 0; i < n; i++) {
        expect(q.nodes[i]).toBe(-q.nodes[n - 1 - i]);
        expect(q.weights[i]).toBeGreaterThan(0);
        if (i > 0) expect(q.nodes[i]).toBeGreaterThan(q.nodes[i - 1]);
      }
    }
  });

  it('integrates smooth functions accurately', () => {
    // E[cos X] = e^{-1/2}, E[e^X] = e^{1/2}
    const { nodes, weights } = gaussHermite(24);
    let c = 0;
    let ex = 0;
    nodes.forEach((x, i) => {
      c += weights[i] * Math.cos(x);
      ex += weights[i] * Math.exp(x);
    });
    expect(c).toBeCloseTo(Math.exp(-0.5), 14);
    expect(ex).toBeCloseTo(Math.exp(0.5), 14);
  });

  it('rejects bad node counts', () => {
    expect(() => gaussHermite(0)).toThrow(/integer from 1 to 128/);
    expect(() => gaussHermite(2.5)).toThrow(/got 2.5/);
  });
});

function lawError(json: unknown): DataLawError {
  try {
    parseDataLaw(json);
  } catch (e) {
    expect(e).toBeInstanceOf(DataLawError);
    return e as DataLawError;
  }
  throw new Error('expected a DataLawError');
}

describe('parseDataLaw', () => {
  it('accepts both forms and keeps their JSON shape', () => {
    const atoms = {
      atoms: [
        { p: 0.25, values: { a: 1, b: 2 } },
        { p: 0.75, values: { b: 0, a: -1 } },
      ],
    };
    expect(parseDataLaw(atoms)).toEqual(atoms);
    const normal = { normal: { x: { mean: 0, std: 1 }, y: { mean: 2, std: 0 } } };
    expect(parseDataLaw(normal)).toEqual(normal);
    expect(parseDataLaw({ atoms: [{ p: 1, values: {} }] })).toEqual({ atoms: [{ p: 1, values: {} }] });
  });

  it('names the field of every problem', () => {
    expect(lawError(null).message).toBe('data: expected an object with "atoms" or "normal", found null');
    expect(lawError([]).message).toContain('found an array');
    expect(lawError({}).message).toContain('expected a field "atoms"');
    expect(lawError({ atoms: [], normal: {} }).message).toBe('data: give either "atoms" or "normal", not both');
    expect(lawError({ atom: [] }).message).toBe('data.atom: unknown field (data takes "atoms" and "normal")');
    expect(lawError({ atoms: [] }).message).toBe('data.atoms: expected a non-empty array of atoms, found an array');
    expect(lawError({ atoms: [{ p: 1 }] }).path).toBe('data.atoms[0].values');
    expect(lawError({ atoms: [{ values: {} }] }).path).toBe('data.atoms[0].p');
    expect(lawError({ atoms: [{ p: 1, values: {}, q: 1 }] }).message).toBe(
      'data.atoms[0].q: unknown field (data.atoms[0] takes "p" and "values")',
    );
    expect(
      lawError({
        atoms: [
          { p: -0.5, values: {} },
          { p: 1.5, values: {} },
        ],
      }).message,
    ).toBe('data.atoms[0].p: probability must be positive, found -0.5');
    expect(lawError({ atoms: [{ p: 0, values: {} }] }).path).toBe('data.atoms[0].p');
    expect(lawError({ atoms: [{ p: '1', values: {} }] }).message).toBe(
      'data.atoms[0].p: expected a finite number, found the string "1"',
    );
    expect(lawError({ atoms: [{ p: 1, values: { x: NaN } }] }).message).toBe(
      'data.atoms[0].values.x: expected a finite number, found NaN',
    );
    expect(lawError({ atoms: [{ p: 1, values: { 'x y': 1 } }] }).message).toContain(
      'data.atoms[0].values["x y"]: bad variable name',
    );
    expect(lawError({ atoms: [{ p: 1, values: { pi: 1 } }] }).message).toContain("'pi' is a constant");
    expect(lawError({ atoms: [{ p: 1, values: { sin: 1 } }] }).message).toContain("'sin' is a function");
  });

  it('says what the probabilities sum to', () => {
    const e = lawError({
      atoms: [
        { p: 0.5, values: { a: 1 } },
        { p: 0.4, values: { a: 2 } },
      ],
    });
    expect(e.message).toBe('data.atoms: probabilities sum to 0.9, not 1 (tolerance 1e-12)');
    // ten atoms of 0.1 sum to 1 within rounding
    expect(() =>
      parseDataLaw({ atoms: Array.from({ length: 10 }, (_, i) => ({ p: 0.1, values: { a: i } })) }),
    ).not.toThrow();
    expect(() =>
      parseDataLaw({
        atoms: [
          { p: 0.5 + 1e-11, values: {} },
          { p: 0.5, values: {} },
        ],
      }),
    ).toThrow(/sum to 1.00000000001/);
  });

  it('requires every atom to give the same variables', () => {
    const base = { p: 0.5, values: { a: 1, b: 2 } };
    expect(lawError({ atoms: [base, { p: 0.5, values: { a: 1 } }] }).message).toBe(
      "data.atoms[1].values: missing variable 'b' (data.atoms[0] has a, b; all atoms must give the same variables)",
    );
    expect(lawError({ atoms: [base, { p: 0.5, values: { a: 1, b: 2, c: 3 } }] }).path).toBe('data.atoms[1].values.c');
  });

  it('validates normal variables', () => {
    expect(lawError({ normal: {} }).message).toContain('data.normal: names no variable');
    expect(lawError({ normal: { x: { mean: 0 } } }).path).toBe('data.normal.x.std');
    expect(lawError({ normal: { x: { mean: 0, std: -1 } } }).message).toBe(
      'data.normal.x.std: standard deviation must be ≥ 0, found -1',
    );
    expect(lawError({ normal: { x: { mean: 0, std: 1, skew: 1 } } }).message).toBe(
      'data.normal.x.skew: unknown field (data.normal.x takes "mean" and "std")',
    );
    expect(lawError({ normal: { x: 1 } }).message).toBe(
      'data.normal.x: expected an object {"mean": …, "std": …}, found 1',
    );
    expect(lawError({ normal: { e: { mean: 0, std: 1 } } }).message).toContain("'e' is a constant");
    expect(lawError({ normal: { __proto__x: { mean: 0, std: 1 } } }).message).toContain('reserved');
  });

  it('uses the given path prefix', () => {
    try {
      parseDataLaw({ normal: { x: { mean: 0, std: -1 } } }, 'scenario.data');
    } catch (e) {
      expect((e as DataLawError).path).toBe('scenario.data.normal.x.std');
    }
  });
});

describe('lawPoints and dataVariables', () => {
  it('returns atoms exactly', () => {
    const law = parseDataLaw({
      atoms: [
        { p: 0.25, values: { a: 1, b: 2 } },
        { p: 0.75, values: { a: -1, b: 0 } },
      ],
    });
    expect(lawPoints(law)).toEqual([
      { w: 0.25, values: { a: 1, b: 2 } },
      { w: 0.75, values: { a: -1, b: 0 } },
    ]);
    expect(dataVariables(law)).toEqual(['a', 'b']);
  });

  it('represents normals by tensor-product quadrature with the right moments', () => {
    const law = parseDataLaw({ normal: { x: { mean: 1, std: 2 }, y: { mean: -0.5, std: 0.5 } } });
    expect(dataVariables(law)).toEqual(['x', 'y']);
    const pts = lawPoints(law, 10);
    expect(pts).toHaveLength(100);
    const E = (f: (v: Record<string, number>) => number): number => pts.reduce((s, p) => s + p.w * f(p.values), 0);
    expect(E(() => 1)).toBeCloseTo(1, 14);
    expect(E((v) => v.x)).toBeCloseTo(1, 13);
    expect(E((v) => (v.x - 1) ** 2)).toBeCloseTo(4, 12);
    expect(E((v) => (v.x - 1) ** 4)).toBeCloseTo(3 * 16, 11);
    expect(E((v) => v.x * v.y)).toBeCloseTo(-0.5, 13);
    expect(E((v) => (v.y + 0.5) ** 2 * (v.x - 1) ** 2)).toBeCloseTo(0.25 * 4, 12);
  });

  it('gives a variable with std 0 a single node', () => {
    const pts = lawPoints(parseDataLaw({ normal: { x: { mean: 3, std: 0 }, y: { mean: 0, std: 1 } } }), 4);
    expect(pts).toHaveLength(4);
    expect(pts.every((p) => p.values.x === 3)).toBe(true);
  });

  it('refuses an expansion with too many points', () => {
    const normal = Object.fromEntries(['a', 'b', 'c', 'd', 'f'].map((n) => [n, { mean: 0, std: 1 }]));
    expect(() => lawPoints(parseDataLaw({ normal }), 24)).toThrow(/7962624 points/);
  });
});

describe('lawPoints ordering', () => {
  it('makes odd moments of a centred normal exactly zero', () => {
    for (const n of [5, 24]) {
      const pts = lawPoints(parseDataLaw({ normal: { x: { mean: 0, std: 1.7 } } }), n);
      let m1 = 0;
      let m3 = 0;
      for (const p of pts) {
        m1 += p.w * p.values.x;
        m3 += p.w * p.values.x ** 3;
      }
      expect(m1).toBe(0);
      expect(m3).toBe(0);
    }
  });
});
