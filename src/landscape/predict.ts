// Scenario → theory: the node-tensor law of the landscape at θ₀ feeds the series and the
// resummed prediction. One PredictionModel per scenario; moving η reuses it.
import { makeLandscape } from './landscape';
import { TENSOR_ADVICE, tensorLawCost } from './cost';
import { exprSize } from './formula/ast';
import { Cost } from '../theory/budget';
import { PREDICTION_ADVICE, resummedCost, seriesCost } from '../theory/cost';
import { NonFiniteError, nonFiniteReason } from '../theory/errors';
import type { ParsedScenario } from './scenario';
import { makeSpacetime, type Spacetime } from '../theory/spacetime';
import { seriesCoefficients, seriesValue, type DiagramTerm } from '../theory/series';
import { ResummedModel, type Contribution } from '../theory/resummed';
import type { ObservableSpec, TensorLaw } from '../theory/values';
import { nested } from '../theory/linalg';

export function observableSpec(sc: ParsedScenario): ObservableSpec {
  if (sc.observable === 'test-loss' || sc.observable === 'train-loss') return { kind: sc.observable };
  return { kind: 'weight', index: sc.weights.indexOf(sc.observable.weight), theta0: sc.init };
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
}

export class PredictionModel {
  readonly law: TensorLaw;
  readonly obs: ObservableSpec;
  readonly spacetime: Spacetime;
  private resummedModel?: ResummedModel;

  constructor(
    readonly scenario: ParsedScenario,
    law?: TensorLaw,
  ) {
    this.law = law ?? tensorLawOf(scenario);
    checkLawFinite(this.law, scenario);
    this.obs = observableSpec(scenario);
    this.spacetime = makeSpacetime(scenario.schedule);
  }

  series(withDiagrams = false): ReturnType<typeof seriesCoefficients> {
    return seriesCoefficients(this.law, this.obs, this.spacetime, this.scenario.order, withDiagrams);
  }

  resummed(): ResummedModel {
    return (this.resummedModel ??= new ResummedModel(this.law, this.obs, this.spacetime, this.scenario.order));
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
  const mean: Record<string, unknown> = {};
  for (let k = 0; k <= order; k++) {
    const t = new Float64Array(d ** k);
    for (const p of law.points) for (let i = 0; i < t.length; i++) t[i] += p.w * p.derivs[k][i];
    mean[String(k)] = nested(t, d, k);
  }
  const G = new Float64Array(d);
  for (const p of law.points) for (let i = 0; i < d; i++) G[i] += p.w * p.derivs[1][i];
  const C = new Float64Array(d * d);
  const S = new Float64Array(d * d * d);
  for (const p of law.points) {
    const g = p.derivs[1];
    for (let i = 0; i < d; i++) {
      const a = g[i] - G[i];
      for (let j = 0; j < d; j++) {
        const b = g[j] - G[j];
        C[i * d + j] += p.w * a * b;
        for (let k = 0; k < d; k++) S[(i * d + j) * d + k] += p.w * a * b * (g[k] - G[k]);
      }
    }
  }
  return { mean, C: nested(C, d, 2), S: nested(S, d, 3) };
}
