// Preconditioned updates (every optimizer takes P) and formula observables in simulation:
// GPU == CPU twin, exact expectations on a discrete law, and ARCHIMEDES with a diagonal P
// against an independent float64 Monte Carlo and the resummed prediction.
import { describe, expect, it } from 'vitest';
import { runSimulation } from './engine';
import { CpuModel } from './cpu/model';
import { makePlan, SimInputError } from './plan';
import { stepKernel } from './kernel';
import { archimedes } from './testing/scenarios';
import { parseScenario } from '../landscape/scenario';
import { PredictionModel } from '../landscape/predict';
import type { Scenario } from '../theory/scenario-types';

const twoD: Scenario = {
  weights: ['a', 'b'],
  init: [0.5, -0.3],
  loss: '0.5*(a - x)^2 + 0.5*(b - y*a)^2 + 0.05*tanh(a*b) + 0.1*exp(-a^2)*log(1 + b^2)',
  data: { normal: { x: { mean: 0.1, std: 1 }, y: { mean: -0.2, std: 0.7 } } },
  schedule: { N: 6, B: 2, epochs: 3, shuffle: true },
  observable: { formula: 'a^2 + sin(b)*a' },
  order: 3,
  eta: 0.2,
  preconditioner: [
    [1.5, 0.25],
    [0.25, 0.5],
  ],
};

