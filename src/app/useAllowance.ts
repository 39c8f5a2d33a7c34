// The current prediction's truncation allowance. Its first computation for a scenario builds
// the models of the next orders (order 5 at N = T = 1000 takes a few hundred ms), so it runs
// once the scenario has settled, after the panels have drawn; later η changes reuse the models
// and are computed at once.
import { useEffect, useMemo, useState } from 'react';
import { allowanceAt, type Allowance } from './allowance';
import { scenarioKey } from './scenario';
import { useBuilt } from './useDerived';

export type AllowanceView =
  | { status: 'ok'; allowance: Allowance }
  | { status: 'pending' }
  | { status: 'failed'; message: string };

const built = new Set<string>();
/** scenarios whose allowance failed (e.g. past the theory's work budget): not tried again */
const failed = new Map<string, string>();
const SETTLE_MS = 150;

function compute(sc: Parameters<typeof allowanceAt>[0], eta: number): AllowanceView {
  try {
    return { status: 'ok', allowance: allowanceAt(sc, eta) };
  } catch (e) {
    return { status: 'failed', message: (e as Error).message };
  }
}

export function useAllowance(): AllowanceView | null {
  const b = useBuilt();
  const key = b.ok ? scenarioKey(b.scenario) : null;
  const eta = b.ok ? b.scenario.eta! : NaN;
  const now = useMemo((): AllowanceView | null => {
    if (!b.ok || !key) return null;
    const why = failed.get(key);
    if (why !== undefined) return { status: 'failed', message: why };
    return built.has(key) ? compute(b.scenario, eta) : null;
  }, [b, key, eta]);
  const [late, setLate] = useState<{ key: string; eta: number; view: AllowanceView } | null>(null);
  useEffect(() => {
    if (!b.ok || !key || built.has(key) || failed.has(key)) return;
    const id = setTimeout(() => {
      const view = compute(b.scenario, eta);
      if (built.size > 64) built.clear();
      if (view.status === 'failed') failed.set(key, view.message);
      else built.add(key);
      setLate({ key, eta, view });
    }, SETTLE_MS);
    return () => clearTimeout(id);
  }, [b, key, eta]);
  if (!b.ok) return null;
  if (now) return now;
  return late && late.key === key && late.eta === eta ? late.view : { status: 'pending' };
}
