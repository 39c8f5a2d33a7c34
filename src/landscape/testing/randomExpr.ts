// Test support: seeded random formulas whose values stay finite and moderate on [-1.5, 1.5]^n,
// so that derivatives can be compared between independent methods.

import { binary, call, constant, negate, num, variable, type Expr } from '../formula/ast';

/** mulberry32: a small seeded PRNG, so every test is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 2 + sin(e): a positive, bounded wrapper for log/sqrt arguments, divisors and pow bases. */
function positive(e: Expr): Expr {
  return binary('+', num(2), call('sin', e));
}

export function randomExpr(rand: () => number, vars: readonly string[], depth: number): Expr {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  if (depth <= 0 || rand() < 0.2) {
    const r = rand();
    if (r < 0.6) return variable(pick(vars));
    if (r < 0.9) return num(Math.round(rand() * 40) / 10);
    return constant(pick(['pi', 'e'] as const));
  }
  const sub = (): Expr => randomExpr(rand, vars, depth - 1);
  switch (Math.floor(rand() * 12)) {
    case 0:
      return negate(sub());
    case 1:
      return binary('+', sub(), sub());
    case 2:
      return binary('-', sub(), sub());
    case 3:
    case 4:
      return binary('*', sub(), sub());
    case 5:
      return binary('/', sub(), positive(sub()));
    case 6:
      // integer powers of any sign of base, including negative exponents of a positive base
      return rand() < 0.7
        ? binary('^', sub(), num(Math.floor(rand() * 4)))
        : binary('^', positive(sub()), negate(num(2)));
    case 7:
      return binary('^', positive(sub()), rand() < 0.5 ? num(0.5 + Math.floor(rand() * 3)) : sub());
    case 8:
      return call(pick(['sin', 'cos', 'tanh'] as const), sub());
    case 9:
      return call('exp', call('sin', sub()));
    case 10:
      return call(pick(['log', 'sqrt'] as const), positive(sub()));
    default:
      return call('exp', binary('*', num(0.3), sub()));
  }
}
