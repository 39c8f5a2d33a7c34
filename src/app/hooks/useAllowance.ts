// The current prediction's truncation allowance (and its bands for the plots). It needs the models
// of the orders after the scenario's, which can take seconds to build, so it is a job of its own
// in a second prediction worker (latest wins, see jobClient): the headline never waits for it.
import { useMemo } from 'react';
import { computeAllowance, type AllowanceReport, type AllowanceRequest } from '../derived/allowance';
import { moduleWorker } from '../workers/jobClient';
import { etaGrid } from '../plots/plotData';
import { predictionHint } from '../workers/predictionJob';
import { comparableRun, workKeyOf } from '../scenario/staleness';
import { useAppStore } from '../state/store';
import { useBuilt, useParams, type Answer } from './useDerived';
import { jobChannel, useJob } from './useJob';

const spawnWorker = moduleWorker(
  () => new Worker(new URL('../workers/prediction.worker.ts', import.meta.url), { type: 'module' }),
);

const allowanceChannel = jobChannel<AllowanceRequest, AllowanceReport>({
  spawn: spawnWorker,
  inline: computeAllowance,
  workKey: (r) => workKeyOf(r.params),
  tooLong: (r) => predictionHint(r.params),
});

export interface AllowanceView {
  /** the scenario (without η) and the η it is for */
  workKey: string;
  eta: number;
  answer: Answer<AllowanceReport>;
}

const sameEtas = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The allowance of the scenario on screen; null when the scenario is not valid. */
export function useAllowance(): AllowanceView | null {
  const params = useParams();
  const run = useAppStore((s) => s.run);
  const b = useBuilt();
  // the grid spans the sweep only where its points are drawn (for these settings)
  const etas = useMemo(() => etaGrid(params.eta, comparableRun(run, params)), [params, run]);
  const req = useMemo((): AllowanceRequest => ({ kind: 'allowance', params, eta: params.eta, etas }), [params, etas]);
  const workKey = workKeyOf(params);
  const key = `${workKey}|${params.eta}|${etas.join(',')}`;
  const got = useJob(allowanceChannel, b.ok ? req : null, b.ok ? key : '');
  if (!b.ok) return null;
  const mine =
    got !== null && workKeyOf(got.req.params) === workKey && got.req.eta === params.eta && sameEtas(got.req.etas, etas);
  const answer: Answer<AllowanceReport> = !mine
    ? { state: 'computing' }
    : got.outcome.ok
      ? { state: 'ok', value: got.outcome.value }
      : { state: 'refused', message: got.outcome.message };
  return { workKey, eta: params.eta, answer };
}
