import { describe, expect, it } from 'vitest';
import { experimentByName } from '../../experiments/registry';
import type { ExperimentResult } from '../../experiments/types';
import { experimentPlots } from './experimentPlots';
import { plotCSV } from './plotData';

describe('experiment plots', () => {
  it('draws loss-vs-eta from a real quick run: measured points, four truncations, resummed', async () => {
    const r = await experimentByName('loss-vs-eta').run({ quick: true, engine: 'cpu', seed: 0 });
    const plots = experimentPlots(r);
    expect(Array.isArray(plots)).toBe(true);
    const [p] = plots as Exclude<typeof plots, string>;
    expect(p.id).toBe('loss-vs-eta');
    expect(p.xLog && p.yLog).toBe(true);
    expect(p.dots[0].points).toHaveLength(5);
    expect(p.lines.map((l) => l.name)).toEqual([
      'series, order 1',
      'series, order 2',
      'series, order 3',
      'series, order 4',
      'resummed (order 4)',
    ]);
    // every drawn value is finite and inside the measurements' range (×3)
    const ys = p.dots[0].points.map((q) => q.y);
    for (const l of p.lines) for (const q of l.points) expect(q.y).toBeGreaterThanOrEqual(Math.min(...ys) / 3 - 1e-12);
    expect(plotCSV(p).split('\n')[0]).toBe('series,x,y,lo,hi');
  });

  it('says so for an unknown experiment or a result of another shape', () => {
    const base: ExperimentResult = {
      experiment: 'nope',
      title: '',
      quick: true,
      engine: 'cpu',
      adapter: '',
      params: {},
      plots: {},
      verdict: { pass: true, z: 0, detail: '' },
      errata: [],
      seconds: 0,
    };
    expect(experimentPlots(base)).toMatch(/no plots are drawn for "nope"/);
    expect(experimentPlots({ ...base, experiment: 'skew-long-time' })).toMatch(/could not be drawn/);
  });

  it('draws a single-η comparison as bars, several as points with lines', () => {
    const m = { value: 1, stderr: 0.1 };
    const point = (eta: number) => ({
      eta,
      measured: { sde: m, ode: m, gd: m },
      verified: { sde: 1, ode: 1, gd: 1 },
      printed: { sde: 2, ode: 2 },
    });
    const one = experimentPlots({
      experiment: 'gauss',
      title: '',
      quick: true,
      engine: 'cpu',
      adapter: '',
      params: {},
      plots: { points: [point(0.2)] },
      verdict: { pass: true, z: 0, detail: '' },
      errata: [],
      seconds: 0,
    });
    expect((one as { bars: unknown[] }[]).map((p) => p.bars.length)).toEqual([3, 3, 2]);
    const two = experimentPlots({
      experiment: 'gauss',
      title: '',
      quick: false,
      engine: 'cpu',
      adapter: '',
      params: {},
      plots: { points: [point(0.1), point(0.2)] },
      verdict: { pass: true, z: 0, detail: '' },
      errata: [],
      seconds: 0,
    });
    expect(
      (two as { lines: unknown[]; dots: { points: unknown[] }[] }[]).map((p) => [
        p.lines.length,
        p.dots[0].points.length,
      ]),
    ).toEqual([
      [2, 2],
      [2, 2],
      [1, 2],
    ]);
  });
});
