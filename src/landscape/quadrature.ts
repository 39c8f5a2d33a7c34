// Gauss–Hermite quadrature for the standard normal law (probabilists' convention): n nodes x_i
// and weights w_i with Σ w_i f(x_i) = E f(X), X ~ N(0, 1), exactly for polynomials f of degree
// ≤ 2n − 1, and Σ w_i = 1.
//
// Method: the nodes are the eigenvalues of the Jacobi matrix (zero diagonal, off-diagonal √k),
// located by Sturm-sequence bisection, then polished by Newton's method on the orthonormal
// Hermite polynomial p_n. Weights are the Christoffel numbers 1/(n p_{n−1}(x_i)²).

export const MAX_HERMITE_NODES = 128;

export interface Quadrature {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/** Number of eigenvalues of the n×n Jacobi matrix that are < x (Sturm count). */
function countBelow(n: number, x: number): number {
  let count = 0;
  let q = 1;
  for (let i = 0; i < n; i++) {
    // q_i = (0 − x) − β_i² / q_{i−1}, β_i² = i
    q = -x - (i === 0 ? 0 : i / q);
    if (q === 0) q = -1e-300; // x is an eigenvalue of the leading block: nudge, keep the count consistent
    if (q < 0) count++;
  }
  return count;
}

/** p_n(x) and p_{n−1}(x) of the orthonormal probabilists' Hermite polynomials. */
function hermite(n: number, x: number): [number, number] {
  let prev = 0;
  let cur = 1; // p_0
  for (let k = 0; k < n; k++) {
    // p_{k+1} = (x p_k − √k p_{k−1}) / √(k+1)
    const next = (x * cur - Math.sqrt(k) * prev) / Math.sqrt(k + 1);
    prev = cur;
    cur = next;
  }
  return [cur, prev];
}

/** The n-point Gauss–Hermite rule for N(0, 1), nodes ascending, symmetric about 0. */
export function gaussHermite(n: number): Quadrature {
  if (!Number.isInteger(n) || n < 1 || n > MAX_HERMITE_NODES) {
    throw new RangeError(`the number of quadrature nodes must be an integer from 1 to ${MAX_HERMITE_NODES}, got ${n}`);
  }
  const nodes = new Float64Array(n);
  const bound = 2 * Math.sqrt(n) + 1; // Gershgorin: |x| ≤ √(n−1) + √(n−2)
  for (let k = 0; k < n; k++) {
    // bisection for the (k+1)-th smallest eigenvalue
    let lo = -bound;
    let hi = bound;
    for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
      const mid = 0.5 * (lo + hi);
      if (countBelow(n, mid) > k) hi = mid;
      else lo = mid;
    }
    let x = 0.5 * (lo + hi);
    for (let it = 0; it < 3; it++) {
      const [p, pm1] = hermite(n, x);
      const dp = Math.sqrt(n) * pm1; // p_n' = √n p_{n−1}
      if (dp === 0) break;
      const step = p / dp;
      if (!Number.isFinite(step) || Math.abs(step) > hi - lo + 1e-12) break;
      x -= step;
    }
    nodes[k] = x;
  }
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const [, pm1] = hermite(n, nodes[k]);
    weights[k] = 1 / (n * pm1 * pm1);
  }
  // enforce the exact symmetry of the rule
  for (let k = 0; k < n >> 1; k++) {
    const x = 0.5 * (nodes[n - 1 - k] - nodes[k]);
    const w = 0.5 * (weights[k] + weights[n - 1 - k]);
    nodes[k] = -x;
    nodes[n - 1 - k] = x;
    weights[k] = w;
    weights[n - 1 - k] = w;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  let total = 0;
  for (let k = 0; k < n; k++) total += weights[k];
  for (let k = 0; k < n; k++) weights[k] /= total;
  return { nodes, weights };
}
