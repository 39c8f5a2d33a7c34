// A landscape: weights θ, a per-datapoint loss l_x(θ) and the law of x. It validates the three
// together and turns them into numbers: derivative tensors per datapoint (Taylor mode), the
// population derivatives E ∇^k l_x, C = Cov(∇l_x), S = third cumulant of ∇l_x, compiled JS
// evaluators and WGSL functions.
//
// Conventions: tensors are dense row-major Float64Arrays of length dim^k, indices in the order
// of `weights`; data values are passed as arrays in the order of `dataVars`; expectations over a
// normal law use tensor-product Gauss–Hermite quadrature (exact for polynomial losses of degree
// ≤ 2·nodesPerVar − 1 in each data variable, otherwise accurate to quadrature error).

import { exprSize, reservedNameProblem, type Expr } from './formula/ast';
import { TENSOR_ADVICE, tensorLawCost } from './cost';
import { compileJS, compileJSMulti, compileWGSLFunction, type Values, type WGSLFunction } from './formula/compile';
import { gradient, hessian } from './formula/diff';
import { FormulaError } from './formula/error';
import { checkVariables, parseFormula } from './formula/parse';
import { dataVariables, lawPoints, parseDataLaw, type DataLaw, type LawPoint } from './data';
import { JetProgram } from './jet';
import { InputError } from '../theory/errors';
import { gradientMoments, populationTensor, weightedMean } from '../theory/moments';

export interface LandscapeSpec {
  /** Names of the weight coordinates θ. */
  readonly weights: readonly string[];
  /** The per-datapoint loss l_x(θ) as a formula. */
  readonly loss: string;
  /** The data law (scenario.md); validated here. */
  readonly data: unknown;
  /** Gauss–Hermite nodes per normal variable (default 24). */
  readonly nodesPerVar?: number;
}

/** Treat as read-only: nodeTensorLaw may hand the same object to several callers. */
export interface NodeTensorLaw {
  dim: number;
  /** One entry per data point (atom or quadrature node): its weight and ∇^0..∇^maxOrder l_x(θ₀). */
  points: { w: number; derivs: Float64Array[] }[];
}

/** A field of the landscape spec that does not validate; `path` names it (e.g. weights[2]). */
export class LandscapeError extends InputError {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'LandscapeError';
    this.path = path;
  }
}

/** Largest derivative order served (cost grows like C(dim + k, k)² per data point). */
export const MAX_TENSOR_ORDER = 12;

function validateWeights(raw: unknown, dataVars: readonly string[]): string[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new LandscapeError('weights', 'expected a non-empty array of weight names');
  }
  raw.forEach((w, i) => {
    if (typeof w !== 'string')
      throw new LandscapeError(`weights[${i}]`, `expected a name, found ${JSON.stringify(w) ?? typeof w}`);
    const problem = reservedNameProblem(w);
    if (problem) throw new LandscapeError(`weights[${i}]`, problem);
    const first = raw.indexOf(w);
    if (first !== i) throw new LandscapeError(`weights[${i}]`, `'${w}' is listed twice (also weights[${first}])`);
    if (dataVars.includes(w)) throw new LandscapeError(`weights[${i}]`, `'${w}' is also a data variable`);
  });
  return raw as string[];
}

function checkTheta(theta: ArrayLike<number>, dim: number, what = 'theta'): void {
  if (theta.length !== dim) throw new LandscapeError(what, `has ${theta.length} entries but there are ${dim} weights`);
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(theta[i]))
      throw new LandscapeError(`${what}[${i}]`, `expected a finite number, found ${theta[i]}`);
  }
}

function checkOrder(k: number): void {
  if (!Number.isInteger(k) || k < 0 || k > MAX_TENSOR_ORDER) {
    throw new LandscapeError('maxOrder', `expected an integer from 0 to ${MAX_TENSOR_ORDER}, found ${k}`);
  }
}

