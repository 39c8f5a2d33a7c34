// A prediction's truncation allowance, computed from the theory itself, and the agreement of a
// simulation with a prediction that carries it (docs/theory.md, "Truncation allowance").
//
// The allowance of the resummed prediction R_d at order d is the size of the first omitted
// order that is not zero: |R_k − R_d| for the smallest k > d (k ≤ MAX_ORDER) with R_k ≠ R_d.
// Orders that add exactly nothing are skipped (ARCHIMEDES' drift has only odd orders). At the
// highest order the explorer computes there is no next order: the last included non-zero order,
// |R_d − R_k| for the largest k < d with R_k ≠ R_d, stands in for it. Both are heuristics: the
// series is asymptotic, so a later order may be larger than the first omitted one.
import type { ParsedScenario } from '../../landscape/scenario';
import type { ScenarioParams } from '../scenario/params';
import { contextFor } from './predictions';
import { buildScenario } from '../scenario/scenario';
import { Z95 } from '../../experiments/plotSpec';
import { MAX_ORDER } from '../../theory/orders';

export { Z95 };

export type AllowanceBasis =
  /** |R_order − R_d|: the first omitted non-zero order */
  | { kind: 'next-order'; order: number }
  /** |R_d − R_order|: the last included non-zero order (d is the highest order computed) */
  | { kind: 'last-order'; order: number }
  /** every order up to MAX_ORDER equals R_d: no truncation is visible to the theory here */
  | { kind: 'none-visible' };

export interface Allowance {
  value: number;
  basis: AllowanceBasis;
}

/** R_a and R_b differ by more than rounding. */
const differs = (a: number, b: number): boolean =>
  Math.abs(a - b) > 1e-10 * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;

/** The allowance of R_d, from resummed predictions `at(k)` at other orders k (called lazily). */
export function truncationAllowance(at: (order: number) => number, d: number, maxOrder = MAX_ORDER): Allowance {
  const rd = at(d);
  for (let k = d + 1; k <= maxOrder; k++) {
    const rk = at(k);
    if (!Number.isFinite(rk)) return { value: Infinity, basis: { kind: 'next-order', order: k } };
    if (differs(rk, rd)) return { value: Math.abs(rk - rd), basis: { kind: 'next-order', order: k } };
  }
  if (d >= maxOrder) {
    for (let k = d - 1; k >= 0; k--) {
      const rk = at(k);
      if (differs(rk, rd)) return { value: Math.abs(rd - rk), basis: { kind: 'last-order', order: k } };
    }
  }
  return { value: 0, basis: { kind: 'none-visible' } };
}

/** The scenario with another order (contexts are cached per scenario, so η changes stay cheap). */
const atOrder = (sc: ParsedScenario, k: number): ParsedScenario => ({ ...sc, order: k });

/** The allowance of the scenario's resummed prediction at η. */
export function allowanceAt(sc: ParsedScenario, eta: number): Allowance {
  return truncationAllowance((k) => contextFor(atOrder(sc, k)).resummed(eta), sc.order, Math.max(MAX_ORDER, sc.order));
}

/** The allowance along the prediction curve against t: |R_k(t) − R_d(t)| at the basis order k. */
export function allowanceCurve(sc: ParsedScenario, eta: number, basis: AllowanceBasis): { t: number; value: number }[] {
  const base = contextFor(sc).curveAt(eta);
  if (basis.kind === 'none-visible') return base.map((c) => ({ t: c.t, value: 0 }));
  const other = contextFor(atOrder(sc, basis.order)).curveAt(eta);
  return base.map((c, i) => ({ t: c.t, value: Math.abs(other[i].value - c.value) }));
}

export type AgreementKind = 'simulation' | 'truncation' | 'disagrees';

export interface Agreement {
  kind: AgreementKind;
  /** prediction − simulated mean */
  delta: number;
  /** the 95% half-width of the simulation, z·s.e. */
  band: number;
  allowance: number;
  /** |delta| in standard errors (Infinity when s.e. = 0 and delta ≠ 0) */
  sigmas: number;
}

export const AGREEMENT_TEXT: Readonly<Record<AgreementKind, string>> = {
  simulation: 'agrees within simulation error',
  truncation: "agrees within the theory's truncation (the simulation is more precise than order {d})",
  disagrees: 'disagrees beyond both the simulation error and the truncation allowance',
};

/**
 * Within the simulation's 95% band → 'simulation'; otherwise within the band widened by the
 * truncation allowance → 'truncation'; otherwise 'disagrees'.
 */
export function classifyAgreement(x: {
  prediction: number;
  allowance: number;
  mean: number;
  se: number;
  z?: number;
}): Agreement {
  const z = x.z ?? Z95;
  const delta = x.prediction - x.mean;
  const band = z * x.se;
  const d = Math.abs(delta);
  const sigmas = x.se > 0 ? d / x.se : d === 0 ? 0 : Infinity;
  const kind: AgreementKind = d <= band ? 'simulation' : d <= band + x.allowance ? 'truncation' : 'disagrees';
  return { kind, delta, band, allowance: x.allowance, sigmas };
}

/** The agreement's headline for order d. */
export const agreementHeadline = (kind: AgreementKind, d: number): string =>
  AGREEMENT_TEXT[kind].replace('{d}', String(d));

/** How the allowance was obtained, in words. */
export function allowanceSource(b: AllowanceBasis, d: number): string {
  switch (b.kind) {
    case 'next-order':
      if (b.order === d + 1) return `|order ${b.order} − order ${d}|`;
      return `|order ${b.order} − order ${d}|; ${b.order === d + 2 ? `order ${d + 1} adds` : `orders ${d + 1}–${b.order - 1} add`} nothing`;
    case 'last-order':
      return `|order ${d} − order ${b.order}|; the last included order stands in for the next (order ${d} is the highest computed)`;
    case 'none-visible':
      return d >= MAX_ORDER
        ? 'every order computed gives the same value: no truncation visible'
        : `orders ${d + 1}–${MAX_ORDER} add nothing: no truncation visible`;
    default: {
      const never: never = b;
      throw new Error(`unknown allowance basis ${JSON.stringify(never)}`);
    }
  }
}

/** What the plots and the theory panel draw of the allowance, for one scenario and η. */
export interface AllowanceReport {
  allowance: Allowance;
  /** along the prediction curve against t (the curve's times) */
  curve: { t: number; value: number }[];
  /** at each η of the η plots' grid */
  etas: number[];
  atEtas: number[];
}

export function allowanceReport(sc: ParsedScenario, eta: number, etas: readonly number[]): AllowanceReport {
  const allowance = allowanceAt(sc, eta);
  return {
    allowance,
    curve: allowanceCurve(sc, eta, allowance.basis),
    etas: [...etas],
    atEtas: etas.map((x) => allowanceAt(sc, x).value),
  };
}

/** A request to the prediction worker for the allowance of a scenario at η and on the η grid. */
export interface AllowanceRequest {
  kind: 'allowance';
  params: ScenarioParams;
  eta: number;
  etas: number[];
}

/** The allowance job (in a prediction worker, or on the main thread where there are no workers). */
export function computeAllowance(r: AllowanceRequest): AllowanceReport {
  const b = buildScenario({ ...r.params, eta: r.eta });
  if (!b.ok) throw new Error(b.message);
  return allowanceReport(b.scenario, r.eta, r.etas);
}
