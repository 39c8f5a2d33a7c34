// The exact series a_0..a_d of E[φ(θ_T)] (theory.md §3–4) and per-diagram contributions.
// Each diagram with m edges contributes (1/|Aut|) · Σ_f Π_v (−η/|B_{t(v)}|) · value, so its
// coefficient of η^m is (−1)^m/|Aut| · (weighted embedding sum) · value.
import { type ObservableKind } from './diagram';
import { enumerateDiagrams } from './enumerate';
import { embeddingCount, ruleSum } from './embeddings';
import type { Spacetime } from './spacetime';
import { PREDICTION_ADVICE, seriesCost } from './cost';
import { type ObservableSpec, type TensorLaw, totalValue, valueTable } from './values';

export interface DiagramTerm {
  diagram: string;
  edges: number;
  aut: number;
  /** Emb(D) by the moment rule (weighted for train-loss roots and shuffles) */
  embeddings: number;
  /** contribution to the coefficient of η^edges (moment form) */
  coefficient: number;
}

export interface SeriesResult {
  T: number;
  series: number[];
  diagrams?: DiagramTerm[];
}

const kindOf = (o: ObservableSpec): ObservableKind => o.kind;

/**
 * Series coefficients through `order` from the cumulant form over all diagrams. With
 * `withDiagrams` the moment-form terms of every diagram are listed as well (they sum to the
 * same coefficients, an independent check the tests rely on).
 */
export function seriesCoefficients(
  law: TensorLaw,
  obs: ObservableSpec,
  st: Spacetime,
  order: number,
  withDiagrams = false,
): SeriesResult {
  const kind = kindOf(obs);
  seriesCost({ dim: law.dim, points: law.points.length }, kind, st, order, withDiagrams).check(
    `the exact series through order ${order}`,
    PREDICTION_ADVICE,
  );
  const series: number[] = [];
  const diagrams: DiagramTerm[] = [];
  for (let m = 0; m <= order; m++) {
    let a = 0;
    const sign = m % 2 ? -1 : 1;
    for (const c of enumerateDiagrams(m, kind)) {
      const vals = valueTable(c.diagram, obs, law, 'cumulant');
      if (vals.length > 0) {
        a += (sign / c.aut) * ruleSum(c.diagram, kind, st, 'cumulant', true) * totalValue(vals);
      }
      if (withDiagrams) {
        const uvals = valueTable(c.diagram, obs, law, 'moment');
        const u = totalValue(uvals);
        const w = u === 0 ? 0 : ruleSum(c.diagram, kind, st, 'moment', true);
        diagrams.push({
          diagram: c.notation,
          edges: m,
          aut: c.aut,
          embeddings: embeddingCount(c.diagram, kind, st, 'moment'),
          coefficient: (sign / c.aut) * w * u,
        });
      }
    }
    series.push(a);
  }
  return withDiagrams ? { T: st.T, series, diagrams } : { T: st.T, series };
}

/** Σ a_k η^k. */
export const seriesValue = (series: readonly number[], eta: number): number =>
  series.reduceRight((acc, a) => acc * eta + a, 0);
