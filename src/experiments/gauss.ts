// Cor. 5 on GAUSS (log-variance fit, χ²-shaped gradient noise, S ≠ 0): SGD against GD on the
// population loss, gradient flow (ODE) and the SDE with the same per-step covariance.
// Verified: SGD − GD = (T/2)η² C:H; SGD − ODE = (T/2)η² (C − GG):H; SGD − SDE(k = 1) =
// −(T/6)η³ S:J (only the noise law differs). The paper prints (T/2)C:H for both ODE and SDE.
import { GAUSS } from '../landscape/builtins';
import { makeLandscape } from '../landscape/landscape';
import { PredictionModel } from '../landscape/predict';
import { sgdMinusGd, sgdMinusOde, sgdMinusSde, tensorsOf } from '../theory/corollaries';
import { diff, erratum, landscapeFields, type Measured, round, scenario, simulate, zOf, Z_PASS } from './common';
import { comparisonPlot } from './plotKit';
import type { PlotSpec } from './plotSpec';
import type { ErrataFormula, Experiment, ExperimentResult } from './types';

type Arm = 'sde' | 'ode' | 'gd';
interface GaussPoint {
  eta: number;
  sgd: Measured;
  sde: Measured;
  sde16: Measured;
  ode: number;
  gdPopulation: number;
  measured: Record<Arm | 'sde16', Measured>;
  verified: Record<Arm, number>;
  printed: Record<'sde' | 'ode', number>;
}
interface GaussPlots {
  points: GaussPoint[];
}

const COR5_SDE: ErrataFormula = {
  corollary: 'Cor. 5',
  quantity: 'E l(SGD) − E l(SDE, k = 1) (GAUSS)',
  printed: '\\tfrac{T}{2}\\eta^2 C{:}H - \\tfrac{T}{6}\\eta^3 S{:}J',
  verified: '-\\tfrac{T}{6}\\eta^3 S{:}J',
};
const COR5_ODE: ErrataFormula = {
  corollary: 'Cor. 5',
  quantity: 'E l(SGD) − l(gradient flow) (GAUSS)',
  printed: '\\tfrac{T}{2}\\eta^2 C{:}H',
  verified: '\\tfrac{T}{2}\\eta^2 (C - GG){:}H',
};

