// Diagram values: part moments or joint cumulants of node tensors, contracted along edges
// (theory.md §2–4). Every edge carries one index; node v (non-root, k children) holds
// ∇^{k+1} l_x with indices (own edge, child edges); the root holds ∇^k l (test loss), ∇^k l_x
// (train loss), or a deterministic tensor ∇^k φ(θ₀) (weight: φ = θ^λ; formula: any φ).
// Values are listed per edge-index assignment so that the resummed form can attach each
// assignment's propagator eigenvalues.
import { type Diagram, type ObservableKind, childrenOf } from './diagram';
import { setPartitions } from './enumerate';
import { populationTensor } from './moments';

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
  /**
   * The root's tensors ∇^k φ(θ₀), k = 0.. (formula observables; for a weight they default to
   * θ₀^λ and e_λ). Roots with more children than listed contribute 0.
   */
  rootDerivs?: readonly Float64Array[];
}

/** The deterministic root's tensors, or null when the root is a loss (a random part). */
export function rootTensors(obs: ObservableSpec, dim: number): readonly Float64Array[] | null {
  if (obs.rootDerivs) return obs.rootDerivs;
  switch (obs.kind) {
    case 'test-loss':
    case 'train-loss':
      return null;
    case 'weight': {
      const e = new Float64Array(dim);
      e[obs.index!] = 1;
      return [Float64Array.of(obs.theta0![obs.index!]), e];
    }
    case 'formula':
      throw new Error('a formula observable needs its root tensors (rootDerivs)');
    default: {
      const never: never = obs.kind;
      throw new Error(`unknown observable kind ${String(never)}`);
    }
  }
}

/**
 * Contract every index of a row-major tensor of order k with M: out_{i…} = Σ_j M_{j i} t_{j…}
 * (each index goes through Mᵀ). M orthonormal: a change of basis; M = P^{1/2}: the
 * preconditioned coordinates.
 */
export function transformTensor(t: Float64Array, M: ArrayLike<number>, d: number, k: number): Float64Array {
  let cur = t;
  for (let axis = 0; axis < k; axis++) {
    const next = new Float64Array(cur.length);
    const stride = d ** (k - 1 - axis);
    for (let base = 0; base < cur.length; base++) {
      const j = Math.floor(base / stride) % d;
      if (cur[base] === 0) continue;
      const off = base - j * stride;
      for (let i = 0; i < d; i++) next[off + i * stride] += cur[base] * M[j * d + i];
    }
    cur = next;
  }
  return cur;
}

/** Transform every tensor of the law by M (see transformTensor). */
export function rotateLaw(law: TensorLaw, U: ArrayLike<number>): TensorLaw {
  const d = law.dim;
  return {
    dim: d,
    points: law.points.map((p) => ({ w: p.w, derivs: p.derivs.map((t, k) => transformTensor(t, U, d, k)) })),
  };
}

/** The observable in the transformed coordinates (its root tensors transformed like the law's). */
export function transformObservable(obs: ObservableSpec, M: ArrayLike<number>, dim: number): ObservableSpec {
  const root = rootTensors(obs, dim);
  if (!root) return obs;
  return { ...obs, rootDerivs: root.map((t, k) => transformTensor(t, M, dim, k)) };
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
 * A weight or formula root carries its (already transformed) tensors rootTensors(obs).
 */
export function valueTable(d: Diagram, obs: ObservableSpec, law: TensorLaw, mode: 'cumulant' | 'moment'): ValueEntry[] {
  const m = d.parent.length;
  const dim = law.dim;
  const ch = childrenOf(d);
  const root = m;
  const rootT = rootTensors(obs, dim);
  if (rootT && ch[root].length >= rootT.length) return [];
  if (m === 0) {
    if (rootT) return [{ idx: new Int32Array(0), value: rootT[0][0] }];
    return [{ idx: new Int32Array(0), value: populationTensor(law, 0)[0] }];
  }
  // node tensor order and the edges its indices sit on
  const nodeEdges: number[][] = [];
  for (let v = 0; v <= m; v++) nodeEdges.push(v === root ? [...ch[v]] : [v, ...ch[v]]);
  // parts that carry data (a weight/formula root is deterministic; the test root is the population mean)
  const randomParts = d.parts.map((p) => p.filter((v) => !(v === root && rootT)));
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
    if (rootT) value *= rootT[ch[root].length][flatIndex(root)];
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
