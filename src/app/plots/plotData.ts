// What each plot draws, as plain data: lines, 95% bands, points with intervals and bars.
// Predictions come from the prediction worker's numbers, simulations from the last run: every
// result the run passed in is drawn, so pass the run as comparableRun (staleness.ts) leaves it for
// the prediction's settings.
import type { SimResult } from '../../sim/engine';
import type { AllowanceReport } from '../derived/allowance';
import type { PlotPredictions } from '../workers/predictionJob';
import { SERIES_PLOT_ORDER } from '../derived/predictions';
import type { RunState } from '../state/runSlice';

export { empty, logGrid, Z95, type LineStyle, type PlotSpec, type SimEnd, type XY } from '../../experiments/plotSpec';
import { empty, logGrid, Z95, type PlotSpec, type SimEnd } from '../../experiments/plotSpec';
import type { DriftLaw } from '../../landscape/builtins';

const simName = (r: SimResult) => r.optimizer.toUpperCase();

/** The band of the prediction's truncation allowance, named for the legend. */
const allowanceName = (order: number) => `truncation allowance (order ${order})`;

/** `allow`: the truncation allowance of this scenario and η (drawn where it fits the curve). */
export function trajectoryPlot(
  pred: PlotPredictions,
  run: RunState,
  obsLabel: string,
  allow: AllowanceReport | null = null,
): PlotSpec {
  const p = empty('trajectory', `${obsLabel} against t`, 'step t', obsLabel);
  const ends: SimEnd[] = [];
  const curve = need(pred.curve, 'curve');
  const a = allow?.curve;
  if (a && a.length === curve.length && a.every((q, i) => q.t === curve[i].t)) {
    p.bands.push({
      name: allowanceName(pred.order),
      kind: 'allowance',
      points: curve.map((c, i) => ({ x: c.t, lo: c.value - a[i].value, hi: c.value + a[i].value })),
    });
  }
  p.lines.push({
    name: 'resummed prediction',
    style: 'prediction',
    points: curve.map((c) => ({ x: c.t, y: c.value })),
  });
  if (curve.every((c) => c.series !== null)) {
    p.lines.push({
      name: `exact series (order ${pred.order})`,
      style: 'series',
      points: curve.map((c) => ({ x: c.t, y: c.series! })),
    });
  }
  run.results.forEach((r, i) => {
    if (!r || run.jobs[i].kind !== 'optimizer') return;
    // the mean is drawn up to the last step where every trajectory was still finite
    const pts: { t: number; m: number; s: number }[] = [];
    for (let j = 0; j < r.steps.length && r.mean[j] !== null; j++)
      pts.push({ t: r.steps[j], m: r.mean[j]!, s: r.stderr[j] ?? 0 });
    p.lines.push({ name: `${simName(r)} simulated mean`, style: 'sim', points: pts.map((q) => ({ x: q.t, y: q.m })) });
    p.bands.push({
      name: `${simName(r)} 95% band`,
      points: pts.map((q) => ({ x: q.t, lo: q.m - Z95 * q.s, hi: q.m + Z95 * q.s })),
    });
    if (r.diverged > 0 && r.firstDiverged !== null) {
      const last = pts[pts.length - 1];
      ends.push({
        name: simName(r),
        x: last ? last.t : 0,
        y: last ? last.m : pred.initial,
        diverged: r.diverged,
        firstDiverged: r.firstDiverged,
      });
    }
  });
  if (ends.length) {
    p.ends = ends;
    p.note = ends.map(divergedNote).join('; ');
  }
  return p;
}

export const divergedNote = (e: SimEnd): string =>
  `${e.name}: ${e.diverged} trajector${e.diverged === 1 ? 'y' : 'ies'} diverged, the first at step ${e.firstDiverged}; the simulated mean stops there (×)`;

function need<T>(v: T | null, what: string): T {
  if (v === null) throw new Error(`internal: the prediction has no ${what} for this plot`);
  return v;
}

function sweep(run: RunState): { eta: number; r: SimResult }[] {
  return run.results.flatMap((r, i) => {
    const j = run.jobs[i];
    return r && j.kind === 'sweep' && r.mean[r.mean.length - 1] !== null ? [{ eta: j.eta, r }] : [];
  });
}

/** The η range of the plots against η: the current η ×/÷ 4, widened to the last run's sweep. */
export function etaRange(eta: number, run: RunState): [number, number] {
  const s = sweep(run).map((q) => q.eta);
  return [Math.min(eta / 4, ...s), Math.max(eta * 4, ...s)];
}

