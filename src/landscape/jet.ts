// Exact high-order derivative tensors by Taylor-mode arithmetic (no symbolic swell): the formula
// is evaluated once on truncated polynomials in the weights (jetspace.ts) around θ₀; data
// variables and every sub-term that does not depend on the weights stay plain numbers.

import { applyFn, type Expr, type FnName } from './formula/ast';
import { buildDag, type Dag } from './formula/dag';
import { JetSpace } from './jetspace';

type Val = number | Float64Array;

const factorials = (K: number): Float64Array => {
  const f = new Float64Array(K + 1);
  f[0] = 1;
  for (let k = 1; k <= K; k++) f[k] = f[k - 1] * k;
  return f;
};

/** Taylor coefficients of x ↦ x^c at a: C(c, k) a^(c−k). Zero binomials stay exactly zero. */
function powCoeffs(a: number, c: number, K: number): Float64Array {
  const d = new Float64Array(K + 1);
  let binom = 1;
  for (let k = 0; k <= K; k++) {
    d[k] = binom === 0 ? 0 : binom * Math.pow(a, c - k);
    binom = (binom * (c - k)) / (k + 1);
  }
  return d;
}

/** Taylor coefficients of tanh at a: P_k(tanh a)/k! with P_0 = t, P_{k+1} = P_k'(t)(1 − t²). */
function tanhCoeffs(a: number, K: number): Float64Array {
  const t = Math.tanh(a);
  const d = new Float64Array(K + 1);
  let P = [0, 1]; // coefficients of P_k in powers of t
  const fact = factorials(K);
  for (let k = 0; k <= K; k++) {
    let v = 0;
    for (let j = P.length - 1; j >= 0; j--) v = v * t + P[j];
    d[k] = v / fact[k];
    const dP = P.slice(1).map((c, j) => c * (j + 1)); // P'
    const next = new Array<number>(dP.length + 2).fill(0);
    dP.forEach((c, j) => {
      next[j] += c;
      next[j + 2] -= c;
    });
    P = next;
  }
  return d;
}

function fnCoeffs(fn: FnName, a: number, K: number): Float64Array {
  const fact = factorials(K);
  const d = new Float64Array(K + 1);
  switch (fn) {
    case 'exp': {
      const e = Math.exp(a);
      for (let k = 0; k <= K; k++) d[k] = e / fact[k];
      return d;
    }
    case 'sin':
    case 'cos': {
      const s = Math.sin(a);
      const c = Math.cos(a);
      const cycle = fn === 'sin' ? [s, c, -s, -c] : [c, -s, -c, s];
      for (let k = 0; k <= K; k++) d[k] = cycle[k % 4] / fact[k];
      return d;
    }
    case 'log': {
      d[0] = Math.log(a);
      for (let k = 1; k <= K; k++) d[k] = (k % 2 === 1 ? 1 : -1) / (k * Math.pow(a, k));
      return d;
    }
    case 'sqrt':
      return powCoeffs(a, 0.5, K);
    case 'tanh':
      return tanhCoeffs(a, K);
  }
}

/** a^n for a small integer n ≥ 0 by repeated squaring: cheaper than a Taylor series (a square is
 * one product) and exact at a₀ = 0. */
function intPower(S: JetSpace, a: Float64Array, n: number): Float64Array {
  let result: Float64Array | null = null;
  let base = a;
  for (let m = n; m > 0; m >>= 1) {
    if (m & 1) result = result ? S.mul(result, base) : base;
    if (m > 1) base = S.mul(base, base);
  }
  return result ?? S.constant(1);
}

/**
 * A formula prepared for repeated Taylor-mode evaluation: weights are the jet variables, data
 * variables are numbers supplied per evaluation.
 */
export class JetProgram {
  readonly space: JetSpace;
  private readonly dag: Dag;
  private readonly nWeights: number;

  constructor(expr: Expr, weights: readonly string[], dataVars: readonly string[], maxOrder: number, space?: JetSpace) {
    const clash = weights.find((w, i) => weights.indexOf(w) !== i || dataVars.includes(w));
    if (clash !== undefined) throw new Error(`'${clash}' is listed twice among the weights and data variables`);
    this.space = space ?? new JetSpace(weights.length, maxOrder);
    if (this.space.dim !== weights.length || this.space.order !== maxOrder) {
      throw new RangeError(
        `jet space is (dim ${this.space.dim}, order ${this.space.order}), expected (${weights.length}, ${maxOrder})`,
      );
    }
    this.dag = buildDag([expr], [...weights, ...dataVars]);
    this.nWeights = weights.length;
  }

