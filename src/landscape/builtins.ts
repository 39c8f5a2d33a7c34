// The paper's landscapes (theory.md §10) as scenario fragments, plus a registry for a picker.
// Parameters are inlined into the formula text as numbers, so a fragment is plain scenario JSON.

import type { DataLaw } from './data';
import { formatNumber } from './formula/print';

/** The landscape part of a scenario: what `makeLandscape` needs, plus the initial weights. */
export interface LandscapeFragment {
  readonly weights: readonly string[];
  readonly init: readonly number[];
  readonly loss: string;
  readonly data: DataLaw;
}

export interface DescribedLandscape extends LandscapeFragment {
  readonly description: string;
  /** A known leading-order drift of one weight per step, when the landscape has one. */
  readonly drift?: DriftLaw;
}

/** E[w_{t+1} − w_t] to leading order: Σ_k coefficients[k]·η^k, drawn beside the drift plot. */
export interface DriftLaw {
  readonly weight: string;
  /** how the law reads, e.g. "η²/6" */
  readonly label: string;
  readonly coefficients: readonly number[];
}

/** A number as formula text; negative numbers parenthesised so they can follow any operator. */
function lit(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`landscape parameter must be finite, got ${v}`);
  const s = formatNumber(v);
  return v < 0 || Object.is(v, -0) ? `(${s})` : s;
}

const STANDARD_NORMAL: DataLaw = { normal: { x: { mean: 0, std: 1 } } };

export const ARCHIMEDES: DescribedLandscape = {
  weights: ['u', 'v', 'z'],
  init: [0, 0, 0],
  loss: '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)',
  data: STANDARD_NORMAL,
  description:
    'ARCHIMEDES (a linear screw): a valley of minima u = v = 0 along z whose curvature turns with z, ' +
    'and noise whose direction turns a quarter-turn behind it. SGD from θ = 0 drifts in +z at η²/6 per step.',
  drift: { weight: 'z', label: 'η²/6', coefficients: [0, 0, 1 / 6] },
};

/** ARCHIMEDES plus a tilt ε·z: SGD still climbs in +z while ε < η/6 (to leading order). */
export function archimedesTilt(eps: number): DescribedLandscape {
  return {
    ...ARCHIMEDES,
    loss: `${ARCHIMEDES.loss} + ${lit(eps)}*z`,
    description: `ARCHIMEDES tilted by ${formatNumber(eps)}·z: the tilt pulls θ in −z at η·ε per step, against the noise-driven drift of η²/6.`,
    drift: { weight: 'z', label: `η²/6 − ${formatNumber(eps)}·η`, coefficients: [0, -eps, 1 / 6] },
  };
}

/** Mean estimation with covector noise: l_x = ½Hθ² + x·√C·θ, x ~ N(0, 1); optional ridge ½λθ². */
export function meanEstimationCovector(H: number, C: number, lambda = 0): DescribedLandscape {
  if (!(C >= 0)) throw new RangeError(`gradient variance C must be ≥ 0, got ${C}`);
  const ridge = lambda === 0 ? '' : ` + 0.5*${lit(lambda)}*theta^2`;
  return {
    weights: ['theta'],
    init: [0],
    loss: `0.5*${lit(H)}*theta^2 + x*sqrt(${lit(C)})*theta${ridge}`,
    data: STANDARD_NORMAL,
    description: `Mean estimation, covector noise: curvature H = ${formatNumber(H)}, gradient variance C = ${formatNumber(C)}${lambda ? `, ridge λ = ${formatNumber(lambda)}` : ''}; starts at the test minimum θ = 0.`,
  };
}

/** Mean estimation with vector noise: l_x = ½h(θ − x)², x ~ N(0, σ²), so C = h²σ². */
export function meanEstimationVector(h: number, sigma: number): DescribedLandscape {
  if (!(sigma >= 0)) throw new RangeError(`sigma must be ≥ 0, got ${sigma}`);
  return {
    weights: ['theta'],
    init: [0],
    loss: `0.5*${lit(h)}*(theta - x)^2`,
    data: { normal: { x: { mean: 0, std: sigma } } },
    description: `Mean estimation, vector noise: curvature h = ${formatNumber(h)}, data std σ = ${formatNumber(sigma)} (gradient variance h²σ² = ${formatNumber(h * h * sigma * sigma)}); starts at the test minimum θ = 0.`,
  };
}

