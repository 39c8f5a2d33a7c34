// Budgets: the requests that used to run for minutes or die of memory are refused before their
// work starts, with a message naming what is too large; the estimate is what is tested (counted
// steps and bytes, never seconds). Non-finite results are named, never returned.
import { describe, expect, it } from 'vitest';
import { parseScenario, type ParsedScenario } from './scenario';
import { predict, predictionCost, tensorsOf, PredictionModel } from './predict';
import { tensorLawCost } from './cost';
import { jetSpaceSize, JetSpace } from './jetspace';
import { BudgetError, NonFiniteError, answer } from '../theory/errors';
import { budgetChecks, MEMORY_LIMIT, WORK_LIMIT } from '../theory/budget';
import { CLASS_COUNTS, enumerateDiagrams } from '../theory/enumerate';
import { timeSumCost, TimeSumTooLarge, compileTimeSum } from '../theory/timesum';
import { makeSpacetime } from '../theory/spacetime';

const ARCH = {
  weights: ['u', 'v', 'z'],
  init: [0, 0, 0],
  loss: '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)',
  data: { normal: { x: { mean: 0, std: 1 } } },
  schedule: { N: 10000, B: 1, epochs: 1, shuffle: false },
  observable: { weight: 'z' },
  order: 3,
  eta: 0.02,
};
const sc = (patch: Record<string, unknown>): ParsedScenario => parseScenario({ ...ARCH, ...patch });

function refusal(f: () => unknown): BudgetError {
  try {
    f();
  } catch (e) {
    if (e instanceof BudgetError) return e;
    throw e;
  }
  throw new Error('expected a BudgetError');
}

describe('work budgets', () => {
  it.each([
    ['three shuffled epochs of N = 10 at order 4', { order: 4, schedule: { N: 10, B: 1, epochs: 3, shuffle: true } }],
    ['two epochs of N = 100 at order 5', { order: 5, schedule: { N: 100, B: 1, epochs: 2, shuffle: false } }],
    ['epochs in the hundreds of millions', { schedule: { N: 10, B: 1, epochs: 300_000_000, shuffle: false } }],
    ['N = 100 000 over 1000 epochs', { schedule: { N: 100_000, B: 1, epochs: 1000, shuffle: false } }],
  ])('refuses %s before starting, saying what to change', (_, patch) => {
    const s = sc(patch);
    const cost = predictionCost(s);
    expect(cost.withinLimits).toBe(false);
    const e = refusal(() => predict(s));
    expect(e.estimate).toBeGreaterThan(e.limit);
    expect(e.message).toMatch(/needs about .* \(limit .*\); most of it is .*; use a lower order/);
  });

  it('answers what the estimate allows, and the estimate was consulted', () => {
    for (const patch of [
      {},
      { order: 5 },
      { schedule: { N: 10, B: 1, epochs: 2, shuffle: true } },
      { observable: 'train-loss', order: 4 },
    ]) {
      const s = sc(patch);
      expect(predictionCost(s).withinLimits).toBe(true);
      const before = budgetChecks.count;
      expect(Number.isFinite(predict(s).resummed)).toBe(true);
      expect(budgetChecks.count).toBeGreaterThan(before);
    }
  });

  it('charges the enumeration of diagram classes from the stated counts', () => {
    for (const kind of ['test-loss', 'train-loss', 'weight'] as const) {
      for (let m = 0; m <= 4; m++) expect(enumerateDiagrams(m, kind).length).toBe(CLASS_COUNTS[kind][m]);
    }
    // order six of the train loss (24 533 classes, seconds to list) is refused without listing
    expect(predictionCost(sc({ observable: 'train-loss', order: 6 })).withinLimits).toBe(false);
  });

  it('the per-sum limits also refuse before listing the batches of a long schedule', () => {
    const st = makeSpacetime({ N: 10, B: 1, epochs: 100_000_000, shuffle: false });
    const shape = { parent: [1], groups: [] };
    expect(timeSumCost(shape, st).memory).toBeGreaterThan(MEMORY_LIMIT);
    expect(() => compileTimeSum(shape, st)).toThrow(TimeSumTooLarge);
  });
});

