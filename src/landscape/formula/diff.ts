// Symbolic differentiation with the folding constructors of simplify.ts, so that gradients and
// Hessians of typical losses stay about the size of the loss itself. High-order tensors should
// come from jet.ts (Taylor mode) instead: repeated symbolic differentiation swells.

import { dependsOn, type Expr, type FnName } from './ast';
import { sAdd, sCall, sDiv, sMul, sNeg, sPow, sSub } from './simplify';

const ZERO: Expr = { kind: 'num', value: 0 };
const ONE: Expr = { kind: 'num', value: 1 };
const TWO: Expr = { kind: 'num', value: 2 };

/** ∂expr/∂name, simplified. */
export function diff(expr: Expr, name: string): Expr {
  // Memoise on node identity: shared subtrees (as diff itself creates) are differentiated once.
  const memo = new Map<Expr, Expr>();
  const dep = new Map<Expr, boolean>();
  const depends = (e: Expr): boolean => {
    let v = dep.get(e);
    if (v === undefined) {
      v = dependsOn(e, name);
      dep.set(e, v);
    }
    return v;
  };

  const d = (e: Expr): Expr => {
    const hit = memo.get(e);
    if (hit) return hit;
    const r = depends(e) ? rule(e) : ZERO;
    memo.set(e, r);
    return r;
  };

  const rule = (e: Expr): Expr => {
    switch (e.kind) {
      case 'num':
      case 'const':
        return ZERO;
      case 'var':
        return e.name === name ? ONE : ZERO;
      case 'neg':
        return sNeg(d(e.arg));
      case 'call':
        return chain(e.fn, e, d(e.arg));
      case 'bin': {
        const { left: a, right: b } = e;
        switch (e.op) {
          case '+':
            return sAdd(d(a), d(b));
          case '-':
            return sSub(d(a), d(b));
          case '*':
            return sAdd(sMul(d(a), b), sMul(a, d(b)));
          case '/':
            if (!depends(b)) return sDiv(d(a), b);
            // (a/b)' = a'/b − a b'/b²
            return sSub(sDiv(d(a), b), sDiv(sMul(a, d(b)), sPow(b, TWO)));
          case '^':
            if (!depends(b)) {
              // constant exponent: n a^(n−1) a' — valid for negative a with integer n as well
              return sMul(sMul(b, sPow(a, sSub(b, ONE))), d(a));
            }
            if (!depends(a)) {
              // a^b with constant base: a^b log(a) b'
              return sMul(sMul(e, sCall('log', a)), d(b));
            }
            // general: a^b (b' log a + b a'/a)
            return sMul(e, sAdd(sMul(d(b), sCall('log', a)), sDiv(sMul(b, d(a)), a)));
        }
      }
    }
  };

  return d(expr);
}

/** (f∘a)' = f'(a)·a' for the grammar's functions; `e` is the call node f(a). */
function chain(fn: FnName, e: Expr & { kind: 'call' }, da: Expr): Expr {
  const a = e.arg;
  switch (fn) {
    case 'sin':
      return sMul(sCall('cos', a), da);
    case 'cos':
      return sNeg(sMul(sCall('sin', a), da));
    case 'exp':
      return sMul(e, da);
    case 'log':
      return sDiv(da, a);
    case 'sqrt':
      return sDiv(da, sMul(TWO, e));
    case 'tanh':
      return sMul(sSub(ONE, sPow(e, TWO)), da);
  }
}

/** The gradient: one partial derivative per name. */
export function gradient(expr: Expr, names: readonly string[]): Expr[] {
  return names.map((n) => diff(expr, n));
}

/** The Hessian as a symmetric matrix of expressions (the upper triangle is reused below). */
export function hessian(expr: Expr, names: readonly string[]): Expr[][] {
  const g = gradient(expr, names);
  const h: Expr[][] = names.map(() => new Array<Expr>(names.length));
  for (let i = 0; i < names.length; i++) {
    for (let j = i; j < names.length; j++) {
      h[i][j] = diff(g[i], names[j]);
      h[j][i] = h[i][j];
    }
  }
  return h;
}
