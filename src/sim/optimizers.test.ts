// Every optimizer and schedule against an independent float64 computation, and GPU == CPU twin.
import { describe, expect, it } from 'vitest';
import { runSimulation } from './engine';
import { makePlan } from './plan';
import { CpuModel } from './cpu/model';
import type { Scenario } from '../theory/scenario-types';
import { requireGpu } from './testing/gpuFixture';

// A non-linear 1-D landscape on a 3-atom law: E θ_T depends on which points repeat and when.
const ATOMS = [
  { p: 0.25, x: -1 },
  { p: 0.5, x: 0.5 },
  { p: 0.25, x: 2 },
];
const EX = ATOMS.reduce((s, a) => s + a.p * a.x, 0);
const EX2 = ATOMS.reduce((s, a) => s + a.p * a.x * a.x, 0);
interface Land {
  loss: string;
  grad: (t: number, x: number) => number;
  obs: 'test-loss' | 'weight';
  phi: (t: number) => number;
  eta: number;
}
/** Cubic gradient, observe θ (explicit batches); quadratic, observe the test loss (shuffling). */
const CUBIC: Land = {
  loss: '0.5*(t - x)^2 + 0.1*t^4',
  grad: (t, x) => t - x + 0.4 * t ** 3,
  obs: 'weight',
  phi: (t) => t,
  eta: 0.3,
};
const QUAD: Land = {
  loss: '0.5*(t - x)^2',
  grad: (t, x) => t - x,
  obs: 'test-loss',
  phi: (t) => 0.5 * (t * t - 2 * t * EX + EX2),
  eta: 0.5,
};
function atomScenario(land: Land, schedule: Scenario['schedule']): Scenario {
  return {
    weights: ['t'],
    init: [0.5],
    loss: land.loss,
    data: { atoms: ATOMS.map((a) => ({ p: a.p, values: { x: a.x } })) },
    schedule,
    observable: land.obs === 'weight' ? { weight: 't' } : 'test-loss',
    order: 3,
    eta: land.eta,
  };
}
function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}
/** E φ(θ_T) by enumerating every training set (and every permutation per epoch when shuffling). */
function exactMean(
  land: Land,
  N: number,
  batchesOf: (perms: number[][]) => number[][],
  epochs: number,
  shuffle: boolean,
): number {
  const perms = shuffle ? permutations(N) : [Array.from({ length: N }, (_, i) => i)];
  let total = 0;
  const sets = ATOMS.length ** N;
  for (let s = 0; s < sets; s++) {
    const xs: number[] = [];
    let p = 1;
    for (let n = 0, c = s; n < N; n++, c = Math.floor(c / ATOMS.length)) {
      xs.push(ATOMS[c % ATOMS.length].x);
      p *= ATOMS[c % ATOMS.length].p;
    }
    const combos = perms.length ** epochs;
    for (let c = 0; c < combos; c++) {
      const ep: number[][] = [];
      for (let e = 0, r = c; e < epochs; e++, r = Math.floor(r / perms.length)) ep.push(perms[r % perms.length]);
      let t = 0.5;
      for (const b of batchesOf(ep)) t -= (land.eta / b.length) * b.reduce((g, n) => g + land.grad(t, xs[n]), 0);
      total += (p / combos) * land.phi(t);
    }
  }
  return total;
}

describe('schedules on a discrete law (exact expectations by enumeration)', () => {
  requireGpu();
  const N = 3;
  const epochBatches = (ep: number[][]) => ep.flatMap((perm) => perm.map((n) => [n]));
  it.each(['gpu', 'cpu'] as const)('three epochs, batch 1, with and without shuffling (%s)', async (engine) => {
    const K = engine === 'gpu' ? 1 << 16 : 1 << 13;
    const ex = { true: exactMean(QUAD, N, epochBatches, 3, true), false: exactMean(QUAD, N, epochBatches, 3, false) };
    for (const shuffle of [true, false]) {
      const r = await runSimulation(
        { scenario: atomScenario(QUAD, { N, B: 1, epochs: 3, shuffle }), trajectories: K, seed: 11, record: 2 },
        { engine },
      );
      expect(Math.abs(r.mean[1]! - ex[`${shuffle}`])).toBeLessThan(4 * r.stderr[1]!);
      // The two expectations are far apart at this K: the test sees the shuffling.
      if (engine === 'gpu') expect(Math.abs(ex.true - ex.false)).toBeGreaterThan(8 * r.stderr[1]!);
    }
  });

  it('explicit batches of different sizes, repeating points', async () => {
    const batches = [[0], [1, 2], [0], [2, 1, 0]];
    const r = await runSimulation(
      { scenario: atomScenario(CUBIC, { N, batches }), trajectories: 1 << 16, seed: 2, record: 2 },
      { engine: 'gpu' },
    );
    expect(r.T).toBe(4);
    expect(Math.abs(r.mean[1]! - exactMean(CUBIC, N, () => batches, 1, false))).toBeLessThan(4 * r.stderr[1]!);
  });
});

