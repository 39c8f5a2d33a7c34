// ARCHIMEDES with a tensor learning rate P = diag(p_u, p_v, p_z) (theory.md §5b): the drift
// along the valley becomes (η²/2)·p_z·p_u·p_v/(2p_u + p_v) per step — linear in the flat
// direction's rate, saturating in the curved ones. With p_u = p_v = p it is η²·p·p_z/6 and the
// (u, v) problem stays rotation invariant as z moves, so the velocity holds along the whole run.
import { ARCHIMEDES } from '../landscape/builtins';
import { PredictionModel } from '../landscape/predict';
import { preconditionedDriftVelocity, tensorsOf } from '../theory/corollaries';
import { landscapeFields, type Measured, type ParsedScenario, round, scenario, simulate, Z_PASS } from './common';
import { barPlot, short, trajectory } from './plotKit';
import { empty, type PlotSpec } from './plotSpec';
import type { Experiment, ExperimentResult } from './types';

const land = landscapeFields(ARCHIMEDES);

const drift = (T: number, eta: number, P?: number[]): ParsedScenario =>
  scenario({
    ...land,
    schedule: { N: T, B: 1, epochs: 1, shuffle: false },
    observable: { weight: 'z' },
    order: 3,
    eta,
    ...(P ? { preconditioner: P } : {}),
  });

/** The diagonals compared: the scalar rate, then each factor of p·p_z moved alone and together. */
const PRECONDITIONERS: readonly number[][] = [
  [1, 1, 1],
  [1, 1, 3],
  [0.5, 0.5, 1],
  [2, 2, 0.5],
];

interface Run {
  P: number[];
  steps: number[];
  mean: number[];
  stderr: number[];
  resummedOrder3: number[];
  velocity: Measured;
  resummedVelocity: number;
  leadingOrder: number;
}

interface PreconditionedPlots {
  meanZ: { P: number[]; steps: number[]; mean: number[]; stderr: number[]; resummedOrder3: number[] }[];
  velocity: { P: number[]; measured: Measured; resummedOrder3: number; leadingOrder: number }[];
  ratios: { P: number[]; measured: number; leadingOrder: number }[];
}

