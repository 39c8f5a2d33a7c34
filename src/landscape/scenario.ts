// Scenario files (scenario.md v1): strict validation with messages that name the field.
import { type Expr, isIdentifier, reservedNameProblem } from './formula/ast';
import { FormulaError, freeVariables, parseFormula } from './formula/parse';
import { dataVariables, parseDataLaw } from './data';
import { duplicateKeyPath } from './jsonKeys';
import { parseSchedule, ScheduleError, type Observable } from '../theory/schedule';
import { isOrder, MAX_SCENARIO_ORDER } from '../theory/orders';
import { parsePreconditioner, PreconditionerError } from '../theory/preconditioner';
import type { Scenario } from '../theory/scenario-types';
import { InputError } from '../theory/errors';

export type { Scenario };

export class ScenarioError extends InputError {
  /** for formula errors: the 0-based offset in the loss formula */
  readonly pos?: number;
  constructor(message: string, pos?: number) {
    super(message);
    this.name = 'ScenarioError';
    if (pos !== undefined) this.pos = pos;
  }
}

const FIELDS = ['weights', 'init', 'loss', 'data', 'schedule', 'observable', 'order', 'eta', 'preconditioner'];

export interface ParsedScenario extends Scenario {
  lossExpr: Expr;
  /** φ of a formula or variance observable */
  phiExpr?: Expr;
  /** P row-major (dim × dim), when the scenario has a preconditioner */
  P?: Float64Array;
}

/** Validate a scenario object (already JSON-parsed). Throws ScenarioError naming the field. */
export function parseScenario(raw: unknown): ParsedScenario {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new ScenarioError('scenario: expected a JSON object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!FIELDS.includes(k)) throw new ScenarioError(`scenario: unknown field "${k}" (allowed: ${FIELDS.join(', ')})`);
  }
  for (const k of ['weights', 'init', 'loss', 'data', 'schedule', 'observable']) {
    if (!(k in o)) throw new ScenarioError(`scenario: missing required field "${k}"`);
  }
  if (!Array.isArray(o.weights) || o.weights.length === 0)
    throw new ScenarioError('weights: expected a non-empty array of names');
  const weights = o.weights.map((w, i) => {
    if (typeof w !== 'string' || !isIdentifier(w))
      throw new ScenarioError(`weights[${i}]: ${JSON.stringify(w)} is not an identifier`);
    const clash = reservedNameProblem(w);
    if (clash) throw new ScenarioError(`weights[${i}]: ${clash}`);
    return w;
  });
  const dup = weights.find((w, i) => weights.indexOf(w) !== i);
  if (dup) throw new ScenarioError(`weights: "${dup}" appears twice`);
  if (!Array.isArray(o.init) || o.init.length !== weights.length) {
    throw new ScenarioError(`init: expected an array of ${weights.length} numbers (one per weight)`);
  }
  const init = o.init.map((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new ScenarioError(`init[${i}]: expected a finite number, got ${JSON.stringify(x)}`);
    return x;
  });
  let data;
  try {
    data = parseDataLaw(o.data, 'data');
  } catch (e) {
    throw new ScenarioError((e as Error).message);
  }
  const dataVars = dataVariables(data);
  const clash = dataVars.find((v) => weights.includes(v));
  if (clash) throw new ScenarioError(`data: variable "${clash}" is also a weight name`);
  if (typeof o.loss !== 'string') throw new ScenarioError('loss: expected a formula string');
  let lossExpr: Expr;
  try {
    lossExpr = parseFormula(o.loss);
  } catch (e) {
    if (e instanceof FormulaError) throw new ScenarioError(`loss: ${e.message}`, e.pos);
    throw e;
  }
  for (const v of freeVariables(lossExpr)) {
    if (!weights.includes(v) && !dataVars.includes(v)) {
      throw new ScenarioError(
        `loss: unknown variable "${v}" (weights: ${weights.join(', ')}; data variables: ${dataVars.join(', ') || 'none'})`,
      );
    }
  }
  let schedule;
  try {
    schedule = parseSchedule(o.schedule);
  } catch (e) {
    if (e instanceof ScheduleError) throw new ScenarioError(e.message);
    throw e;
  }
  const { observable, phiExpr } = parseObservable(o.observable, weights, dataVars);
  let P: Float64Array | undefined;
  if (o.preconditioner !== undefined) {
    try {
      P = parsePreconditioner(o.preconditioner, weights.length);
    } catch (e) {
      if (e instanceof PreconditionerError) throw new ScenarioError(e.message);
      throw e;
    }
  }
  const order = o.order === undefined ? 3 : o.order;
  if (!isOrder(order, MAX_SCENARIO_ORDER)) {
    throw new ScenarioError(
      `order: expected an integer from 0 to ${MAX_SCENARIO_ORDER}, got ${JSON.stringify(o.order)}`,
    );
  }
  let eta: number | undefined;
  if (o.eta !== undefined) {
    if (typeof o.eta !== 'number' || !Number.isFinite(o.eta) || o.eta <= 0)
      throw new ScenarioError(`eta: expected a positive number, got ${JSON.stringify(o.eta)}`);
    eta = o.eta;
  }
  const sc: ParsedScenario = {
    weights,
    init,
    loss: o.loss,
    data: o.data as Scenario['data'],
    schedule,
    observable,
    order,
    lossExpr,
  };
  if (eta !== undefined) sc.eta = eta;
  if (phiExpr) sc.phiExpr = phiExpr;
  if (P) {
    sc.P = P;
    sc.preconditioner = o.preconditioner as number[] | number[][];
  }
  return sc;
}

