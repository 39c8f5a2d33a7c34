// Each experiment's plots, from the numbers its run returns: the measurement with its 95%
// interval against the verified prediction (and the printed one where they differ).
import { diff } from '../experiments/common';
import type { ExperimentResult } from '../experiments/types';
import { generalization } from '../theory/corollaries';
import { barPlot, comparisonPlot, interval, logYWherePossible, marker, type Measured, short, trajectory } from './experimentPlotKit';
import { empty, logGrid, type PlotSpec } from './plotData';

// each experiment returns its own shapes; the builders below name the fields they read
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- cast per field at each use below
type Plots = Record<string, any>;

function archimedes(r: ExperimentResult, d: Plots): PlotSpec[] {
  const meanZ = empty('archimedes-mean-z', 'mean z(t) with its 95% band against the resummed prediction', 'step t', 'E z_t');
  (d.meanZ as { eta: number; steps: number[]; mean: number[]; stderr: number[]; resummedOrder3: number[] }[]).forEach((c, i) => {
    trajectory(meanZ, i, `η = ${short(c.eta)}`, c.steps, c.mean, c.stderr);
    meanZ.lines.push({ name: `resummed (order 3), η = ${short(c.eta)}`, style: 'prediction', tone: i, points: c.steps.map((x, j) => ({ x, y: c.resummedOrder3[j] })) });
  });
  const v = d.velocity as { eta: number; measured: Measured; resummedOrder3: number }[];
  const etas = v.map((q) => q.eta);
  const vel = empty('archimedes-velocity', `drift velocity along the valley (log-log slope ${short(d.slope)}, theory 2)`, 'learning rate η', 'Δz per step');
  vel.xLog = true;
  vel.lines.push({ name: 'η²/6', style: 'reference', points: logGrid(Math.min(...etas) / 1.5, Math.max(...etas) * 1.5, 24).map((x) => ({ x, y: (x * x) / 6 })) });
  vel.lines.push({ name: 'resummed (order 3)', style: 'prediction', points: v.map((q) => ({ x: q.eta, y: q.resummedOrder3 })) });
  vel.dots.push({ name: 'measured (95% CI)', points: v.map((q) => ({ x: q.eta, y: q.measured.value, ...interval(q.measured) })) });
  logYWherePossible(vel);
  const tilt = empty('archimedes-tilt', 'with a tilt ε·z: climbs while ε < η/6, slides beyond', 'step t', 'E z_t');
  (d.tilt as { eps: number; eta: number; steps: number[]; mean: number[]; stderr: number[]; resummedOrder3: number[]; leadingOrder: number }[]).forEach((c, i) => {
    const label = `ε = ${short(c.eps)}`;
    trajectory(tilt, i, label, c.steps, c.mean, c.stderr);
    tilt.lines.push({ name: `resummed (order 3), ${label}`, style: 'prediction', tone: i, points: c.steps.map((x, j) => ({ x, y: c.resummedOrder3[j] })) });
    tilt.lines.push({ name: `z₀ + t(η²/6 − ηε), ${label}`, style: 'reference', tone: i, points: c.steps.map((x) => ({ x, y: c.mean[0] + x * c.leadingOrder })) });
  });
  tilt.note = `η = ${short(r.params.etaTilt as number)}`;
  return [meanZ, vel, tilt];
}

interface MePoint {
  H: number;
  testIncrease: Measured;
  genGap: Measured;
}

