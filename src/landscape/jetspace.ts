// Truncated multivariate polynomials in `dim` variables up to total degree `order`: the number
// system of Taylor-mode differentiation (jet.ts). A jet is a Float64Array of coefficients, one
// per monomial; the coefficient of x^α is ∂^α f / α!.
//
// Monomials are ordered by degree (graded), so index 0 is the constant term and indices
// 1..dim are x_0..x_{dim−1}.
import { binomial } from '../theory/budget';

/** Monomials of a jet space (C(dim + order, order)) and pairs in its product table. */
export function jetSpaceSize(dim: number, order: number): { size: number; pairs: number } {
  const n = Array.from({ length: order + 1 }, (_, a) => binomial(dim + a - 1, a));
  let pairs = 0;
  for (let a = 0; a <= order; a++) for (let b = 0; a + b <= order; b++) pairs += n[a] * n[b];
  return { size: binomial(dim + order, order), pairs };
}

export class JetSpace {
  readonly dim: number;
  readonly order: number;
  /** Number of monomials (= C(dim + order, order)). */
  readonly size: number;
  /** Exponent vectors, one per monomial. */
  readonly monomials: readonly Uint8Array[];
  /** Total degree of each monomial. */
  readonly degree: Uint8Array;
  // Multiplication table: monomial mulA[t] times mulB[t] is monomial mulC[t] (degree ≤ order).
  private readonly mulA: Int32Array;
  private readonly mulB: Int32Array;
  private readonly mulC: Int32Array;
  private readonly index = new Map<number, number>();
  private readonly tensorMaps: { mono: Int32Array; factor: Float64Array }[] = [];

  constructor(dim: number, order: number) {
    if (!Number.isInteger(dim) || dim < 0)
      throw new RangeError(`jet dimension must be a non-negative integer, got ${dim}`);
    if (!Number.isInteger(order) || order < 0 || order > 60) {
      throw new RangeError(`jet order must be an integer from 0 to 60, got ${order}`);
    }
    this.dim = dim;
    this.order = order;
    const monos: Uint8Array[] = [];
    for (let deg = 0; deg <= order; deg++) {
      const cur = new Uint8Array(dim);
      // all exponent vectors of total degree `deg`, first variable's exponent descending
      const rec = (i: number, left: number): void => {
        if (i === dim - 1 || dim === 0) {
          if (dim === 0) {
            if (left === 0) monos.push(new Uint8Array(0));
            return;
          }
          cur[i] = left;
          monos.push(cur.slice());
          return;
        }
        for (let a = left; a >= 0; a--) {
          cur[i] = a;
          rec(i + 1, left - a);
        }
      };
      rec(0, deg);
    }
    this.monomials = monos;
    this.size = monos.length;
    this.degree = Uint8Array.from(monos, (m) => m.reduce((s, a) => s + a, 0));
    monos.forEach((m, i) => this.index.set(this.key(m), i));

    const A: number[] = [];
    const B: number[] = [];
    const C: number[] = [];
    const sum = new Uint8Array(dim);
    // monomials are graded, so those of degree ≤ d are the first upTo[d]: the loop visits only
    // the pairs that survive truncation (not size², which is 10⁹ at 50 weights and order 3)
    const upTo = new Int32Array(order + 1);
    for (let i = 0; i < this.size; i++) for (let d = this.degree[i]; d <= order; d++) upTo[d] = i + 1;
    for (let i = 0; i < this.size; i++) {
      const jEnd = upTo[order - this.degree[i]];
      for (let j = 0; j < jEnd; j++) {
        for (let v = 0; v < dim; v++) sum[v] = monos[i][v] + monos[j][v];
        A.push(i);
        B.push(j);
        C.push(this.index.get(this.key(sum))!);
      }
    }
    this.mulA = Int32Array.from(A);
    this.mulB = Int32Array.from(B);
    this.mulC = Int32Array.from(C);
  }

  private key(alpha: ArrayLike<number>): number {
    let k = 0;
    for (let v = alpha.length - 1; v >= 0; v--) k = k * (this.order + 1) + alpha[v];
    return k;
  }

  /** Index of the monomial with exponent vector `alpha` (undefined if its degree > order). */
  indexOf(alpha: ArrayLike<number>): number | undefined {
    return this.index.get(this.key(alpha));
  }

  /** The constant jet c. */
  constant(c: number): Float64Array {
    const out = new Float64Array(this.size);
    out[0] = c;
    return out;
  }

  /** The jet of the coordinate x_i around the point value a: a + x_i. */
  variable(i: number, a: number): Float64Array {
    const out = new Float64Array(this.size);
    out[0] = a;
    if (this.order >= 1) out[1 + i] = 1;
    return out;
  }

  /** Truncated product a·b. */
  mul(a: Float64Array, b: Float64Array): Float64Array {
    const out = new Float64Array(this.size);
    const { mulA, mulB, mulC } = this;
    for (let t = 0; t < mulA.length; t++) out[mulC[t]] += a[mulA[t]] * b[mulB[t]];
    return out;
  }

  /**
   * f(p) for a univariate f with Taylor coefficients d[k] = f^(k)(p₀)/k! at p's constant term
   * p₀: Σ_k d[k] (p − p₀)^k, by Horner's rule.
   */
  compose(p: Float64Array, d: ArrayLike<number>): Float64Array {
    const q = p.slice();
    q[0] = 0;
    const K = this.order;
    let r = this.constant(d[K]);
    for (let k = K - 1; k >= 0; k--) {
      r = this.mul(r, q);
      r[0] += d[k];
    }
    return r;
  }

  /**
   * The derivative tensors ∇^0..∇^order of the function whose jet is `coeffs`, each flattened
   * row-major with length dim^k (entry 0 is the value).
   */
  tensors(coeffs: Float64Array, maxOrder = this.order): Float64Array[] {
    const out: Float64Array[] = [];
    for (let k = 0; k <= maxOrder; k++) {
      const { mono, factor } = this.tensorMap(k);
      const t = new Float64Array(mono.length);
      for (let f = 0; f < mono.length; f++) t[f] = coeffs[mono[f]] * factor[f];
      out.push(t);
    }
    return out;
  }

  /** For order k: per flat tensor index, its monomial and α! (since coefficient = ∂^α f / α!). */
  private tensorMap(k: number): { mono: Int32Array; factor: Float64Array } {
    if (k > this.order) throw new RangeError(`tensor order ${k} exceeds the jet order ${this.order}`);
    const cached = this.tensorMaps[k];
    if (cached) return cached;
    const n = this.dim ** k;
    const mono = new Int32Array(n);
    const factor = new Float64Array(n);
    const idx = new Int32Array(k);
    const alpha = new Uint8Array(this.dim);
    for (let f = 0; f < n; f++) {
      alpha.fill(0);
      for (let j = 0; j < k; j++) alpha[idx[j]]++;
      mono[f] = this.indexOf(alpha)!;
      let fac = 1;
      for (let v = 0; v < this.dim; v++) for (let m = 2; m <= alpha[v]; m++) fac *= m;
      factor[f] = fac;
      // row-major increment: the last index runs fastest
      for (let j = k - 1; j >= 0; j--) {
        if (++idx[j] < this.dim) break;
        idx[j] = 0;
      }
    }
    const map = { mono, factor };
    this.tensorMaps[k] = map;
    return map;
  }
}