const OBSERVABLE_FORMS = '"test-loss", "train-loss", {"weight": name}, {"formula": φ} or {"variance": φ}';

/** A formula over the weights only (φ of a formula or variance observable). */
export function parseObservableFormula(
  src: unknown,
  weights: readonly string[],
  dataVars: readonly string[],
  path: string,
): Expr {
  if (typeof src !== 'string')
    throw new ScenarioError(`${path}: expected a formula string over the weights, got ${JSON.stringify(src)}`);
  let expr: Expr;
  try {
    expr = parseFormula(src);
  } catch (e) {
    if (e instanceof FormulaError) throw new ScenarioError(`${path}: ${e.message}`, e.pos);
    throw e;
  }
  for (const v of freeVariables(expr)) {
    if (dataVars.includes(v)) {
      throw new ScenarioError(
        `${path}: "${v}" is a data variable; an observable is a function of the weights only (${weights.join(', ')})`,
      );
    }
    if (!weights.includes(v))
      throw new ScenarioError(`${path}: unknown variable "${v}" (weights: ${weights.join(', ')})`);
  }
  return expr;
}

function parseObservable(
  raw: unknown,
  weights: string[],
  dataVars: readonly string[],
): { observable: Observable; phiExpr?: Expr } {
  if (raw === 'test-loss' || raw === 'train-loss') return { observable: raw };
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'weight') {
      if (typeof o.weight === 'string' && weights.includes(o.weight)) return { observable: { weight: o.weight } };
      throw new ScenarioError(
        `observable.weight: ${JSON.stringify(o.weight)} is not one of the weights (${weights.join(', ')})`,
      );
    }
    if (keys.length === 1 && (keys[0] === 'formula' || keys[0] === 'variance')) {
      const k = keys[0];
      const phiExpr = parseObservableFormula(o[k], weights, dataVars, `observable.${k}`);
      const src = o[k] as string;
      return { observable: k === 'formula' ? { formula: src } : { variance: src }, phiExpr };
    }
    const extra = keys.find((k) => !['weight', 'formula', 'variance'].includes(k)) ?? keys.join(', ');
    throw new ScenarioError(`observable: unknown field "${extra}" (expected one of ${OBSERVABLE_FORMS})`);
  }
  throw new ScenarioError(`observable: expected ${OBSERVABLE_FORMS}, got ${JSON.stringify(raw)}`);
}

/** Parse scenario text (JSON), naming the JSON syntax problem if any. */
export function parseScenarioText(text: string, source = 'scenario'): ParsedScenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const dup = duplicateKeyPath(text);
  if (dup !== null)
    throw new ScenarioError(`${source}: the key "${dup}" appears twice (JSON would silently keep the last)`);
  return parseScenario(raw);
}