describe('GDC, SDE and ODE against closed forms / float64 references', () => {
  requireGpu();
  it('GDC equals GD on l_n + β·tr Ĉ with Ĉ the mean two-point estimate (finite differences in float64)', async () => {
    const N = 4,
      T = 5,
      eta = 0.1,
      K = 64;
    const sc = (w: string): Scenario => ({
      weights: ['u', 'v'],
      init: [0.3, -0.2],
      loss: '0.5*(1 + x^2)*u^2 + x*u*v + 0.5*v^2 + 0.3*x*u',
      data: { normal: { x: { mean: 0.2, std: 1 } } },
      schedule: { N, B: 1, epochs: 1, shuffle: false },
      observable: { weight: w },
      order: 3,
      eta,
    });
    const plan = makePlan({ scenario: sc('u'), trajectories: K, optimizer: 'gdc', seed: 4 });
    const model = new CpuModel(plan);
    const g = (u: number, v: number, x: number) => [(1 + x * x) * u + x * v + 0.3 * x, x * u + v];
    const beta = (eta * (N - 1)) / (4 * N);
    let su = 0,
      sv = 0;
    const xbuf = new Float64Array(1);
    for (let k = 0; k < K; k++) {
      const xs = Array.from({ length: N }, (_, n) => (model.datum(k, n, xbuf), xbuf[0]));
      const trC = (u: number, v: number) => {
        let s = 0;
        for (let a = 0; a < N; a++)
          for (let b = 0; b < N; b++)
            if (a !== b) {
              const ga = g(u, v, xs[a]),
                gb = g(u, v, xs[b]);
              s += 0.5 * ((ga[0] - gb[0]) ** 2 + (ga[1] - gb[1]) ** 2);
            }
        return s / (N * (N - 1));
      };
      let u = 0.3,
        v = -0.2;
      for (let t = 0; t < T; t++) {
        const h = 1e-5;
        const du = (trC(u + h, v) - trC(u - h, v)) / (2 * h),
          dv = (trC(u, v + h) - trC(u, v - h)) / (2 * h);
        const gm = xs.map((x) => g(u, v, x)).reduce((a, b) => [a[0] + b[0] / N, a[1] + b[1] / N], [0, 0]);
        [u, v] = [u - eta * (gm[0] + beta * du), v - eta * (gm[1] + beta * dv)];
      }
      su += u / K;
      sv += v / K;
    }
    // GDC uses all N points every update; the schedule only sets T (here 5 explicit updates).
    const five = { N, batches: Array.from({ length: T }, () => [0]) };
    for (const [w, ref] of [
      ['u', su],
      ['v', sv],
    ] as const) {
      for (const engine of ['gpu', 'cpu'] as const) {
        const r = await runSimulation(
          { scenario: { ...sc(w), schedule: five }, trajectories: K, optimizer: 'gdc', seed: 4, record: 2 },
          { engine },
        );
        expect(r.T).toBe(T);
        expect(Math.abs(r.mean[1]! - ref)).toBeLessThan(2e-5);
      }
    }
  });

  it('GDC closes most of the SGD − GD gap (Cor. 4), common random numbers through the shared training sets', async () => {
    const sc: Scenario = {
      weights: ['t'],
      init: [1],
      loss: '0.5*(1 + x)*t^2 + t',
      data: { normal: { x: { mean: 0, std: 1 } } },
      schedule: { N: 10, B: 1, epochs: 1, shuffle: false },
      observable: 'test-loss',
      order: 3,
      eta: 0.05,
    };
    const run = (optimizer: 'sgd' | 'gd' | 'gdc') =>
      runSimulation({ scenario: sc, trajectories: 1 << 16, optimizer, seed: 6, record: 2 }, { engine: 'gpu' });
    const [sgd, gd, gdc] = [await run('sgd'), await run('gd'), await run('gdc')];
    const gap = sgd.mean[1]! - gd.mean[1]!;
    const rest = sgd.mean[1]! - gdc.mean[1]!;
    // float64 Monte Carlo of the same recursions (3e5 paths): SGD − GD ≈ −0.0075, SGD − GDC ≈ −0.0012.
    expect(gap).toBeLessThan(-0.005);
    expect(Math.abs(rest)).toBeLessThan(0.3 * Math.abs(gap));
  });

  const ou = (B: number, T: number): Scenario => ({
    weights: ['t'],
    init: [0],
    loss: '0.5*t^2 + x*sqrt(2)*t',
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: { N: B * T, B, epochs: 1, shuffle: false },
    observable: { weight: 't' },
    order: 3,
    eta: 0.1,
  });
  it.each([
    [1, 1],
    [4, 1],
    [1, 16],
  ])('SDE noise: batch %d, %d sub-steps, one update: Var θ₁ = (η²C/(kB))·Σ_j (1 − ηH/k)^{2j}', async (B, k) => {
    const K = 1 << 14;
    for (const engine of ['gpu', 'cpu'] as const) {
      const r = await runSimulation(
        { scenario: ou(B, 1), trajectories: K, optimizer: 'sde', substeps: k, seed: 8, record: 2 },
        { engine },
      );
      const v = (r.stderr[1]! * Math.sqrt(K)) ** 2;
      let ex = 0;
      for (let j = 0; j < k; j++) ex += (1 - 0.1 / k) ** (2 * j);
      ex *= (0.01 * 2) / (k * B);
      expect(Math.abs(v / ex - 1)).toBeLessThan(4 * Math.sqrt(2 / K));
      expect(Math.abs(r.mean[1]!)).toBeLessThan(4 * r.stderr[1]!);
    }
  });

  it('ODE: RK4 gradient flow of the population loss matches the exponential', async () => {
    const sc: Scenario = {
      weights: ['t'],
      init: [0],
      loss: '0.5*2*(t - x)^2',
      data: { normal: { x: { mean: 1, std: 0.5 } } },
      schedule: { N: 10, B: 1, epochs: 1, shuffle: false },
      observable: { weight: 't' },
      order: 3,
      eta: 0.1,
    };
    for (const engine of ['gpu', 'cpu'] as const) {
      const r = await runSimulation({ scenario: sc, trajectories: 8, optimizer: 'ode', record: 11 }, { engine });
      r.steps.forEach((t, i) => expect(Math.abs(r.mean[i]! - (1 - Math.exp(-2 * 0.1 * t)))).toBeLessThan(2e-6));
      expect(r.stderr[10]).toBe(0);
    }
  });
});

