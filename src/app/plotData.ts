// What each plot draws, as plain data: lines, 95% bands, points with intervals and bars.
// Predictions come from the prediction context, simulations from the last run.
import type { SimResult } from '../sim/engine';
import type { AllowanceReport } from './allowance';
import type { PredictionContext } from './predictions';
import { SERIES_PLOT_ORDER } from './predictions';
import type { RunState } from './runSlice';

export interface XY { x: number; y: number }
export type LineStyle = 'prediction' | 'series' | 'reference' | 'sim';

export interface PlotSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  /** `tone` pairs a line with its band or points by colour (default: by position) */
  lines: { name: string; style: LineStyle; points: XY[]; tone?: number }[];
  /** an 'allowance' band (the prediction's truncation allowance) never sets the y range */
  bands: { name: string; points: { x: number; lo: number; hi: number }[]; tone?: number; kind?: 'allowance' }[];
  dots: { name: string; points: { x: number; y: number; lo: number; hi: number }[]; tone?: number }[];
  bars: { name: string; value: number; lo?: number; hi?: number }[];
  note?: string;
}

export const Z95 = 1.96;
export const empty = (id: string, title: string, xLabel: string, yLabel: string): PlotSpec => ({ id, title, xLabel, yLabel, lines: [], bands: [], dots: [], bars: [] });

export function logGrid(lo: number, hi: number, n = 32): number[] {
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}

const simName = (r: SimResult) => r.optimizer.toUpperCase();

/** The band of the prediction's truncation allowance, named for the legend. */
const allowanceName = (order: number) => `truncation allowance (order ${order})`;

/** `allow`: the truncation allowance of this scenario and η (drawn where it fits the curve). */
export function trajectoryPlot(ctx: PredictionContext, eta: number, run: RunState, obsLabel: string, allow: AllowanceReport | null = null): PlotSpec {
  const p = empty('trajectory', `${obsLabel} against t`, 'step t', obsLabel);
  const curve = ctx.curveAt(eta);
  const a = allow?.curve;
  if (a && a.length === curve.length && a.every((q, i) => q.t === curve[i].t)) {
    p.bands.push({ name: allowanceName(ctx.scenario.order), kind: 'allowance', points: curve.map((c, i) => ({ x: c.t, lo: c.value - a[i].value, hi: c.value + a[i].value })) });
  }
  p.lines.push({ name: 'resummed prediction', style: 'prediction', points: curve.map((c) => ({ x: c.t, y: c.value })) });
  if (curve.every((c) => c.series !== null)) {
    p.lines.push({ name: `exact series (order ${ctx.scenario.order})`, style: 'series', points: curve.map((c) => ({ x: c.t, y: c.series! })) });
  }
  run.results.forEach((r, i) => {
    if (!r || run.jobs[i].kind !== 'optimizer' || r.T !== ctx.T) return;
    const pts = r.steps.map((t, j) => ({ t, m: r.mean[j], s: r.stderr[j] ?? 0 })).filter((q) => q.m !== null) as { t: number; m: number; s: number }[];
    p.lines.push({ name: `${simName(r)} simulated mean`, style: 'sim', points: pts.map((q) => ({ x: q.t, y: q.m })) });
    p.bands.push({ name: `${simName(r)} 95% band`, points: pts.map((q) => ({ x: q.t, lo: q.m - Z95 * q.s, hi: q.m + Z95 * q.s })) });
  });
  return p;
}

function sweep(run: RunState): { eta: number; r: SimResult }[] {
  return run.results.flatMap((r, i) => {
    const j = run.jobs[i];
    return r && j.kind === 'sweep' && r.mean[r.mean.length - 1] !== null ? [{ eta: j.eta, r }] : [];
  });
}

function etaRange(eta: number, run: RunState): [number, number] {
  const s = sweep(run).map((q) => q.eta);
  return [Math.min(eta / 4, ...s), Math.max(eta * 4, ...s)];
}

/** The η values of the η plots: around the current η and over every swept η. */
export const etaGrid = (eta: number, run: RunState): number[] => logGrid(...etaRange(eta, run));

export function driftPlot(ctx: PredictionContext, eta: number, run: RunState, obsLabel: string, allow: AllowanceReport | null = null): PlotSpec {
  const p = empty('drift', `drift velocity of ${obsLabel} against η`, 'learning rate η', `(E ${obsLabel}_T − ${obsLabel}_0) / T`);
  const T = ctx.T;
  const phi0 = ctx.initial();
  const grid = etaGrid(eta, run);
  p.lines.push({ name: 'resummed prediction', style: 'prediction', points: grid.map((x) => ({ x, y: (ctx.resummed(x) - phi0) / T })) });
  const band = allowanceBand(ctx, grid, allow, (v) => (v - phi0) / T, 1 / T);
  if (band) p.bands.push(band);
  p.lines.push({ name: 'η²/6', style: 'reference', points: grid.map((x) => ({ x, y: (x * x) / 6 })) });
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

/** The allowance around the resummed prediction over the η grid (mapped like the plotted value). */
function allowanceBand(ctx: PredictionContext, grid: number[], allow: AllowanceReport | null, map: (v: number) => number, scale: number): PlotSpec['bands'][number] | null {
  if (!allow || allow.etas.length !== grid.length || allow.etas.some((x, i) => x !== grid[i])) return null;
  return {
    name: allowanceName(ctx.scenario.order),
    kind: 'allowance',
    points: grid.map((x, i) => {
      const v = map(ctx.resummed(x));
      const a = allow.atEtas[i] * scale;
      return { x, lo: v - a, hi: v + a };
    }),
  };
}

export function lossPlot(ctx: PredictionContext, eta: number, run: RunState, obsLabel: string, allow: AllowanceReport | null = null): PlotSpec {
  const p = empty('test-loss', `${obsLabel} at T against η`, 'learning rate η', `E ${obsLabel}_T`);
  const grid = etaGrid(eta, run);
  const a = ctx.series(SERIES_PLOT_ORDER);
  for (let k = 1; k <= SERIES_PLOT_ORDER; k++) {
    p.lines.push({
      name: `series, order ${k}`,
      style: 'series',
      points: grid.map((x) => ({ x, y: a.slice(0, k + 1).reduceRight((acc, c) => acc * x + c, 0) })),
    });
  }
  p.lines.push({ name: 'resummed prediction', style: 'prediction', points: grid.map((x) => ({ x, y: ctx.resummed(x) })) });
  const band = allowanceBand(ctx, grid, allow, (v) => v, 1);
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

export function optimizerPlot(ctx: PredictionContext, eta: number, run: RunState, obsLabel: string): PlotSpec {
  const p = empty('optimizers', `${obsLabel} at T by optimizer`, 'optimizer', `E ${obsLabel}_T`);
  run.results.forEach((r, i) => {
    if (!r || run.jobs[i].kind !== 'optimizer') return;
    const m = r.mean[r.mean.length - 1];
    if (m === null) return;
    const s = r.stderr[r.stderr.length - 1] ?? 0;
    p.bars.push({ name: simName(r), value: m, lo: m - Z95 * s, hi: m + Z95 * s });
  });
  p.bars.push({ name: 'SGD prediction', value: ctx.resummed(eta) });
  return p;
}

export function contributionPlot(ctx: PredictionContext, eta: number): PlotSpec {
  const p = empty('diagrams', 'resummed contribution per diagram', 'diagram', 'contribution');
  p.bars = ctx
    .contributions(eta)
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