export const GAUSS: DescribedLandscape = {
  weights: ['h'],
  init: [0.5],
  loss: '0.5*(h + x^2*exp(-h))',
  data: STANDARD_NORMAL,
  description:
    'GAUSS (log-variance fit): l_x(h) = ½(h + x²e^{−h}), x ~ N(0, 1), minimum h = 0. Gradient noise is χ²-shaped ' +
    '(third cumulant S ≠ 0): the test bed for SGD vs SDE vs ODE.',
};

export interface BuiltinParam {
  readonly name: string;
  readonly label: string;
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  /** Suggests a logarithmic slider. */
  readonly log?: boolean;
}

export interface BuiltinLandscape {
  readonly id: BuiltinId;
  readonly title: string;
  readonly description: string;
  readonly params: readonly BuiltinParam[];
  /** The fragment for the given parameters; missing ones take their defaults. */
  make(params?: Readonly<Record<string, number>>): DescribedLandscape;
}

export type BuiltinId =
  'archimedes' | 'archimedes-tilt' | 'mean-estimation-covector' | 'mean-estimation-vector' | 'gauss';

function withDefaults(
  id: string,
  defs: readonly BuiltinParam[],
  given: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(given)) {
    if (!defs.some((d) => d.name === k)) {
      const names = defs.length ? defs.map((d) => d.name).join(', ') : 'none';
      throw new RangeError(`landscape '${id}' has no parameter '${k}' (its parameters: ${names})`);
    }
  }
  for (const d of defs) {
    const v = given[d.name] ?? d.default;
    if (!Number.isFinite(v))
      throw new RangeError(`landscape '${id}': parameter '${d.name}' must be a finite number, got ${v}`);
    if ((d.min !== undefined && v < d.min) || (d.max !== undefined && v > d.max)) {
      throw new RangeError(
        `landscape '${id}': parameter '${d.name}' = ${v} is outside [${d.min ?? '-∞'}, ${d.max ?? '∞'}]`,
      );
    }
    out[d.name] = v;
  }
  return out;
}

function entry(
  id: BuiltinId,
  title: string,
  description: string,
  params: BuiltinParam[],
  build: (p: Record<string, number>) => DescribedLandscape,
): BuiltinLandscape {
  return { id, title, description, params, make: (given) => build(withDefaults(id, params, given)) };
}

export const BUILTIN_LANDSCAPES: Readonly<Record<BuiltinId, BuiltinLandscape>> = {
  archimedes: entry('archimedes', 'Archimedes (linear screw)', ARCHIMEDES.description, [], () => ARCHIMEDES),
  'archimedes-tilt': entry(
    'archimedes-tilt',
    'Archimedes with tilt',
    'ARCHIMEDES plus ε·z: does SGD climb uphill?',
    [{ name: 'eps', label: 'tilt ε', default: 0.01, min: -1, max: 1 }],
    (p) => archimedesTilt(p.eps),
  ),
  'mean-estimation-covector': entry(
    'mean-estimation-covector',
    'Mean estimation (covector noise)',
    'l_x = ½Hθ² + x√C·θ: overfitting versus curvature H at fixed gradient noise C.',
    [
      { name: 'H', label: 'curvature H', default: 1, min: 0, log: true },
      { name: 'C', label: 'gradient variance C', default: 100, min: 0 },
      { name: 'lambda', label: 'ridge λ', default: 0, min: 0 },
    ],
    (p) => meanEstimationCovector(p.H, p.C, p.lambda),
  ),
  'mean-estimation-vector': entry(
    'mean-estimation-vector',
    'Mean estimation (vector noise)',
    'l_x = ½h(θ − x)², x ~ N(0, σ²): the gradient variance h²σ² grows with the curvature.',
    [
      { name: 'h', label: 'curvature h', default: 1, min: 0, log: true },
      { name: 'sigma', label: 'data std σ', default: 10, min: 0 },
    ],
    (p) => meanEstimationVector(p.h, p.sigma),
  ),
  gauss: entry('gauss', 'Gauss (log-variance fit)', GAUSS.description, [], () => GAUSS),
};

export const BUILTIN_IDS = Object.keys(BUILTIN_LANDSCAPES) as BuiltinId[];