export class Landscape {
  readonly weights: readonly string[];
  readonly dataVars: readonly string[];
  readonly dim: number;
  readonly lossSource: string;
  readonly loss: Expr;
  readonly law: DataLaw;
  /** The points that stand for the law in every expectation (atoms or quadrature nodes). */
  readonly points: readonly LawPoint[];
  private readonly pointData: readonly Float64Array[];
  private readonly pointW: Float64Array;
  private readonly jets = new Map<number, JetProgram>();
  private lastLaw: { key: string; law: NodeTensorLaw } | null = null;
  private grads: Expr[] | null = null;
  private hess: Expr[][] | null = null;
  private lossFn: ((vals: Values) => number) | null = null;
  private gradFn: ((vals: Values, out?: Float64Array) => Float64Array) | null = null;

  constructor(spec: LandscapeSpec) {
    this.law = parseDataLaw(spec.data, 'data');
    this.dataVars = dataVariables(this.law);
    this.weights = [...validateWeights(spec.weights, this.dataVars)];
    this.dim = this.weights.length;
    if (typeof spec.loss !== 'string')
      throw new LandscapeError('loss', `expected a formula string, found ${typeof spec.loss}`);
    this.lossSource = spec.loss;
    try {
      this.loss = parseFormula(spec.loss);
      const describe = `weights: ${this.weights.join(', ')}; data: ${this.dataVars.length ? this.dataVars.join(', ') : 'none'}`;
      checkVariables(this.loss, [...this.weights, ...this.dataVars], describe);
    } catch (e) {
      if (e instanceof FormulaError) throw new FormulaError(`loss: ${e.message}`, e.pos, e.expected);
      throw e;
    }
    this.points = lawPoints(this.law, spec.nodesPerVar ?? 24);
    this.pointData = this.points.map((p) => Float64Array.from(this.dataVars, (n) => p.values[n]));
    this.pointW = Float64Array.from(this.points, (p) => p.w);
  }

  /** The values of a point's data variables as an array in the order of `dataVars`. */
  dataVector(values: Readonly<Record<string, number>>): Float64Array {
    return Float64Array.from(this.dataVars, (n) => {
      const v = values[n];
      if (typeof v !== 'number') throw new LandscapeError(`data values.${n}`, 'missing');
      return v;
    });
  }

  private jet(order: number): JetProgram {
    let p = this.jets.get(order);
    if (!p) {
      p = new JetProgram(this.loss, this.weights, this.dataVars, order);
      this.jets.set(order, p);
    }
    return p;
  }

  /** Per data point: its weight and ∇^0..∇^maxOrder l_x at θ₀ (exact, Taylor mode). */
  nodeTensorLaw(theta0: readonly number[], maxOrder: number): NodeTensorLaw {
    checkTheta(theta0, this.dim, 'theta0');
    checkOrder(maxOrder);
    const key = `${maxOrder}|${theta0.join(',')}`;
    if (this.lastLaw?.key === key) return this.lastLaw.law;
    tensorLawCost(this.dim, maxOrder, this.points.length, exprSize(this.loss)).check(
      `the derivative tensors through order ${maxOrder} (${this.dim} weights)`,
      TENSOR_ADVICE,
    );
    const program = this.jet(maxOrder);
    const points = this.points.map((p, i) => ({ w: p.w, derivs: program.tensors(theta0, this.pointData[i]) }));
    const law = { dim: this.dim, points };
    this.lastLaw = { key, law };
    return law;
  }

  /** ∇^k of the population loss l = E_x l_x at θ₀, k = 0..maxOrder. */
  population(theta0: readonly number[], maxOrder: number): Float64Array[] {
    const law = this.nodeTensorLaw(theta0, maxOrder);
    return Array.from({ length: maxOrder + 1 }, (_, k) => populationTensor(law, k));
  }

  private pointGradients(theta: readonly number[]): Float64Array[] {
    checkTheta(theta, this.dim, 'theta0');
    const g = this.gradJS();
    return this.pointData.map((d) => g(theta, d));
  }

