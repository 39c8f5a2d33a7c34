// Cor. 4 (batch size): SGD (B = 1, T = N) against GD (B = N, T = N) at the same η, and GDC —
// GD on l_n + β·tr Ĉ — closing the gap. The landscape is two-dimensional so that the paper's
// contraction (∇_μC^μ_ν)G^ν and the verified G·∇tr C differ (here by a factor 2).
import { PredictionModel } from '../landscape/predict';
import { batchGap, divCdotG, gradTraceC, tensorsOf } from '../theory/corollaries';
import { seriesValue } from '../theory/series';
import { diff, erratum, type Measured, round, scenario, simulate, zOf, Z_PASS } from './common';
import { barPlot, short } from './plotKit';
import type { PlotSpec } from './plotSpec';
import type { ErrataFormula, Experiment, ExperimentResult } from './types';

interface BatchGdcPlots {
  testLoss: Record<'sgd' | 'gd' | 'gdc', Measured> & { predictedSgd: number; predictedGd: number };
  gap: { measured: Measured; verified: number; printed: number; exactSeriesOrder4: number };
  gdcMinusSgd: Measured;
  tensors: { GdotGradTrC: number; divCdotG: number };
}

const COR4: ErrataFormula = {
  corollary: 'Cor. 4',
  quantity: 'E l(SGD) − E l(GD)',
  printed: '-\\tfrac{N-1}{4}\\eta^2(\\nabla_\\mu C^\\mu_\\nu)G^\\nu',
  verified: '-\\tfrac{N-1}{4}\\eta^2\\,G\\cdot\\nabla\\operatorname{tr}C',
};

export const BATCH_LANDSCAPE = {
  weights: ['u', 'v'],
  init: [1, 0.5],
  loss: '0.5*(u^2 + v^2) + x*u*v',
  data: { normal: { x: { mean: 0, std: 1 } } },
};

export const batchGdc: Experiment<BatchGdcPlots> = {
  name: 'batch-gdc',
  title: 'Batch size: SGD vs GD vs GDC (Cor. 4)',
  claim:
    'E l(SGD) − E l(GD) = −(N−1)/4 · η² G·∇tr C + O(η³), and GDC (GD on l_n + η(N−1)/(4N) tr Ĉ) matches SGD at order η².',
  errata: [COR4],
  plots,
  async run(ctx) {
    const t0 = performance.now();
    // small N·η keeps the O(η³) remainder near 10% of the η² gap, so the factor 2 between the
    // verified and the printed contraction is decided by the data
    const N = 2;
    const eta = 0.05;
    const K = ctx.quick ? 2 ** 20 : 2 ** 22;
    const sgdSc = scenario({
      ...BATCH_LANDSCAPE,
      schedule: { N, B: 1, epochs: 1, shuffle: false },
      observable: 'test-loss',
      order: 4,
      eta,
    });
    const gdSc = scenario({
      ...BATCH_LANDSCAPE,
      schedule: { N, B: N, epochs: N, shuffle: false },
      observable: 'test-loss',
      order: 4,
      eta,
    });
    ctx.onProgress?.(0, 'SGD');
    const sgd = await simulate(ctx, sgdSc, { trajectories: K, optimizer: 'sgd' });
    ctx.onProgress?.(1 / 3, 'GD');
    const gd = await simulate(ctx, sgdSc, { trajectories: K, optimizer: 'gd' });
    ctx.onProgress?.(2 / 3, 'GDC');
    const gdc = await simulate(ctx, sgdSc, { trajectories: K, optimizer: 'gdc' });
    const sgdModel = new PredictionModel(sgdSc);
    const t = tensorsOf(sgdModel.law);
    const gap = batchGap(t, N, eta);
    const sgdSeries = sgdModel.series().series;
    const gdSeries = new PredictionModel(gdSc).series().series;
    const exactGap = seriesValue(sgdSeries, eta) - seriesValue(gdSeries, eta);
    const measured = diff(sgd.end, gd.end);
    const closing = diff(gdc.end, sgd.end);
    // headline: the measured gap against the exact series (order 4), then the leading-order forms
    const z = zOf(measured, exactGap);
    const zClose = zOf(closing, 0);
    // the leading-order forms leave out O(η³) terms, about 10% of the gap here (exact series)
    const MODEL = 0.12;
    const e = erratum(COR4, { printed: gap.printed, verified: gap.verified }, measured, MODEL);
    const supports = e.supports;
    const pass = Math.abs(z) < Z_PASS && Math.abs(zClose) < Z_PASS && supports === 'verified';
    return {
      experiment: 'batch-gdc',
      title: this.title,
      quick: ctx.quick,
      engine: sgd.result.engine,
      adapter: sgd.result.adapter,
      params: { N, eta, trajectories: K, landscape: BATCH_LANDSCAPE },
      plots: {
        testLoss: {
          sgd: sgd.end,
          gd: gd.end,
          gdc: gdc.end,
          predictedSgd: seriesValue(sgdSeries, eta),
          predictedGd: seriesValue(gdSeries, eta),
        },
        gap: { measured, verified: gap.verified, printed: gap.printed, exactSeriesOrder4: exactGap },
        gdcMinusSgd: closing,
        tensors: { GdotGradTrC: gradTraceC(t), divCdotG: divCdotG(t) },
      },
      verdict: {
        pass,
        z,
        detail:
          `SGD − GD = ${round(measured.value)} ± ${round(measured.stderr)}; exact series ${round(exactGap)} (z = ${z.toFixed(2)}); verified −(N−1)/4·η²·G·∇trC = ${round(gap.verified)} ` +
          `(z = ${e.zVerified.toFixed(2)}, allowing ${100 * MODEL}% for O(η³)), printed contraction gives ${round(gap.printed)} (z = ${e.zPrinted.toFixed(2)}); ` +
          `GDC − SGD = ${round(closing.value)} ± ${round(closing.stderr)} (z = ${zClose.toFixed(2)} against 0)`,
      },
      errata: [e],
      seconds: (performance.now() - t0) / 1000,
    };
  },
};

function plots(r: ExperimentResult<BatchGdcPlots>): PlotSpec[] {
  const { gap, testLoss: t, gdcMinusSgd } = r.plots;
  return [
    barPlot('batch-gdc-gap', 'E l(SGD) − E l(GD): measured against the predictions', 'SGD − GD', [
      { name: 'measured', measured: gap.measured },
      { name: 'exact (ord. 4)', value: gap.exactSeriesOrder4 },
      { name: 'verified', value: gap.verified },
      { name: 'printed', value: gap.printed },
    ]),
    // GDC is GD with the gap's correction: it should land where SGD does, away from GD
    barPlot(
      'batch-gdc-closing',
      'GDC closes the gap: differences from GD',
      'E l(·) − E l(GD)',
      [
        { name: 'SGD − GD', measured: gap.measured },
        { name: 'GDC − GD', measured: diff(t.gdc, t.gd) },
        { name: 'exact (ord. 4)', value: gap.exactSeriesOrder4 },
      ],
      `GDC − SGD = ${short(gdcMinusSgd.value)} ± ${short(gdcMinusSgd.stderr)} (0 at order η²)`,
    ),
  ];
}