describe('GPU == CPU twin with a preconditioner and a formula observable', () => {
  it.each([
    [
      'sgd',
      [
        [1.5, 0.25],
        [0.25, 0.5],
      ],
    ],
    ['sgd', [2, 0.5]],
    [
      'gd',
      [
        [1.5, 0.25],
        [0.25, 0.5],
      ],
    ],
    ['gdc', [0.75, 1.25]],
    [
      'sde',
      [
        [1.5, 0.25],
        [0.25, 0.5],
      ],
    ],
    [
      'ode',
      [
        [1.5, 0.25],
        [0.25, 0.5],
      ],
    ],
  ] as const)('%s, P = %j', async (optimizer, P) => {
    const scenario = { ...twoD, preconditioner: P as unknown as number[][] };
    const spec = {
      scenario,
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
    // P changes the run: the same seed without P ends elsewhere
    const plain = await runSimulation({ ...spec, scenario: { ...twoD, preconditioner: undefined } }, { engine: 'cpu' });
    expect(Math.abs(plain.mean.at(-1)! - c.mean.at(-1)!)).toBeGreaterThan(1e-3);
  });

  it('the kernel multiplies by P with its f32 entries, and stays P-free without one', () => {
    const k = stepKernel(makePlan({ scenario: twoD, trajectories: 1 }));
    expect(k).toMatch(
      /fn precond\(g: array<f32, 2>\) -> array<f32, 2> \{ return array<f32, 2>\(1\.5f \* g\[0\] \+ 0\.25f \* g\[1\], 0\.25f \* g\[0\] \+ 0\.5f \* g\[1\]\); \}/,
    );
    expect(k).toMatch(/fn obs_formula/);
    const plain = stepKernel(makePlan({ scenario: { ...twoD, preconditioner: undefined }, trajectories: 1 }));
    expect(plain).toMatch(/fn precond\(g: array<f32, 2>\) -> array<f32, 2> \{ return g; \}/);
  });

  it('refuses a control variate for a formula observable, and a bad P', () => {
    expect(() =>
      makePlan({
        scenario: { ...twoD, schedule: { N: 4, B: 1, epochs: 1, shuffle: false } },
        trajectories: 1,
        controlVariate: true,
      }),
    ).toThrow(/controlVariate: needs a weight or test-loss observable/);
    expect(() =>
      makePlan({
        scenario: {
          ...twoD,
          preconditioner: [
            [1, 2],
            [2, 1],
          ],
        },
        trajectories: 1,
      }),
    ).toThrow(/not positive definite/);
    expect(SimInputError).toBeDefined();
  });
});

describe('preconditioned SGD on a discrete law: exact expectation by enumeration', () => {
  // l = ½(a − x)² + ½(b − a·y)² + ¼a⁴ on three atoms; full P; φ = a·b + b².
  const atoms = [
    { p: 0.25, x: -1, y: 0.5 },
    { p: 0.5, x: 0.5, y: -1 },
    { p: 0.25, x: 2, y: 1 },
  ];
  const P = [
    [1, 0.5],
    [0.5, 2],
  ];
  const eta = 0.2;
  const N = 3;
  const grad = (a: number, b: number, x: number, y: number) => [a - x - y * (b - a * y) + a ** 3, b - a * y];
  it.each(['gpu', 'cpu'] as const)('one epoch, batch 1 (%s)', async (engine) => {
    let exact = 0;
    for (let s = 0; s < atoms.length ** N; s++) {
      let a = 0.3,
        b = -0.2,
        p = 1;
      for (let n = 0, c = s; n < N; n++, c = Math.floor(c / atoms.length)) {
        const at = atoms[c % atoms.length];
        p *= at.p;
        const g = grad(a, b, at.x, at.y);
        [a, b] = [a - eta * (P[0][0] * g[0] + P[0][1] * g[1]), b - eta * (P[1][0] * g[0] + P[1][1] * g[1])];
      }
      exact += p * (a * b + b * b);
    }
    const scenario: Scenario = {
      weights: ['a', 'b'],
      init: [0.3, -0.2],
      loss: '0.5*(a - x)^2 + 0.5*(b - a*y)^2 + 0.25*a^4',
      data: { atoms: atoms.map((t) => ({ p: t.p, values: { x: t.x, y: t.y } })) },
      schedule: { N, B: 1, epochs: 1, shuffle: false },
      observable: { formula: 'a*b + b^2' },
      order: 3,
      eta,
      preconditioner: P,
    };
    const r = await runSimulation(
      { scenario, trajectories: engine === 'gpu' ? 1 << 16 : 1 << 13, seed: 3, record: 2 },
      { engine },
    );
    expect(Math.abs(r.mean[1]! - exact)).toBeLessThan(4 * r.stderr[1]!);
    expect(r.stderr[1]!).toBeLessThan(0.01);
  });
});

/** Float64 Monte Carlo of preconditioned SGD on ARCHIMEDES (fresh x ~ N(0, 1) per step). */
function archimedesMC(
  P: readonly number[],
  eta: number,
  T: number,
  K: number,
  seed: number,
): { mean: number; se: number; zMean: number; varZ: number; varZSe: number } {
  let s = seed >>> 0;
  const rand = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const q = Math.PI / 4;
  let sum = 0,
    sum2 = 0,
    zs = 0;
  const zEnd = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let u = 0,
      v = 0,
      z = 0;
    for (let t = 0; t < T; t++) {
      const x = normal();
      const c = Math.cos(z),
        sn = Math.sin(z),
        c2 = Math.cos(z - q),
        s2 = Math.sin(z - q);
      const r = c * u + sn * v;
      const gu = u + r * c + x * c2;
      const gv = v + r * sn + x * s2;
      const gz = r * (-sn * u + c * v) + x * (-s2 * u + c2 * v);
      u -= eta * P[0] * gu;
      v -= eta * P[1] * gv;
      z -= eta * P[2] * gz;
    }
    const f = u * u + v * v;
    sum += f;
    sum2 += f * f;
    zs += z;
    zEnd[k] = z;
  }
  const mean = sum / K;
  const zMean = zs / K;
  let m2 = 0,
    m4 = 0;
  for (const z of zEnd) {
    m2 += (z - zMean) ** 2;
    m4 += (z - zMean) ** 4;
  }
  const varZ = m2 / (K - 1);
  const varZSe = Math.sqrt((m4 / K - ((K - 3) / (K - 1)) * varZ * varZ) / K);
  return { mean, se: Math.sqrt((sum2 / K - mean * mean) / (K - 1)), zMean, varZ, varZSe };
}

describe('ARCHIMEDES with a diagonal preconditioner (η = 0.1, T = 1000)', () => {
  const P = [0.5, 0.5, 2];
  const scenario: Scenario = {
    ...archimedes(1000, 0.1),
    observable: { formula: 'u^2 + v^2' },
    preconditioner: P,
  };
  it('E[u² + v²]: GPU and twin against a float64 Monte Carlo and the resummed prediction', async () => {
    const spec = { scenario, trajectories: 1 << 13, seed: 9, record: 3 };
    const [gpu, cpu] = await Promise.all([
      runSimulation(spec, { engine: 'gpu' }),
      runSimulation(spec, { engine: 'cpu' }),
    ]);
    const mc = archimedesMC(P, 0.1, 1000, 4000, 12345);
    for (const r of [gpu, cpu]) {
      expect(r.diverged).toBe(0);
      expect(Math.abs(r.mean[2]! - mc.mean)).toBeLessThan(4 * Math.hypot(r.stderr[2]!, mc.se));
    }
    expect(Math.abs(gpu.mean[2]! - cpu.mean[2]!)).toBeLessThan(Math.max(1e-5, 0.05 * gpu.stderr[2]!));
    // with p_u = p_v the (u, v) problem is rotation invariant, so the prediction at z = 0 holds
    // while z drifts; leading order 3ηp/8, the resummed sum carries the O(η²) terms of order 3
    const resummed = new PredictionModel(parseScenario(scenario)).resummed().evaluate(0.1);
    expect(Math.abs(resummed - (3 * 0.1 * 0.5) / 8)).toBeLessThan(0.1 * resummed);
    expect(Math.abs(gpu.mean[2]! - resummed)).toBeLessThan(0.05 * resummed + 4 * gpu.stderr[2]!);
  });
});