export const gauss: Experiment<GaussPlots> = {
  name: 'gauss',
  title: 'GAUSS: SGD vs SDE vs GD vs gradient flow (Cor. 5)',
  claim:
    'SGD − SDE (same discretisation, Gaussian noise) = −(T/6)η³ S:J; SGD − ODE = (T/2)η²(C − GG):H; SGD − GD = (T/2)η² C:H.',
  errata: [COR5_SDE, COR5_ODE],
  plots,
  async run(ctx) {
    const t0 = performance.now();
    const T = 4;
    const etas = ctx.quick ? [0.2] : [0.05, 0.1, 0.15, 0.2, 0.25];
    const K = ctx.quick ? 2 ** 20 : 2 ** 22;
    const land = landscapeFields(GAUSS);
    const L = makeLandscape({ weights: land.weights, loss: land.loss, data: land.data as never });
    const points: GaussPoint[] = [];
    let engine = '';
    let adapter = '';
    let last!: { sde: Measured; ode: Measured; gd: number; eta: number };
    for (const [i, eta] of etas.entries()) {
      ctx.onProgress?.(i / etas.length, `η = ${eta}`);
      const sc = scenario({
        ...land,
        schedule: { N: T, B: 1, epochs: 1, shuffle: false },
        observable: 'test-loss',
        order: 3,
        eta,
      });
      // the control variate keeps the means exact and removes most of the noise-driven variance
      const sgd = await simulate(ctx, sc, { trajectories: K, controlVariate: true });
      const sde = await simulate(ctx, sc, { trajectories: K, optimizer: 'sde', substeps: 1, controlVariate: true });
      const sde16 = await simulate(ctx, sc, { trajectories: K >> 4, optimizer: 'sde', substeps: 16 });
      const ode = await simulate(ctx, sc, { trajectories: 2, optimizer: 'ode' });
      engine = sgd.result.engine;
      adapter = sgd.result.adapter;
      // GD on the population loss is deterministic
      let th = [...land.init];
      for (let t = 0; t < T; t++) th = th.map((v, k) => v - eta * L.populationGradient(th)[k]);
      const gd = L.populationLoss(th);
      const t = tensorsOf(new PredictionModel(sc).law);
      const pred = { gd: sgdMinusGd(t, T, eta), ode: sgdMinusOde(t, T, eta), sde: sgdMinusSde(t, T, eta) };
      const m = {
        sde: diff(sgd.end, sde.end),
        sde16: diff(sgd.end, sde16.end),
        ode: diff(sgd.end, ode.end),
        gd: { value: sgd.end.value - gd, stderr: sgd.end.stderr },
      };
      points.push({
        eta,
        sgd: sgd.end,
        sde: sde.end,
        sde16: sde16.end,
        ode: ode.end.value,
        gdPopulation: gd,
        measured: m,
        verified: { gd: pred.gd, ode: pred.ode.verified, sde: pred.sde.verified },
        printed: { ode: pred.ode.printed, sde: pred.sde.printed },
      });
      last = { sde: m.sde, ode: m.ode, gd: gd, eta };
    }
    const p = points[points.length - 1];
    const zSde = zOf(p.measured.sde, p.verified.sde);
    const relSde = Math.abs(p.measured.sde.value - p.verified.sde) / Math.abs(p.verified.sde);
    const eSde = erratum(
      COR5_SDE,
      { printed: p.printed.sde, verified: p.verified.sde, where: `at η = ${last.eta}` },
      p.measured.sde,
      0.1,
    );
    // the η² forms are scored at the smallest η, where the O(η³) remainder matters least
    const p0 = points[0];
    const eOde = erratum(
      COR5_ODE,
      { printed: p0.printed.ode, verified: p0.verified.ode, where: `at η = ${p0.eta}` },
      p0.measured.ode,
      0.2,
    );
    return {
      experiment: 'gauss',
      title: this.title,
      quick: ctx.quick,
      engine,
      adapter,
      params: { T, etas, trajectories: K, h0: land.init[0] },
      plots: { points },
      verdict: {
        pass: (Math.abs(zSde) < Z_PASS || relSde < 0.1) && eSde.supports === 'verified',
        z: zSde,
        detail:
          `η = ${last.eta}: SGD − SDE(k=1) = ${round(p.measured.sde.value)} ± ${round(p.measured.sde.stderr)} vs −(T/6)η³S:J = ${round(p.verified.sde)} (z = ${zSde.toFixed(2)}, ${(100 * relSde).toFixed(1)}% off); ` +
          `SGD − ODE = ${round(p.measured.ode.value)} vs (T/2)η²(C−GG):H = ${round(p.verified.ode)} (printed C:H gives ${round(p.printed.ode)}); ` +
          `SGD − GD = ${round(p.measured.gd.value)} vs (T/2)η²C:H = ${round(p.verified.gd)}`,
      },
      errata: [eSde, eOde],
      seconds: (performance.now() - t0) / 1000,
    };
  },
};

function plots(r: ExperimentResult<GaussPlots>): PlotSpec[] {
  const pts = r.plots.points;
  const xs = pts.map((q) => q.eta);
  const common = { xLabel: 'learning rate η', xs };
  return [
    comparisonPlot({
      ...common,
      id: 'gauss-sde',
      title: 'SGD − SDE (k = 1)',
      yLabel: 'E l(SGD) − E l(SDE)',
      measured: { name: 'measured (95% CI)', values: pts.map((q) => q.measured.sde) },
      predictions: [
        { name: 'verified −(T/6)η³ S:J', style: 'prediction', bar: 'verified', values: pts.map((q) => q.verified.sde) },
        {
          name: 'printed (T/2)η² C:H − (T/6)η³ S:J',
          style: 'series',
          bar: 'printed',
          values: pts.map((q) => q.printed.sde),
        },
      ],
    }),
    comparisonPlot({
      ...common,
      id: 'gauss-ode',
      title: 'SGD − gradient flow',
      yLabel: 'E l(SGD) − l(ODE)',
      measured: { name: 'measured (95% CI)', values: pts.map((q) => q.measured.ode) },
      predictions: [
        {
          name: 'verified (T/2)η² (C − GG):H',
          style: 'prediction',
          bar: 'verified',
          values: pts.map((q) => q.verified.ode),
        },
        { name: 'printed (T/2)η² C:H', style: 'series', bar: 'printed', values: pts.map((q) => q.printed.ode) },
      ],
    }),
    comparisonPlot({
      ...common,
      id: 'gauss-gd',
      title: 'SGD − GD on the population loss',
      yLabel: 'E l(SGD) − l(GD)',
      measured: { name: 'measured (95% CI)', values: pts.map((q) => q.measured.gd) },
      predictions: [
        { name: '(T/2)η² C:H', style: 'prediction', bar: 'verified', values: pts.map((q) => q.verified.gd) },
      ],
    }),
  ];
}
