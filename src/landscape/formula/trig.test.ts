import { describe, expect, it } from 'vitest';
import { evaluate, type Expr } from './ast';
import { parseFormula } from './parse';
import { printExpr } from './print';
import { shareShiftedTrig } from './trig';

const countCalls = (e: Expr, fn: string): number =>
  e.kind === 'call'
    ? (e.fn === fn ? 1 : 0) + countCalls(e.arg, fn)
    : e.kind === 'neg'
      ? countCalls(e.arg, fn)
      : e.kind === 'bin'
        ? countCalls(e.left, fn) + countCalls(e.right, fn)
        : 0;

describe('shareShiftedTrig', () => {
  it('rewrites sin/cos of z ± c by angle addition when sin z or cos z is computed too', () => {
    const src = '0.5*(u^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v) + cos(2 + z)*sin(z + 1.5)';
    const [e] = shareShiftedTrig([parseFormula(src)]);
    const text = printExpr(e);
    expect(text).not.toMatch(/(sin|cos)\([^()]*[+-]/); // every argument is now plain z
    expect(countCalls(e, 'sin') + countCalls(e, 'cos')).toBeGreaterThan(0);
    for (const z of [-7.3, -1, 0, 0.4, 2.5, 31]) {
      const env = { u: 0.3, v: -1.2, x: 0.7, z };
      expect(evaluate(e, env)).toBeCloseTo(evaluate(parseFormula(src), env), 12);
    }
  });

  it('leaves a shifted argument alone when its base is not otherwise computed', () => {
    const src = 'sin(z - 1) + cos(w)*sin(3*z)';
    const [e] = shareShiftedTrig([parseFormula(src)]);
    expect(printExpr(e)).toBe(printExpr(parseFormula(src)));
  });

  it('shares across the expressions of one set only', () => {
    const [a, b] = shareShiftedTrig([parseFormula('sin(z + 2)'), parseFormula('cos(z)')]);
    expect(printExpr(a)).not.toContain('z + 2');
    expect(printExpr(b)).toBe('cos(z)');
    const [alone] = shareShiftedTrig([parseFormula('sin(z + 2)')]);
    expect(printExpr(alone)).toBe('sin(z + 2)');
  });
});
