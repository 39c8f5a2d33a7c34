// Building blocks for the experiment plots: measured values with their 95% intervals, bar
// charts of measured-against-predicted, and comparisons along a swept parameter.
import type { Measured } from './common';
import { empty, Z95, type LineStyle, type PlotSpec, type XY } from './plotSpec';

export type { Measured };

export const interval = (m: Measured) => ({ lo: m.value - Z95 * m.stderr, hi: m.value + Z95 * m.stderr });

/** A number for a series name: three significant digits, no trailing zeros. */
export const short = (x: number): string => String(Number(x.toPrecision(3)));

export interface BarItem {
  name: string;
  /** measured: drawn with its 95% interval */
  measured?: Measured;
  value?: number;
}

export function barPlot(id: string, title: string, yLabel: string, items: BarItem[], note?: string): PlotSpec {
  const p = empty(id, title, '', yLabel);
  for (const it of items) {
    if (it.measured) p.bars.push({ name: it.name, value: it.measured.value, ...interval(it.measured) });
    else if (it.value !== undefined && Number.isFinite(it.value)) p.bars.push({ name: it.name, value: it.value });
  }
  if (note) p.note = note;
  return p;
}

export interface Comparison {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xs: number[];
  measured: { name: string; values: Measured[] };
  predictions: { name: string; style: LineStyle; values: number[]; bar: string }[];
}

/** Measured points against prediction lines along x; with a single x, a bar chart instead. */
export function comparisonPlot(c: Comparison): PlotSpec {
  if (c.xs.length < 2) {
    return barPlot(c.id, `${c.title} at ${c.xLabel.split(' ').pop()} = ${short(c.xs[0])}`, c.yLabel, [
      { name: 'measured', measured: c.measured.values[0] },
      ...c.predictions.map((q) => ({ name: q.bar, value: q.values[0] })),
    ]);
  }
  const p = empty(c.id, c.title, c.xLabel, c.yLabel);
  for (const q of c.predictions)
    p.lines.push({ name: q.name, style: q.style, points: c.xs.map((x, i) => ({ x, y: q.values[i] })) });
  p.dots.push({
    name: c.measured.name,
    points: c.xs.map((x, i) => ({ x, y: c.measured.values[i].value, ...interval(c.measured.values[i]) })),
  });
  return p;
}

/** Log y when every prediction is positive; a measured point ≤ 0 (noise) sits on the bottom edge. */
export function logYWherePossible(p: PlotSpec): PlotSpec {
  p.yLog = p.lines.every((l) => l.points.every((q) => q.y > 0));
  const below = p.dots.flatMap((d) => d.points).filter((q) => q.y <= 0).length;
  const note = !p.yLog
    ? 'some predictions are ≤ 0, so the y axis is linear'
    : below
      ? `${below} measured point${below > 1 ? 's are' : ' is'} ≤ 0, drawn on the bottom edge`
      : '';
  if (note) p.note = [p.note, note].filter(Boolean).join('; ');
  return p;
}

/** A vertical marker from the lowest to the highest value drawn. */
export function marker(p: PlotSpec, x: number, name: string): void {
  const ys = p.lines.flatMap((l) => l.points.map((q) => q.y)).filter(Number.isFinite);
  const pts: XY[] = [
    { x, y: Math.min(...ys) },
    { x, y: Math.max(...ys) },
  ];
  p.lines.push({ name, style: 'reference', points: pts });
}

/** A trajectory with its 95% band (mean ± 1.96 s.e. at each recorded step). */
export function trajectory(
  p: PlotSpec,
  tone: number,
  label: string,
  steps: number[],
  mean: number[],
  stderr: number[],
): void {
  p.bands.push({
    name: `95% band, ${label}`,
    tone,
    points: steps.map((x, i) => ({ x, lo: mean[i] - Z95 * stderr[i], hi: mean[i] + Z95 * stderr[i] })),
  });
  p.lines.push({
    name: `simulated mean, ${label}`,
    style: 'sim',
    tone,
    points: steps.map((x, i) => ({ x, y: mean[i] })),
  });
}
