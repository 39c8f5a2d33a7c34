// Tests of the brute-force oracle itself: rational arithmetic, the reference series in
// src/fixtures/oracle/series (matched exactly), hand-computed cases and closed forms for a quadratic
// landscape (the recursion is linear there, so moments give E[φ(θ_T)] without any enumeration).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rational, rat } from './rational';
import {
  bruteForceSeries,
  scheduleUpdates,
  type BruteObservable,
  type BruteSchedule,
  type PolyLandscape,
} from './bruteforce';
import {
  arbitraryBruteSchedule,
  arbitraryPolyCase,
  landscapeFromScenario,
  toScenario,
  type PolyScenarioJSON,
} from './polyscenario';

const strs = (xs: readonly Rational[]): string[] => xs.map((x) => x.toString());
const R = (s: string): Rational => Rational.parse(s);

// ---------------------------------------------------------------------------------------------
describe('Rational', () => {
  it('normalises and keeps the sign in the numerator', () => {
    expect(Rational.of(6, -4).toString()).toBe('-3/2');
    expect(Rational.of(-6n, -4n).toString()).toBe('3/2');
    expect(Rational.of(0, -7).toString()).toBe('0');
    expect(Rational.of(0, -7).den).toBe(1n);
    expect(() => Rational.of(1, 0)).toThrow();
    expect(Rational.of(10, 5).toString()).toBe('2');
  });

  it('does arithmetic', () => {
    const a = R('1/3');
    const b = R('-5/6');
    expect(a.add(b).toString()).toBe('-1/2');
    expect(a.sub(b).toString()).toBe('7/6');
    expect(a.mul(b).toString()).toBe('-5/18');
    expect(a.div(b).toString()).toBe('-2/5');
    expect(b.neg().toString()).toBe('5/6');
    expect(R('2/3').pow(3).toString()).toBe('8/27');
    expect(R('-2/3').pow(-2).toString()).toBe('9/4');
    expect(R('0').pow(0).toString()).toBe('1');
    expect(() => R('0').pow(-1)).toThrow();
    expect(() => a.div(Rational.ZERO)).toThrow();
    expect(a.compare(b)).toBe(1);
    expect(b.compare(a)).toBe(-1);
    expect(R('2/6').compare(a)).toBe(0);
  });

  it('parses fractions, integers and decimals exactly', () => {
    expect(R('3/6').toString()).toBe('1/2');
    expect(R(' -4 / -8 ').toString()).toBe('1/2');
    expect(R('-17').toString()).toBe('-17');
    expect(R('1.25').toString()).toBe('5/4');
    expect(R('-0.1').toString()).toBe('-1/10');
    expect(R('1e-3').toString()).toBe('1/1000');
    expect(R('2.5E2').toString()).toBe('250');
    expect(rat('1/3', 2).toString()).toBe('1/6');
    expect(() => R('1/3/4')).toThrow();
    expect(() => R('abc')).toThrow();
    expect(() => R('')).toThrow();
  });

  it('converts doubles exactly', () => {
    expect(Rational.fromNumber(1 / 3).toString()).toBe('6004799503160661/18014398509481984');
    expect(Rational.fromNumber(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(Rational.fromNumber(-0.75).toString()).toBe('-3/4');
    expect(Rational.fromNumber(-0).toString()).toBe('0');
    expect(Rational.fromNumber(2 ** 60).toString()).toBe((2n ** 60n).toString());
    expect(Rational.fromNumber(5e-324).toString()).toBe(`1/${2n ** 1074n}`);
    expect(Rational.fromNumber(Number.MAX_VALUE).num).toBe((2n ** 53n - 1n) * 2n ** 971n);
    expect(() => Rational.fromNumber(NaN)).toThrow();
    expect(() => Rational.fromNumber(Infinity)).toThrow();
  });

  it('round-trips every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const y = Rational.fromNumber(x).toNumber();
        expect(y === x).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('snaps doubles to small-denominator fractions', () => {
    expect(Rational.snap(0.3333333333333333).toString()).toBe('1/3');
    expect(Rational.snap(0.16666666666666666).toString()).toBe('1/6');
    expect(Rational.snap(-0.3333333333333333).toString()).toBe('-1/3');
    expect(Rational.snap(1.5).toString()).toBe('3/2');
    expect(Rational.snap(Math.PI, 1000).equals(Rational.fromNumber(Math.PI))).toBe(true);
  });

  it('converts huge ratios to the right double', () => {
    const K = 10n ** 400n;
    expect(Rational.of(K + 1n, 3n * K).toNumber()).toBe(1 / 3);
    expect(Rational.of(-(7n * K + 1n), 2n * K).toNumber()).toBe(-3.5);
    expect(Rational.of(1n, K).toNumber()).toBe(0); // 1e-400 is below the double range
    expect(Rational.of(K * 3n + 1n, 1n).toNumber()).toBe(Infinity); // genuinely beyond it
    expect(Rational.of(10n ** 300n + 1n, 1n).toNumber()).toBe(1e300);
    expect(Rational.of(1n, 10n ** 300n + 1n).toNumber()).toBe(1e-300);
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        const v = Rational.of(BigInt(a) * K + 1n, BigInt(b) * K).toNumber();
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBe(a / b);
      }),
      { numRuns: 300 },
    );
  });

  it('rounds big ratios to nearest', () => {
    const bits = (x: number): bigint => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      return v.getBigUint64(0);
    };
    const fromBits = (b: bigint): number => {
      const v = new DataView(new ArrayBuffer(8));
      v.setBigUint64(0, b);
      return v.getFloat64(0);
    };
    const big = fc.bigInt({ min: 1n, max: 2n ** 200n });
    fc.assert(
      fc.property(big, big, (a, b) => {
        const q = Rational.of(a, b);
        const r = q.toNumber();
        expect(r > 0 && Number.isFinite(r)).toBe(true);
        const err = Rational.fromNumber(r).sub(q).abs();
        for (const nb of [fromBits(bits(r) + 1n), fromBits(bits(r) - 1n)])
          expect(err.compare(Rational.fromNumber(nb).sub(q).abs())).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('obeys the field laws', () => {
    const small = fc
      .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 50 }))
      .map(([n, d]) => Rational.of(n, d));
    fc.assert(
      fc.property(small, small, small, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.sub(b).add(b).equals(a)).toBe(true);
        if (!b.isZero()) expect(a.div(b).mul(b).equals(a)).toBe(true);
        expect(a.add(b).toNumber()).toBe(Rational.parse(a.add(b).toString()).toNumber());
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Reference series of src/fixtures/oracle/series, matched exactly.

interface OracleFile {
  scenario: PolyScenarioJSON;
  expected: { T: number; series: number[]; exact: string[] };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const oracleDir = path.resolve(here, '../../fixtures/oracle/series');
const oracleFiles: string[] = fs.existsSync(oracleDir)
  ? fs
      .readdirSync(oracleDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

describe('reference series (src/fixtures/oracle/series)', () => {
  it('are present', () => {
    expect(oracleFiles.length, `no reference files found in ${oracleDir}`).toBeGreaterThan(0);
  });

  it.each(oracleFiles)('%s', (file) => {
    const data = JSON.parse(fs.readFileSync(path.join(oracleDir, file), 'utf8')) as OracleFile;
    // the files' doubles stand for the fractions 1/3, 1/6, … they were computed with
    const c = landscapeFromScenario(data.scenario, { snapDenominator: 1000 });
    expect(scheduleUpdates(c.schedule)).toBe(data.expected.T);
    const got = bruteForceSeries(c.landscape, c.schedule, c.observable, c.order);
    expect(strs(got)).toEqual(data.expected.exact);
    got.forEach((x, k) => expect(x.toNumber()).toBeCloseTo(data.expected.series[k], 9));
  });

  it('reads the reference landscape as intended', () => {
    if (oracleFiles.length === 0) return;
    const data = JSON.parse(fs.readFileSync(path.join(oracleDir, oracleFiles[0]), 'utf8')) as OracleFile;
    const c = landscapeFromScenario(data.scenario, { snapDenominator: 1000 });
    expect(strs(c.landscape.theta0)).toEqual(['1/3']);
    expect(strs(c.landscape.atoms.map((a) => a.p))).toEqual(['1/2', '1/3', '1/6']);
    expect(c.landscape.atoms[2].terms.map((t) => `${t.coef}@${t.alpha}`)).toEqual(['3@1', '-1@2', '2@3', '-1/3@4']);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-computed cases.

/** l_x = a·θ³ with a ∈ {1, 2} equally likely, θ₀ = 1. */
const cubic: PolyLandscape = {
  dim: 1,
  theta0: [R('1')],
  atoms: [
    { p: R('1/2'), terms: [{ alpha: [3], coef: R('1') }] },
    { p: R('1/2'), terms: [{ alpha: [3], coef: R('2') }] },
  ],
};

/** l_x = ½θ² + xθ with x = ±1 equally likely, θ₀ = 1. */
const quadSym: PolyLandscape = {
  dim: 1,
  theta0: [R('1')],
  atoms: [
    {
      p: R('1/2'),
      terms: [
        { alpha: [2], coef: R('1/2') },
        { alpha: [1], coef: R('1') },
      ],
    },
    {
      p: R('1/2'),
      terms: [
        { alpha: [2], coef: R('1/2') },
        { alpha: [1], coef: R('-1') },
      ],
    },
  ],
};

describe('hand-computed cases', () => {
  const sgd1 = { N: 1, B: 1, epochs: 1, shuffle: false };
  it('T = 1, cubic: θ₁ = 1 − 3ηa', () => {
    // E θ₁ = 1 − 3η·E a, E a = 3/2
    expect(strs(bruteForceSeries(cubic, sgd1, { weight: 0 }, 4))).toEqual(['1', '-9/2', '0', '0', '0']);
    // test loss E a′ · E(1 − 3ηa)³ with E a^k = 3/2, 5/2, 9/2
    expect(strs(bruteForceSeries(cubic, sgd1, 'test-loss', 4))).toEqual(['3/2', '-81/4', '405/4', '-729/4', '0']);
    // train loss E a(1 − 3ηa)³, E a⁴ = 17/2
    expect(strs(bruteForceSeries(cubic, sgd1, 'train-loss', 4))).toEqual(['3/2', '-45/2', '243/2', '-459/2', '0']);
    // N = 2, one update on point 0: the train loss averages the two cases above
    expect(strs(bruteForceSeries(cubic, { N: 2, batches: [[0]] }, 'train-loss', 4))).toEqual([
      '3/2',
      '-171/8',
      '891/8',
      '-1647/8',
      '0',
    ]);
    // a lower order truncates
    expect(strs(bruteForceSeries(cubic, sgd1, 'test-loss', 2))).toEqual(['3/2', '-81/4', '405/4']);
    expect(strs(bruteForceSeries(cubic, sgd1, 'test-loss', 0))).toEqual(['3/2']);
  });

  it('SGD N = 2 on ½θ² ± θ: E l(θ₂) = ½[(1−η)⁴ + η²(1−η)² + η²]', () => {
    const s = { N: 2, B: 1, epochs: 1, shuffle: false };
    expect(strs(bruteForceSeries(quadSym, s, 'test-loss', 4))).toEqual(['1/2', '-2', '4', '-3', '1']);
    expect(strs(bruteForceSeries(quadSym, s, { weight: 0 }, 4))).toEqual(['1', '-2', '1', '0', '0']);
    // train loss: ½θ₂² + x̄θ₂, θ₂ = (1−η)² − η(1−η)x₀ − ηx₁, E x̄θ₂ = −η(1−η)/2 − η/2 = −η + η²/2
    expect(strs(bruteForceSeries(quadSym, s, 'train-loss', 4))).toEqual(['1/2', '-3', '9/2', '-3', '1']);
    // GD on the same two points (one update of batch 2): θ₁ = 1 − η − ηx̄, E l = ½((1−η)² + η²/2)
    const gd = { N: 2, B: 2, epochs: 1, shuffle: false };
    expect(strs(bruteForceSeries(quadSym, gd, 'test-loss', 4))).toEqual(['1/2', '-1', '3/4', '0', '0']);
  });

  it('rejects malformed input', () => {
    const bad = { ...cubic, atoms: [{ ...cubic.atoms[0], p: R('1/3') }, cubic.atoms[1]] };
    expect(() => bruteForceSeries(bad, { N: 1, B: 1, epochs: 1, shuffle: false }, 'test-loss', 2)).toThrow(/sum/);
    expect(() => bruteForceSeries(cubic, { N: 3, B: 2, epochs: 1, shuffle: false }, 'test-loss', 2)).toThrow();
    expect(() => bruteForceSeries(cubic, { N: 2, batches: [[0, 2]] }, 'test-loss', 2)).toThrow();
    expect(() => bruteForceSeries(cubic, { N: 2, batches: [[1, 1]] }, 'test-loss', 2)).toThrow();
    expect(() => bruteForceSeries(cubic, { N: 2, batches: [[]] }, 'test-loss', 2)).toThrow();
    expect(() => bruteForceSeries(cubic, { N: 1, B: 1, epochs: 1, shuffle: false }, { weight: 1 }, 2)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Closed form for l_x = ½hθ² + xθ. The update is linear: θ_T = A + Σ_n c_n x_n with
// A = (1−ηh)^T θ₀ and c_n = −η Σ_{t: n∈B_t} (1−ηh)^{T−1−t}/|B_t| — polynomials in η. With
// μ = E x, σ² = Var x: E θ_T = A + μΣc, E θ_T² = (E θ_T)² + σ²Σc², E[x̄ θ_T] = μA + (μ² + σ²/N)Σc.

type P = Rational[]; // polynomial in η, full (not truncated)
const pAdd = (a: P, b: P): P =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, k) => (a[k] ?? Rational.ZERO).add(b[k] ?? Rational.ZERO));
const pScale = (a: P, c: Rational): P => a.map((x) => x.mul(c));
const pMul = (a: P, b: P): P => {
  const out: P = Array.from({ length: Math.max(0, a.length + b.length - 1) }, () => Rational.ZERO);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] = out[i + j].add(x.mul(y)))));
  return out;
};
const pTrunc = (a: P, order: number): string[] =>
  Array.from({ length: order + 1 }, (_, k) => (a[k] ?? Rational.ZERO).toString());

function explicitBatches(s: { N: number; B: number; epochs: number }, perms: number[][]): number[][] {
  const out: number[][] = [];
  for (let e = 0; e < s.epochs; e++) for (let i = 0; i < s.N; i += s.B) out.push(perms[e].slice(i, i + s.B));
  return out;
}

const identity = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function allPerms(n: number): number[][] {
  if (n === 0) return [[]];
  return allPerms(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** Closed-form E[φ(θ_T)] for a fixed list of batches. */
function quadraticClosedForm(
  h: Rational,
  xs: { p: Rational; x: Rational }[],
  theta0: Rational,
  N: number,
  batches: number[][],
  obs: BruteObservable,
): P {
  const T = batches.length;
  const K: P = [Rational.ONE, h.neg()]; // 1 − ηh
  const Kpow: P[] = [[Rational.ONE]];
  for (let j = 1; j <= T; j++) Kpow.push(pMul(Kpow[j - 1], K));
  const A = pScale(Kpow[T], theta0);
  const c: P[] = Array.from({ length: N }, () => []);
  batches.forEach((b, t) => {
    for (const n of b)
      c[n] = pAdd(c[n], pScale(pMul([Rational.ZERO, Rational.ONE], Kpow[T - 1 - t]), Rational.of(-1, b.length)));
  });
  const mu = xs.reduce((s, a) => s.add(a.p.mul(a.x)), Rational.ZERO);
  const m2 = xs.reduce((s, a) => s.add(a.p.mul(a.x).mul(a.x)), Rational.ZERO);
  const var_ = m2.sub(mu.mul(mu));
  const sumC = c.reduce(pAdd, []);
  const sumC2 = c.reduce((s, cn) => pAdd(s, pMul(cn, cn)), []);
  const mean = pAdd(A, pScale(sumC, mu));
  if (typeof obs === 'object') return mean;
  const second = pAdd(pMul(mean, mean), pScale(sumC2, var_));
  const half = pScale(second, h.div(Rational.of(2)));
  if (obs === 'test-loss') return pAdd(half, pScale(mean, mu));
  const xbarTheta = pAdd(pScale(A, mu), pScale(sumC, mu.mul(mu).add(var_.div(Rational.of(N)))));
  return pAdd(half, xbarTheta);
}

function quadraticLandscape(h: Rational, xs: { p: Rational; x: Rational }[], theta0: Rational): PolyLandscape {
  return {
    dim: 1,
    theta0: [theta0],
    atoms: xs.map(({ p, x }) => ({
      p,
      terms: [
        { alpha: [2], coef: h.div(Rational.of(2)) },
        { alpha: [1], coef: x },
      ],
    })),
  };
}

describe('quadratic landscape, closed form', () => {
  const xs = [
    { p: R('1/2'), x: R('1') },
    { p: R('1/3'), x: R('-2') },
    { p: R('1/6'), x: R('3/2') },
  ];
  const h = R('7/5');
  const theta0 = R('-2/3');
  const l = quadraticLandscape(h, xs, theta0);
  const observables: BruteObservable[] = ['test-loss', 'train-loss', { weight: 0 }];

  it('GD: E θ_T = (1−ηh)^T θ₀ − ημ Σ_{j<T} (1−ηh)^j (written out for T = 3)', () => {
    // μ = 1/2 − 2/3 + 1/4 = 1/12; (1−ηh)³θ₀ − ημ(3 − 3ηh + η²h²) with h = 7/5, θ₀ = −2/3
    const got = bruteForceSeries(l, { N: 2, B: 2, epochs: 3, shuffle: false }, { weight: 0 }, 4);
    const expected = [
      theta0,
      theta0
        .mul(R('-3'))
        .mul(h)
        .sub(R('1/12').mul(R('3'))),
      theta0
        .mul(R('3'))
        .mul(h.pow(2))
        .add(R('1/12').mul(R('3')).mul(h)),
      theta0
        .neg()
        .mul(h.pow(3))
        .sub(R('1/12').mul(h.pow(2))),
      Rational.ZERO,
    ];
    expect(strs(got)).toEqual(strs(expected));
  });

  const cases: [string, BruteSchedule][] = [
    ['SGD N=3', { N: 3, B: 1, epochs: 1, shuffle: false }],
    ['SGD N=4 B=2', { N: 4, B: 2, epochs: 1, shuffle: false }],
    ['GD N=3 T=2', { N: 3, B: 3, epochs: 2, shuffle: false }],
    ['2 epochs N=2', { N: 2, B: 1, epochs: 2, shuffle: false }],
    ['explicit', { N: 3, batches: [[0], [1, 2], [0], [0, 1, 2]] }],
  ];
  for (const [name, s] of cases)
    for (const obs of observables)
      it(`${name}, ${JSON.stringify(obs)}`, () => {
        const batches = 'batches' in s ? s.batches : explicitBatches(s, Array(s.epochs).fill(identity(s.N)));
        const expected = quadraticClosedForm(h, xs, theta0, s.N, batches, obs);
        expect(strs(bruteForceSeries(l, s, obs, 4))).toEqual(pTrunc(expected, 4));
      });

  it('reshuffled epochs average the closed form over all permutation pairs', () => {
    for (const [N, B] of [
      [2, 1],
      [3, 1],
      [4, 2],
    ])
      for (const obs of observables) {
        const s = { N, B, epochs: 2, shuffle: true };
        const perms = allPerms(N);
        let avg: P = [];
        for (const p1 of perms)
          for (const p2 of perms)
            avg = pAdd(avg, quadraticClosedForm(h, xs, theta0, N, explicitBatches(s, [p1, p2]), obs));
        avg = pScale(avg, Rational.of(1, perms.length ** 2));
        expect(strs(bruteForceSeries(l, s, obs, 4))).toEqual(pTrunc(avg, 4));
      }
  });

  it('random quadratic cases match the closed form', () => {
    const dy = (m: number, d: number) => fc.integer({ min: -m, max: m }).map((k) => Rational.of(k, d));
    fc.assert(
      fc.property(
        dy(8, 4),
        fc.array(dy(8, 4), { minLength: 3, maxLength: 3 }),
        fc.constantFrom(['1/2', '1/4', '1/4'], ['1/8', '3/8', '1/2'], ['1/3', '1/3', '1/3']),
        dy(4, 4),
        arbitraryBruteSchedule(),
        fc.constantFrom<BruteObservable>('test-loss', 'train-loss', { weight: 0 }),
        (hh, x, ps, t0, s, obs) => {
          const law = x.map((xi, i) => ({ p: R(ps[i]), x: xi }));
          const lq = quadraticLandscape(hh, law, t0);
          let expected: P;
          if ('batches' in s) expected = quadraticClosedForm(hh, law, t0, s.N, s.batches, obs);
          else {
            const perms = s.shuffle ? allPerms(s.N) : [identity(s.N)];
            let tuples: number[][][] = [[]];
            for (let e = 0; e < s.epochs; e++) tuples = tuples.flatMap((tp) => perms.map((p) => [...tp, p]));
            expected = tuples
              .map((tp) => quadraticClosedForm(hh, law, t0, s.N, explicitBatches(s, tp), obs))
              .reduce(pAdd, []);
            expected = pScale(expected, Rational.of(1, tuples.length));
          }
          expect(strs(bruteForceSeries(lq, s, obs, 4))).toEqual(pTrunc(expected, 4));
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Consistency properties on random polynomial cases.

describe('random polynomial cases', () => {
  it('a₀ is φ(θ₀) and the scenario round-trips exactly', () => {
    fc.assert(
      fc.property(arbitraryPolyCase(), (c) => {
        const got = bruteForceSeries(c.landscape, c.schedule, c.observable, c.order);
        expect(got.length).toBe(c.order + 1);
        // a₀: nothing has moved yet
        const l0 = c.landscape.atoms.reduce((s, a) => {
          const v = a.terms.reduce(
            (acc, t) => acc.add(t.alpha.reduce((m, k, i) => m.mul(c.landscape.theta0[i].pow(k)), t.coef)),
            Rational.ZERO,
          );
          return s.add(a.p.mul(v));
        }, Rational.ZERO);
        const a0 = typeof c.observable === 'object' ? c.landscape.theta0[c.observable.weight] : l0;
        expect(got[0].toString()).toBe(a0.toString());
        // the double-valued scenario describes the same problem exactly
        const scn = toScenario(c.landscape, c.schedule, c.observable, c.order);
        const back = landscapeFromScenario(JSON.parse(JSON.stringify(scn)) as PolyScenarioJSON);
        expect(strs(bruteForceSeries(back.landscape, back.schedule, back.observable, back.order))).toEqual(strs(got));
        const psum = scn.data.atoms.reduce((s, a) => s + a.p, 0);
        expect(psum).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('schedules that describe the same spacetime agree', () => {
    fc.assert(
      fc.property(arbitraryPolyCase(), (c) => {
        const s = c.schedule;
        if ('batches' in s) return;
        const direct = strs(bruteForceSeries(c.landscape, s, c.observable, 4));
        if (!s.shuffle) {
          const batches = explicitBatches(s, Array(s.epochs).fill(identity(s.N)));
          expect(strs(bruteForceSeries(c.landscape, { N: s.N, batches }, c.observable, 4))).toEqual(direct);
        }
        // i.i.d. points: reshuffling a single epoch changes nothing, nor does it for GD
        if (s.epochs === 1 || s.B === s.N)
          expect(strs(bruteForceSeries(c.landscape, { ...s, shuffle: !s.shuffle }, c.observable, 4))).toEqual(direct);
      }),
      { numRuns: 40 },
    );
  });

  it('toScenario writes the scenario.md fields', () => {
    const l: PolyLandscape = {
      dim: 2,
      theta0: [R('1/2'), R('-1')],
      atoms: [
        {
          p: R('3/4'),
          terms: [
            { alpha: [1, 1], coef: R('2') },
            { alpha: [0, 0], coef: R('1') },
          ],
        },
        { p: R('1/4'), terms: [{ alpha: [2, 0], coef: R('-1/8') }] },
      ],
    };
    const scn = toScenario(l, { N: 2, batches: [[0], [0, 1]] }, { weight: 1 }, 3, { eta: 0.1 });
    expect(scn).toEqual({
      weights: ['u', 'v'],
      init: [0.5, -1],
      loss: 'c0 + c1*u^2 + c2*u*v',
      data: {
        atoms: [
          { p: 0.75, values: { c0: 1, c1: 0, c2: 2 } },
          { p: 0.25, values: { c0: 0, c1: -0.125, c2: 0 } },
        ],
      },
      schedule: { N: 2, batches: [[0], [0, 1]] },
      observable: { weight: 'v' },
      order: 3,
      eta: 0.1,
    });
    expect(() => toScenario({ ...l, theta0: [R('1/3'), R('0')] }, { N: 1, batches: [[0]] }, 'test-loss', 2)).toThrow(
      /double/,
    );
    expect(
      toScenario({ ...l, theta0: [R('1/3'), R('0')] }, { N: 1, batches: [[0]] }, 'test-loss', 2, { allowInexact: true })
        .init[0],
    ).toBe(1 / 3);
  });

  it('is fast enough at the intended sizes', () => {
    // dim 2, 3 atoms, quartic terms, N = 4, T = 6 (batch 2, three reshuffled epochs), order 4
    const l: PolyLandscape = {
      dim: 2,
      theta0: [R('1/2'), R('-3/4')],
      atoms: [
        {
          p: R('1/2'),
          terms: [
            { alpha: [2, 2], coef: R('1/4') },
            { alpha: [1, 0], coef: R('1') },
            { alpha: [0, 3], coef: R('-1/2') },
          ],
        },
        {
          p: R('1/4'),
          terms: [
            { alpha: [4, 0], coef: R('3/4') },
            { alpha: [0, 1], coef: R('-2') },
            { alpha: [1, 1], coef: R('1') },
          ],
        },
        {
          p: R('1/4'),
          terms: [
            { alpha: [3, 1], coef: R('-1/4') },
            { alpha: [1, 0], coef: R('3/2') },
            { alpha: [0, 2], coef: R('1/2') },
          ],
        },
      ],
    };
    for (const s of [
      { N: 4, B: 1, epochs: 1, shuffle: false },
      { N: 4, B: 4, epochs: 6, shuffle: false },
      { N: 3, B: 1, epochs: 2, shuffle: true },
      { N: 4, B: 2, epochs: 3, shuffle: true },
    ])
      for (const obs of ['test-loss', 'train-loss', { weight: 1 }] as BruteObservable[]) {
        const t0 = performance.now();
        bruteForceSeries(l, s, obs, 4);
        const ms = performance.now() - t0;
        expect(ms, `${JSON.stringify(s)} ${JSON.stringify(obs)} took ${ms.toFixed(0)} ms`).toBeLessThan(3000);
      }
  });
});
