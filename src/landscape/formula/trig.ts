// Angle-addition rewriting for the GPU kernel: sin(a ± c) and cos(a ± c), c constant, become
// sin a·cos c ± cos a·sin c (and the cosine analogue) when sin a or cos a is computed anyway, so
// that one argument reduction (mathf_sincos) serves all four. ARCHIMEDES's loss has exactly this
// shape (z and z − π/4); on SwiftShader the rewrite made its SGD step ~14% faster. The identity
// is exact; in f32 the two forms differ by a few ulp of 1 — the error that rounding a ± c already
// puts into the direct form.
import { binary, call, evaluate, exprEqual, num, type Expr } from './ast';
import { freeVariables } from './parse';

/** The value of `e` if it involves no variable, else null. */
function constantValue(e: Expr): number | null {
  if (freeVariables(e).size > 0) return null;
  const v = evaluate(e, {});
  return Number.isFinite(v) ? v : null;
}

/** `arg` as base + shift with a constant, non-zero shift, or null. */
function splitShift(arg: Expr): { base: Expr; shift: number } | null {
  if (arg.kind !== 'bin' || (arg.op !== '+' && arg.op !== '-')) return null;
  const right = constantValue(arg.right);
  if (right !== null && constantValue(arg.left) === null && right !== 0) {
    return { base: arg.left, shift: arg.op === '+' ? right : -right };
  }
  const left = constantValue(arg.left);
  if (left !== null && arg.op === '+' && constantValue(arg.right) === null && left !== 0)
    return { base: arg.right, shift: left };
  return null;
}

function trigArgs(e: Expr, out: Expr[]): void {
  if (e.kind === 'call' && (e.fn === 'sin' || e.fn === 'cos')) out.push(e.arg);
  if (e.kind === 'neg' || e.kind === 'call') trigArgs(e.arg, out);
  else if (e.kind === 'bin') {
    trigArgs(e.left, out);
    trigArgs(e.right, out);
  }
}

/**
 * `exprs` (evaluated together, e.g. the components of one gradient) with every sin/cos of a
 * shifted argument a ± c rewritten by angle addition when sin a or cos a also occurs in them.
 */
export function shareShiftedTrig(exprs: readonly Expr[]): Expr[] {
  const args: Expr[] = [];
  for (const e of exprs) trigArgs(e, args);
  const computed = (base: Expr) => args.some((a) => exprEqual(a, base));
  const rewrite = (e: Expr): Expr => {
    switch (e.kind) {
      case 'num':
      case 'const':
      case 'var':
        return e;
      case 'neg':
        return { ...e, arg: rewrite(e.arg) };
      case 'bin':
        return { ...e, left: rewrite(e.left), right: rewrite(e.right) };
      case 'call': {
        const arg = rewrite(e.arg);
        const split = (e.fn === 'sin' || e.fn === 'cos') && splitShift(arg);
        if (!split || !computed(split.base)) return { ...e, arg };
        const s = call('sin', split.base);
        const c = call('cos', split.base);
        const cs = num(Math.cos(split.shift));
        const sn = num(Math.sin(split.shift));
        return e.fn === 'sin'
          ? binary('+', binary('*', s, cs), binary('*', c, sn))
          : binary('-', binary('*', c, cs), binary('*', s, sn));
      }
    }
  };
  return exprs.map(rewrite);
}
