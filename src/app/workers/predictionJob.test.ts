// The prediction worker's job: the numbers it answers are the theory's (the CLI's predict on the
// same scenario), each plot gets what it draws, and a failure is answered part by part.
import { describe, expect, it } from 'vitest';
import { predict } from '../../landscape/predict';
import { parseDiagram } from '../../theory/diagram';
import { seriesValue } from '../../theory/series';
import { DEFAULT_PARAMS, LANDSCAPE_DEFAULTS, type ScenarioParams } from '../scenario/params';
import { ETA_GRID_POINTS } from '../plots/plotData';
import { computePredictions, predictionHint, type PredictionRequest } from './predictionJob';
import { buildScenario } from '../scenario/scenario';

const GAUSS: ScenarioParams = {
  ...DEFAULT_PARAMS,
  landscape: 'gauss',
  ...LANDSCAPE_DEFAULTS.gauss,
  N: 4,
  order: 3,
  eta: 0.1,
};
const request = (params: ScenarioParams, extra: Partial<PredictionRequest> = {}): PredictionRequest => ({
  params,
  tab: 'trajectory',
  etaRange: [params.eta / 4, params.eta * 4],
  diagram: parseDiagram('c(01-2)(02-12)'),
  placed: null,
  ...extra,
});

function cli(params: ScenarioParams) {
  const b = buildScenario(params);
  if (!b.ok) throw new Error(b.message);
  return predict(b.scenario, { diagrams: false });
}

describe('prediction job', () => {
  it('answers the resummed prediction and the exact series the CLI gives', () => {
    const d = computePredictions(request(GAUSS));
    const ref = cli(GAUSS);
    expect(d.headline.ok && d.headline.value.value).toBeCloseTo(ref.resummed!, 12);
    expect(d.headline.ok && d.headline.value.T).toBe(ref.T);
    expect(d.series.ok && d.series.value).toBeCloseTo(seriesValue(ref.series, GAUSS.eta), 12);
  });

  it('gives each plot what it draws', () => {
    const at = (tab: PredictionRequest['tab']) => {
      const d = computePredictions(request(GAUSS, { tab }));
      if (!d.plot.ok || !d.headline.ok) throw new Error('no plot');
      return { plot: d.plot.value, headline: d.headline.value.value };
    };
    const traj = at('trajectory');
    expect(traj.plot.curve![traj.plot.curve!.length - 1]).toMatchObject({ t: traj.plot.T });
    expect(traj.plot.curve![traj.plot.curve!.length - 1].value).toBeCloseTo(traj.headline, 12);
    const drift = at('drift');
    expect(drift.plot.etaGrid).toHaveLength(ETA_GRID_POINTS);
    expect(drift.plot.etaGrid![0]).toBeCloseTo(GAUSS.eta / 4, 12);
    expect(drift.plot.resummedGrid).toHaveLength(ETA_GRID_POINTS);
    const loss = at('at-T');
    expect(loss.plot.seriesPlot).toHaveLength(5);
    const bars = at('diagrams');
    expect(bars.plot.contributions!.reduce((s, c) => s + c.value, 0)).toBeCloseTo(bars.headline, 10);
    expect(at('optimizers').plot.curve).toBeNull();
  });

  it('works out a diagram beyond the scenario order with derivatives computed for it', () => {
    const p = { ...GAUSS, order: 1 };
    const d = computePredictions(request(p, { diagram: parseDiagram('c(0-1-2-3)(01-12-23)') }));
    expect(d.diagram.ok && typeof d.diagram.value.term).toBe('number');
    const higher = computePredictions(
      request({ ...GAUSS, order: 3 }, { diagram: parseDiagram('c(0-1-2-3)(01-12-23)') }),
    );
    expect(d.diagram.ok && higher.diagram.ok && d.diagram.value.term).toBeCloseTo(
      higher.diagram.ok ? (higher.diagram.value.term as number) : NaN,
      12,
    );
  });

  it('refuses every part with the reason when the scenario is not valid', () => {
    const d = computePredictions(
      request({ ...GAUSS, landscape: 'custom', custom: { weights: 'w', init: '1', loss: '0.5*w^2 + * x' } }),
    );
    for (const part of [d.headline, d.series, d.plot, d.diagram]) {
      expect(part.ok).toBe(false);
      if (!part.ok) expect(part.message).toMatch(/column/);
    }
  });

  it('a part that fails leaves the others', () => {
    // a placement whose cells are off the spacetime: only the placed part fails
    const d = computePredictions(
      request(GAUSS, {
        placed: {
          diagram: parseDiagram('c(01-2)(02-12)'),
          cells: [
            { n: 0, t: 99 },
            { n: 0, t: 99 },
          ],
        },
      }),
    );
    expect(d.headline.ok).toBe(true);
    expect(d.placed?.ok).toBe(false);
  });

  it('says what to change when a prediction takes too long', () => {
    expect(predictionHint({ ...GAUSS, epochs: 3, shuffle: true, order: 4 })).toBe(
      'turn reshuffling off, or lower the order (now 4), or use fewer epochs or a smaller N',
    );
    expect(
      predictionHint({ ...GAUSS, landscape: 'custom', custom: { weights: 'a,b,c,d,e', init: '0', loss: 'a' } }),
    ).toBe('lower the order (now 3), or use fewer weights (now 5)');
  });
});
