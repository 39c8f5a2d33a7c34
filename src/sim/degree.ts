// Polynomial degree of a formula in a set of variables (Infinity if not polynomial in them).
// Used to pick a Gauss–Hermite rule that makes population expectations exact when possible.
import type { Expr } from '../landscape/formula/ast';

export function polyDegree(e: Expr, vars: ReadonlySet<string>): number {
  switch (e.kind) {
    case 'num':
    case 'const':
      return 0;
    case 'var':
      return vars.has(e.name) ? 1 : 0;
    case 'neg':
      return polyDegree(e.arg, vars);
    case 'call':
      return polyDegree(e.arg, vars) === 0 ? 0 : Infinity;
    case 'bin': {
      const a = polyDegree(e.left, vars);
      const b = polyDegree(e.right, vars);
      switch (e.op) {
        case '+':
        case '-':
          return Math.max(a, b);
        case '*':
          return a + b;
        case '/':
          return b === 0 ? a : Infinity;
        case '^': {
          if (a === 0 && b === 0) return 0;
          const r = e.right;
          if (b === 0 && r.kind === 'num' && Number.isInteger(r.value) && r.value >= 0) return a * r.value;
          return Infinity;
        }
      }
    }
  }
  return Infinity;
}