describe('GPU == CPU twin for every optimizer and observable', () => {
  requireGpu();
  const base: Scenario = {
    weights: ['a', 'b'],
    init: [0.5, -0.3],
    loss: '0.5*(a - x)^2 + 0.5*(b - y*a)^2 + 0.05*tanh(a*b) + 0.1*exp(-a^2)*log(1 + b^2)',
    data: { normal: { x: { mean: 0.1, std: 1 }, y: { mean: -0.2, std: 0.7 } } },
    schedule: { N: 6, B: 2, epochs: 3, shuffle: true },
    observable: 'test-loss',
    order: 3,
    eta: 0.2,
  };
  it.each([
    ['sgd', 'test-loss'],
    ['sgd', 'train-loss'],
    ['sgd', 'a'],
    ['gd', 'train-loss'],
    ['gdc', 'test-loss'],
    ['sde', 'b'],
    ['ode', 'test-loss'],
  ] as const)('%s, observable %s', async (optimizer, ob) => {
    const sc = { ...base, observable: ob === 'a' || ob === 'b' ? { weight: ob } : ob };
    const spec = {
      scenario: sc,
      trajectories: 200,
      optimizer,
      seed: 21,
      record: 4,
      substeps: optimizer === 'sde' ? 3 : undefined,
    };
    const g = await runSimulation(spec, { engine: 'gpu' });
    const c = await runSimulation(spec, { engine: 'cpu' });
    for (let i = 0; i < g.mean.length; i++) {
      expect(Math.abs(g.mean[i]! - c.mean[i]!)).toBeLessThan(2e-6 * (1 + Math.abs(c.mean[i]!)));
      expect(Math.abs(g.stderr[i]! - c.stderr[i]!)).toBeLessThan(1e-4 * (1e-6 + c.stderr[i]!));
    }
  });
});

