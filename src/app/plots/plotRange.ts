// A plot's y range follows what must be seen — the simulation and the resummed prediction —
// never a diverging series: the other curves are clipped, and where a curve first leaves the
// range is found so the plot can mark it and the legend can say so.
import type { PlotSpec, XY } from './plotData';

export interface Range {
  lo: number;
  hi: number;
}

/** Lines whose values set the y range (a series or a reference line never does). */
export const anchorsRange = (style: PlotSpec['lines'][number]['style']): boolean =>
  style === 'prediction' || style === 'sim';

const ok = (v: number, log: boolean | undefined) => Number.isFinite(v) && (!log || v > 0);

/** The values the y axis must show; with none of them, everything drawn. */
export function rangeValues(p: PlotSpec): number[] {
  const anchors = [
    ...p.lines.filter((l) => anchorsRange(l.style)).flatMap((l) => l.points.map((q) => q.y)),
    ...p.bands.filter((b) => b.kind !== 'allowance').flatMap((b) => b.points.flatMap((q) => [q.lo, q.hi])),
    ...p.dots.flatMap((d) => d.points.flatMap((q) => [q.lo, q.hi])),
    ...(p.ends ?? []).map((e) => e.y),
    ...p.bars.filter((b) => b.lo !== undefined).flatMap((b) => [b.value, b.lo!, b.hi!, 0]),
  ].filter((v) => ok(v, p.yLog));
  if (anchors.length) return anchors;
  return [...p.lines.flatMap((l) => l.points.map((q) => q.y)), ...p.bars.flatMap((b) => [b.value, 0])].filter((v) =>
    ok(v, p.yLog),
  );
}

export interface Exit {
  /** where the curve crosses the range's edge (x interpolated, y on the edge) */
  x: number;
  y: number;
  side: 'above' | 'below';
  /** the curve is outside from its first point on */
  atStart: boolean;
}

/**
 * Where a curve first leaves [lo, hi] (points in increasing x); null if it stays inside. A curve
 * that starts outside leaves at its first point. Interpolation is in the axes' own coordinates.
 */
export function firstExit(points: readonly XY[], r: Range, xLog?: boolean, yLog?: boolean): Exit | null {
  const fx = (x: number) => (xLog ? Math.log(x) : x);
  const gx = (u: number) => (xLog ? Math.exp(u) : u);
  const fy = (y: number) => (yLog ? Math.log(Math.max(y, Number.MIN_VALUE)) : y);
  const outside = (y: number) => !Number.isFinite(y) || y > r.hi || y < r.lo || (yLog && y <= 0);
  const side = (y: number): Exit['side'] => (y > r.hi || y === Infinity ? 'above' : 'below');
  for (let i = 0; i < points.length; i++) {
    const q = points[i];
    if (!outside(q.y)) continue;
    const edge = side(q.y) === 'above' ? r.hi : r.lo;
    if (i === 0) return { x: q.x, y: edge, side: side(q.y), atStart: true };
    if (!Number.isFinite(q.y) || (yLog && q.y <= 0))
      return { x: points[i - 1].x, y: edge, side: side(q.y), atStart: false };
    const p = points[i - 1];
    const f = (fy(edge) - fy(p.y)) / (fy(q.y) - fy(p.y));
    return { x: gx(fx(p.x) + f * (fx(q.x) - fx(p.x))), y: edge, side: side(q.y), atStart: false };
  }
  return null;
}

/** The symbol of the x axis for legends ("learning rate η" → "η"). */
export const xSymbol = (xLabel: string): string => xLabel.trim().split(/\s+/).pop() ?? 'x';
