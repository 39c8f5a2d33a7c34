// Folding constructors: build the same trees as the plain constructors of ast.ts, but fold
// numbers and apply the identities 0+a, a*1, a^1, --a, … so that symbolic derivatives stay small.
// Only rewrites that keep the value on the whole domain of smooth inputs are used; 0*a → 0 is the
// one liberty taken (it drops a NaN/∞ that a could produce).

import { applyFn, exprEqual, type Expr, type FnName } from './ast';

const N = (value: number): Expr => ({ kind: 'num', value });

function numOf(e: Expr): number | null {
  return e.kind === 'num' ? e.value : null;
}

/** Folds a number only if the result is finite (1/0 stays visible as a division). */
function fold(v: number): Expr | null {
  return Number.isFinite(v) ? N(v) : null;
}

export function sNeg(a: Expr): Expr {
  const x = numOf(a);
  if (x !== null) return N(-x);
  if (a.kind === 'neg') return a.arg;
  return { kind: 'neg', arg: a };
}

export function sAdd(a: Expr, b: Expr): Expr {
  const x = numOf(a);
  const y = numOf(b);
  if (x !== null && y !== null) return fold(x + y) ?? { kind: 'bin', op: '+', left: a, right: b };
  if (x === 0) return b;
  if (y === 0) return a;
  if (b.kind === 'neg') return sSub(a, b.arg);
  if (y !== null && y < 0) return sSub(a, N(-y));
  if (a.kind === 'neg') return sSub(b, a.arg);
  if (exprEqual(a, b)) return sMul(N(2), a);
  return { kind: 'bin', op: '+', left: a, right: b };
}

export function sSub(a: Expr, b: Expr): Expr {
  const x = numOf(a);
  const y = numOf(b);
  if (x !== null && y !== null) return fold(x - y) ?? { kind: 'bin', op: '-', left: a, right: b };
  if (y === 0) return a;
  if (x === 0) return sNeg(b);
  if (b.kind === 'neg') return sAdd(a, b.arg);
  if (y !== null && y < 0) return sAdd(a, N(-y));
  if (exprEqual(a, b)) return N(0);
  return { kind: 'bin', op: '-', left: a, right: b };
}

export function sMul(a: Expr, b: Expr): Expr {
  let x = numOf(a);
  let y = numOf(b);
  if (x !== null && y !== null) return fold(x * y) ?? { kind: 'bin', op: '*', left: a, right: b };
  // numbers go to the left so that c1*(c2*e) can fold
  if (y !== null) {
    [a, b] = [b, a];
    [x, y] = [y, x];
  }
  if (x === 0) return N(0);
  if (x === 1) return b;
  if (x === -1) return sNeg(b);
  if (a.kind === 'neg' && b.kind === 'neg') return sMul(a.arg, b.arg);
  if (a.kind === 'neg') return sNeg(sMul(a.arg, b));
  if (b.kind === 'neg') return sNeg(sMul(a, b.arg));
  if (x !== null && x < 0) return sNeg(sMul(N(-x), b));
  if (x !== null && b.kind === 'bin' && b.op === '*' && b.left.kind === 'num') {
    const c = fold(x * b.left.value);
    if (c) return sMul(c, b.right);
  }
  if (x !== null && b.kind === 'bin' && b.op === '/' && b.left.kind === 'num') {
    const c = fold(x * b.left.value);
    if (c) return sDiv(c, b.right);
  }
  if (exprEqual(a, b)) return sPow(a, N(2));
  return { kind: 'bin', op: '*', left: a, right: b };
}

export function sDiv(a: Expr, b: Expr): Expr {
  const x = numOf(a);
  const y = numOf(b);
  if (x !== null && y !== null) return fold(x / y) ?? { kind: 'bin', op: '/', left: a, right: b };
  if (x === 0) return N(0);
  if (y === 1) return a;
  if (y === -1) return sNeg(a);
  if (a.kind === 'neg') return sNeg(sDiv(a.arg, b));
  if (b.kind === 'neg') return sNeg(sDiv(a, b.arg));
  // a / (c) with a non-trivial reciprocal stays a division: exact, and it prints as written
  return { kind: 'bin', op: '/', left: a, right: b };
}

export function sPow(a: Expr, b: Expr): Expr {
  const x = numOf(a);
  const y = numOf(b);
  if (x !== null && y !== null) return fold(Math.pow(x, y)) ?? { kind: 'bin', op: '^', left: a, right: b };
  if (y === 0) return N(1);
  if (y === 1) return a;
  if (x === 1) return N(1);
  // (a^m)^n = a^(m n) for integers m, n (for other m it would change where the value is NaN)
  if (
    y !== null &&
    Number.isInteger(y) &&
    a.kind === 'bin' &&
    a.op === '^' &&
    a.right.kind === 'num' &&
    Number.isInteger(a.right.value)
  ) {
    const m = fold(a.right.value * y);
    if (m) return sPow(a.left, m);
  }
  return { kind: 'bin', op: '^', left: a, right: b };
}

export function sCall(fn: FnName, a: Expr): Expr {
  const x = numOf(a);
  if (x !== null) {
    const v = fold(applyFn(fn, x));
    if (v) return v;
  }
  return { kind: 'call', fn, arg: a };
}

/** Rebuilds `e` bottom-up with the folding constructors (constants pi, e are kept by name). */
export function simplify(e: Expr): Expr {
  switch (e.kind) {
    case 'num':
    case 'const':
    case 'var':
      return e;
    case 'neg':
      return sNeg(simplify(e.arg));
    case 'call':
      return sCall(e.fn, simplify(e.arg));
    case 'bin': {
      const l = simplify(e.left);
      const r = simplify(e.right);
      switch (e.op) {
        case '+':
          return sAdd(l, r);
        case '-':
          return sSub(l, r);
        case '*':
          return sMul(l, r);
        case '/':
          return sDiv(l, r);
        case '^':
          return sPow(l, r);
      }
    }
  }
}
