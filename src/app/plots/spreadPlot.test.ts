// The spread plot: the predicted band E φ ± √Var φ against a real simulation's mean ± sample
// s.d., on a linear-Gaussian landscape where the resummed order-2 variance is exact.
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../sim/engine';
import { parseScenario } from '../../landscape/scenario';
import { contextFor } from '../derived/predictions';
import { spreadPlot } from './plotData';
import { spreadPredictions, type PlotPredictions } from '../workers/predictionJob';
import type { RunState } from '../state/runSlice';

const sc = (observable: unknown) =>
  parseScenario({
    weights: ['t'],
    init: [1],
    loss: '0.5*t^2 + x*t',
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: { N: 40, B: 1, epochs: 1, shuffle: false },
    observable,
    order: 2,
    eta: 0.1,
  });

const runState = (r: Awaited<ReturnType<typeof runSimulation>>): RunState => ({
  status: 'done',
  error: null,
  notes: [],
  jobs: [{ kind: 'optimizer', optimizer: 'sgd' }],
  results: [r],
  progress: { done: 0, total: 0, perSecond: 0 },
  engine: null,
  params: null,
  progressive: null,
});

/** What the prediction worker sends for the spread tab. */
const predictions = (scenario: ReturnType<typeof sc>): PlotPredictions => {
  const ctx = contextFor(scenario);
  return {
    tab: 'spread',
    T: ctx.T,
    order: scenario.order,
    eta: 0.1,
    initial: ctx.initial(),
    headline: ctx.resummed(0.1),
    curve: null,
    etaGrid: null,
    resummedGrid: null,
    seriesPlot: null,
    contributions: null,
    spread: spreadPredictions(ctx, 0.1),
  };
};

describe('spread plot', () => {
  it('draws the predicted band and the simulated ± 1 s.d., which agree', async () => {
    const scenario = sc({ formula: 't' });
    const r = await runSimulation({ scenario, trajectories: 4096, seed: 1, record: 5 }, { engine: 'cpu' });
    const p = spreadPlot(predictions(scenario), runState(r));
    expect(p.lines.map((l) => l.name)).toEqual(['E t (resummed)', 'SGD simulated mean']);
    expect(p.bands.map((b) => b.name)).toEqual(['predicted ± 1 s.d. (√Var, resummed)', 'SGD simulated ± 1 s.d.']);
    const [pred, sim] = p.bands;
    expect(pred.points[0].hi - pred.points[0].lo).toBe(0); // no spread at t = 0
    // Var θ_T = η² Σ_{k<T} (1 − η)^{2k} exactly (linear-Gaussian)
    let v = 0;
    for (let k = 0; k < 40; k++) v += 0.01 * 0.9 ** (2 * k);
    const end = pred.points[pred.points.length - 1];
    expect((end.hi - end.lo) / 2).toBeCloseTo(Math.sqrt(v), 10);
    const s = sim.points[sim.points.length - 1];
    // the sample s.d. of 4096 runs is within a few % of the truth (its s.e. is ≈ 1.1%)
    expect(Math.abs((s.hi - s.lo) / 2 / Math.sqrt(v) - 1)).toBeLessThan(0.045);
  });

  it('says what it needs for other observables', () => {
    expect(() => spreadPredictions(contextFor(sc('test-loss')), 0.1)).toThrow(/formula observable/);
  });

  it('with the variance observable: the predicted s.d. beside the square root of the runs', () => {
    const scenario = sc({ variance: 't' });
    const p = spreadPlot(predictions(scenario), runState(null as never));
    expect(p.lines.map((l) => l.name)).toEqual(['E t (resummed)', 'predicted s.d. (√Var, resummed)']);
    let v = 0;
    for (let k = 0; k < 40; k++) v += 0.01 * 0.9 ** (2 * k);
    expect(p.lines[1].points.at(-1)!.y).toBeCloseTo(Math.sqrt(v), 10);
  });
});
