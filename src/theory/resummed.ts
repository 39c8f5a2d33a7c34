// The resummed prediction (theory.md §5): irreducible diagrams, cumulant values, and on every
// edge the propagator (−η/|B_t|)·K^{Δt−1}, K = I − ηH. In H's eigenbasis K is diagonal, so each
// edge-index assignment carries per-edge eigenvalues μ_a = 1 − η h_a. The diagram and value
// work is done once per scenario; a new η (a slider drag) only re-evaluates chain sums, which
// are merged across diagrams by their shape in μ.
import { type ObservableKind } from './diagram';
import { enumerateDiagrams } from './enumerate';
import { partGroups } from './embeddings';
import { completeHomogeneous } from './chainsum';
import { symmetricEigen } from './linalg';
import { populationTensor } from './moments';
import { isOneEpoch, type Spacetime } from './spacetime';
import { compileTimeSum, type CompiledSum } from './timesum';
import { PREDICTION_ADVICE, resummedCost } from './cost';
import {
  type ObservableSpec,
  type TensorLaw,
  type ValueEntry,
  rotateLaw,
  transformObservable,
  valueTable,
} from './values';

interface ChainKey {
  m: number;
  pre: Int32Array; // exponent of each μ_a in the prefactor
  gaps: Int32Array[]; // per gap, exponent of each μ_a in ν_l
  coef: number; // includes value, 1/|Aut|, sign and the row factor
  perN: number; // 1 when the coefficient carries 1/N (a train-loss root tied to other nodes)
}

interface DiagramModel {
  notation: string;
  edges: number;
  aut: number;
  entries: ValueEntry[];
  sum: CompiledSum;
  keys?: ChainKey[];
}

export interface Contribution {
  diagram: string;
  edges: number;
  aut: number;
  value: number;
}

export class ResummedModel {
  readonly eigenvalues: Float64Array;
  readonly basis: Float64Array;
  /** the law and observable in H's eigenbasis (what every value is computed from) */
  readonly rotatedLaw: TensorLaw;
  readonly rotatedObs: ObservableSpec;
  private readonly diagrams: DiagramModel[];
  private readonly merged: ChainKey[] | null;

  constructor(
    law: TensorLaw,
    obs: ObservableSpec,
    readonly spacetime: Spacetime,
    readonly order: number,
  ) {
    const d = law.dim;
    resummedCost({ dim: d, points: law.points.length }, obs.kind, spacetime, order).check(
      `the resummed prediction through order ${order}`,
      PREDICTION_ADVICE,
    );
    const { values, U } = symmetricEigen(populationTensor(law, 2), d);
    this.eigenvalues = values;
    this.basis = U;
    const rotated = (this.rotatedLaw = rotateLaw(law, U));
    const rotObs = (this.rotatedObs = transformObservable(obs, U, d));
    const kind: ObservableKind = obs.kind;
    this.diagrams = [];
    for (let m = 0; m <= order; m++) {
      for (const c of enumerateDiagrams(m, kind, { irreducibleOnly: true })) {
        const entries = valueTable(c.diagram, rotObs, rotated, 'cumulant');
        if (entries.length === 0) continue;
        const sum = compileTimeSum({ parent: c.diagram.parent, groups: partGroups(c.diagram, kind) }, spacetime, true);
        const perN = kind === 'train-loss' && c.diagram.parts.some((p) => p.length > 1 && p.includes(m)) ? 1 : 0;
        this.diagrams.push({
          notation: c.notation,
          edges: m,
          aut: c.aut,
          entries,
          sum,
          keys: sum.chains ? chainKeys(m, c.aut, entries, sum, d, perN) : undefined,
        });
      }
    }
    this.merged = this.diagrams.every((g) => g.keys)
      ? mergeKeys(
          this.diagrams.flatMap((g) => g.keys!),
          d,
        )
      : null;
  }

  /** Σ over irreducible diagrams with at most `order` edges at this η. */
  evaluate(eta: number): number {
    if (this.merged) return evalKeys(this.merged, eta, this.eigenvalues, this.spacetime.T);
    return this.diagrams.reduce((s, g) => s + this.diagramValue(g, eta), 0);
  }

  /**
   * One epoch of batch B: the first t updates are themselves one epoch on t·B points, and only
   * the chain sums (and a train-loss root's 1/N) depend on t — so the whole curve in t comes from
   * this one model.
   */
  get evaluatesAnyT(): boolean {
    return this.merged !== null && isOneEpoch(this.spacetime);
  }

  /** The prediction after the first t updates (one-epoch schedules; see evaluatesAnyT). */
  evaluateAt(eta: number, t: number): number {
    if (!this.evaluatesAnyT) throw new Error('evaluateAt needs a one-epoch schedule with closed-form time sums');
    const B = this.spacetime.structured!.B;
    return evalKeys(this.merged!, eta, this.eigenvalues, t, this.spacetime.N / (Math.max(1, t) * B));
  }

  /**
   * The prediction split by number of edges: entry m sums the irreducible diagrams with m edges
   * (after the first t updates when t is given; one-epoch schedules, see evaluatesAnyT).
   */
  evaluateOrders(eta: number, t?: number): number[] {
    const out = new Array<number>(this.order + 1).fill(0);
    if (t !== undefined) {
      if (!this.evaluatesAnyT)
        throw new Error('evaluateOrders at t needs a one-epoch schedule with closed-form time sums');
      const B = this.spacetime.structured!.B;
      const nScale = this.spacetime.N / (Math.max(1, t) * B);
      for (const k of this.merged!) out[k.m] += evalKeys([k], eta, this.eigenvalues, t, nScale);
      return out;
    }
    for (const g of this.diagrams) out[g.edges] += this.diagramValue(g, eta);
    return out;
  }