describe('SDE and ODE with a preconditioner, against closed forms', () => {
  const ou = (P: number, T: number): Scenario => ({
    weights: ['t'],
    init: [0],
    loss: '0.5*t^2 + x*sqrt(2)*t',
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: { N: T, B: 1, epochs: 1, shuffle: false },
    observable: { weight: 't' },
    order: 3,
    eta: 0.1,
    preconditioner: [P],
  });
  it('SDE, one update: Var θ₁ = η²·PCP = 0.01·4·2, mean 0', async () => {
    const K = 1 << 14;
    for (const engine of ['gpu', 'cpu'] as const) {
      const r = await runSimulation(
        { scenario: ou(2, 1), trajectories: K, optimizer: 'sde', seed: 8, record: 2 },
        { engine },
      );
      const v = (r.stderr[1]! * Math.sqrt(K)) ** 2;
      expect(Math.abs(v / 0.08 - 1)).toBeLessThan(4 * Math.sqrt(2 / K));
      expect(Math.abs(r.mean[1]!)).toBeLessThan(4 * r.stderr[1]!);
    }
  });
  it('ODE: the flow of −P∇l is 1 − exp(−2pηt)', async () => {
    const sc: Scenario = {
      weights: ['t'],
      init: [0],
      loss: '0.5*2*(t - x)^2',
      data: { normal: { x: { mean: 1, std: 0.5 } } },
      schedule: { N: 10, B: 1, epochs: 1, shuffle: false },
      observable: { weight: 't' },
      order: 3,
      eta: 0.1,
      preconditioner: [3],
    };
    for (const engine of ['gpu', 'cpu'] as const) {
      const r = await runSimulation({ scenario: sc, trajectories: 8, optimizer: 'ode', record: 11 }, { engine });
      r.steps.forEach((t, i) => expect(Math.abs(r.mean[i]! - (1 - Math.exp(-2 * 3 * 0.1 * t)))).toBeLessThan(3e-6));
    }
  });
});

describe('GDC with a preconditioner', () => {
  it('equals GD with steps −ηP∇ on l_n + β·tr(PĈ) (finite differences in float64)', async () => {
    const N = 4,
      T = 5,
      eta = 0.1,
      K = 64;
    const P = [
      [1.5, 0.25],
      [0.25, 0.5],
    ];
    const sc = (w: string): Scenario => ({
      weights: ['u', 'v'],
      init: [0.3, -0.2],
      loss: '0.5*(1 + x^2)*u^2 + x*u*v + 0.5*v^2 + 0.3*x*u',
      data: { normal: { x: { mean: 0.2, std: 1 } } },
      schedule: { N, batches: Array.from({ length: T }, () => [0]) },
      observable: { weight: w },
      order: 3,
      eta,
      preconditioner: P,
    });
    const model = new CpuModel(makePlan({ scenario: sc('u'), trajectories: K, optimizer: 'gdc', seed: 4 }));
    const g = (u: number, v: number, x: number) => [(1 + x * x) * u + x * v + 0.3 * x, x * u + v];
    const Pg = (a: number[]) => [P[0][0] * a[0] + P[0][1] * a[1], P[1][0] * a[0] + P[1][1] * a[1]];
    const beta = (eta * (N - 1)) / (4 * N);
    let su = 0,
      sv = 0;
    const xbuf = new Float64Array(1);
    for (let k = 0; k < K; k++) {
      const xs = Array.from({ length: N }, (_, n) => (model.datum(k, n, xbuf), xbuf[0]));
      const trPC = (u: number, v: number) => {
        let s = 0;
        for (let a = 0; a < N; a++)
          for (let b = 0; b < N; b++)
            if (a !== b) {
              const ga = g(u, v, xs[a]),
                gb = g(u, v, xs[b]);
              const dd = [ga[0] - gb[0], ga[1] - gb[1]];
              const pd = Pg(dd);
              s += 0.5 * (dd[0] * pd[0] + dd[1] * pd[1]);
            }
        return s / (N * (N - 1));
      };
      let u = 0.3,
        v = -0.2;
      for (let t = 0; t < T; t++) {
        const h = 1e-5;
        const du = (trPC(u + h, v) - trPC(u - h, v)) / (2 * h),
          dv = (trPC(u, v + h) - trPC(u, v - h)) / (2 * h);
        const gm = xs.map((x) => g(u, v, x)).reduce((a, b) => [a[0] + b[0] / N, a[1] + b[1] / N], [0, 0]);
        const step = Pg([gm[0] + beta * du, gm[1] + beta * dv]);
        [u, v] = [u - eta * step[0], v - eta * step[1]];
      }
      su += u / K;
      sv += v / K;
    }
    for (const [w, ref] of [
      ['u', su],
      ['v', sv],
    ] as const) {
      for (const engine of ['gpu', 'cpu'] as const) {
        const r = await runSimulation(
          { scenario: sc(w), trajectories: K, optimizer: 'gdc', seed: 4, record: 2 },
          { engine },
        );
        expect(Math.abs(r.mean[1]! - ref)).toBeLessThan(2e-5);
      }
    }
  });
});

