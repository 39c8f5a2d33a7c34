// Scenario → theory: the node-tensor law of the landscape at θ₀ feeds the series and the
// resummed prediction. One PredictionModel per scenario; moving η reuses it.
// A formula φ becomes a root carrying ∇^kφ(θ₀); a variance is the series of φ² minus the square
// of the series of φ; a preconditioner P moves law and root into the coordinates θ₀ + P^{1/2}ψ.
import { makeLandscape } from './landscape';
import { TENSOR_ADVICE, tensorLawCost } from './cost';
import { Cost } from '../theory/budget';
import { PREDICTION_ADVICE, resummedCost, seriesCost } from '../theory/cost';
import { NonFiniteError, nonFiniteReason } from '../theory/errors';
import type { ParsedScenario } from './scenario';
import { JetProgram } from './jet';
import { binary, exprSize, num, type Expr } from './formula/ast';
import { makeSpacetime, type Spacetime } from '../theory/spacetime';
import { seriesCoefficients, seriesValue, type DiagramTerm, type SeriesResult } from '../theory/series';
import { ResummedModel, VarianceResummed, type Contribution, type ResummedPrediction } from '../theory/resummed';
import type { ObservableSpec, TensorLaw } from '../theory/values';
import { precondition } from '../theory/preconditioner';
import { varianceSeries } from '../theory/observables';
import { nested } from '../theory/linalg';
import { populationMoments } from '../theory/moments';

/** ∇^0..∇^maxOrder of a formula over the weights at θ₀ (the root tensors of a formula observable). */
export function formulaRoot(
  expr: Expr,
  weights: readonly string[],
  theta0: readonly number[],
  maxOrder: number,
): Float64Array[] {
  return new JetProgram(expr, weights, [], maxOrder).tensors(theta0, []);
}

/**
 * The observable specs of a scenario in its own coordinates: one for a mean; for a variance
 * those of φ² and φ, in that order.
 */
export function observableSpecs(sc: ParsedScenario, maxOrder = sc.order): ObservableSpec[] {
  const ob = sc.observable;
  if (ob === 'test-loss' || ob === 'train-loss') return [{ kind: ob }];
  if ('weight' in ob) return [{ kind: 'weight', index: sc.weights.indexOf(ob.weight), theta0: sc.init }];
  const phi = sc.phiExpr!;
  const formula = (e: Expr): ObservableSpec => ({
    kind: 'formula',
    rootDerivs: formulaRoot(e, sc.weights, sc.init, maxOrder),
  });
  if ('formula' in ob) return [formula(phi)];
  return [formula(binary('^', phi, num(2))), formula(phi)];
}

/** The spec of E[φ] (for a variance, of φ), as the diagram views show it. */
export function observableSpec(sc: ParsedScenario): ObservableSpec {
  const specs = observableSpecs(sc);
  return specs[specs.length - 1];
}

/** Derivative tensors up to the order the diagrams need (a node has at most `order` edges; H always). */
export function tensorLawOf(sc: ParsedScenario, maxOrder = Math.max(sc.order, 2)): TensorLaw {
  const land = makeLandscape({ weights: sc.weights, loss: sc.loss, data: sc.data });
  return land.nodeTensorLaw(sc.init, maxOrder);
}

export interface Prediction {
  T: number;
  series: number[];
  value?: number;
  resummed?: number;
  diagrams?: DiagramTerm[];
  contributions?: Contribution[];
  /** a variance's ingredients: the series of E[φ²] and of E[φ] */
  moments?: { meanSquare: number[]; mean: number[] };
}

export class PredictionModel {
  /** the node-tensor law the engine works with (in P^{1/2} coordinates when preconditioned) */
  readonly law: TensorLaw;
  /** E[φ]'s observable (for a variance: φ's); `specs` holds φ² first for a variance */
  readonly obs: ObservableSpec;
  readonly specs: readonly ObservableSpec[];
  readonly isVariance: boolean;
  readonly spacetime: Spacetime;
  private resummedModels?: ResummedModel[];

  constructor(
    readonly scenario: ParsedScenario,
    law?: TensorLaw,
  ) {
    const raw = law ?? tensorLawOf(scenario);
    checkLawFinite(raw, scenario);
    const specs = observableSpecs(scenario, Math.max(scenario.order, raw.points[0].derivs.length - 1));
    if (scenario.P) {
      const moved = specs.map((o) => precondition(raw, o, scenario.P!));
      this.law = moved[0].law;
      this.specs = moved.map((m) => m.obs);
    } else {
      this.law = raw;
      this.specs = specs;
    }
    this.obs = this.specs[this.specs.length - 1];
    this.isVariance = this.specs.length === 2;
    this.spacetime = makeSpacetime(scenario.schedule);
  }

  /**
   * Series of the scenario's observable through `order`. A variance combines the series of φ²
   * and φ; its diagram terms are those of E[φ²].
   */
  series(withDiagrams = false, order = this.scenario.order): SeriesResult & { moments?: Prediction['moments'] } {
    const r = this.specs.map((o, i) => seriesCoefficients(this.law, o, this.spacetime, order, withDiagrams && i === 0));
    if (!this.isVariance) return r[0];
    const out: SeriesResult & { moments?: Prediction['moments'] } = {
      T: r[0].T,
      series: varianceSeries(r[0].series, r[1].series),
      moments: { meanSquare: r[0].series, mean: r[1].series },
    };
    if (r[0].diagrams) out.diagrams = r[0].diagrams;
    return out;
  }