describe('dimension × order budgets', () => {
  const many = (n: number) => ({
    weights: Array.from({ length: n }, (_, i) => `w${i}`),
    init: new Array(n).fill(0.1),
    loss: Array.from({ length: n }, (_, i) => `w${i}^2 + x*w${i}*w${(i + 1) % n}`).join(' + '),
    data: {
      atoms: [
        { p: 0.5, values: { x: 1 } },
        { p: 0.5, values: { x: -1 } },
      ],
    },
  });

  it('refuses the tensors of 50 weights at order 6 before allocating, naming the dimension', () => {
    const s = sc({ ...many(50), observable: 'test-loss' });
    expect(tensorLawCost(50, 6, 2, 300).withinLimits).toBe(false);
    const e = refusal(() => tensorsOf(s, 6));
    expect(e.message).toMatch(/50 weights/);
  });

  it('refuses predictions with 50 weights at order 3', () => {
    const s = sc({ ...many(50), observable: 'test-loss', order: 3 });
    expect(predictionCost(s).withinLimits).toBe(false);
    expect(() => predict(s)).toThrow(BudgetError);
    // the page's resummed model the same way
    expect(() => new PredictionModel(s).resummed()).toThrow(BudgetError);
  });

  it('answers small dimensions at high order', () => {
    const s = sc({ ...many(3), observable: 'test-loss', order: 4 });
    expect(tensorsOf(s, 6).mean['6']).toBeDefined();
  });

  it('counts the jet product table exactly', () => {
    for (const [d, k] of [
      [1, 4],
      [2, 3],
      [3, 5],
      [4, 2],
    ]) {
      const S = new JetSpace(d, k);
      expect(jetSpaceSize(d, k).size).toBe(S.size);
      // pairs: a product visits every pair of monomials whose degrees sum to at most k
      let pairs = 0;
      for (let i = 0; i < S.size; i++) for (let j = 0; j < S.size; j++) if (S.degree[i] + S.degree[j] <= k) pairs++;
      expect(jetSpaceSize(d, k).pairs).toBe(pairs);
    }
    expect(WORK_LIMIT).toBeGreaterThan(0);
  });
});

describe('no silent non-answers', () => {
  const one = {
    weights: ['w'],
    init: [0],
    data: {
      atoms: [
        { p: 0.5, values: { x: 1 } },
        { p: 0.5, values: { x: -1 } },
      ],
    },
    schedule: { N: 4, B: 1, epochs: 1, shuffle: false },
    observable: 'test-loss',
  };

  it('names a loss that is 0/0 at θ₀', () => {
    const s = parseScenario({ ...one, loss: 'w^2/0 + x*w', eta: 0.1 });
    expect(() => predict(s)).toThrow(NonFiniteError);
    expect(() => predict(s)).toThrow(/the loss at θ₀ = \(0\).* is not a finite number: it is NaN/);
    expect(() => tensorsOf(s, 2)).toThrow(NonFiniteError);
  });

  it('names an η so large that the series overflows', () => {
    const s = parseScenario({ ...one, loss: 'w^2 + x*w', eta: 1e308 });
    expect(() => predict(s)).toThrow(/value \(Σ a_k η\^k at η = 1e\+308\) is not a finite number: it overflows/);
  });

  it('gives a reason instead of a bare null for one point of a sweep', () => {
    const model = new PredictionModel(parseScenario({ ...one, loss: 'w^2 + x*w', eta: 0.1 }));
    const ok = answer('resummed', () => model.resummed().evaluate(0.1));
    expect(ok).toEqual({ ok: true, value: expect.any(Number) });
    const bad = answer('resummed at η = 1e300', () => model.resummed().evaluate(1e300));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/resummed at η = 1e300 is not a finite number/);
    const refused = answer('prediction', () => {
      throw new BudgetError('too large', 'work', 2, 1);
    });
    expect(refused).toEqual({ ok: false, reason: 'too large' });
  });
});
