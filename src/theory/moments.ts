// Population moments over a weighted point set (a law's atoms or quadrature nodes; the weights
// sum to 1): the mean E T of a tensor, and of the gradient g = ∇l_x its mean G = E g, covariance
// C = Cov(g) and third cumulant S = E[(g − G)^⊗3]. These sums are written only here: the
// landscape, the CLI's `tensors`, the corollaries and the resummed model's Hessian call them.
// Tensors are dense row-major Float64Arrays.
import type { TensorLaw } from './values';

/** Σ_i w_i T_i for tensors of equal length (E T when the weights sum to 1). */
export function weightedMean(ws: ArrayLike<number>, ts: readonly Float64Array[], length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < ts.length; i++) {
    const w = ws[i];
    const t = ts[i];
    for (let k = 0; k < length; k++) out[k] += w * t[k];
  }
  return out;
}

/** G = E g, C = Cov(g) (dim²) and S = third joint cumulant of g (dim³, = third central moment). */
export interface GradientMoments {
  G: Float64Array;
  C: Float64Array;
  S: Float64Array;
}

/**
 * G, C and S of the gradients `gs` with weights `ws` (pass `third: false` to skip S, which costs
 * dim³ per point).
 */
export function gradientMoments(ws: ArrayLike<number>, gs: readonly Float64Array[], dim: number): GradientMoments;
export function gradientMoments(
  ws: ArrayLike<number>,
  gs: readonly Float64Array[],
  dim: number,
  third: false,
): Omit<GradientMoments, 'S'>;
export function gradientMoments(
  ws: ArrayLike<number>,
  gs: readonly Float64Array[],
  dim: number,
  third = true,
): Omit<GradientMoments, 'S'> & { S?: Float64Array } {
  const G = weightedMean(ws, gs, dim);
  const C = new Float64Array(dim * dim);
  const S = third ? new Float64Array(dim * dim * dim) : null;
  const d = new Float64Array(dim);
  for (let i = 0; i < gs.length; i++) {
    const w = ws[i];
    const g = gs[i];
    for (let a = 0; a < dim; a++) d[a] = g[a] - G[a];
    for (let a = 0; a < dim; a++) {
      for (let b = 0; b < dim; b++) {
        const wab = w * d[a] * d[b];
        C[a * dim + b] += wab;
        if (S) for (let c = 0; c < dim; c++) S[(a * dim + b) * dim + c] += wab * d[c];
      }
    }
  }
  return S ? { G, C, S } : { G, C };
}

/** E ∇^k l_x over the law's points (k = 1: G, k = 2: H, k = 3: J); needs derivs through k. */
export function populationTensor(law: TensorLaw, k: number, ws = weightsOf(law)): Float64Array {
  return weightedMean(
    ws,
    law.points.map((p) => p.derivs[k]),
    law.dim ** k,
  );
}

const weightsOf = (law: TensorLaw): number[] => law.points.map((p) => p.w);

/** The population tensors E ∇^k l_x for k = 0..order, and G, C, S of ∇l_x. */
export interface PopulationMoments extends GradientMoments {
  /** mean[k] = E ∇^k l_x, k = 0..order */
  mean: Float64Array[];
}

/** The population moments of a node-tensor law (needs derivs through max(order, 1)). */
export function populationMoments(law: TensorLaw, order: number): PopulationMoments {
  const ws = weightsOf(law);
  const mean = Array.from({ length: order + 1 }, (_, k) => populationTensor(law, k, ws));
  const g = gradientMoments(
    ws,
    law.points.map((p) => p.derivs[1]),
    law.dim,
  );
  return { mean, ...g };
}
