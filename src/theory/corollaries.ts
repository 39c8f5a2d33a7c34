// The paper's corollaries: the verified forms (theory.md §8) beside the forms the paper prints
// (theory.md §9), computed from the tensors at θ₀. Index conventions: G = E∇l_x, H = E∇²l_x,
// J = E∇³l_x, C = Cov(∇l_x), S = third cumulant of ∇l_x, tC_μ = Cov(∂_μ∂_ν l_x, ∂_ν l_x)
// = ½ ∂_μ tr C, and DC_{μν λ} = ∂_λ C_{μν}; all row-major.
import { populationMoments } from './moments';
import type { TensorLaw } from './values';

export interface Tensors {
  dim: number;
  G: Float64Array;
  H: Float64Array;
  J: Float64Array;
  C: Float64Array;
  S: Float64Array;
  /** ∂_λ C_{μν} at θ₀, index (μ, ν, λ) */
  DC: Float64Array;
}

/** Population tensors and cumulants of the gradient noise from a node-tensor law (needs derivs ≥ 3). */
export function tensorsOf(law: TensorLaw): Tensors {
  const d = law.dim;
  const { mean, C, S } = populationMoments(law, 3);
  const [, G, H, J] = mean;
  const DC = new Float64Array(d * d * d);
  for (const p of law.points) {
    const g = p.derivs[1];
    const h = p.derivs[2];
    for (let a = 0; a < d; a++) {
      const ga = g[a] - G[a];
      for (let b = 0; b < d; b++) {
        const gb = g[b] - G[b];
        // ∂_c Cov(g_a, g_b) = Cov(h_ac, g_b) + Cov(g_a, h_bc)
        for (let c = 0; c < d; c++) {
          DC[(a * d + b) * d + c] += p.w * ((h[a * d + c] - H[a * d + c]) * gb + ga * (h[b * d + c] - H[b * d + c]));
        }
      }
    }
  }
  return { dim: d, G, H, J, C, S, DC };
}

const contract2 = (A: Float64Array, B: Float64Array): number => A.reduce((s, a, i) => s + a * B[i], 0);

/** G·∇tr C = Σ_μ G_μ ∂_μ C_νν. */
export function gradTraceC(t: Tensors): number {
  const d = t.dim;
  let s = 0;
  for (let m = 0; m < d; m++) for (let n = 0; n < d; n++) s += t.G[m] * t.DC[(n * d + n) * d + m];
  return s;
}

/** (∇_μ C^μ_ν) G^ν — the paper's contraction; equals G·∇trC only in dimension 1. */
export function divCdotG(t: Tensors): number {
  const d = t.dim;
  let s = 0;
  for (let m = 0; m < d; m++) for (let n = 0; n < d; n++) s += t.DC[(m * d + n) * d + m] * t.G[n];
  return s;
}

/** G·H·G. */
export function gHg(t: Tensors): number {
  const d = t.dim;
  let s = 0;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) s += t.G[a] * t.H[a * d + b] * t.G[b];
  return s;
}

export interface Verdicts {
  verified: number;
  printed: number;
}

/** Cor. 4: E l(SGD, B = 1, T = N) − E l(GD, B = N, T = N) at order η². */
export const batchGap = (t: Tensors, N: number, eta: number): Verdicts => ({
  verified: (-(N - 1) / 4) * eta * eta * gradTraceC(t),
  printed: (-(N - 1) / 4) * eta * eta * divCdotG(t),
});

/** Cor. 3: E l(M epochs, batch B, rate η/M) − E l(1 epoch, batch B, rate η) at order η². */
export function epochGap(t: Tensors, N: number, B: number, M: number, eta: number): Verdicts {
  const tC = 0.5 * gradTraceC(t);
  return {
    verified: ((eta * eta * (M - 1)) / M) * (N / (2 * B)) * (gHg(t) + tC / B),
    printed: ((eta * eta * (M - 1)) / M) * ((B + 1) / B) * (N / 2) * (divCdotG(t) / 2),
  };
}