describe('GPU == CPU twin with many weights and data variables (second Philox draw, atoms)', () => {
  requireGpu();
  const wide: Scenario = {
    weights: ['a', 'b', 'c', 'd', 'f'],
    init: [0.1, 0.2, -0.1, 0.3, 0],
    loss: '0.5*(a - p)^2 + 0.5*(b - q*a)^2 + 0.5*(c - r)^2 + 0.5*(d - s*c)^2 + 0.5*(f - u)^2 + 0.1*a*b*c',
    data: {
      normal: {
        p: { mean: 0, std: 1 },
        q: { mean: 0.5, std: 0.3 },
        r: { mean: 0, std: 0.5 },
        s: { mean: 1, std: 0.2 },
        u: { mean: -1, std: 2 },
      },
    },
    schedule: { N: 5, batches: [[0, 1], [2], [3, 4, 0], [1]] },
    observable: { weight: 'f' },
    order: 3,
    eta: 0.3,
  };
  const atoms: Scenario = {
    weights: ['a', 'b'],
    init: [0.2, -0.4],
    loss: '0.5*(a - x)^2 + 0.5*(b - y)^2 + 0.2*a^2*b',
    data: {
      atoms: [
        { p: 0.2, values: { x: 1, y: 0 } },
        { p: 0.5, values: { x: -1, y: 2 } },
        { p: 0.3, values: { x: 0.5, y: -1 } },
      ],
    },
    schedule: { N: 4, B: 2, epochs: 2, shuffle: true },
    observable: 'test-loss',
    order: 3,
    eta: 0.2,
  };
  it.each([
    ['sgd', wide],
    ['sde', wide],
    ['gdc', atoms],
    ['sgd', atoms],
    ['sde', atoms],
  ] as const)('%s', async (optimizer, scenario) => {
    const spec = {
      scenario,
      trajectories: 130,
      optimizer,
      seed: 33,
      record: 5,
      substeps: optimizer === 'sde' ? 2 : undefined,
    };
    const g = await runSimulation(spec, { engine: 'gpu' });
    const c = await runSimulation(spec, { engine: 'cpu' });
    for (let i = 0; i < g.mean.length; i++)
      expect(Math.abs(g.mean[i]! - c.mean[i]!)).toBeLessThan(2e-6 * (1 + Math.abs(c.mean[i]!)));
    expect(g.stderr.at(-1)!).toBeGreaterThan(0);
  });
});

describe('sequential SGD path (one Philox draw per block of updates) == generic path', () => {
  requireGpu();
  // The same updates as explicit one-point batches run through the generic per-update path;
  // records at steps that split draw blocks exercise the partial blocks.
  const laws: Scenario['data'][] = [
    { normal: { x: { mean: 0.3, std: 1.2 } } },
    { normal: { x: { mean: 0.3, std: 1.2 }, y: { mean: -1, std: 0.5 } } },
    {
      atoms: [
        { p: 0.3, values: { x: -1, y: 0.5 } },
        { p: 0.7, values: { x: 2, y: 0 } },
      ],
    },
  ];
  it.each(laws.map((d, i) => [i, d] as const))('law %i', async (_i, data) => {
    const T = 23;
    const y = 'y' in ('normal' in data ? data.normal : data.atoms[0].values) ? 'y' : '0.5';
    const sc = (schedule: Scenario['schedule']): Scenario => ({
      weights: ['a', 'b'],
      init: [0.2, -0.1],
      loss: `0.5*(a - x)^2 + 0.5*(b - ${y}*a)^2 + 0.1*sin(a)*cos(a)`,
      data,
      schedule,
      observable: { weight: 'b' },
      order: 3,
      eta: 0.2,
    });
    const seq = sc({ N: T, B: 1, epochs: 1, shuffle: false });
    const gen = sc({ N: T, batches: Array.from({ length: T }, (_, t) => [t]) });
    for (const engine of ['gpu', 'cpu'] as const) {
      const [a, b] = await Promise.all(
        [seq, gen].map((scenario) => runSimulation({ scenario, trajectories: 300, seed: 5, record: 4 }, { engine })),
      );
      expect(a.steps).toEqual([0, 8, 15, 23]);
      expect(a.mean).toEqual(b.mean);
      expect(a.stderr).toEqual(b.stderr);
    }
  });
});