function meanEstimation(r: ExperimentResult, d: Plots): PlotSpec[] {
  const { N, eta, T, C } = r.params as { N: number; eta: number; T: number; C: number };
  const out: PlotSpec[] = [];
  for (const noise of ['covector', 'vector'] as const) {
    const pts = d[noise] as MePoint[];
    const Hs = pts.map((q) => q.H);
    const grid = logGrid(Math.min(...Hs) / 1.5, Math.max(...Hs) * 1.5, 40);
    const g = grid.map((H) => ({ H, ...generalization(C, H, N, T, eta) }));
    const inc = empty(`mean-estimation-${noise}-increase`, `test-loss increase against H (${noise} noise)`, 'curvature H', 'E l(θ_T) − l(θ_0)');
    inc.xLog = true;
    inc.lines.push({ name: 'Cor. 2, (1−ηH)^T form', style: 'prediction', points: g.map((q) => ({ x: q.H, y: q.testIncrease.exact })) });
    inc.lines.push({ name: 'Cor. 2 as printed, e^(−ηTH) form', style: 'series', points: g.map((q) => ({ x: q.H, y: q.testIncrease.printed })) });
    inc.dots.push({ name: 'measured (95% CI)', points: pts.map((q) => ({ x: q.H, y: q.testIncrease.value, ...interval(q.testIncrease) })) });
    const gap = empty(`mean-estimation-${noise}-gap`, `generalization gap against H (${noise} noise)`, 'curvature H', 'E test − E train');
    gap.xLog = true;
    gap.lines.push({ name: 'Cor. 2, (1−ηH)^T form', style: 'prediction', points: g.map((q) => ({ x: q.H, y: q.genGap.exact })) });
    gap.lines.push({ name: 'STIC C/(HN) (large T)', style: 'reference', points: g.map((q) => ({ x: q.H, y: q.stic })) });
    gap.dots.push({ name: 'measured (95% CI)', points: pts.map((q) => ({ x: q.H, y: q.genGap.value, ...interval(q.genGap) })) });
    out.push(logYWherePossible(inc), logYWherePossible(gap));
  }
  const reg = d.regularization as { lambdas: number[]; objective: number[]; testLoss: number[]; lambdaStic: number; lambdaBest: number; testAtStic: number; testAtBest: number; measuredGapAtStic: Measured; predictedGapAtStic: number };
  const p = empty('mean-estimation-regularization', 'STIC as a regularizer: ridge strength λ', 'ridge strength λ', 'loss');
  p.xLog = true;
  p.lines.push({ name: 'train + STIC (objective)', style: 'prediction', points: reg.lambdas.map((x, i) => ({ x, y: reg.objective[i] })) });
  p.lines.push({ name: 'test loss', style: 'sim', points: reg.lambdas.map((x, i) => ({ x, y: reg.testLoss[i] })) });
  marker(p, reg.lambdaStic, `λ_STIC = ${short(reg.lambdaStic)}`);
  marker(p, reg.lambdaBest, `λ_best = ${short(reg.lambdaBest)}`);
  p.note = `test loss at λ_STIC ${short(reg.testAtStic)}, at λ_best ${short(reg.testAtBest)}; gap at λ_STIC measured ${short(reg.measuredGapAtStic.value)} ± ${short(reg.measuredGapAtStic.stderr)}, predicted ${short(reg.predictedGapAtStic)}`;
  return [...out, p];
}

function gauss(_r: ExperimentResult, d: Plots): PlotSpec[] {
  const pts = d.points as { eta: number; measured: Record<'sde' | 'ode' | 'gd', Measured>; verified: Record<'sde' | 'ode' | 'gd', number>; printed: Record<'sde' | 'ode', number> }[];
  const xs = pts.map((q) => q.eta);
  const common = { xLabel: 'learning rate η', xs };
  return [
    comparisonPlot({
      ...common, id: 'gauss-sde', title: 'SGD − SDE (k = 1)', yLabel: 'E l(SGD) − E l(SDE)',
      measured: { name: 'measured (95% CI)', values: pts.map((q) => q.measured.sde) },
      predictions: [
        { name: 'verified −(T/6)η³ S:J', style: 'prediction', bar: 'verified', values: pts.map((q) => q.verified.sde) },
        { name: 'printed (T/2)η² C:H − (T/6)η³ S:J', style: 'series', bar: 'printed', values: pts.map((q) => q.printed.sde) },
      ],
    }),
    comparisonPlot({
      ...common, id: 'gauss-ode', title: 'SGD − gradient flow', yLabel: 'E l(SGD) − l(ODE)',
      measured: { name: 'measured (95% CI)', values: pts.map((q) => q.measured.ode) },
      predictions: [
        { name: 'verified (T/2)η² (C − GG):H', style: 'prediction', bar: 'verified', values: pts.map((q) => q.verified.ode) },
        { name: 'printed (T/2)η² C:H', style: 'series', bar: 'printed', values: pts.map((q) => q.printed.ode) },
      ],
    }),
    comparisonPlot({
      ...common, id: 'gauss-gd', title: 'SGD − GD on the population loss', yLabel: 'E l(SGD) − l(GD)',
      measured: { name: 'measured (95% CI)', values: pts.map((q) => q.measured.gd) },
      predictions: [{ name: '(T/2)η² C:H', style: 'prediction', bar: 'verified', values: pts.map((q) => q.verified.gd) }],
    }),
  ];
}

function batchGdc(_r: ExperimentResult, d: Plots): PlotSpec[] {
  const { gap, testLoss: t, gdcMinusSgd } = d as { gap: { measured: Measured; verified: number; printed: number; exactSeriesOrder4: number }; testLoss: Record<'sgd' | 'gd' | 'gdc', Measured>; gdcMinusSgd: Measured };
  return [
    barPlot('batch-gdc-gap', 'E l(SGD) − E l(GD): measured against the predictions', 'SGD − GD', [
      { name: 'measured', measured: gap.measured },
      { name: 'exact (ord. 4)', value: gap.exactSeriesOrder4 },
      { name: 'verified', value: gap.verified },
      { name: 'printed', value: gap.printed },
    ]),
    // GDC is GD with the gap's correction: it should land where SGD does, away from GD
    barPlot('batch-gdc-closing', 'GDC closes the gap: differences from GD', 'E l(·) − E l(GD)', [
      { name: 'SGD − GD', measured: gap.measured },
      { name: 'GDC − GD', measured: diff(t.gdc, t.gd) },
      { name: 'exact (ord. 4)', value: gap.exactSeriesOrder4 },
    ], `GDC − SGD = ${short(gdcMinusSgd.value)} ± ${short(gdcMinusSgd.stderr)} (0 at order η²)`),
  ];
}