/** Cor. 5: SGD − GD on the population loss (verified) — the paper prints this for SDE too. */
export const sgdMinusGd = (t: Tensors, T: number, eta: number): number => (T / 2) * eta * eta * contract2(t.C, t.H);

/** Cor. 5: SGD − gradient flow for time ηT: (T/2)η²(C − GG):H. */
export function sgdMinusOde(t: Tensors, T: number, eta: number): Verdicts {
  const d = t.dim;
  let ggh = 0;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) ggh += t.G[a] * t.G[b] * t.H[a * d + b];
  return {
    verified: (T / 2) * eta * eta * (contract2(t.C, t.H) - ggh),
    printed: (T / 2) * eta * eta * contract2(t.C, t.H),
  };
}

/** Cor. 5: SGD − SDE (same discretisation, Gaussian noise): −(T/6)η³ S:J; the paper adds (T/2)η² C:H. */
export function sgdMinusSde(t: Tensors, T: number, eta: number): Verdicts {
  const sj = contract2(t.S, t.J);
  return {
    verified: (-T / 6) * eta ** 3 * sj,
    printed: (T / 2) * eta * eta * contract2(t.C, t.H) - (T / 6) * eta ** 3 * sj,
  };
}

/** Cor. 1 along a flat direction λ (eigenbasis of H): velocity per step at large T. */
export function driftVelocity(t: Tensors, lambda: number, eta: number): Verdicts {
  const d = t.dim;
  let s = 0;
  for (let m = 0; m < d; m++) {
    for (let n = 0; n < d; n++) {
      const den = t.H[m * d + m] + t.H[n * d + n];
      if (den !== 0) s += (t.C[m * d + n] * t.J[(lambda * d + m) * d + n]) / den;
    }
  }
  return { verified: (-(eta * eta) / 2) * s, printed: eta * eta * s };
}

/** Cor. 2 (dim 1, GD from the test minimum): test-loss increase and generalization gap. */
export function generalization(C: number, H: number, N: number, T: number, eta: number) {
  const exact = 1 - (1 - eta * H) ** T;
  const paper = 1 - Math.exp(-eta * T * H);
  return {
    testIncrease: { exact: ((C / (2 * N)) * (exact * exact)) / H, printed: ((C / (2 * N)) * (paper * paper)) / H },
    genGap: { exact: ((C / N) * exact) / H, printed: ((C / N) * paper) / H },
    stic: C / H / N,
  };
}

/** Example 1 (dim 1, stationary near a minimum): the S–J star alone vs the two-diagram total. */
export const skewStationary = (S: number, J: number, H: number, eta: number) => ({
  star: (-(eta * eta) * S * J) / (18 * H),
  second: (eta * eta * S * J) / (12 * H),
  total: (eta * eta * S * J) / (36 * H),
});

/**
 * Cor. 1 with a diagonal preconditioner P = diag(p), for H diagonal at θ₀ (theory.md §5b): the
 * velocity of θ^λ along a flat direction is −(η²/2)·p_λ·Σ_{μν} p_μ p_ν C_{μν} J_{λμν}/(p_μH_μ + p_νH_ν)
 * (P = I: the verified Cor. 1). Pairs with p_μH_μ + p_νH_ν = 0 are flat and left out.
 */
export function preconditionedDriftVelocity(t: Tensors, p: readonly number[], lambda: number, eta: number): number {
  const d = t.dim;
  if (p.length !== d) throw new RangeError(`preconditioner: ${p.length} entries for ${d} weights`);
  for (let m = 0; m < d; m++) {
    for (let n = 0; n < d; n++) {
      if (m !== n && t.H[m * d + n] !== 0)
        throw new RangeError('preconditionedDriftVelocity: H must be diagonal at θ₀');
    }
  }
  let s = 0;
  for (let m = 0; m < d; m++) {
    for (let n = 0; n < d; n++) {
      const den = p[m] * t.H[m * d + m] + p[n] * t.H[n * d + n];
      if (den !== 0) s += (p[m] * p[n] * t.C[m * d + n] * t.J[(lambda * d + m) * d + n]) / den;
    }
  }
  return (-(eta * eta) / 2) * p[lambda] * s;
}
