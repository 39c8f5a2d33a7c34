// Small dense linear algebra (row-major Float64Array).

/** Symmetric eigendecomposition by cyclic Jacobi: A = U diag(values) Uᵀ, U's columns orthonormal. */
export function symmetricEigen(A: ArrayLike<number>, n: number): { values: Float64Array; U: Float64Array } {
  const a = Float64Array.from(A);
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) U[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const ukp = U[k * n + p];
          const ukq = U[k * n + q];
          U[k * n + p] = c * ukp - s * ukq;
          U[k * n + q] = s * ukp + c * ukq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, U };
}

/** Reshape a flat row-major tensor of order k into nested arrays (scalars stay numbers). */
export function nested(t: ArrayLike<number>, dim: number, k: number): unknown {
  if (k === 0) return t[0];
  const build = (off: number, depth: number): unknown => {
    if (depth === k) return t[off];
    const stride = dim ** (k - depth - 1);
    return Array.from({ length: dim }, (_, i) => build(off + i * stride, depth + 1));
  };
  return build(0, 0);
}
