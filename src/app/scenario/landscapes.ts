// The landscape picker's choices: the paper's built-in landscapes plus a custom formula, and
// the scenario fragment (weights, init, loss, data) each choice stands for.
import {
  BUILTIN_IDS,
  BUILTIN_LANDSCAPES,
  type BuiltinId,
  type BuiltinParam,
  type DriftLaw,
} from '../../landscape/builtins';
import type { DataLawJSON } from '../../theory/scenario-types';

export type LandscapeChoice = BuiltinId | 'custom';
export type { DriftLaw };

export const LANDSCAPE_CHOICES: readonly LandscapeChoice[] = [...BUILTIN_IDS, 'custom'];

export interface CustomLandscape {
  /** comma-separated weight names */
  weights: string;
  /** comma-separated initial values, one per weight */
  init: string;
  loss: string;
}

export const DEFAULT_CUSTOM: CustomLandscape = { weights: 'w', init: '1', loss: '0.5*w^2 + x*w' };

/** The custom landscape's data law: one standard normal variable x (documented in the panel). */
export const CUSTOM_DATA: DataLawJSON = { normal: { x: { mean: 0, std: 1 } } };

export function landscapeTitle(c: LandscapeChoice): string {
  return c === 'custom' ? 'Custom formula' : BUILTIN_LANDSCAPES[c].title;
}

export function landscapeParams(c: LandscapeChoice): readonly BuiltinParam[] {
  return c === 'custom' ? [] : BUILTIN_LANDSCAPES[c].params;
}

export const isLandscapeChoice = (s: unknown): s is LandscapeChoice =>
  typeof s === 'string' && (LANDSCAPE_CHOICES as readonly string[]).includes(s);

export interface Fragment {
  weights: string[];
  init: number[];
  loss: string;
  data: DataLawJSON;
  description: string;
}

/** The landscape's known drift law of the observed weight, if it has one (else null). */
export function driftReference(
  c: LandscapeChoice,
  params: Readonly<Record<string, number>>,
  observed: string | null,
): DriftLaw | null {
  if (c === 'custom' || observed === null) return null;
  const own: Record<string, number> = {};
  for (const p of BUILTIN_LANDSCAPES[c].params) if (p.name in params) own[p.name] = params[p.name];
  try {
    const law = BUILTIN_LANDSCAPES[c].make(own).drift;
    return law && law.weight === observed ? law : null;
  } catch {
    return null; // invalid parameters: the scenario panel says why
  }
}

const splitList = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** The fragment for a choice; throws an Error whose message names the offending field. */
export function fragmentFor(
  c: LandscapeChoice,
  params: Readonly<Record<string, number>>,
  custom: CustomLandscape,
): Fragment {
  if (c === 'custom') {
    const weights = splitList(custom.weights);
    const init = splitList(custom.init).map(Number);
    if (init.some((x) => !Number.isFinite(x))) throw new Error(`init: "${custom.init}" is not a list of numbers`);
    return {
      weights,
      init,
      loss: custom.loss,
      data: CUSTOM_DATA,
      description: 'A custom per-datapoint loss l_x(θ) with x ~ N(0, 1).',
    };
  }
  const own: Record<string, number> = {};
  for (const p of BUILTIN_LANDSCAPES[c].params) if (p.name in params) own[p.name] = params[p.name];
  const f = BUILTIN_LANDSCAPES[c].make(own);
  return {
    weights: [...f.weights],
    init: [...f.init],
    loss: f.loss,
    data: f.data as DataLawJSON,
    description: f.description,
  };
}