export const archimedesPreconditioned: Experiment<PreconditionedPlots> = {
  name: 'archimedes-preconditioned',
  title: 'ARCHIMEDES with a preconditioner: how the drift velocity depends on P',
  claim:
    'With per-coordinate learning rates P = diag(p_u, p_v, p_z), SGD drifts along the valley at (η²/2)·p_z·p_u·p_v/(2p_u + p_v) per step (η²/6 for P = I).',
  // the paper prints no form with P: nothing to correct
  errata: [],
  plots,
  async run(ctx) {
    const t0 = performance.now();
    const quick = ctx.quick;
    const eta = 0.1;
    const T = quick ? 1000 : 10_000;
    const K = quick ? 2 ** 13 : 2 ** 16;
    const record = quick ? 11 : 21;
    const t = tensorsOf(new PredictionModel(drift(T, eta)).law);
    const runs: Run[] = [];
    let engine = '';
    let adapter = '';
    for (const [i, P] of PRECONDITIONERS.entries()) {
      ctx.onProgress?.(i / PRECONDITIONERS.length, `P = diag(${P.join(', ')})`);
      const sc = drift(T, eta, P);
      const r = await simulate(ctx, sc, { trajectories: K, record });
      engine = r.result.engine;
      adapter = r.result.adapter;
      const steps = r.result.steps;
      const mean = r.result.mean as number[];
      const stderr = r.result.stderr as number[];
      // one resummed model gives every prefix of a one-epoch schedule
      const model = new PredictionModel(sc).resummed();
      const resummedOrder3 = steps.map((s) => (s === 0 ? 0 : model.evaluateAt(eta, s)));
      const h = steps.indexOf(T / 2);
      const span = T - steps[h];
      const last = steps.length - 1;
      runs.push({
        P,
        steps,
        mean,
        stderr,
        resummedOrder3,
        // the second half, after the transient of length ~1/(ηpH)
        velocity: {
          value: (mean[last] - mean[h]) / span,
          stderr: Math.hypot(stderr[last], stderr[h]) / span,
        },
        resummedVelocity: (resummedOrder3[last] - resummedOrder3[h]) / span,
        leadingOrder: preconditionedDriftVelocity(t, P, 2, eta),
      });
    }
    // each run against the resummed prediction (4 s.e. + 5% for the terms beyond order 3), and
    // the ratios to P = I against the leading-order ratios p·p_z
    const checks = runs.map(
      (r) =>
        Math.abs(r.velocity.value - r.resummedVelocity) <
        Z_PASS * r.velocity.stderr + 0.05 * Math.abs(r.resummedVelocity),
    );
    const base = runs[0];
    const ratios = runs.map((r) => ({
      P: r.P,
      measured: r.velocity.value / base.velocity.value,
      leadingOrder: r.leadingOrder / base.leadingOrder,
    }));
    const ratioOk = ratios.every((q) => Math.abs(q.measured / q.leadingOrder - 1) < 0.15);
    const worst = runs.reduce((a, r) => {
      const z = (r.velocity.value - r.resummedVelocity) / r.velocity.stderr;
      return Math.abs(z) > Math.abs(a) ? z : a;
    }, 0);
    return {
      experiment: 'archimedes-preconditioned',
      title: this.title,
      quick,
      engine,
      adapter,
      params: { eta, T, trajectories: K, record, preconditioners: PRECONDITIONERS },
      plots: {
        meanZ: runs.map((r) => ({
          P: r.P,
          steps: r.steps,
          mean: r.mean,
          stderr: r.stderr,
          resummedOrder3: r.resummedOrder3,
        })),
        velocity: runs.map((r) => ({
          P: r.P,
          measured: r.velocity,
          resummedOrder3: r.resummedVelocity,
          leadingOrder: r.leadingOrder,
        })),
        ratios,
      },
      verdict: {
        pass: checks.every(Boolean) && ratioOk,
        z: worst,
        detail:
          runs
            .map(
              (r) =>
                `P = diag(${r.P.join(', ')}): ${round(r.velocity.value)} ± ${round(r.velocity.stderr)} per step, resummed ${round(r.resummedVelocity)}, leading order ${round(r.leadingOrder)}`,
            )
            .join('; ') +
          `; velocity ratios to P = I ${ratios.map((q) => q.measured.toFixed(2)).join(', ')} against p·p_z = ${ratios.map((q) => q.leadingOrder.toFixed(2)).join(', ')} (allowed 15%: O(ηpH) terms)`,
      },
      errata: [],
      seconds: (performance.now() - t0) / 1000,
    };
  },
};

function plots(r: ExperimentResult<PreconditionedPlots>): PlotSpec[] {
  const d = r.plots;
  const label = (P: number[]) => `P = diag(${P.map(short).join(', ')})`;
  const meanZ = empty(
    'archimedes-p-mean-z',
    'mean z(t) per preconditioner, 95% band, against the resummed prediction with P',
    'step t',
    'E z_t',
  );
  d.meanZ.forEach((c, i) => {
    trajectory(meanZ, i, label(c.P), c.steps, c.mean, c.stderr);
    meanZ.lines.push({
      name: `resummed (order 3), ${label(c.P)}`,
      style: 'prediction',
      tone: i,
      points: c.steps.map((x, j) => ({ x, y: c.resummedOrder3[j] })),
    });
  });
  const bars = d.velocity.flatMap((q) => [
    { name: `${label(q.P)}: measured`, measured: q.measured },
    { name: `${label(q.P)}: (η²/2)p_z p_u p_v/(2p_u+p_v)`, value: q.leadingOrder },
  ]);
  return [
    meanZ,
    barPlot(
      'archimedes-p-velocity',
      'drift velocity along the valley against the leading order with P',
      'Δz per step',
      bars,
    ),
  ];
}