function epochs(_r: ExperimentResult, d: Plots): PlotSpec[] {
  const { gap } = d as { gap: Record<'measured' | 'measuredShuffled', Measured> & Record<'exactSeriesOrder4' | 'exactShuffledOrder4' | 'verified' | 'printed', number> };
  return [
    barPlot('epochs-gap', 'M epochs at η/M − 1 epoch at η: measured against the predictions', 'difference of test loss', [
      { name: 'measured', measured: gap.measured },
      { name: 'reshuffled', measured: gap.measuredShuffled },
      { name: 'exact (ord. 4)', value: gap.exactSeriesOrder4 },
      { name: 'exact, reshuf.', value: gap.exactShuffledOrder4 },
      { name: 'verified', value: gap.verified },
      { name: 'printed', value: gap.printed },
    ]),
  ];
}

function lossVsEta(_r: ExperimentResult, d: Plots): PlotSpec[] {
  const t = d.testLoss as { etas: number[]; measured: Measured[]; series: Record<string, number[]>; resummedOrder4: number[] };
  const a = Array.isArray(d.coefficients) ? (d.coefficients as number[]) : null;
  const p = empty('loss-vs-eta', 'test loss at T against η: series orders 1–4 and resummed', 'learning rate η', 'E l(θ_T)');
  p.xLog = true;
  const grid = logGrid(t.etas[0], t.etas[t.etas.length - 1], 40);
  Object.entries(t.series).forEach(([key, values], i) => {
    const k = Number(key.replace('order', ''));
    // the truncated series is a polynomial: drawn smooth from its coefficients where known
    const points = a && a.length > k ? grid.map((x) => ({ x, y: a.slice(0, k + 1).reduceRight((acc, c) => acc * x + c, 0) })) : t.etas.map((x, j) => ({ x, y: values[j] }));
    p.lines.push({ name: `series, order ${k}`, style: 'series', tone: i, points });
  });
  p.lines.push({ name: 'resummed (order 4)', style: 'prediction', points: t.etas.map((x, j) => ({ x, y: t.resummedOrder4[j] })) });
  p.dots.push({ name: 'measured (95% CI)', points: t.etas.map((x, j) => ({ x, y: t.measured[j].value, ...interval(t.measured[j]) })) });
  // truncations that have broken down run off by orders of magnitude: cut them at the data's range
  const ys = t.measured.map((m) => m.value);
  const [lo, hi] = [Math.min(...ys) / 3, Math.max(...ys) * 3];
  for (const l of p.lines) l.points = l.points.filter((q) => q.y >= lo && q.y <= hi);
  p.yLog = true;
  p.note = 'series lines end where they leave the range of the measurements (×3)';
  return [p];
}

function skew(_r: ExperimentResult, d: Plots): PlotSpec[] {
  const s = d.skewEffect as { measured: Measured; resummedOrder4: number; starAlone: number; secondDiagram: number; total: number };
  return [
    barPlot('skew-effect', 'skew effect ½[E l(skewed) − E l(mirrored)] at stationarity', 'skew effect', [
      { name: 'measured', measured: s.measured },
      { name: 'star alone', value: s.starAlone },
      { name: '2nd diagram', value: s.secondDiagram },
      { name: 'star + 2nd', value: s.total },
      { name: 'resummed', value: s.resummedOrder4 },
    ]),
  ];
}

const BUILDERS: Record<string, (r: ExperimentResult, d: Plots) => PlotSpec[]> = {
  archimedes,
  'mean-estimation': meanEstimation,
  gauss,
  'batch-gdc': batchGdc,
  epochs,
  'loss-vs-eta': lossVsEta,
  'skew-long-time': skew,
};

/** The plots of a result; an experiment without a builder (or of another shape) says so. */
export function experimentPlots(r: ExperimentResult): PlotSpec[] | string {
  const build = BUILDERS[r.experiment];
  if (!build) return `no plots are drawn for "${r.experiment}"; its numbers are in the verdict`;
  try {
    return build(r, r.plots as Plots);
  } catch (e) {
    return `the plots of "${r.experiment}" could not be drawn: ${(e as Error).message}`;
  }
}
