// Expectations, covariances and third cumulants over a weighted point set (a law's atoms or
// quadrature nodes). Tensors are dense row-major Float64Arrays; weights sum to 1.

/** Σ_i w_i T_i for tensors of equal length. */
export function weightedSum(ws: ArrayLike<number>, ts: readonly Float64Array[], length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < ts.length; i++) {
    const w = ws[i];
    const t = ts[i];
    for (let k = 0; k < length; k++) out[k] += w * t[k];
  }
  return out;
}

/** Centred vectors g_i − E g. */
function centred(ws: ArrayLike<number>, gs: readonly Float64Array[], dim: number): Float64Array[] {
  const mean = weightedSum(ws, gs, dim);
  return gs.map((g) => g.map((x, a) => x - mean[a]));
}

/** Cov(g) = E[(g − Eg) ⊗ (g − Eg)], dim × dim row-major. */
export function covarianceOf(ws: ArrayLike<number>, gs: readonly Float64Array[], dim: number): Float64Array {
  const out = new Float64Array(dim * dim);
  centred(ws, gs, dim).forEach((d, i) => {
    const w = ws[i];
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) out[a * dim + b] += w * d[a] * d[b];
  });
  return out;
}

/**
 * Third joint cumulant of the components of g (= third central moment),
 * E[(g − Eg)^⊗3], dim³ row-major.
 */
export function thirdCumulantOf(ws: ArrayLike<number>, gs: readonly Float64Array[], dim: number): Float64Array {
  const out = new Float64Array(dim * dim * dim);
  centred(ws, gs, dim).forEach((d, i) => {
    const w = ws[i];
    for (let a = 0; a < dim; a++) {
      for (let b = 0; b < dim; b++) {
        const wab = w * d[a] * d[b];
        for (let c = 0; c < dim; c++) out[(a * dim + b) * dim + c] += wab * d[c];
      }
    }
  });
  return out;
}
