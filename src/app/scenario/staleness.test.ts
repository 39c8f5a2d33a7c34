// The one rule for stale simulations: a run belongs to the settings it was made for, whatever the
// optimizer list or the order says; the η sweep's points fit a prediction at any η.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type ScenarioParams } from './params';
import type { RunState } from '../state/runSlice';
import { comparableRun, resultMatches, runMatches, simKey, workKeyOf } from './staleness';
import { etaRange } from '../plots/plotData';
import type { SimResult } from '../../sim/engine';

const base: ScenarioParams = { ...DEFAULT_PARAMS, N: 40, trajectories: 64 };

/** A stand-in result: these selectors look only at which job it is, never at its numbers. */
const result = (eta: number): SimResult => ({
  engine: 'cpu',
  adapter: '',
  optimizer: 'sgd',
  trajectories: 64,
  seed: 0,
  eta,
  T: 40,
  substeps: 1,
  steps: [0, 40],
  mean: [1, 1.1],
  stderr: [0, 0.01],
  finite: [64, 64],
  diverged: 0,
  firstDiverged: null,
  messages: [],
});

const runFor = (params: ScenarioParams | null): RunState => ({
  status: 'done',
  error: null,
  notes: [],
  jobs: [
    { kind: 'optimizer', optimizer: 'sgd' },
    { kind: 'sweep', eta: 0.05 },
  ],
  results: [result(0.1), result(0.05)],
  progress: { done: 0, total: 0, perSecond: 0 },
  engine: null,
  params,
  progressive: null,
});

// every change that alters what a simulation computes
const CHANGES: [string, Partial<ScenarioParams>][] = [
  ['η', { eta: 0.2 }],
  ['T (N)', { N: 80 }],
  ['the schedule (B)', { B: 2 }],
  ['the epochs', { epochs: 2 }],
  ['a custom schedule', { batches: [[0], [1]] }],
  ['the landscape', { landscape: 'gauss' }],
  ["a landscape's parameter", { params: { a: 2 } }],
  ['the observable', { observable: 'test-loss' }],
  ['the observed weight', { weight: 'u' }],
  ['the formula φ', { observable: 'formula', phi: 'u^2' }],
  ['the learning rate', { lr: '1, 1, 2' }],
  ['the trajectories', { trajectories: 128 }],
  ['the seed', { seed: 7 }],
];

describe('runMatches', () => {
  it('is false before the first run', () => {
    expect(runMatches(runFor(null), base)).toBe(false);
  });

  it('holds for the settings the run was made for (another copy of them too)', () => {
    expect(runMatches(runFor(base), base)).toBe(true);
    expect(runMatches(runFor(base), { ...base, params: { ...base.params } })).toBe(true);
  });

  it.each(CHANGES)('fails after a change of %s', (_, change) => {
    expect(runMatches(runFor(base), { ...base, ...change })).toBe(false);
  });

  it('holds after a change of the optimizer list or of the order (neither changes a result)', () => {
    expect(runMatches(runFor(base), { ...base, optimizers: ['sgd', 'gd'] })).toBe(true);
    expect(runMatches(runFor(base), { ...base, optimizers: [] })).toBe(true);
    expect(runMatches(runFor(base), { ...base, order: 5 })).toBe(true);
  });
});

describe('resultMatches', () => {
  it("an optimizer's result fits only a prediction at its own η; a sweep point fits one at any η", () => {
    const run = runFor(base);
    const otherEta = { ...base, eta: 0.3 };
    expect([resultMatches(run, 0, base), resultMatches(run, 1, base)]).toEqual([true, true]);
    expect([resultMatches(run, 0, otherEta), resultMatches(run, 1, otherEta)]).toEqual([false, true]);
  });

  it.each(CHANGES.filter(([what]) => what !== 'η'))('neither fits after a change of %s', (_, change) => {
    const run = runFor(base);
    const p = { ...base, ...change };
    expect([resultMatches(run, 0, p), resultMatches(run, 1, p)]).toEqual([false, false]);
  });

  it('nothing fits before the first run, nor a job the run does not have', () => {
    expect(resultMatches(runFor(null), 0, base)).toBe(false);
    expect(resultMatches(runFor(base), 2, base)).toBe(false);
  });
});

describe('comparableRun', () => {
  it('keeps the run as it is when every result fits', () => {
    const run = runFor(base);
    expect(comparableRun(run, { ...base, optimizers: ['ode'] })).toBe(run);
  });

  it('blanks the results that do not fit, keeping the jobs and the rest', () => {
    const run = runFor(base);
    const c = comparableRun(run, { ...base, eta: 0.3 });
    expect(c.results).toEqual([null, run.results[1]]);
    expect(c.jobs).toBe(run.jobs);
    expect(comparableRun(run, { ...base, landscape: 'gauss' }).results).toEqual([null, null]);
  });
});

describe('keys', () => {
  it('simKey leaves out the optimizers and the order; workKeyOf leaves out η and the sampling', () => {
    expect(simKey({ ...base, optimizers: ['gd'], order: 1 })).toBe(simKey(base));
    expect(simKey({ ...base, seed: 1 })).not.toBe(simKey(base));
    expect(workKeyOf({ ...base, eta: 0.5, trajectories: 8, seed: 3, optimizers: [] })).toBe(workKeyOf(base));
    expect(workKeyOf({ ...base, order: 1 })).not.toBe(workKeyOf(base));
  });
});

describe('the η axis follows only the sweep points that are drawn', () => {
  // the run's sweep point sits at η = 0.05; the page is now at η = 0.4, whose own span is [0.1, 1.6]
  const run = runFor({ ...base, eta: 0.1 });
  it('spans a sweep point of the same settings at another η', () => {
    expect(etaRange(0.4, comparableRun(run, { ...base, eta: 0.4 }))).toEqual([0.05, 1.6]);
  });
  it('leaves out the sweep of other settings', () => {
    expect(etaRange(0.4, comparableRun(run, { ...base, eta: 0.4, landscape: 'gauss' }))).toEqual([0.1, 1.6]);
  });
});