  /** C = Cov(∇l_x) at θ₀, dim × dim row-major. */
  covariance(theta0: readonly number[]): Float64Array {
    return gradientMoments(this.pointW, this.pointGradients(theta0), this.dim, false).C;
  }

  /** S = third joint cumulant of ∇l_x at θ₀, dim³ row-major. */
  thirdCumulant(theta0: readonly number[]): Float64Array {
    return gradientMoments(this.pointW, this.pointGradients(theta0), this.dim).S;
  }

  /** Symbolic ∇_θ l_x, one expression per weight (for code generation). */
  gradientExprs(): Expr[] {
    this.grads ??= gradient(this.loss, this.weights);
    return this.grads;
  }

  /** Symbolic Hessian ∇²_θ l_x (symmetric; the same Expr objects above and below the diagonal). */
  hessianExprs(): Expr[][] {
    this.hess ??= hessian(this.loss, this.weights);
    return this.hess;
  }

  /** l_x(θ) as a compiled evaluator; `data` in the order of `dataVars`. */
  lossJS(): (theta: Values, data: Values) => number {
    this.lossFn ??= compileJS(this.loss, [...this.weights, ...this.dataVars]);
    const f = this.lossFn;
    const buf = new Float64Array(this.dim + this.dataVars.length);
    return (theta, data) => {
      buf.set(theta);
      buf.set(data, this.dim);
      return f(buf);
    };
  }

  /** ∇_θ l_x(θ) as a compiled evaluator writing into `out` (allocated when omitted). */
  gradJS(): (theta: Values, data: Values, out?: Float64Array) => Float64Array {
    this.gradFn ??= compileJSMulti(this.gradientExprs(), [...this.weights, ...this.dataVars]);
    const f = this.gradFn;
    const buf = new Float64Array(this.dim + this.dataVars.length);
    return (theta, data, out) => {
      buf.set(theta);
      buf.set(data, this.dim);
      return f(buf, out);
    };
  }

  /** l(θ) = E_x l_x(θ): exact for atoms, Gauss–Hermite quadrature for normals. */
  populationLoss(theta: readonly number[]): number {
    checkTheta(theta, this.dim);
    const f = this.lossJS();
    let s = 0;
    this.pointData.forEach((d, i) => (s += this.pointW[i] * f(theta, d)));
    return s;
  }

  /** ∇l(θ) = E_x ∇l_x(θ) (same quadrature as populationLoss). */
  populationGradient(theta: readonly number[]): Float64Array {
    return weightedMean(this.pointW, this.pointGradients(theta), this.dim);
  }

  /** WGSL parameters shared by the generated functions: weights `w`, data `d` (length ≥ 1). */
  wgslParams(): { params: string; varMap: Record<string, string> } {
    const nd = Math.max(1, this.dataVars.length);
    const varMap: Record<string, string> = {};
    this.weights.forEach((n, i) => (varMap[n] = `w[${i}]`));
    this.dataVars.forEach((n, i) => (varMap[n] = `d[${i}]`));
    return { params: `w: array<f32, ${this.dim}>, d: array<f32, ${nd}>`, varMap };
  }

  /** `fn NAME(w: array<f32, dim>, d: array<f32, ndata>) -> f32`: the loss l_x(θ). */
  lossWGSL(name = 'loss_value'): WGSLFunction {
    return compileWGSLFunction([this.loss], { name, ...this.wgslParams(), returnType: 'f32' });
  }

  /** `fn NAME(w: array<f32, dim>, d: array<f32, ndata>) -> array<f32, dim>`: the gradient ∇_θ l_x. */
  gradientWGSL(name = 'loss_grad'): WGSLFunction {
    return compileWGSLFunction(this.gradientExprs(), {
      name,
      ...this.wgslParams(),
      returnType: `array<f32, ${this.dim}>`,
    });
  }
}

/** Validates and builds a landscape from the `weights`, `loss` and `data` of a scenario. */
export function makeLandscape(spec: LandscapeSpec): Landscape {
  return new Landscape(spec);
}
