import { describe, expect, it } from 'vitest';
import { evaluate, exprEqual, type Expr } from './ast';
import { checkVariables, FormulaError, freeVariables, parseFormula, printExpr } from './parse';
import { simplify } from './simplify';
import { randomExpr, rng } from '../testing/randomExpr';

const val = (src: string, env: Record<string, number> = {}): number => evaluate(parseFormula(src), env);

function errorOf(src: string): FormulaError {
  try {
    parseFormula(src);
  } catch (e) {
    expect(e).toBeInstanceOf(FormulaError);
    return e as FormulaError;
  }
  throw new Error(`expected ${JSON.stringify(src)} to fail`);
}

describe('parseFormula: grammar', () => {
  it('gives * and / precedence over + and -, both left-associative', () => {
    expect(val('1 + 2*3')).toBe(7);
    expect(val('10 - 4 - 3')).toBe(3);
    expect(val('24 / 4 / 3')).toBe(2);
    expect(val('2*3 - 8/4 + 1')).toBe(5);
  });

  it('makes ^ right-associative and tighter than unary minus', () => {
    expect(val('2^3^2')).toBe(512);
    expect(val('-2^2')).toBe(-4);
    expect(val('(-2)^2')).toBe(4);
    expect(val('2^-1')).toBe(0.5);
    expect(val('2^-1^2')).toBe(0.5); // 2^(-(1^2))
    const e = parseFormula('-x^2');
    expect(e.kind).toBe('neg');
  });

  it('reads numbers in all usual spellings', () => {
    expect(val('1e-3')).toBe(0.001);
    expect(val('.5 + 1.')).toBe(1.5);
    expect(val('1E+2')).toBe(100);
    expect(val('2.5e1')).toBe(25);
  });

  it('knows the constants pi and e and the six functions', () => {
    expect(val('pi')).toBe(Math.PI);
    expect(val('e^2')).toBe(Math.E ** 2);
    expect(val('sin(pi/2) + cos(0) + exp(0) + log(e) + sqrt(4) + tanh(0)')).toBeCloseTo(6, 15);
    expect(parseFormula('pi').kind).toBe('const');
  });

  it('accepts nested unary minus, parentheses and whitespace', () => {
    expect(val(' - - 3 ')).toBe(3);
    expect(val('((((1))))\n+\t2')).toBe(3);
    expect(val('a*-b', { a: 2, b: 3 })).toBe(-6);
  });

  it('records source positions of variables, operators and calls', () => {
    const e = parseFormula('u + v*sin(yy)');
    expect(e).toMatchObject({ kind: 'bin', op: '+', pos: 2, left: { kind: 'var', name: 'u', pos: 0 } });
    if (e.kind !== 'bin' || e.right.kind !== 'bin') throw new Error('shape');
    expect(e.right.pos).toBe(5);
    expect(e.right.right).toMatchObject({ kind: 'call', fn: 'sin', pos: 6, arg: { kind: 'var', name: 'yy', pos: 10 } });
  });

  it('parses the ARCHIMEDES loss', () => {
    const src = '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)';
    const e = parseFormula(src);
    expect([...freeVariables(e)].sort()).toEqual(['u', 'v', 'x', 'z']);
    expect(evaluate(e, { u: 1, v: 0, z: 0, x: 0 })).toBe(1);
  });
});