describe('variance observables: the sample variance across trajectories and its standard error', () => {
  // θ_T of ½θ² + xθ (x ~ N(0, 1)) from θ₀ = 1 is normal with Var θ_T = η² Σ_{k<T} (1 − η)^{2k}
  const lin = (observable: Scenario['observable']): Scenario => ({
    weights: ['t'],
    init: [1],
    loss: '0.5*t^2 + x*t',
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: { N: 30, B: 1, epochs: 1, shuffle: false },
    observable,
    order: 2,
    eta: 0.1,
  });
  let exact = 0;
  for (let k = 0; k < 30; k++) exact += 0.01 * 0.9 ** (2 * k);
  it.each(['gpu', 'cpu'] as const)('normal θ_T: value within 4 s.e., s.e. ≈ σ²·√(2/(K − 1)) (%s)', async (engine) => {
    const K = 1 << 14;
    const r = await runSimulation(
      { scenario: lin({ variance: 't' }), trajectories: K, seed: 4, record: 2 },
      { engine },
    );
    expect(r.mean[0]).toBe(0);
    expect(Math.abs(r.mean[1]! - exact)).toBeLessThan(4 * r.stderr[1]!);
    expect(Math.abs(r.stderr[1]! / (exact * Math.sqrt(2 / (K - 1))) - 1)).toBeLessThan(0.1);
    // the same trajectories observed as φ: the variance is the squared s.e. times K
    const m = await runSimulation({ scenario: lin({ formula: 't' }), trajectories: K, seed: 4, record: 2 }, { engine });
    expect(r.mean[1]!).toBeCloseTo(m.stderr[1]! ** 2 * K, 5);
  });

  it('GPU == CPU twin, and Var z on ARCHIMEDES with a diagonal P against a float64 Monte Carlo and the resummed order 4', async () => {
    const P = [0.5, 0.5, 2];
    const scenario: Scenario = { ...archimedes(1000, 0.1), observable: { variance: 'z' }, preconditioner: P, order: 4 };
    const spec = { scenario, trajectories: 1 << 13, seed: 9, record: 3 };
    const [gpu, cpu] = await Promise.all([
      runSimulation(spec, { engine: 'gpu' }),
      runSimulation(spec, { engine: 'cpu' }),
    ]);
    const mc = archimedesMC(P, 0.1, 1000, 4000, 777);
    for (const r of [gpu, cpu])
      expect(Math.abs(r.mean[2]! - mc.varZ)).toBeLessThan(4 * Math.hypot(r.stderr[2]!, mc.varZSe));
    expect(Math.abs(gpu.mean[2]! - cpu.mean[2]!)).toBeLessThan(0.05 * gpu.stderr[2]!);
    const resummed = new PredictionModel(parseScenario(scenario)).resummed().evaluate(0.1);
    expect(Math.abs(gpu.mean[2]! - resummed)).toBeLessThan(0.05 * resummed + 4 * gpu.stderr[2]!);
  });
});
