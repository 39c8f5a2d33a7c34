// Diagram values: part moments or joint cumulants of node tensors, contracted along edges
// (theory.md §2–4). Every edge carries one index; node v (non-root, k children) holds
// ∇^{k+1} l_x with indices (own edge, child edges); the root holds ∇^k l (test loss), ∇^k l_x
// (train loss) or e_λ / θ₀^λ (weight). Values are listed per edge-index assignment so that the
// resummed form can attach each assignment's propagator eigenvalues.
import { type Diagram, type ObservableKind, childrenOf } from './diagram';
import { setPartitions } from './enumerate';

/** The law of the node tensors at θ₀: weighted data points with their derivative tensors. */
export interface TensorLaw {
  dim: number;
  /** derivs[k] = ∇^k l_x(θ₀), row-major, length dim^k; weights sum to 1 */
  points: { w: number; derivs: Float64Array[] }[];
}

export interface ObservableSpec {
  kind: ObservableKind;
  /** weight coordinate λ (weight observable) */
  index?: number;
  /** θ₀ (weight observable, zero-edge diagram) */
  theta0?: readonly number[];
}

/** Rotate every tensor into the orthonormal basis U (columns = basis vectors, row-major d×d). */
export function rotateLaw(law: TensorLaw, U: Float64Array): TensorLaw {
  const d = law.dim;
  const rot = (t: Float64Array): Float64Array => {
    let cur = t;
    const k = Math.round(Math.log(t.length) / Math.log(d)) || 0;
    for (let axis = 0; axis < k; axis++) {
      const next = new Float64Array(cur.length);
      const stride = d ** (k - 1 - axis);
      for (let base = 0; base < cur.length; base++) {
        const j = Math.floor(base / stride) % d;
        if (cur[base] === 0) continue;
        const off = base - j * stride;
        for (let i = 0; i < d; i++) next[off + i * stride] += cur[base] * U[j * d + i];
      }
      cur = next;
    }
    return cur;
  };
  return { dim: d, points: law.points.map((p) => ({ w: p.w, derivs: p.derivs.map(rot) })) };
}

export interface ValueEntry {
  /** eigen/coordinate index of each edge (indexed by the child node) */
  idx: Int32Array;
  value: number;
}

const mobius = (blocks: number): number => {
  let f = 1;
  for (let i = 2; i < blocks; i++) f *= i;
  return (blocks - 1) % 2 === 0 ? f : -f;
};

/**
 * All non-zero terms Π_parts value(part) over edge-index assignments.
 * mode 'cumulant': joint cumulants (cumulant form); 'moment': joint moments (moment form).
 * `basisRow` gives e_λ in the working basis for a weight root with one child.
 */
export function valueTable(
  d: Diagram,
  obs: ObservableSpec,
  law: TensorLaw,
  mode: 'cumulant' | 'moment',
  basisRow?: ArrayLike<number>,
): ValueEntry[] {
  const m = d.parent.length;
  const dim = law.dim;
  const ch = childrenOf(d);
  const root = m;
  if (obs.kind === 'weight' && ch[root].length > 1) return [];
  if (m === 0) {
    if (obs.kind === 'weight') return [{ idx: new Int32Array(0), value: obs.theta0![obs.index!] }];
    let v = 0;
    for (const p of law.points) v += p.w * p.derivs[0][0];
    return [{ idx: new Int32Array(0), value: v }];
  }
  // node tensor order and the edges its indices sit on
  const nodeEdges: number[][] = [];
  for (let v = 0; v <= m; v++) nodeEdges.push(v === root ? [...ch[v]] : [v, ...ch[v]]);
  // parts that carry data (the weight root is deterministic; the test root is the population mean)
  const randomParts = d.parts.map((p) => p.filter((v) => !(v === root && obs.kind === 'weight')));
  const partitionsBySize = new Map<number, number[][][]>();
  const partsOf = (n: number): number[][][] => {
    let ps = partitionsBySize.get(n);
    if (!ps) partitionsBySize.set(n, (ps = setPartitions([...Array(n).keys()])));
    return ps;
  };
  const out: ValueEntry[] = [];
  const idx = new Int32Array(m);
  const flatIndex = (v: number): number => {
    let f = 0;
    for (const e of nodeEdges[v]) f = f * dim + idx[e];
    return f;
  };
  const total = dim ** m;
  const prodBuf = new Float64Array(1 << (m + 1));
  const mom = new Float64Array(1 << (m + 1));
  for (let a = 0; a < total; a++) {
    let r = a;
    for (let e = 0; e < m; e++) {
      idx[e] = r % dim;
      r = Math.floor(r / dim);
    }
    let value = 1;
    if (obs.kind === 'weight') value *= basisRow ? basisRow[idx[ch[root][0]]] : idx[ch[root][0]] === obs.index ? 1 : 0;
    for (const part of randomParts) {
      if (value === 0) break;
      if (part.length === 0) continue;
      const n = part.length;
      const flat = part.map(flatIndex);
      const order = part.map((v) => nodeEdges[v].length);
      // moments of every subset of the part's nodes
      const full = (1 << n) - 1;
      mom.fill(0, 0, full + 1);
      for (const pt of law.points) {
        prodBuf[0] = pt.w;
        for (let s = 1; s <= full; s++) {
          const low = 31 - Math.clz32(s & -s);
          prodBuf[s] = prodBuf[s & (s - 1)] * pt.derivs[order[low]][flat[low]];
          mom[s] += prodBuf[s];
        }
      }
      if (mode === 'moment' || n === 1) {
        value *= mom[full];
      } else {
        let kappa = 0;
        for (const pi of partsOf(n)) {
          let term = mobius(pi.length);
          for (const b of pi) {
            let mask = 0;
            for (const i of b) mask |= 1 << i;
            term *= mom[mask];
          }
          kappa += term;
        }
        value *= kappa;
      }
    }
    if (value !== 0) out.push({ idx: Int32Array.from(idx), value });
  }
  return out;
}

/** Σ over assignments (the plain diagram value, e.g. uvalue or cvalue). */
export const totalValue = (entries: readonly ValueEntry[]): number => entries.reduce((s, e) => s + e.value, 0);
