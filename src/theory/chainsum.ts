// Exact sums over ordered times (theory.md §12): after merging the nodes that must share a time
// into units, the units' times form a weak ordering consistent with the edges; for each ordering
// t_1 < … < t_k < T the sum of Π_edges μ_e^{t_parent − t_child − 1} has a closed form through
// complete homogeneous symmetric polynomials, evaluated stably (coincident μ's included) as an
// entry of a power of a bidiagonal matrix.

/** An edge between units: child unit index, parent unit index (-1 = the root at time T). */
export interface UnitEdge {
  child: number;
  parent: number;
}

/** One weak ordering, precompiled: per gap the edges spanning it, per edge its span. */
export interface ChainTemplate {
  k: number; // number of levels (distinct times before T)
  gapEdges: number[][]; // gapEdges[l] (l = 0..k-1): edges spanning gap between level l and l+1 (level k = root)
  span: number[]; // per edge: number of gaps spanned (≥ 1)
}

/**
 * All weak orderings of `units` units such that every edge's child unit comes strictly before its
 * parent unit. Returns [] when an edge joins a unit to itself (no valid time assignment).
 */
export function chainTemplates(units: number, edges: readonly UnitEdge[]): ChainTemplate[] {
  if (edges.some((e) => e.child === e.parent)) return [];
  const childrenOf: number[][] = Array.from({ length: units }, () => []);
  for (const e of edges) if (e.parent >= 0) childrenOf[e.parent].push(e.child);
  const level = new Array<number>(units).fill(-1);
  const out: ChainTemplate[] = [];
  const rec = (placed: number, k: number): void => {
    if (placed === units) {
      const gapEdges: number[][] = Array.from({ length: k }, () => []);
      const span = edges.map((e, i) => {
        const lc = level[e.child];
        const lp = e.parent < 0 ? k : level[e.parent];
        for (let l = lc; l < lp; l++) gapEdges[l].push(i);
        return lp - lc;
      });
      out.push({ k, gapEdges, span });
      return;
    }
    const avail: number[] = [];
    for (let u = 0; u < units; u++) {
      if (level[u] < 0 && childrenOf[u].every((c) => level[c] >= 0 && level[c] < k)) avail.push(u);
    }
    // every non-empty subset of the available units forms the next level
    for (let mask = 1; mask < 1 << avail.length; mask++) {
      let n = 0;
      for (let i = 0; i < avail.length; i++) {
        if (mask & (1 << i)) {
          level[avail[i]] = k;
          n++;
        }
      }
      rec(placed + n, k + 1);
      for (let i = 0; i < avail.length; i++) if (mask & (1 << i)) level[avail[i]] = -1;
    }
  };
  rec(0, 0);
  return out;
}

/**
 * h_n(x_0..x_k) for all n = T−k at once: the (0,k) entry of J^T, J bidiagonal with diagonal x and
 * ones above it. Exact in exact arithmetic, no division, so coincident or near-equal x's are fine.
 */
export function completeHomogeneous(x: readonly number[], T: number): number {
  const k = x.length - 1;
  if (T < k) return 0;
  const n = k + 1;
  // row vector r = e_0 · J^T by binary powering of upper-triangular matrices
  let P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    P[i * n + i] = x[i];
    if (i + 1 < n) P[i * n + i + 1] = 1;
  }
  let r = new Float64Array(n);
  r[0] = 1;
  let e = T;
  while (e > 0) {
    if (e & 1) {
      const nr = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const ri = r[i];
        if (ri === 0) continue;
        for (let j = i; j < n; j++) nr[j] += ri * P[i * n + j];
      }
      r = nr;
    }
    e = Math.floor(e / 2);
    if (e > 0) {
      const Q = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let l = i; l < n; l++) {
          const a = P[i * n + l];
          if (a === 0) continue;
          for (let j = l; j < n; j++) Q[i * n + j] += a * P[l * n + j];
        }
      }
      P = Q;
    }
  }
  return r[k];
}

/** Σ over times of one ordering: Π_e μ_e^{span_e − 1} · h_{T−k}(1, ν_1..ν_k), ν_l = Π of μ over edges spanning gap l. */
export function evalTemplate(t: ChainTemplate, mu: ArrayLike<number>, T: number): number {
  if (T < t.k) return 0;
  let pre = 1;
  for (let e = 0; e < t.span.length; e++) if (t.span[e] > 1) pre *= mu[e] ** (t.span[e] - 1);
  const x = new Array<number>(t.k + 1);
  x[0] = 1;
  for (let l = 0; l < t.k; l++) {
    let nu = 1;
    for (const e of t.gapEdges[l]) nu *= mu[e];
    x[l + 1] = nu;
  }
  // with no levels at all (no units) the sum is the empty product
  return pre * completeHomogeneous(x, T);
}

/** Σ over all orderings. */
export function evalTemplates(ts: readonly ChainTemplate[], mu: ArrayLike<number>, T: number): number {
  let s = 0;
  for (const t of ts) s += evalTemplate(t, mu, T);
  return s;
}