/** Points of the η grid in the plots against η. */
export const ETA_GRID_POINTS = 32;

/** The η values of the η plots: around the current η and over every swept η. */
export const etaGrid = (eta: number, run: RunState): number[] => logGrid(...etaRange(eta, run), ETA_GRID_POINTS);

/** The allowance around the resummed prediction over the η grid (mapped like the plotted value). */
function allowanceBand(
  pred: PlotPredictions,
  grid: number[],
  values: number[],
  allow: AllowanceReport | null,
  map: (v: number) => number,
  scale: number,
): PlotSpec['bands'][number] | null {
  if (!allow || allow.etas.length !== grid.length || allow.etas.some((x, i) => x !== grid[i])) return null;
  return {
    name: allowanceName(pred.order),
    kind: 'allowance',
    points: grid.map((x, i) => {
      const v = map(values[i]);
      const a = allow.atEtas[i] * scale;
      return { x, lo: v - a, hi: v + a };
    }),
  };
}

/** `reference`: the landscape's own leading-order drift law, drawn only where it defines one. */
export function driftPlot(
  pred: PlotPredictions,
  run: RunState,
  obsLabel: string,
  allow: AllowanceReport | null = null,
  reference: DriftLaw | null = null,
): PlotSpec {
  const p = empty(
    'drift',
    `drift velocity of ${obsLabel} against η`,
    'learning rate η',
    `(E ${obsLabel}_T − ${obsLabel}_0) / T`,
  );
  const { T, initial: phi0 } = pred;
  const grid = need(pred.etaGrid, 'η grid');
  const values = need(pred.resummedGrid, 'η grid');
  p.lines.push({
    name: 'resummed prediction',
    style: 'prediction',
    points: grid.map((x, i) => ({ x, y: (values[i] - phi0) / T })),
  });
  const band = allowanceBand(pred, grid, values, allow, (v) => (v - phi0) / T, 1 / T);
  if (band) p.bands.push(band);
  if (reference) {
    const law = (x: number) => reference.coefficients.reduceRight((acc, c) => acc * x + c, 0);
    p.lines.push({ name: reference.label, style: 'reference', points: grid.map((x) => ({ x, y: law(x) })) });
  }
  p.dots.push({
    name: 'SGD simulated (95% CI)',
    points: sweep(run).map(({ eta: x, r }) => {
      const m = (r.mean[r.mean.length - 1]! - phi0) / T;
      const s = (r.stderr[r.stderr.length - 1] ?? 0) / T;
      return { x, y: m, lo: m - Z95 * s, hi: m + Z95 * s };
    }),
  });
  p.xLog = true;
  const ys = [...p.lines[0].points.map((q) => q.y), ...p.dots[0].points.map((q) => q.lo)];
  p.yLog = ys.every((y) => y > 0);
  if (!p.yLog) p.note = 'some values are ≤ 0, so the y axis is linear';
  return p;
}

export function lossPlot(
  pred: PlotPredictions,
  run: RunState,
  obsLabel: string,
  allow: AllowanceReport | null = null,
): PlotSpec {
  const p = empty('at-T', `${obsLabel} at T against η`, 'learning rate η', `E ${obsLabel}_T`);
  const grid = need(pred.etaGrid, 'η grid');
  const values = need(pred.resummedGrid, 'η grid');
  const a = need(pred.seriesPlot, 'series');
  for (let k = 1; k <= SERIES_PLOT_ORDER; k++) {
    p.lines.push({
      name: `series, order ${k}`,
      style: 'series',
      points: grid.map((x) => ({ x, y: a.slice(0, k + 1).reduceRight((acc, c) => acc * x + c, 0) })),
    });
  }
  p.lines.push({ name: 'resummed prediction', style: 'prediction', points: grid.map((x, i) => ({ x, y: values[i] })) });
  const band = allowanceBand(pred, grid, values, allow, (v) => v, 1);
  if (band) p.bands.push(band);
  p.dots.push({
    name: 'SGD simulated (95% CI)',
    points: sweep(run).map(({ eta: x, r }) => {
      const m = r.mean[r.mean.length - 1]!;
      const s = r.stderr[r.stderr.length - 1] ?? 0;
      return { x, y: m, lo: m - Z95 * s, hi: m + Z95 * s };
    }),
  });
  p.xLog = true;
  return p;
}

