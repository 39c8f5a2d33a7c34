import { describe, expect, it } from 'vitest';
import { empty } from './plotData';
import { firstExit, rangeValues, xSymbol } from './plotRange';

describe('plot ranges', () => {
  it('follow the simulation and the prediction, never a series or a reference line', () => {
    const p = empty('test-loss', 't', 'learning rate η', 'y');
    p.lines.push({
      name: 'series, order 4',
      style: 'series',
      points: [
        { x: 0.1, y: 1 },
        { x: 0.4, y: -6e6 },
      ],
    });
    p.lines.push({ name: 'η²/6', style: 'reference', points: [{ x: 0.1, y: 50 }] });
    p.lines.push({
      name: 'resummed prediction',
      style: 'prediction',
      points: [
        { x: 0.1, y: 1 },
        { x: 0.4, y: 2 },
      ],
    });
    p.dots.push({ name: 'SGD', points: [{ x: 0.2, y: 1.5, lo: 1.4, hi: 1.6 }] });
    p.bands.push({ name: 'allowance', kind: 'allowance', points: [{ x: 0.4, lo: -1e9, hi: 1e9 }] });
    expect(Math.min(...rangeValues(p))).toBe(1);
    expect(Math.max(...rangeValues(p))).toBe(2);
  });

  it('optimizers: simulated bars set the range, a diverging prediction bar does not', () => {
    const p = empty('optimizers', 't', 'optimizer', 'y');
    p.bars.push({ name: 'SGD', value: 1.2, lo: 1.1, hi: 1.3 }, { name: 'SGD prediction', value: 4e6 });
    expect(Math.max(...rangeValues(p))).toBe(1.3);
    expect(Math.min(...rangeValues(p))).toBe(0);
    // before any run the prediction is all there is to show
    expect(rangeValues({ ...p, bars: [p.bars[1]] })).toEqual([4e6, 0]);
  });

  it('drift: the η²/6 reference line never sets the range', () => {
    const p = empty('drift', 't', 'learning rate η', 'y');
    p.lines.push({ name: 'resummed prediction', style: 'prediction', points: [{ x: 0.1, y: 0.002 }] });
    p.lines.push({ name: 'η²/6', style: 'reference', points: [{ x: 10, y: 16.7 }] });
    expect(rangeValues(p)).toEqual([0.002]);
  });

  it('fall back to every curve when nothing anchors them', () => {
    const p = empty('x', 't', 'step t', 'y');
    p.lines.push({
      name: 'series',
      style: 'series',
      points: [
        { x: 0, y: 3 },
        { x: 1, y: 5 },
      ],
    });
    expect(rangeValues(p)).toEqual([3, 5]);
  });

  it('skip values a log axis cannot show', () => {
    const p = empty('x', 't', 'step t', 'y');
    p.yLog = true;
    p.lines.push({
      name: 'resummed prediction',
      style: 'prediction',
      points: [
        { x: 0, y: -1 },
        { x: 1, y: 5 },
      ],
    });
    expect(rangeValues(p)).toEqual([5]);
  });
});

describe('where a curve leaves the range', () => {
  const r = { lo: 0, hi: 10 };
  it('interpolates the crossing on linear axes', () => {
    expect(
      firstExit(
        [
          { x: 0, y: 5 },
          { x: 1, y: 8 },
          { x: 2, y: 14 },
          { x: 3, y: 5 },
        ],
        r,
      ),
    ).toEqual({ x: 4 / 3, y: 10, side: 'above', atStart: false });
    expect(
      firstExit(
        [
          { x: 0, y: 5 },
          { x: 1, y: -5 },
        ],
        r,
      ),
    ).toEqual({ x: 0.5, y: 0, side: 'below', atStart: false });
  });

  it('interpolates in log η on a log axis', () => {
    const e = firstExit(
      [
        { x: 0.01, y: 5 },
        { x: 1, y: 15 },
      ],
      r,
      true,
    )!;
    expect(e.x).toBeCloseTo(Math.exp(Math.log(0.01) + 0.5 * (Math.log(1) - Math.log(0.01))), 12);
  });

  it('a curve that starts outside leaves at its first point; one that stays inside never leaves', () => {
    expect(
      firstExit(
        [
          { x: 2, y: 50 },
          { x: 3, y: 5 },
        ],
        r,
      ),
    ).toEqual({ x: 2, y: 10, side: 'above', atStart: true });
    expect(
      firstExit(
        [
          { x: 2, y: 5 },
          { x: 3, y: 6 },
        ],
        r,
      ),
    ).toBeNull();
    expect(
      firstExit(
        [
          { x: 2, y: 5 },
          { x: 3, y: NaN },
        ],
        r,
      ),
    ).toEqual({ x: 2, y: 0, side: 'below', atStart: false });
  });

  it('names the x axis by its symbol', () => {
    expect(xSymbol('learning rate η')).toBe('η');
    expect(xSymbol('step t')).toBe('t');
  });
});