  /** Each irreducible diagram's resummed contribution at this η. */
  contributions(eta: number): Contribution[] {
    return this.diagrams.map((g) => ({
      diagram: g.notation,
      edges: g.edges,
      aut: g.aut,
      value: this.diagramValue(g, eta),
    }));
  }

  private diagramValue(g: DiagramModel, eta: number): number {
    if (g.keys) return evalKeys(g.keys, eta, this.eigenvalues, this.spacetime.T);
    const mu = new Float64Array(g.edges);
    let s = 0;
    for (const e of g.entries) {
      for (let i = 0; i < g.edges; i++) mu[i] = 1 - eta * this.eigenvalues[e.idx[i]];
      s += e.value * g.sum.eval(mu);
    }
    return ((g.edges % 2 ? -1 : 1) * eta ** g.edges * s) / g.aut;
  }
}

function chainKeys(
  m: number,
  aut: number,
  entries: ValueEntry[],
  sum: CompiledSum,
  d: number,
  perN: number,
): ChainKey[] {
  const { factor, templates } = sum.chains!;
  const keys: ChainKey[] = [];
  const sign = m % 2 ? -1 : 1;
  for (const e of entries) {
    for (const t of templates) {
      const pre = new Int32Array(d);
      t.span.forEach((s, edge) => (pre[e.idx[edge]] += s - 1));
      const gaps = t.gapEdges.map((edges) => {
        const c = new Int32Array(d);
        for (const edge of edges) c[e.idx[edge]]++;
        return c;
      });
      keys.push({ m, pre, gaps, coef: (sign * factor * e.value) / aut, perN });
    }
  }
  return mergeKeys(keys, d);
}

/** Merge keys with the same η-power, prefactor and multiset of gap multipliers (h is symmetric). */
function mergeKeys(keys: ChainKey[], d: number): ChainKey[] {
  const map = new Map<string, ChainKey>();
  for (const k of keys) {
    const gaps = [...k.gaps].sort((a, b) => {
      for (let i = 0; i < d; i++) if (a[i] !== b[i]) return a[i] - b[i];
      return 0;
    });
    const id = `${k.m}|${k.perN}|${k.pre.join(',')}|${gaps.map((g) => g.join(',')).join(';')}`;
    const prev = map.get(id);
    if (prev) prev.coef += k.coef;
    else map.set(id, { ...k, gaps });
  }
  return [...map.values()].filter((k) => k.coef !== 0);
}

function evalKeys(keys: readonly ChainKey[], eta: number, h: Float64Array, T: number, nScale = 1): number {
  const d = h.length;
  const mu = new Float64Array(d);
  for (let a = 0; a < d; a++) mu[a] = 1 - eta * h[a];
  const powMu = (c: Int32Array): number => {
    let p = 1;
    for (let a = 0; a < d; a++) if (c[a]) p *= mu[a] ** c[a];
    return p;
  };
  let s = 0;
  const x: number[] = [];
  for (const k of keys) {
    x.length = k.gaps.length + 1;
    x[0] = 1;
    for (let l = 0; l < k.gaps.length; l++) x[l + 1] = powMu(k.gaps[l]);
    s += (k.perN ? k.coef * nScale : k.coef) * eta ** k.m * powMu(k.pre) * completeHomogeneous(x, T);
  }
  return s;
}

/** What a resummed prediction answers (a mean: ResummedModel; a variance: VarianceResummed). */
export interface ResummedPrediction {
  evaluate(eta: number): number;
  readonly evaluatesAnyT: boolean;
  evaluateAt(eta: number, t: number): number;
  contributions(eta: number): Contribution[];
}

/**
 * Var φ = E[φ²] − E[φ]² from the resummed models of φ² and φ, truncated consistently: E[φ²]
 * over diagrams with at most d edges, E[φ]² over pairs of diagrams with at most d edges in
 * all (the same truncation as the series). Its contributions are those of E[φ²] (the square
 * of E[φ] is not a sum over diagrams).
 */
export class VarianceResummed implements ResummedPrediction {
  constructor(
    readonly meanSquare: ResummedModel,
    readonly mean: ResummedModel,
  ) {}

  private static combine(sq: number[], m: number[]): number {
    let v = 0;
    for (let k = 0; k < sq.length; k++) {
      v += sq[k];
      for (let i = 0; i <= k; i++) v -= m[i] * m[k - i];
    }
    return v;
  }

  evaluate(eta: number): number {
    return VarianceResummed.combine(this.meanSquare.evaluateOrders(eta), this.mean.evaluateOrders(eta));
  }

  get evaluatesAnyT(): boolean {
    return this.meanSquare.evaluatesAnyT && this.mean.evaluatesAnyT;
  }

  evaluateAt(eta: number, t: number): number {
    return VarianceResummed.combine(this.meanSquare.evaluateOrders(eta, t), this.mean.evaluateOrders(eta, t));
  }

  contributions(eta: number): Contribution[] {
    return this.meanSquare.contributions(eta);
  }
}
