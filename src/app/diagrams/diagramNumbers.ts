// The numbers the editor and the grid show for one diagram in the current scenario: its term
// of the exact series (moment form, theory.md §3), its resummed contribution (§5), Emb(D),
// and the value of one chosen embedding. Thin adapters over theory/.
import { canonicalize } from '../../theory/canonical';
import { type Diagram, childrenOf, isIrreducible } from '../../theory/diagram';
import { type Cell, embeddingCount, ruleSum } from '../../theory/embeddings';
import { isCell, type Spacetime } from '../../theory/spacetime';
import { type TensorLaw, rotateLaw, totalValue, transformObservable, valueTable } from '../../theory/values';
import { batchSize } from './gridWindow';
import { LAW_ORDER, lawOrderOf, type PredictionContext } from '../derived/predictions';

/** Highest derivative a node of d needs (a non-root node with k children needs ∇^{k+1}). */
const neededOrder = (d: Diagram): number =>
  Math.max(0, ...childrenOf(d).map((c, v) => c.length + (v === d.parent.length ? 0 : 1)));
/** Derivatives up to this order are computed for a diagram (beyond the scenario's order on demand). */
const maxLawOrder = (ctx: PredictionContext): number => Math.max(LAW_ORDER, lawOrderOf(ctx.model.law));

export interface DiagramNumbers {
  canonical: string;
  aut: number;
  /** Emb(D) for the scenario's spacetime (moment rule), or the reason it is not computed */
  embeddings: number | string;
  /** the diagram's term of the exact series at this η */
  term: number | string;
  /** its resummed contribution (irreducible diagrams within the order) */
  resummed: number | string;
}

const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function diagramNumbers(ctx: PredictionContext, d: Diagram, eta: number): DiagramNumbers {
  const info = canonicalize(d);
  const { obs, spacetime } = ctx.model;
  const kind = obs.kind;
  const m = d.parent.length;
  const out: DiagramNumbers = { canonical: info.notation, aut: info.aut, embeddings: '', term: '', resummed: '' };
  try {
    out.embeddings = embeddingCount(d, kind, spacetime, 'moment');
  } catch (e) {
    out.embeddings = why(e);
  }
  if (neededOrder(d) > maxLawOrder(ctx)) {
    out.term = out.resummed = `needs derivatives of order ${neededOrder(d)}; computed up to ${maxLawOrder(ctx)}`;
    return out;
  }
  try {
    const at = ctx.modelAt(neededOrder(d));
    const u = totalValue(valueTable(d, at.obs, at.law, 'moment'));
    const w = u === 0 ? 0 : ruleSum(d, kind, spacetime, 'moment', true);
    out.term = ((-eta) ** m / info.aut) * w * u;
  } catch (e) {
    out.term = why(e);
  }
  if (!isIrreducible(d)) out.resummed = 'reducible: resummed into the propagators of other diagrams';
  else if (m > ctx.scenario.order) out.resummed = `beyond the scenario's order ${ctx.scenario.order}`;
  else {
    const c = ctx.contributions(eta).find((x) => x.diagram === info.notation);
    out.resummed = c ? c.value : 0;
  }
  return out;
}

// rotated into the eigenbasis of H, per law (a law is shared by the contexts of one landscape,
// and every context of one landscape has the same H)
const rotated = new WeakMap<TensorLaw, TensorLaw>();

/**
 * One embedding's resummed value (1/|Aut|) Π_edges (−η/|B_t|) K^{Δt−1} · cvalue, in H's
 * eigenbasis where K is diagonal; for the train loss the root's row carries 1/N.
 */
export function embeddingValue(
  ctx: PredictionContext,
  d: Diagram,
  cells: readonly Cell[],
  eta: number,
  st: Spacetime,
): number {
  // batch sizes are read per cell, so a cell off the schedule would give a wrong number, not an error
  const off = cells.find((c) => !isCell(st, c.n, c.t));
  if (off) throw new Error(`cell n=${off.n}, t=${off.t} is not in the schedule`);
  // E[φ]'s model (for a variance: φ's), in the working coordinates (P^{1/2}ψ when preconditioned)
  const model = ctx.model.resummedMean();
  const { obs } = ctx.model;
  if (neededOrder(d) > maxLawOrder(ctx)) return NaN;
  const at = ctx.modelAt(neededOrder(d));
  const law = at.law;
  let rot = rotated.get(law);
  if (!rot) rotated.set(law, (rot = rotateLaw(law, model.basis)));
  const entries = valueTable(d, transformObservable(at.obs, model.basis, law.dim), rot, 'cumulant');
  const m = d.parent.length;
  const aut = canonicalize(d).aut;
  let s = 0;
  for (const e of entries) {
    let p = e.value;
    for (let v = 0; v < m; v++) {
      const tp = d.parent[v] === m ? st.T : cells[d.parent[v]].t;
      const mu = 1 - eta * model.eigenvalues[e.idx[v]];
      p *= (-eta / batchSize(st, cells[v].t)) * mu ** (tp - cells[v].t - 1);
    }
    s += p;
  }
  return (obs.kind === 'train-loss' ? s / st.N : s) / aut;
}