  /** The jet (Taylor coefficients in the weights) of the formula around theta0. */
  evaluate(theta0: ArrayLike<number>, data: ArrayLike<number>): Float64Array {
    const S = this.space;
    const K = S.order;
    const vals: Val[] = new Array<Val>(this.dag.nodes.length);
    const jet = (v: Val): Float64Array => (typeof v === 'number' ? S.constant(v) : v);
    const scale = (v: Float64Array, c: number): Float64Array => v.map((x) => x * c);
    this.dag.nodes.forEach((node, i) => {
      let r: Val;
      switch (node.op) {
        case 'num':
          r = node.value;
          break;
        case 'var':
          r =
            node.index < this.nWeights ? S.variable(node.index, theta0[node.index]) : data[node.index - this.nWeights];
          break;
        case 'neg': {
          const a = vals[node.a];
          r = typeof a === 'number' ? -a : scale(a, -1);
          break;
        }
        case '+':
        case '-': {
          const a = vals[node.a];
          const b = vals[node.b];
          const sg = node.op === '+' ? 1 : -1;
          if (typeof a === 'number' && typeof b === 'number') r = a + sg * b;
          else {
            const out = jet(a).slice();
            if (typeof b === 'number') out[0] += sg * b;
            else for (let m = 0; m < out.length; m++) out[m] += sg * b[m];
            r = out;
          }
          break;
        }
        case '*': {
          const a = vals[node.a];
          const b = vals[node.b];
          if (typeof a === 'number') r = typeof b === 'number' ? a * b : scale(b, a);
          else r = typeof b === 'number' ? scale(a, b) : S.mul(a, b);
          break;
        }
        case '/': {
          const a = vals[node.a];
          const b = vals[node.b];
          if (typeof b === 'number') r = typeof a === 'number' ? a / b : scale(a, 1 / b);
          else {
            const inv = S.compose(b, powCoeffs(b[0], -1, K));
            r = typeof a === 'number' ? scale(inv, a) : S.mul(a, inv);
          }
          break;
        }
        case '^': {
          const a = vals[node.a];
          const b = vals[node.b];
          if (typeof b === 'number') {
            if (typeof a === 'number') r = Math.pow(a, b);
            else if (Number.isInteger(b) && b >= 0 && b <= 16) r = intPower(S, a, b);
            else r = S.compose(a, powCoeffs(a[0], b, K));
          } else {
            // a^b = exp(b · log a) once the exponent varies with the weights
            const logA = typeof a === 'number' ? Math.log(a) : S.compose(a, fnCoeffs('log', a[0], K));
            const e = typeof logA === 'number' ? scale(b, logA) : S.mul(b, logA);
            r = S.compose(e, fnCoeffs('exp', e[0], K));
          }
          break;
        }
        default: {
          const a = vals[node.a];
          r = typeof a === 'number' ? applyFn(node.op, a) : S.compose(a, fnCoeffs(node.op, a[0], K));
        }
      }
      vals[i] = r;
    });
    return jet(vals[this.dag.roots[0]]);
  }

  /** ∇^0..∇^maxOrder at theta0 for the given data values, each flattened row-major (dim^k). */
  tensors(theta0: ArrayLike<number>, data: ArrayLike<number>): Float64Array[] {
    return this.space.tensors(this.evaluate(theta0, data));
  }
}

/**
 * The derivative tensors ∇^k l_x(θ₀), k = 0..maxOrder, of `expr` in the `weights` with the data
 * variables fixed to `data`; entry k has length dim^k, flattened row-major (entry 0 is the value).
 */
export function derivativeTensors(
  expr: Expr,
  weights: readonly string[],
  theta0: readonly number[],
  data: Readonly<Record<string, number>>,
  maxOrder: number,
): Float64Array[] {
  if (theta0.length !== weights.length) {
    throw new RangeError(`theta0 has ${theta0.length} entries but there are ${weights.length} weights`);
  }
  const dataVars = Object.keys(data);
  const program = new JetProgram(expr, weights, dataVars, maxOrder);
  return program.tensors(
    theta0,
    dataVars.map((n) => data[n]),
  );
}