  private models(): ResummedModel[] {
    return (this.resummedModels ??= this.specs.map(
      (o) => new ResummedModel(this.law, o, this.spacetime, this.scenario.order),
    ));
  }

  /** The resummed prediction of the scenario's observable (mean or variance). */
  resummed(): ResummedPrediction {
    const m = this.models();
    return m.length === 2 ? new VarianceResummed(m[0], m[1]) : m[0];
  }

  /** The resummed model of E[φ] (for a variance: of φ), whose diagrams the views list. */
  resummedMean(): ResummedModel {
    const m = this.models();
    return m[m.length - 1];
  }
}

/**
 * Everything `predict` does, estimated before any of it runs: the derivative tensors, the exact
 * series (with the per-diagram listing) and, when η is given, the resummed model.
 */
export function predictionCost(sc: ParsedScenario, opts: { diagrams?: boolean } = {}): Cost {
  const land = makeLandscape({ weights: sc.weights, loss: sc.loss, data: sc.data });
  const size = { dim: land.dim, points: land.points.length };
  const st = makeSpacetime(sc.schedule);
  const kind = observableSpec(sc).kind;
  const cost = tensorLawCost(land.dim, Math.max(sc.order, 2), size.points, exprSize(land.loss));
  cost.merge(seriesCost(size, kind, st, sc.order, opts.diagrams ?? true));
  if (sc.eta !== undefined) cost.merge(resummedCost(size, kind, st, sc.order));
  return cost;
}

/**
 * The CLI's `predict`: series always; value and resummed when η is given. Refuses (BudgetError)
 * before starting when the estimate is over budget, and throws NonFiniteError naming the
 * quantity rather than returning a number that is not finite.
 */
export function predict(sc: ParsedScenario, opts: { diagrams?: boolean } = {}): Prediction {
  predictionCost(sc, opts).check(`the prediction through order ${sc.order}`, `${PREDICTION_ADVICE}, or drop "eta"`);
  const model = new PredictionModel(sc);
  const s = model.series(opts.diagrams ?? true);
  s.series.forEach((a, k) => finite(`the series coefficient a_${k} (of η^${k})`, a));
  const out: Prediction = { T: s.T, series: s.series };
  if (s.moments) out.moments = s.moments;
  if (sc.eta !== undefined) {
    const eta = sc.eta;
    out.value = finite(`value (Σ a_k η^k at η = ${eta})`, seriesValue(s.series, eta), 'use a smaller eta');
    out.resummed = finite(`resummed (at η = ${eta})`, model.resummed().evaluate(eta), 'use a smaller eta or T');
  }
  if (s.diagrams) {
    // drop terms that are zero up to rounding (e.g. cos(π/4) − sin(π/4) from a formula)
    const scale = new Map<number, number>();
    for (const d of s.diagrams) scale.set(d.edges, Math.max(scale.get(d.edges) ?? 0, Math.abs(d.coefficient)));
    out.diagrams = s.diagrams.filter((d) => Math.abs(d.coefficient) > 1e-12 * scale.get(d.edges)!);
    for (const d of out.diagrams) finite(`the coefficient of diagram ${d.diagram}`, d.coefficient);
  }
  return out;
}

function finite(quantity: string, x: number, advice?: string): number {
  if (!Number.isFinite(x)) throw new NonFiniteError(quantity, nonFiniteReason(x) + (advice ? `; ${advice}` : ''));
  return x;
}

/** Every derivative tensor at θ₀ must be finite: name the first one that is not, and where. */
export function checkLawFinite(law: TensorLaw, sc: Pick<ParsedScenario, 'weights' | 'init'>): void {
  law.points.forEach((p, i) => {
    p.derivs.forEach((t, k) => {
      for (let j = 0; j < t.length; j++) {
        if (Number.isFinite(t[j])) continue;
        const what =
          k === 0 ? 'the loss' : k === 1 ? 'the gradient of the loss' : `the order-${k} derivative of the loss`;
        const at = `at θ₀ = (${sc.init.join(', ')})${law.points.length > 1 ? ` for data point ${i + 1} of ${law.points.length}` : ''}`;
        throw new NonFiniteError(
          `${what} ${at}`,
          `${nonFiniteReason(t[j])}; check the formula (a division by zero?) and init`,
        );
      }
    });
  });
}

/** The CLI's `tensors`: population derivatives G, H, J, … and the cumulants C and S of ∇l_x. */
export function tensorsOf(sc: ParsedScenario, order = 3): { mean: Record<string, unknown>; C: unknown; S: unknown } {
  const land = makeLandscape({ weights: sc.weights, loss: sc.loss, data: sc.data });
  const d = land.dim;
  // the third cumulant and the nested JSON arrays on top of the tensors themselves
  new Cost()
    .add(`the third cumulant S (${d}³ entries per point)`, land.points.length * d ** 3, d ** 3 * 8)
    .add(`printing ${d}^${order} entries`, 64 * d ** order, 64 * d ** order)
    .check(`the tensors through order ${order} (${d} weights)`, TENSOR_ADVICE);
  const law = land.nodeTensorLaw(sc.init, Math.max(order, 1));
  checkLawFinite(law, sc);
  const m = populationMoments(law, order);
  const mean: Record<string, unknown> = {};
  m.mean.forEach((t, k) => (mean[String(k)] = nested(t, d, k)));
  return { mean, C: nested(m.C, d, 2), S: nested(m.S, d, 3) };
}
