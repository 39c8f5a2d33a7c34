// Predictions for the current scenario, cached so that an η change only re-evaluates chain
// sums (theory.md §12): one context per scenario-without-η, one tensor law per landscape and
// order. They run in the prediction worker (predictionJob.ts), never on the page's thread.
import type { ParsedScenario } from '../../landscape/scenario';
import { PredictionModel, tensorLawOf } from '../../landscape/predict';
import { seriesValue } from '../../theory/series';
import { MAX_ORDER } from '../../theory/orders';
import type { TensorLaw } from '../../theory/values';
import { scenarioKey } from '../scenario/scenario';

/** Highest derivative order the explorer computes: what a diagram of the highest order needs (m edges need ∇^m). */
export const LAW_ORDER = MAX_ORDER;
export const SERIES_PLOT_ORDER = 4;
/** Number of prefix times the prediction curve θ_t is evaluated at. */
const CURVE_POINTS = 24;
/** Up to this T the exact (un-resummed) series is drawn along the curve too. */
export const SERIES_CURVE_T = 64;

// Laws are computed to the order asked for, not beyond: derivative tensors grow like dim^order,
// so a 20-weight landscape at order 1 must not pay for order 5. A law of higher order serves a
// lower one.
const laws = new Map<string, TensorLaw[]>();
function lawFor(sc: ParsedScenario, order: number): TensorLaw {
  const key = JSON.stringify([sc.weights, sc.init, sc.loss, sc.data]);
  const have = laws.get(key) ?? [];
  const found = have.find((l) => lawOrderOf(l) >= order);
  if (found) return found;
  const law = tensorLawOf(sc, order);
  if (laws.size > 16) laws.clear();
  laws.set(key, [...have, law]);
  return law;
}

/** The highest derivative order a law holds. */
export const lawOrderOf = (law: TensorLaw): number => law.points[0].derivs.length - 1;

/** Times 0..T at which the prediction curve is drawn (integers, always 0 and T). */
export function curveTimes(T: number, points = CURVE_POINTS): number[] {
  const out = new Set<number>([0, T]);
  for (let i = 1; i < points; i++) out.add(Math.round((i * T) / points));
  return [...out].sort((a, b) => a - b);
}

/** The first t updates of a schedule, as a scenario (for the curve against t). */
function prefixScenario(sc: ParsedScenario, t: number): ParsedScenario {
  const s = sc.schedule;
  if (!('batches' in s) && s.epochs === 1 && sc.observable !== 'train-loss') {
    // one epoch of batch B: the first t updates are themselves one epoch on t·B points
    return { ...sc, schedule: { N: Math.max(1, t) * s.B, B: s.B, epochs: 1, shuffle: false } };
  }
  const model = new PredictionModel(sc, lawFor(sc, Math.max(sc.order, 2)));
  return { ...sc, schedule: { N: sc.schedule.N, batches: model.spacetime.batches.slice(0, t) } };
}

export class PredictionContext {
  readonly model: PredictionModel;
  private curve?: { t: number; model: PredictionModel | null; series?: number[] }[];
  private seriesCache = new Map<number, number[]>();

  constructor(readonly scenario: ParsedScenario) {
    this.model = new PredictionModel(scenario, lawFor(scenario, Math.max(scenario.order, 2)));
  }

  private higher = new Map<number, PredictionModel>();

  /**
   * The model with derivatives up to at least `order` (the context's own when it has them): its
   * law and observable are in the working coordinates (P^{1/2}ψ when preconditioned) and a
   * formula root carries ∇^kφ up to that order.
   */
  modelAt(order: number): PredictionModel {
    if (lawOrderOf(this.model.law) >= order) return this.model;
    let m = this.higher.get(order);
    if (!m) this.higher.set(order, (m = new PredictionModel(this.scenario, lawFor(this.scenario, order))));
    return m;
  }

  /** The working law with derivatives up to at least `order`. */
  lawAt(order: number): TensorLaw {
    return this.modelAt(order).law;
  }

  get T(): number {
    return this.model.spacetime.T;
  }

  resummed(eta: number): number {
    return this.model.resummed().evaluate(eta);
  }

  contributions(eta: number) {
    return this.model.resummedMean().contributions(eta);
  }

  /** Exact series coefficients a_0..a_order (cached per order). */
  series(order: number): number[] {
    let s = this.seriesCache.get(order);
    if (!s) {
      s = this.modelAt(order).series(false, order).series;
      this.seriesCache.set(order, s);
    }
    return s;
  }

  seriesAt(order: number, eta: number): number {
    return seriesValue(this.series(order), eta);
  }

  /** The resummed prediction (and, when T ≤ SERIES_CURVE_T, the exact series) at times 0..T. */
  curveAt(eta: number): { t: number; value: number; series: number | null }[] {
    const exact = this.T <= SERIES_CURVE_T;
    const whole = this.model.resummed();
    // one-epoch schedules: the model gives every prefix directly, so a new T builds one model,
    // not one per point of the curve
    const oneModel = whole.evaluatesAnyT;
    this.curve ??= curveTimes(this.T).map((t) => {
      if (t === this.T) return { t, model: this.model };
      if (t === 0 || (oneModel && !exact)) return { t, model: null };
      return { t, model: new PredictionModel(prefixScenario(this.scenario, t), this.model.law) };
    });
    const at0 = this.series(0)[0];
    return this.curve.map((c) => {
      if (c.t === 0) return { t: c.t, value: at0, series: exact ? at0 : null };
      if (exact && c.model) c.series ??= c.model.series().series;
      const value = oneModel ? whole.evaluateAt(eta, c.t) : c.model!.resummed().evaluate(eta);
      return { t: c.t, value, series: c.series ? seriesValue(c.series, eta) : null };
    });
  }

  /** φ(θ₀): the zero-edge diagram. */
  initial(): number {
    return this.series(0)[0];
  }
}

const contexts = new Map<string, PredictionContext>();

/** The shared context of a scenario (η ignored). */
export function contextFor(sc: ParsedScenario): PredictionContext {
  const key = scenarioKey(sc);
  let c = contexts.get(key);
  if (!c) {
    c = new PredictionContext(sc);
    if (contexts.size > 24) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, c);
  }
  return c;
}
