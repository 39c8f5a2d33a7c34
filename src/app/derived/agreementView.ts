// What the theory panel says about the simulation: the SGD result's final mean and standard error
// (or how many trajectories diverged), and how it compares with the headline prediction. The
// panel only renders this; the comparison is made only between numbers for the same settings.
import type { SimResult } from '../../sim/engine';
import { agreementHeadline, classifyAgreement, Z95, type Agreement, type AllowanceReport } from './allowance';
import { divergedText } from './divergence';
import type { ScenarioParams } from '../scenario/params';
import type { RunState } from '../state/runSlice';
import { resultMatches, runMatches, workKeyOf } from '../scenario/staleness';
import type { Answer } from '../hooks/useDerived';

export interface SgdSummary {
  /** the mean at T (null: some trajectory diverged, so there is none) */
  mean: number | null;
  /** its standard error and 95% half-width */
  se: number;
  halfWidth: number;
  /** how many trajectories diverged and from which step, or null */
  diverged: string | null;
}

/** Why the truncation allowance cannot widen the band: the scenario has none, or it is computing. */
export type AllowanceMissing = 'refused' | 'computing';

export type Verdict =
  /** the simulation is from earlier settings than those on screen */
  | { kind: 'stale' }
  /** the simulation is for the settings on screen, the prediction is still for earlier ones */
  | { kind: 'awaiting-prediction' }
  | {
      kind: 'compared';
      agreement: Agreement;
      /** the allowance the band was widened by, or why there was none */
      allowance: UsedAllowance;
      /**
       * the agreement in words (it names the prediction's order); null when the simulation misses
       * its band and no allowance could widen it, so only the distance can be told
       */
      headline: string | null;
    };

export type UsedAllowance = { value: number } | { missing: AllowanceMissing };

/** The agreement line when the simulation is not compared. */
export const NOT_COMPARED_TEXT: Readonly<Record<'stale' | 'awaiting-prediction', string>> = {
  stale: 'simulation from earlier settings',
  'awaiting-prediction': 'waiting for the prediction of these settings',
};

/** Why the band could not be widened, in words. */
export const MISSING_ALLOWANCE_TEXT: Readonly<Record<AllowanceMissing, string>> = {
  refused: 'no truncation allowance for this scenario',
  computing: 'the truncation allowance is not known yet',
};

export interface AgreementView {
  /** the run's SGD result, summarised (null: no SGD result yet) */
  sgd: SgdSummary | null;
  /** null: nothing to compare (no mean at T, or no prediction) */
  verdict: Verdict | null;
}

/** The headline prediction shown: its value and the settings it was computed for. */
export interface ShownPrediction {
  value: number;
  params: ScenarioParams;
}

/** The allowance on screen: the scenario (without η) and η it is for, and the worker's answer. */
export interface ShownAllowance {
  workKey: string;
  eta: number;
  answer: Answer<Pick<AllowanceReport, 'allowance'>>;
}

const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];

function summary(r: SimResult): SgdSummary {
  const se = last(r.stderr) ?? 0;
  return { mean: last(r.mean) ?? null, se, halfWidth: Z95 * se, diverged: divergedText(r) };
}

/**
 * `current`: the settings on screen; `prediction`: the headline shown (it may lag behind them);
 * `allowance`: the truncation allowance shown, used only when it is for the prediction's settings.
 */
export function agreementView(
  run: Pick<RunState, 'jobs' | 'results' | 'params'>,
  current: ScenarioParams,
  prediction: ShownPrediction | null,
  allowance: ShownAllowance | null,
): AgreementView {
  const i = run.jobs.findIndex((j) => j.kind === 'optimizer' && j.optimizer === 'sgd');
  const r = i >= 0 ? run.results[i] : null;
  if (!r) return { sgd: null, verdict: null };
  const sgd = summary(r);
  if (sgd.mean === null || !prediction) return { sgd, verdict: null };
  if (!resultMatches(run, i, prediction.params)) {
    return { sgd, verdict: { kind: runMatches(run, current) ? 'awaiting-prediction' : 'stale' } };
  }
  const fits =
    allowance && allowance.workKey === workKeyOf(prediction.params) && allowance.eta === prediction.params.eta;
  const answer: Answer<Pick<AllowanceReport, 'allowance'>> = fits ? allowance.answer : { state: 'computing' };
  const used: UsedAllowance =
    answer.state === 'ok' ? { value: answer.value.allowance.value } : { missing: answer.state };
  const agreement = classifyAgreement({
    prediction: prediction.value,
    allowance: 'value' in used ? used.value : 0,
    mean: sgd.mean,
    se: sgd.se,
  });
  const headline =
    agreement.kind === 'simulation' || 'value' in used
      ? agreementHeadline(agreement.kind, prediction.params.order)
      : null;
  return { sgd, verdict: { kind: 'compared', agreement, allowance: used, headline } };
}
