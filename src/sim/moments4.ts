// Higher central moments for variance observables: the pairwise update of (n, mean, M2, M3, M4)
// (Pébay 2008; M2 as Chan et al.), and the sample variance with its standard error from the
// fourth central moment. Float64 here; the engines' f32 block reductions follow the same
// formulas (shaders/reduce.wgsl reduce_merge4, cpu/reduce.ts).

export interface Moments4 {
  n: number;
  mean: number;
  m2: number;
  m3: number;
  m4: number;
}

/** Combine the central moments of two disjoint sets; an empty side returns the other. */
export function merge4(a: Moments4, b: Moments4): Moments4 {
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  const na = a.n;
  const nb = b.n;
  const n = na + nb;
  const d = b.mean - a.mean;
  const w = nb / n;
  const f = na * w; // na·nb/n
  const d2 = d * d;
  return {
    n,
    mean: a.mean + d * w,
    m2: a.m2 + b.m2 + d2 * f,
    m3: a.m3 + b.m3 + d2 * d * f * ((na - nb) / n) + (3 * d * (na * b.m2 - nb * a.m2)) / n,
    m4:
      a.m4 +
      b.m4 +
      d2 * d2 * f * ((na * na - na * nb + nb * nb) / (n * n)) +
      (6 * d2 * (na * na * b.m2 + nb * nb * a.m2)) / (n * n) +
      (4 * d * (na * b.m3 - nb * a.m3)) / n,
  };
}

/**
 * The sample variance s² = M2/(n − 1) and its standard error
 * √((μ₄ − σ⁴·(n − 3)/(n − 1))/n), μ₄ = M4/n and σ² estimated by s² (null below n = 4).
 */
export function sampleVariance(m: Pick<Moments4, 'n' | 'm2' | 'm4'>): {
  value: number;
  stderr: number | null;
} {
  const { n } = m;
  if (n < 2) return { value: 0, stderr: null };
  const s2 = m.m2 / (n - 1);
  if (n < 4) return { value: s2, stderr: null };
  const v = (m.m4 / n - ((n - 3) / (n - 1)) * s2 * s2) / n;
  return { value: s2, stderr: Math.sqrt(Math.max(0, v)) };
}