export function optimizerPlot(pred: PlotPredictions, run: RunState, obsLabel: string): PlotSpec {
  const p = empty('optimizers', `${obsLabel} at T by optimizer`, 'optimizer', `E ${obsLabel}_T`);
  const notes: string[] = [];
  run.results.forEach((r, i) => {
    if (!r || run.jobs[i].kind !== 'optimizer') return;
    const m = r.mean[r.mean.length - 1];
    if (m === null) {
      notes.push(
        `${simName(r)}: ${r.diverged} of ${r.trajectories} trajectories diverged (from step ${r.firstDiverged}), no mean at T`,
      );
      return;
    }
    const s = r.stderr[r.stderr.length - 1] ?? 0;
    p.bars.push({ name: simName(r), value: m, lo: m - Z95 * s, hi: m + Z95 * s });
  });
  p.bars.push({ name: 'SGD prediction', value: pred.headline });
  if (notes.length) p.note = notes.join('; ');
  return p;
}

export function contributionPlot(pred: PlotPredictions): PlotSpec {
  const p = empty('diagrams', 'resummed contribution per diagram', 'diagram', 'contribution');
  p.bars = need(pred.contributions, 'contributions')
    .filter((c) => c.value !== 0)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .slice(0, 16)
    .map((c) => ({ name: c.diagram, value: c.value }));
  return p;
}

/** The plot's data as CSV: one row per drawn value. */
export function plotCSV(p: PlotSpec): string {
  const rows = ['series,x,y,lo,hi'];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  for (const l of p.lines) for (const pt of l.points) rows.push(`${q(l.name)},${pt.x},${pt.y},,`);
  for (const b of p.bands) for (const pt of b.points) rows.push(`${q(b.name)},${pt.x},,${pt.lo},${pt.hi}`);
  for (const d of p.dots) for (const pt of d.points) rows.push(`${q(d.name)},${pt.x},${pt.y},${pt.lo},${pt.hi}`);
  for (const b of p.bars) rows.push(`${q(b.name)},,${b.value},${b.lo ?? ''},${b.hi ?? ''}`);
  return rows.join('\n') + '\n';
}

/**
 * The spread of a formula observable φ against t: the predicted band E φ ± √Var φ against the
 * simulated mean ± the sample s.d. across trajectories. With the variance observable the runs
 * report Var φ: its square root is drawn against the band's half-width.
 */
export function spreadPlot(pred: PlotPredictions, run: RunState): PlotSpec {
  const sp = need(pred.spread, 'spread');
  const { phi } = sp;
  const p = empty('spread', `spread of ${phi} against t: predicted band against the simulation`, 'step t', phi);
  p.lines.push({
    name: `E ${phi} (resummed)`,
    style: 'prediction',
    tone: 0,
    points: sp.points.map((q) => ({ x: q.t, y: q.mean })),
  });
  p.bands.push({
    name: 'predicted ± 1 s.d. (√Var, resummed)',
    tone: 0,
    points: sp.points.map((q) => ({ x: q.t, lo: q.mean - q.sd, hi: q.mean + q.sd })),
  });
  if (sp.variance) {
    p.lines.push({
      name: 'predicted s.d. (√Var, resummed)',
      style: 'series',
      tone: 0,
      points: sp.points.map((q) => ({ x: q.t, y: q.sd })),
    });
  }
  run.results.forEach((r, i) => {
    if (!r || run.jobs[i].kind !== 'optimizer') return;
    const pts: { t: number; m: number; s: number }[] = [];
    for (let j = 0; j < r.steps.length && r.mean[j] !== null; j++) {
      pts.push({ t: r.steps[j], m: r.mean[j]!, s: (r.stderr[j] ?? 0) * Math.sqrt(r.finite[j]) });
    }
    if (sp.variance) {
      const sd = pts.map((q) => ({ x: q.t, y: Math.sqrt(Math.max(0, q.m)) }));
      p.lines.push({ name: `${simName(r)} simulated s.d.`, style: 'sim', tone: 1 + i, points: sd });
      return;
    }
    p.lines.push({
      name: `${simName(r)} simulated mean`,
      style: 'sim',
      tone: 1 + i,
      points: pts.map((q) => ({ x: q.t, y: q.m })),
    });
    p.bands.push({
      name: `${simName(r)} simulated ± 1 s.d.`,
      tone: 1 + i,
      points: pts.map((q) => ({ x: q.t, lo: q.m - q.s, hi: q.m + q.s })),
    });
  });
  if (sp.variance) p.note = `the runs report Var ${phi}: its square root is drawn beside the predicted s.d.`;
  return p;
}
