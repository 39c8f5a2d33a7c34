// The stated formula limits: refused with a column, identical wherever a formula is read; wide
// and deep formulas within them go through every recursive pass (balanced sums and products).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseFormula, printExpr } from './parse';
import { evaluate } from './ast';
import { FormulaError } from './error';
import { BALANCE_FROM, FORMULA_LIMITS } from './limits';
import { gradient } from './diff';
import { compileJS, compileWGSLFunction } from './compile';
import { formula } from '../testing/hostile';

function depth(e: ReturnType<typeof parseFormula>): number {
  switch (e.kind) {
    case 'num':
    case 'const':
    case 'var':
      return 1;
    case 'neg':
    case 'call':
      return 1 + depth(e.arg);
    case 'bin':
      return 1 + Math.max(depth(e.left), depth(e.right));
  }
}

function errorOf(src: string): FormulaError {
  try {
    parseFormula(src);
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
  throw new Error('expected a FormulaError');
}

describe('formula limits', () => {
  it('refuses a formula longer than the limit, at the first column past it', () => {
    const e = errorOf('w + '.repeat(FORMULA_LIMITS.length) + 'w');
    expect(e.pos).toBe(FORMULA_LIMITS.length);
    expect(e.message).toBe(
      `formula error at column ${FORMULA_LIMITS.length + 1}: the formula is longer than ${FORMULA_LIMITS.length} characters (the limit of a formula)`,
    );
  });

  it('refuses more operands than the limit, at the first one too many', () => {
    const src = Array.from({ length: FORMULA_LIMITS.operands + 1 }, () => 'w').join('+');
    const e = errorOf(src);
    expect(e.pos).toBe(2 * FORMULA_LIMITS.operands);
    expect(e.message).toMatch(/more than 2000 numbers and names/);
    expect(() => parseFormula(Array.from({ length: FORMULA_LIMITS.operands }, () => 'w').join('+'))).not.toThrow();
  });

  it('refuses nesting beyond the limit and accepts it up to the limit', () => {
    const n = FORMULA_LIMITS.nesting;
    expect(errorOf('('.repeat(n + 1) + 'w' + ')'.repeat(n + 1)).message).toMatch(/nested too deeply/);
    expect(evaluate(parseFormula('('.repeat(n) + 'w' + ')'.repeat(n)), { w: 2 })).toBe(2);
  });

  it.each([4000, 14000])('a flat sum of %d terms is refused by the stated limit, not the call stack', (n) => {
    const src = Array.from({ length: n }, (_, i) => `${i % 9}*w`).join(' + ');
    expect(errorOf(src).message).toMatch(/the limit of a formula/);
  });

  it('long sums and products are balanced: exact, shallow, and through diff and code generation', () => {
    const n = FORMULA_LIMITS.operands / 2 - 1;
    const src = Array.from({ length: n }, (_, i) => `${(i % 5) + 1}*w${['+', '-'][i % 2]}`).join('') + '0';
    const e = parseFormula(src);
    expect(depth(e)).toBeLessThan(40);
    let ref = 0;
    for (let i = 0; i < n; i++) ref += (i === 0 || i % 2 === 1 ? 1 : -1) * ((i % 5) + 1) * 0.5;
    // signs: term i is added when the operator before it is '+' (i = 0 or i − 1 even)
    ref = 0;
    for (let i = 0; i < n; i++) ref += (i === 0 || (i - 1) % 2 === 0 ? 1 : -1) * ((i % 5) + 1) * 0.5;
    expect(evaluate(e, { w: 0.5 })).toBeCloseTo(ref, 9);
    const g = gradient(e, ['w']);
    expect(compileJS(g[0], ['w'])([0.5])).toBeCloseTo(ref / 0.5, 9);
    expect(
      compileWGSLFunction(g, { name: 'g', params: 'w: f32', varMap: { w: 'w' }, returnType: 'f32' }).code.length,
    ).toBeGreaterThan(0);
  });

  it('regroups a − b + c and a / b · c exactly (random chains past the balancing length)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.boolean()), {
          minLength: BALANCE_FROM,
          maxLength: 60,
        }),
        fc.boolean(),
        (terms, mul) => {
          const [plus, minus] = mul ? ['*', '/'] : ['+', '-'];
          let ref = terms[0][0];
          let src = String(terms[0][0]);
          for (const [x, neg] of terms.slice(1)) {
            src += `${neg ? minus : plus}${x}`;
            ref = mul ? (neg ? ref / x : ref * x) : neg ? ref - x : ref + x;
          }
          const got = evaluate(parseFormula(src), {});
          expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });

  it('fuzz: any formula parses or is refused with a FormulaError; a parse goes through every pass', () => {
    fc.assert(
      fc.property(formula(['w', 'x']), (src) => {
        try {
          const e = parseFormula(src);
          // no pass over the tree meets the call-stack limit
          expect(typeof evaluate(e, { w: 0.3, x: 1 })).toBe('number');
          expect(printExpr(e).length).toBeGreaterThan(0);
          expect(typeof compileJS(gradient(e, ['w'])[0], ['w', 'x'])([0.3, 1])).toBe('number');
        } catch (err) {
          if (!(err instanceof FormulaError)) throw err;
          expect(err.message).toMatch(/^formula error/);
        }
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
