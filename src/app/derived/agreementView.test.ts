// The theory panel's numbers: a real ARCHIMEDES run on the CPU against the real prediction and
// allowance, then the same run after each kind of change, and the cases with nothing to compare.
import { beforeAll, describe, expect, it } from 'vitest';
import { runSimulation } from '../../sim/engine';
import { agreementView, type ShownAllowance, type ShownPrediction } from './agreementView';
import { allowanceAt, Z95, type Allowance } from './allowance';
import { DEFAULT_PARAMS, type ScenarioParams } from '../scenario/params';
import { contextFor } from './predictions';
import type { RunState } from '../state/runSlice';
import { buildScenario } from '../scenario/scenario';
import { workKeyOf } from '../scenario/staleness';
import type { SimResult } from '../../sim/engine';

// ARCHIMEDES, z observed, T = 40 at η = 0.1
const params: ScenarioParams = { ...DEFAULT_PARAMS, N: 40, trajectories: 512, seed: 3 };

const built = (p: ScenarioParams) => {
  const b = buildScenario(p);
  if (!b.ok) throw new Error(b.message);
  return b.scenario;
};

const predictionFor = (p: ScenarioParams): ShownPrediction => ({
  value: contextFor(built(p)).resummed(p.eta),
  params: p,
});

const allowanceFor = (p: ScenarioParams, a: Allowance | null): ShownAllowance => ({
  workKey: workKeyOf(p),
  eta: p.eta,
  answer: a ? { state: 'ok', value: { allowance: a } } : { state: 'refused', message: 'too many weights' },
});

const runOf = (p: ScenarioParams | null, sgd: SimResult | null): RunState => ({
  status: 'done',
  error: null,
  notes: [],
  jobs: [
    { kind: 'optimizer', optimizer: 'gd' },
    { kind: 'optimizer', optimizer: 'sgd' },
  ],
  results: [null, sgd],
  progress: { done: 0, total: 0, perSecond: 0 },
  engine: null,
  params: p,
  progressive: null,
});

let sim: SimResult;
let allowance: Allowance;
beforeAll(async () => {
  const { lossExpr: _e, ...scenario } = built(params);
  sim = await runSimulation(
    { scenario, optimizer: 'sgd', trajectories: params.trajectories, seed: params.seed, record: 5 },
    { engine: 'cpu' },
  );
  allowance = allowanceAt(built(params), params.eta);
});

describe('agreementView: a run beside the prediction of its settings', () => {
  it('summarises the SGD result at T and compares it with the prediction and the allowance', () => {
    const v = agreementView(runOf(params, sim), params, predictionFor(params), allowanceFor(params, allowance));
    const mean = sim.mean.at(-1)!;
    const se = sim.stderr.at(-1)!;
    expect(v.sgd).toEqual({ mean, se, halfWidth: Z95 * se, diverged: null });
    if (v.verdict?.kind !== 'compared') throw new Error(`expected a comparison, got ${JSON.stringify(v.verdict)}`);
    const pred = predictionFor(params).value;
    expect(v.verdict.agreement.delta).toBe(pred - mean);
    expect(v.verdict.agreement.band).toBe(Z95 * se);
    expect(v.verdict.allowance).toEqual({ value: allowance.value });
    // 512 trajectories of ARCHIMEDES at T = 40: the prediction lies within the simulation's band
    expect(Math.abs(pred - mean)).toBeLessThan(Z95 * se);
    expect(v.verdict.headline).toBe('agrees within simulation error');
  });

  it.each<[string, Partial<ScenarioParams>]>([
    ['η', { eta: 0.2 }],
    ['T', { N: 80 }],
    ['the landscape', { landscape: 'archimedes-tilt' }],
    ['the observable', { observable: 'test-loss' }],
  ])('after a change of %s: the simulation is from earlier settings', (_, change) => {
    const now = { ...params, ...change };
    const v = agreementView(runOf(params, sim), now, predictionFor(now), allowanceFor(now, allowance));
    expect(v.verdict).toEqual({ kind: 'stale' });
    // its numbers still show, as the last run's
    expect(v.sgd?.mean).toBe(sim.mean.at(-1));
  });

  it('after a change of the optimizer list or the order: still compared (the order is the headline’s)', () => {
    const more = { ...params, optimizers: ['sgd', 'gd'] as ScenarioParams['optimizers'] };
    const v = agreementView(runOf(params, sim), more, predictionFor(more), allowanceFor(more, allowance));
    expect(v.verdict?.kind).toBe('compared');
    // at order 5, a prediction outside the band but within the allowance: the headline names order 5
    const order5 = { ...params, order: 5 };
    const mean = sim.mean.at(-1)!;
    const off = { value: mean + Z95 * sim.stderr.at(-1)! + allowance.value / 2, params: order5 };
    const w = agreementView(runOf(params, sim), order5, off, allowanceFor(order5, allowance));
    expect(w.verdict?.kind === 'compared' && w.verdict.headline).toBe(
      "agrees within the theory's truncation (the simulation is more precise than order 5)",
    );
  });

  it('a current run beside a prediction still for earlier settings waits for the prediction', () => {
    const now = { ...params, eta: 0.2 };
    const v = agreementView(runOf(now, { ...sim, eta: 0.2 }), now, predictionFor(params), null);
    expect(v.verdict).toEqual({ kind: 'awaiting-prediction' });
  });
});

