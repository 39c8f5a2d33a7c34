// Whether simulation results belong to a set of settings: the one rule the reruns, the plots and
// the theory panel share. A run's numbers depend on the scenario (landscape and its parameters,
// observable, learning rate, η, schedule) and on how it was sampled (trajectories, seed); not on
// the optimizer list (each result is one optimizer's and names it) nor on the order (only the
// theory reads it). A result is set beside a prediction only when both are for the same settings.
import type { ScenarioParams } from './params';
import type { RunState } from '../state/runSlice';

// keys of settings objects already seen: a run's settings are asked about on every store change
const keys = new WeakMap<ScenarioParams, string>();
const anyEtaKeys = new WeakMap<ScenarioParams, string>();

/** The settings a simulation's numbers depend on, as a key. */
export function simKey(p: ScenarioParams): string {
  let k = keys.get(p);
  if (k === undefined) {
    const { optimizers: _o, order: _d, ...rest } = p;
    k = JSON.stringify(rest);
    keys.set(p, k);
  }
  return k;
}

/** The same without η: the η sweep's points each bring their own η. */
function simKeyAnyEta(p: ScenarioParams): string {
  let k = anyEtaKeys.get(p);
  if (k === undefined) {
    const { optimizers: _o, order: _d, eta: _e, ...rest } = p;
    k = JSON.stringify(rest);
    anyEtaKeys.set(p, k);
  }
  return k;
}

/** The scenario without η (and without what only simulations use): one prediction model each. */
export function workKeyOf(p: ScenarioParams): string {
  const { eta: _e, optimizers: _o, trajectories: _k, seed: _s, ...rest } = p;
  return JSON.stringify(rest);
}

/** The run's results belong to the settings `p` (false before the first run). */
export function runMatches(run: Pick<RunState, 'params'>, p: ScenarioParams): boolean {
  return run.params !== null && simKey(run.params) === simKey(p);
}

/**
 * The run's result `i` may be set beside a prediction made for the settings `p`: an optimizer's
 * result when the run is for `p`; a point of the η sweep when the run is for `p` at any η.
 */
export function resultMatches(run: Pick<RunState, 'params' | 'jobs'>, i: number, p: ScenarioParams): boolean {
  const job = run.jobs[i];
  if (!job || run.params === null) return false;
  switch (job.kind) {
    case 'optimizer':
      return runMatches(run, p);
    case 'sweep':
      return simKeyAnyEta(run.params) === simKeyAnyEta(p);
    default: {
      const never: never = job;
      throw new Error(`unknown job ${JSON.stringify(never)}`);
    }
  }
}

/** The run with only the results that may be set beside a prediction for `p` (the others null). */
export function comparableRun(run: RunState, p: ScenarioParams): RunState {
  const results = run.results.map((r, i) => (r && resultMatches(run, i, p) ? r : null));
  return results.every((r, i) => r === run.results[i]) ? run : { ...run, results };
}
