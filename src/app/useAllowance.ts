// The current prediction's truncation allowance (and its bands for the plots), computed in the
// allowance worker: the next orders' models can take seconds to build, the page never waits.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AllowanceReport } from './allowance';
import {
  allowanceResult,
  allowanceVersion,
  requestAllowance,
  requestKeyOf,
  subscribeAllowance,
} from './allowanceClient';
import { etaGrid } from './plotData';
import { useAppStore } from './store';
import { useBuilt, useParams } from './useDerived';

export type AllowanceView =
  { status: 'ok'; report: AllowanceReport } | { status: 'pending' } | { status: 'failed'; message: string };

export function useAllowance(): AllowanceView | null {
  const params = useParams();
  const run = useAppStore((s) => s.run);
  const b = useBuilt();
  const etas = useMemo(() => etaGrid(params.eta, run), [params.eta, run]);
  const request = useMemo(() => ({ params, eta: params.eta, etas }), [params, etas]);
  const key = requestKeyOf(request);
  useEffect(() => {
    if (b.ok) requestAllowance(request);
    // the key says everything the request holds
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, b.ok]);
  useSyncExternalStore(subscribeAllowance, allowanceVersion);
  if (!b.ok) return null;
  return allowanceResult(key) ?? { status: 'pending' };
}