describe('agreementView: the allowance', () => {
  const se = 0.01;
  const result = (mean: number): SimResult => ({
    ...sim,
    mean: [...sim.mean.slice(0, -1), mean],
    stderr: [...sim.stderr.slice(0, -1), se],
  });
  // the prediction 0.05 above a mean whose 95% half-width is 0.0196
  const pred: ShownPrediction = { value: 1.05, params };
  const verdict = (a: ShownAllowance | null) => agreementView(runOf(params, result(1)), params, pred, a).verdict;

  it('within the band widened by the allowance: agrees within the truncation', () => {
    const v = verdict(allowanceFor(params, { value: 0.04, basis: { kind: 'next-order', order: 4 } }));
    expect(v?.kind === 'compared' && v.headline).toBe(
      "agrees within the theory's truncation (the simulation is more precise than order 3)",
    );
  });

  it('missing (not computed yet, refused, or for other settings): no headline, and why', () => {
    const missing = (a: ShownAllowance | null) => {
      const v = verdict(a);
      if (v?.kind !== 'compared') throw new Error('expected a comparison');
      expect(v.headline).toBeNull();
      expect(v.agreement.sigmas).toBeCloseTo(5, 10);
      return v.allowance;
    };
    const a = { value: 0.04, basis: { kind: 'next-order', order: 4 } } as const;
    expect(missing(null)).toEqual({ missing: 'computing' });
    expect(missing({ ...allowanceFor(params, a), answer: { state: 'computing' } })).toEqual({ missing: 'computing' });
    expect(missing(allowanceFor(params, null))).toEqual({ missing: 'refused' });
    expect(missing(allowanceFor({ ...params, eta: 0.2 }, a))).toEqual({ missing: 'computing' });
    expect(missing(allowanceFor({ ...params, order: 4 }, a))).toEqual({ missing: 'computing' });
  });

  it('inside the simulation band the missing allowance does not matter', () => {
    const v = agreementView(runOf(params, result(1.04)), params, pred, null).verdict;
    expect(v?.kind === 'compared' && v.headline).toBe('agrees within simulation error');
  });
});

describe('agreementView: nothing to compare', () => {
  it('before a run, or when the run has no SGD job: no summary', () => {
    expect(agreementView(runOf(null, null), params, predictionFor(params), null)).toEqual({ sgd: null, verdict: null });
    const gdOnly = {
      ...runOf(params, null),
      jobs: [{ kind: 'optimizer', optimizer: 'gd' }],
      results: [sim],
    } as RunState;
    expect(agreementView(gdOnly, params, predictionFor(params), null)).toEqual({ sgd: null, verdict: null });
  });

  it('a diverged run: how many trajectories diverged, no mean, no verdict', () => {
    const diverged: SimResult = {
      ...sim,
      mean: sim.mean.map((m, i) => (i < 2 ? m : null)),
      stderr: sim.stderr.map((x, i) => (i < 2 ? x : null)),
      diverged: 3,
      firstDiverged: 12,
    };
    const v = agreementView(runOf(params, diverged), params, predictionFor(params), null);
    expect(v.sgd?.mean).toBeNull();
    expect(v.sgd?.diverged).toBe('3 of 512 trajectories diverged, the first at step 12');
    expect(v.verdict).toBeNull();
  });

  it('no prediction shown yet: the summary without a verdict', () => {
    const v = agreementView(runOf(params, sim), params, null, null);
    expect(v.sgd?.mean).toBe(sim.mean.at(-1));
    expect(v.verdict).toBeNull();
  });
});
