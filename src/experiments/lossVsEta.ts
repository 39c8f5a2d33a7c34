// The paper's Fig. 2 (left) on a toy: test loss after T steps against η, beside the exact series
// truncated at orders 1..4 and the resummed prediction — showing where each breaks down.
import { PredictionModel } from '../landscape/predict';
import { seriesValue } from '../theory/series';
import { logGrid, type Measured, round, scenario, simulate, zOf, Z_PASS } from './common';
import { interval } from './plotKit';
import { empty, type PlotSpec } from './plotSpec';
import type { Experiment, ExperimentResult } from './types';

interface LossVsEtaPlots {
  testLoss: { etas: number[]; measured: Measured[]; series: Record<string, number[]>; resummedOrder4: number[] };
  /** the exact series' coefficients a_0..a_4 (the truncations are drawn smooth from them) */
  coefficients: number[];
  validUpTo: Record<string, number | null>;
}

export const TOY_LANDSCAPE = {
  weights: ['t'],
  init: [1],
  loss: '0.5*t^2 + t^4/24 + x*t + 0.5*y*t^2',
  data: { normal: { x: { mean: 0, std: 1 }, y: { mean: 0, std: 0.5 } } },
};

export const lossVsEta: Experiment<LossVsEtaPlots> = {
  name: 'loss-vs-eta',
  title: 'Test loss against η: series orders 1–4 and the resummed prediction',
  claim:
    'Each truncation of the series is accurate for small ηT and breaks down as ηT grows; higher orders and resummation hold longer.',
  errata: [],
  plots,
  async run(ctx) {
    const t0 = performance.now();
    const T = 10;
    const etas = ctx.quick ? logGrid(0.005, 0.2, 5) : logGrid(0.003, 0.3, 13);
    const K = ctx.quick ? 2 ** 15 : 2 ** 20;
    const sc = scenario({
      ...TOY_LANDSCAPE,
      schedule: { N: T, B: 1, epochs: 1, shuffle: false },
      observable: 'test-loss',
      order: 4,
    });
    const model = new PredictionModel(sc);
    const series = model.series().series;
    const resummed = model.resummed();
    const measured: Measured[] = [];
    let engine = '';
    let adapter = '';
    for (const [i, eta] of etas.entries()) {
      ctx.onProgress?.(i / etas.length, `η = ${round(eta, 3)}`);
      const r = await simulate(ctx, sc, { trajectories: K, eta });
      engine = r.result.engine;
      adapter = r.result.adapter;
      measured.push(r.end);
    }
    const orders = [1, 2, 3, 4];
    const partial = orders.map((k) => etas.map((eta) => seriesValue(series.slice(0, k + 1), eta)));
    const res = etas.map((eta) => resummed.evaluate(eta));
    // the largest η up to which each prediction stays within Z_PASS standard errors
    const holdsTo = (pred: number[]): number | null => {
      let last: number | null = null;
      for (let i = 0; i < etas.length; i++) {
        if (Math.abs(zOf(measured[i], pred[i])) < Z_PASS) last = etas[i];
        else break;
      }
      return last;
    };
    const z = zOf(measured[0], partial[3][0]);
    // the claim: agreement at small η, and each higher order (then the resummed sum) holds to at
    // least the η where the lower one breaks down
    const reach = [...partial, res].map((pred) => holdsTo(pred) ?? 0);
    const ordered = reach.every((r, i) => i === 0 || r >= reach[i - 1]);
    const smallOk = [Math.abs(z) < Z_PASS, ordered];
    return {
      experiment: 'loss-vs-eta',
      title: this.title,
      quick: ctx.quick,
      engine,
      adapter,
      params: { T, etas, trajectories: K, landscape: TOY_LANDSCAPE },
      plots: {
        testLoss: {
          etas,
          measured,
          series: Object.fromEntries(orders.map((k, i) => [`order${k}`, partial[i]])),
          resummedOrder4: res,
        },
        coefficients: series,
        validUpTo: {
          ...Object.fromEntries(orders.map((k, i) => [`order${k}`, holdsTo(partial[i])])),
          resummedOrder4: holdsTo(res),
        },
      },
      verdict: {
        pass: smallOk.every(Boolean),
        // (smallOk: order 4 agrees at the smallest η; validity ranges grow with the order)
        z,
        detail:
          `at η = ${round(etas[0], 3)} the order-4 series is within ${Math.abs(z).toFixed(2)} s.e.; ` +
          orders
            .map(
              (k, i) =>
                `order ${k} holds to η ≈ ${holdsTo(partial[i]) === null ? '—' : round(holdsTo(partial[i])!, 3)}`,
            )
            .join(', ') +
          `, resummed to η ≈ ${holdsTo(res) === null ? '—' : round(holdsTo(res)!, 3)}`,
      },
      errata: [],
      seconds: (performance.now() - t0) / 1000,
    };
  },
};

function plots(r: ExperimentResult<LossVsEtaPlots>): PlotSpec[] {
  const t = r.plots.testLoss;
  const a = r.plots.coefficients;
  const p = empty(
    'loss-vs-eta',
    'test loss at T against η: series orders 1–4 and resummed',
    'learning rate η',
    'E l(θ_T)',
  );
  p.xLog = true;
  const grid = logGrid(t.etas[0], t.etas[t.etas.length - 1], 40);
  Object.entries(t.series).forEach(([key, values], i) => {
    const k = Number(key.replace('order', ''));
    // the truncated series is a polynomial: drawn smooth from its coefficients where known
    const points =
      a.length > k
        ? grid.map((x) => ({ x, y: a.slice(0, k + 1).reduceRight((acc, c) => acc * x + c, 0) }))
        : t.etas.map((x, j) => ({ x, y: values[j] }));
    p.lines.push({ name: `series, order ${k}`, style: 'series', tone: i, points });
  });
  p.lines.push({
    name: 'resummed (order 4)',
    style: 'prediction',
    points: t.etas.map((x, j) => ({ x, y: t.resummedOrder4[j] })),
  });
  p.dots.push({
    name: 'measured (95% CI)',
    points: t.etas.map((x, j) => ({ x, y: t.measured[j].value, ...interval(t.measured[j]) })),
  });
  // truncations that have broken down run off by orders of magnitude: cut them at the data's range
  const ys = t.measured.map((m) => m.value);
  const [lo, hi] = [Math.min(...ys) / 3, Math.max(...ys) * 3];
  for (const l of p.lines) l.points = l.points.filter((q) => q.y >= lo && q.y <= hi);
  p.yLog = true;
  p.note = 'series lines end where they leave the range of the measurements (×3)';
  return [p];
}
