// The twin's generated evaluators against the formula module's tape: bit for bit.
import { describe, expect, it } from 'vitest';
import { compileJSMulti } from '../landscape/formula/compile';
import { gradient } from '../landscape/formula/diff';
import { parseFormula } from '../landscape/formula/parse';
import { compileJSFast } from './cpu/jsgen';

const FORMULAS = [
  '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)',
  '0.5*(u - x)^2 + 0.05*tanh(u*v) + 0.1*exp(-u^2)*log(1 + v^2) - sqrt(1 + z^2)*u^3 + (-x)*v/(2 + z^2)',
];

describe('generated JS evaluators (CPU twin)', () => {
  it.each(FORMULAS)('%s: values and gradient equal the tape', (src) => {
    const names = ['u', 'v', 'z', 'x'];
    const e = parseFormula(src);
    const exprs = [e, ...gradient(e, ['u', 'v', 'z'])];
    const fast = compileJSFast(exprs, names)!;
    const tape = compileJSMulti(exprs, names);
    const v = new Float64Array(4);
    for (let i = 0; i < 1000; i++) {
      for (let j = 0; j < 4; j++) v[j] = Math.sin(i * 12.9898 + j * 78.233) * 3;
      expect(Array.from(fast(v, new Float64Array(exprs.length)))).toEqual(Array.from(tape(v)));
    }
  });
});
