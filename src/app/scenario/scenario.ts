// Parameters → a validated scenario (scenario.md v1), or the reason it is not one. A formula
// problem keeps its position so the custom-formula field can point at it.
import { FormulaError, checkVariables, parseFormula } from '../../landscape/formula/parse';
import { parseScenario, type ParsedScenario } from '../../landscape/scenario';
import { fragmentFor, CUSTOM_DATA, type Fragment } from './landscapes';
import { preconditionerOf, scheduleJSON, type ScenarioParams } from './params';
import type { Observable } from '../../theory/schedule';

export type Built =
  | { ok: true; scenario: ParsedScenario; fragment: Fragment }
  | { ok: false; field: string; message: string; pos?: number };

/** The scenario's observable as JSON. */
export function observableJSON(p: ScenarioParams): Observable {
  switch (p.observable) {
    case 'weight':
      return { weight: p.weight };
    case 'formula':
      return p.variance ? { variance: p.phi } : { formula: p.phi };
    case 'test-loss':
    case 'train-loss':
      return p.observable;
    default: {
      const never: never = p.observable;
      throw new Error(`unknown observable ${String(never)}`);
    }
  }
}

function formulaProblem(p: ScenarioParams): Built | null {
  if (p.landscape !== 'custom') return null;
  try {
    const expr = parseFormula(p.custom.loss);
    const weights = p.custom.weights
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean);
    checkVariables(expr, [...weights, ...Object.keys((CUSTOM_DATA as { normal: object }).normal)]);
  } catch (e) {
    if (e instanceof FormulaError)
      return { ok: false, field: 'loss', message: e.message, pos: e.pos >= 0 ? e.pos : undefined };
    // anything else (a formula too deep for the reader, say) is still this field's problem
    return { ok: false, field: 'loss', message: `loss: the formula could not be read (${(e as Error).message})` };
  }
  return null;
}

/** Cells of the spacetime the explorer will build (predictions expand every batch). */
export const MAX_CELLS = 2_000_000;

export function buildScenario(p: ScenarioParams): Built {
  const cells = p.batches ? p.batches.reduce((s, b) => s + b.length, 0) : p.epochs * p.N;
  if (cells > MAX_CELLS) {
    return {
      ok: false,
      field: 'schedule',
      message: `schedule: ${cells.toLocaleString('en')} cells (epochs × N) is more than the explorer builds (${MAX_CELLS.toLocaleString('en')}); lower N or the epochs`,
    };
  }
  const bad = formulaProblem(p);
  if (bad) return bad;
  let preconditioner: number[] | number[][] | null;
  try {
    preconditioner = preconditionerOf(p.lr);
  } catch (e) {
    return { ok: false, field: 'preconditioner', message: (e as Error).message };
  }
  let fragment: Fragment;
  try {
    fragment = fragmentFor(p.landscape, p.params, p.custom);
  } catch (e) {
    return { ok: false, field: 'landscape', message: (e as Error).message };
  }
  try {
    const scenario = parseScenario({
      weights: fragment.weights,
      init: fragment.init,
      loss: fragment.loss,
      data: fragment.data,
      schedule: scheduleJSON(p),
      observable: observableJSON(p),
      order: p.order,
      eta: p.eta,
      ...(preconditioner ? { preconditioner } : {}),
    });
    return { ok: true, scenario, fragment };
  } catch (e) {
    const message = (e as Error).message;
    const field = /^([a-z]+)/i.exec(message)?.[1] ?? 'scenario';
    const pos = (e as { pos?: number }).pos;
    return pos !== undefined && pos >= 0 ? { ok: false, field, message, pos } : { ok: false, field, message };
  }
}

/** A key for everything but η: predictions for one key share their model. */
export function scenarioKey(sc: ParsedScenario): string {
  const { lossExpr: _e, phiExpr: _f, P: _p, eta: _eta, ...rest } = sc;
  return JSON.stringify(rest);
}
