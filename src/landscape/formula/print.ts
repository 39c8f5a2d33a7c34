// Prints an expression back in the formula language with as few parentheses as keep the tree
// unchanged: parseFormula(printExpr(e)) is structurally equal to e (up to positions, and up to
// negative literals, which read back as a negation of a positive literal).

import type { Expr } from './ast';

// Binding strength of each printed form (higher binds tighter).
const SUM = 1;
const PRODUCT = 2;
const NEGATION = 3;
const POWER = 4;
const ATOM = 5;

function strength(e: Expr): number {
  switch (e.kind) {
    case 'num':
      return e.value < 0 || Object.is(e.value, -0) ? NEGATION : ATOM;
    case 'const':
    case 'var':
    case 'call':
      return ATOM;
    case 'neg':
      return NEGATION;
    case 'bin':
      return e.op === '+' || e.op === '-' ? SUM : e.op === '^' ? POWER : PRODUCT;
  }
}

/** Formats a finite number so that the parser reads back the same double. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return '(0/0)';
  if (v === Infinity) return '(1/0)';
  if (v === -Infinity) return '(-1/0)';
  if (Object.is(v, -0)) return '-0';
  return String(v); // shortest round-trip form; exponents like 1e-7 / 1e+21 parse back
}

function wrap(s: string, yes: boolean): string {
  return yes ? `(${s})` : s;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return formatNumber(e.value);
    case 'const':
    case 'var':
      return e.name;
    case 'call':
      return `${e.fn}(${printExpr(e.arg)})`;
    case 'neg':
      // -(a*b) must keep its parentheses: "-a*b" reads as (-a)*b. A negation of a negation is
      // parenthesised for readability.
      return `-${wrap(printExpr(e.arg), strength(e.arg) < POWER)}`;
    case 'bin': {
      const p = strength(e);
      const l = printExpr(e.left);
      const r = printExpr(e.right);
      if (e.op === '^') {
        // the base must be an atom ((-x)^2, (x^2)^3); the exponent is read as a unary
        return `${wrap(l, strength(e.left) < ATOM)}^${wrap(r, strength(e.right) < NEGATION)}`;
      }
      // left-associative: the left operand may have equal strength, the right must be stronger;
      // a negation on the right is parenthesised for readability ("a - (-b)")
      const lw = strength(e.left) < p;
      const rs = strength(e.right);
      const rw = rs <= p || rs === NEGATION;
      const sep = p === SUM ? ` ${e.op} ` : e.op;
      return `${wrap(l, lw)}${sep}${wrap(r, rw)}`;
    }
  }
}
