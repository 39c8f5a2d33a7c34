// Scenario → theory: the node-tensor law of the landscape at θ₀ feeds the series and the
// resummed prediction. One PredictionModel per scenario; moving η reuses it.
import { makeLandscape } from './landscape';
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

  constructor(readonly scenario: ParsedScenario, law?: TensorLaw) {
    this.law = law ?? tensorLawOf(scenario);
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

/** The CLI's `predict`: series always; value and resummed when η is given. */
export function predict(sc: ParsedScenario, opts: { diagrams?: boolean } = {}): Prediction {
  const model = new PredictionModel(sc);
  const s = model.series(opts.diagrams ?? true);
  const out: Prediction = { T: s.T, series: s.series };
  if (sc.eta !== undefined) {
    out.value = seriesValue(s.series, sc.eta);
    out.resummed = model.resummed().evaluate(sc.eta);
  }
  if (s.diagrams) {
    // drop terms that are zero up to rounding (e.g. cos(π/4) − sin(π/4) from a formula)
    const scale = new Map<number, number>();
    for (const d of s.diagrams) scale.set(d.edges, Math.max(scale.get(d.edges) ?? 0, Math.abs(d.coefficient)));
    out.diagrams = s.diagrams.filter((d) => Math.abs(d.coefficient) > 1e-12 * scale.get(d.edges)!);
  }
  return out;
}

/** The CLI's `tensors`: population derivatives G, H, J, … and the cumulants C and S of ∇l_x. */
export function tensorsOf(sc: ParsedScenario, order = 3): { mean: Record<string, unknown>; C: unknown; S: unknown } {
  const law = tensorLawOf(sc, Math.max(order, 1));
  const d = law.dim;
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
