import { describe, expect, it } from 'vitest';
import { evaluate, exprSize, num, variable, type Expr } from './ast';
import { diff, gradient, hessian } from './diff';
import { parseFormula, printExpr } from './parse';
import { sAdd, sDiv, sMul, sNeg, sPow, sSub } from './simplify';
import { randomExpr, rng } from '../testing/randomExpr';

const d = (src: string, name: string): string => printExpr(diff(parseFormula(src), name));

/** Central finite difference of order 4 (error O(h^4)). */
function fd4(e: Expr, env: Record<string, number>, name: string, h: number): number {
  const at = (t: number): number => evaluate(e, { ...env, [name]: env[name] + t });
  return (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
}

/**
 * A finite-difference derivative, or null where the formula oscillates too fast for one to be
 * trusted (two step sizes disagree).
 */
function fd(e: Expr, env: Record<string, number>, name: string): number | null {
  const a = fd4(e, env, name, 1e-3);
  const b = fd4(e, env, name, 5e-4);
  return Math.abs(a - b) <= 1e-8 * Math.max(1, Math.abs(a)) ? b : null;
}

/** Checks exact against finite differences; returns false when the comparison was skipped. */
function agrees(exact: number, e: Expr, env: Record<string, number>, name: string, what: string): boolean {
  const approx = fd(e, env, name);
  if (approx === null) return false;
  expect(Math.abs(exact - approx), what).toBeLessThan(1e-6 * Math.max(1, Math.abs(exact)));
  return true;
}

describe('folding constructors', () => {
  const x = variable('x');
  it('apply the 0/1 identities and fold numbers', () => {
    expect(sAdd(num(0), x)).toBe(x);
    expect(sMul(num(1), x)).toBe(x);
    expect(sMul(x, num(0))).toEqual(num(0));
    expect(sPow(x, num(1))).toBe(x);
    expect(sPow(x, num(0))).toEqual(num(1));
    expect(sNeg(sNeg(x))).toBe(x);
    expect(sSub(x, x)).toEqual(num(0));
    expect(sDiv(num(0), x)).toEqual(num(0));
    expect(sMul(num(2), sMul(num(3), x))).toEqual(sMul(num(6), x));
    expect(printExpr(sAdd(x, num(-2)))).toBe('x - 2');
    expect(printExpr(sMul(num(-3), x))).toBe('-(3*x)');
  });
  it('never folds to a non-finite number', () => {
    expect(printExpr(sDiv(num(1), num(0)))).toBe('1/0');
  });
});

describe('diff: rules', () => {
  it('differentiates the elementary functions', () => {
    expect(d('sin(x)', 'x')).toBe('cos(x)');
    expect(d('cos(x)', 'x')).toBe('-sin(x)');
    expect(d('exp(2*x)', 'x')).toBe('2*exp(2*x)');
    expect(d('log(x)', 'x')).toBe('1/x');
    expect(d('sqrt(x)', 'x')).toBe('1/(2*sqrt(x))');
    expect(d('tanh(x)', 'x')).toBe('1 - tanh(x)^2');
    expect(d('x^3', 'x')).toBe('3*x^2');
    expect(d('u*v', 'u')).toBe('v');
    expect(d('u*v + pi', 'w')).toBe('0');
  });

  it('keeps integer powers valid for negative bases', () => {
    const e = diff(parseFormula('x^3'), 'x');
    expect(evaluate(e, { x: -2 })).toBe(12);
    expect(evaluate(diff(parseFormula('x^-2'), 'x'), { x: -2 })).toBeCloseTo(0.25, 15);
  });

  it('handles variable exponents', () => {
    expect(evaluate(diff(parseFormula('2^x'), 'x'), { x: 1.5 })).toBeCloseTo(2 ** 1.5 * Math.log(2), 14);
    expect(evaluate(diff(parseFormula('x^x'), 'x'), { x: 1.5 })).toBeCloseTo(1.5 ** 1.5 * (Math.log(1.5) + 1), 14);
  });

  it('differentiates through data variables as constants', () => {
    const e = parseFormula('0.5*h*(t - x)^2');
    expect(evaluate(diff(e, 't'), { h: 2, t: 1, x: 0.25 })).toBeCloseTo(1.5, 15);
  });

  it('agrees with finite differences on random formulas', () => {
    const rand = rng(11);
    const vars = ['a', 'b', 'c'];
    let checked = 0;
    for (let n = 0; n < 200; n++) {
      const e = randomExpr(rand, vars, 4);
      const env = { a: rand() * 2 - 1, b: rand() * 2 - 1, c: rand() * 2 - 1 };
      for (const v of vars) {
        if (agrees(evaluate(diff(e, v), env), e, env, v, `${printExpr(e)} d/d${v}`)) checked++;
      }
    }
    expect(checked).toBeGreaterThan(0.9 * 600);
  });
});

describe('gradient and hessian', () => {
  const archimedes = parseFormula('0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)');
  const w = ['u', 'v', 'z'];

  it('stay small for ARCHIMEDES', () => {
    const g = gradient(archimedes, w);
    expect(g.map(exprSize).reduce((a, b) => a + b)).toBeLessThan(4 * exprSize(archimedes));
    const H = hessian(archimedes, w);
    expect(
      H.flat()
        .map(exprSize)
        .reduce((a, b) => a + b),
    ).toBeLessThan(20 * exprSize(archimedes));
  });

  it('give the ARCHIMEDES Hessian at 0 and a symmetric matrix everywhere', () => {
    const H = hessian(archimedes, w);
    const at0 = H.map((row) => row.map((e) => evaluate(e, { u: 0, v: 0, z: 0, x: 0.7 })));
    expect(at0).toEqual([
      [2, 0, expect.closeTo(0.7 * Math.sin(Math.PI / 4), 15)],
      [0, 1, expect.closeTo(0.7 * Math.cos(Math.PI / 4), 15)],
      [expect.closeTo(0.7 * Math.sin(Math.PI / 4), 15), expect.closeTo(0.7 * Math.cos(Math.PI / 4), 15), 0],
    ]);
    expect(H[0][2]).toBe(H[2][0]);
  });

  it('Hessian agrees with finite differences of the gradient', () => {
    const rand = rng(12);
    let checked = 0;
    for (let n = 0; n < 50; n++) {
      const e = randomExpr(rand, ['a', 'b'], 4);
      const env = { a: rand() - 0.5, b: rand() - 0.5 };
      const g = gradient(e, ['a', 'b']);
      const H = hessian(e, ['a', 'b']);
      for (let i = 0; i < 2; i++) {
        for (const [j, v] of ['a', 'b'].entries()) {
          if (agrees(evaluate(H[i][j], env), g[i], env, v, printExpr(g[i]))) checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0.9 * 200);
  });
});