describe('parseFormula: errors name the column and what was expected', () => {
  it('reports a missing operand after an operator', () => {
    const e = errorOf('a + b*)');
    expect(e.message).toBe("formula error at column 7: expected an operand after '*', found ')'");
    expect(e.pos).toBe(6);
    expect(e.expected).toBe("an operand after '*'");
    expect(errorOf('a +').message).toBe(
      "formula error at column 4: expected an operand after '+', found end of formula",
    );
    expect(errorOf('').message).toBe('formula error at column 1: expected an operand, found end of formula');
    expect(errorOf('2^').message).toContain("expected an operand after '^'");
  });

  it('names unknown functions', () => {
    const e = errorOf('1 + foo(x)');
    expect(e.pos).toBe(4);
    expect(e.message).toBe(
      "formula error at column 5: unknown function 'foo' (the functions are sin, cos, exp, log, sqrt, tanh)",
    );
    expect(errorOf('e(2)').message).toContain("unknown function 'e'");
  });

  it('requires parentheses after a function name', () => {
    const e = errorOf('sin x');
    expect(e.message).toBe("formula error at column 5: expected '(' after function 'sin', found 'x'");
  });

  it('reports unbalanced parentheses', () => {
    const e = errorOf('(a + b');
    expect(e.pos).toBe(6);
    expect(e.message).toBe(
      "formula error at column 7: expected an operator or ')' to close the '(' at column 1, found end of formula",
    );
    expect(errorOf('sin(a').message).toContain("')' to close the '(' at column 4");
    expect(errorOf('a)').message).toBe(
      "formula error at column 2: expected an operator or end of formula (this ')' has no matching '('), found ')'",
    );
  });

  it('refuses implicit multiplication and stray characters', () => {
    expect(errorOf('2x').message).toBe("formula error at column 2: expected an operator or end of formula, found 'x'");
    expect(errorOf('2 e').message).toContain("found 'e'");
    expect(errorOf('a # b').message).toBe(
      "formula error at column 3: expected an operator or end of formula, found '#'",
    );
    expect(errorOf('a * ,').message).toBe("formula error at column 5: expected an operand after '*', found ','");
    expect(errorOf('1.2.3').message).toContain("found '.3'");
    expect(errorOf('+a').message).toContain('expected an operand');
  });

  it('stops pathological nesting with an error, not a stack overflow', () => {
    expect(errorOf('('.repeat(5000) + 'a' + ')'.repeat(5000)).message).toContain('nested too deeply');
    expect(errorOf('-'.repeat(5000) + 'a').message).toContain('nested too deeply');
    expect(val('('.repeat(100) + '1' + ')'.repeat(100))).toBe(1);
  });

  it('rejects a non-string input', () => {
    expect(() => parseFormula(3 as unknown as string)).toThrow(/expected the formula as a string/);
  });
});

describe('freeVariables and checkVariables', () => {
  it('lists variables, not constants', () => {
    expect([...freeVariables(parseFormula('pi*a + e^b - sin(a)/c'))].sort()).toEqual(['a', 'b', 'c']);
  });

  it('names the first unknown variable and its position', () => {
    const e = parseFormula('u + v*y + w');
    expect(() => checkVariables(e, ['u', 'v', 'w'])).toThrow(FormulaError);
    try {
      checkVariables(e, ['u', 'v']);
    } catch (err) {
      const fe = err as FormulaError;
      expect(fe.pos).toBe(6);
      expect(fe.message).toBe("formula error at column 7: unknown variable 'y' (the variables are u, v)");
      expect(fe.expected).toBe('one of the variables u, v');
    }
    expect(() => checkVariables(e, ['u', 'v', 'w', 'y'])).not.toThrow();
    expect(() => checkVariables(parseFormula('q'), [], 'weights: none')).toThrow(
      "unknown variable 'q' (weights: none)",
    );
  });
});

describe('printExpr', () => {
  const roundTrip = (src: string): string => printExpr(parseFormula(src));

  it('prints with minimal parentheses that keep the tree', () => {
    expect(roundTrip('a - (b - c)')).toBe('a - (b - c)');
    expect(roundTrip('(a - b) - c')).toBe('a - b - c');
    expect(roundTrip('-(a*b)')).toBe('-(a*b)');
    expect(roundTrip('(-a)*b')).toBe('-a*b');
    expect(roundTrip('(-x)^2')).toBe('(-x)^2');
    expect(roundTrip('(x^2)^3')).toBe('(x^2)^3');
    expect(roundTrip('x^2^3')).toBe('x^2^3');
    expect(roundTrip('2^-x')).toBe('2^-x');
    expect(roundTrip('a*-b')).toBe('a*(-b)');
    expect(roundTrip('a/(b*c)')).toBe('a/(b*c)');
    expect(roundTrip('sin(x)^2 + pi')).toBe('sin(x)^2 + pi');
  });

  it('round-trips random formulas exactly', () => {
    const rand = rng(7);
    for (let n = 0; n < 300; n++) {
      const e = randomExpr(rand, ['a', 'b', 'c'], 5);
      const back = parseFormula(printExpr(e));
      expect(exprEqual(back, e), printExpr(e)).toBe(true);
    }
  });

  it('prints simplified trees (with negative literals) to formulas of the same value', () => {
    const rand = rng(8);
    for (let n = 0; n < 300; n++) {
      const e: Expr = simplify(randomExpr(rand, ['a', 'b'], 5));
      const env = { a: 0.3, b: -1.1 };
      const v = evaluate(e, env);
      const w = evaluate(parseFormula(printExpr(e)), env);
      if (Number.isNaN(v)) expect(w).toBeNaN();
      else expect(w).toBeCloseTo(v, 10);
    }
  });
});
