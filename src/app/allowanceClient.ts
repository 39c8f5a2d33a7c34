// The page's side of the allowance: one request at a time to a worker, the latest request
// waiting behind it; a request for another scenario ends a long computation (a new worker
// starts), while η changes of the same scenario reuse the worker's models. Results live in a
// small store that components read with useSyncExternalStore. Without workers (tests, old
// browsers) the same code runs on the main thread.
import type { AllowanceReport } from './allowance';
import type { AllowanceRequest, FromAllowanceWorker } from './allowanceProtocol';
import { computeAllowance } from './allowanceProtocol';
import { lazyWorker } from './lazyWorker';

/** Everything but η, the run settings and the seed: requests with the same key share models. */
export const scenarioKeyOf = (r: AllowanceRequest): string => {
  const { eta: _e, optimizers: _o, trajectories: _k, seed: _s, ...rest } = r.params;
  return JSON.stringify(rest);
};
export const requestKeyOf = (r: AllowanceRequest): string =>
  `${scenarioKeyOf(r)}|${r.eta}|${r.etas.join(',')}`;

export type AllowanceState =
  { status: 'ok'; report: AllowanceReport } | { status: 'failed'; message: string };

const results = new Map<string, AllowanceState>();
const listeners = new Set<() => void>();
let version = 0;

export const subscribeAllowance = (f: () => void): (() => void) => (
  listeners.add(f),
  () => listeners.delete(f)
);
export const allowanceVersion = (): number => version;
export const allowanceResult = (key: string): AllowanceState | undefined => results.get(key);

function publish(key: string, s: AllowanceState): void {
  if (results.size > 64) results.clear();
  results.set(key, s);
  version++;
  listeners.forEach((f) => f());
}

let makeWorker = lazyWorker(
  () => new Worker(new URL('./allowance.worker.ts', import.meta.url), { type: 'module' }),
);
let busy: { id: number; key: string; scenario: string; since: number } | null = null;
/** a computation of another scenario shorter than this is waited for (its worker keeps its models) */
const PATIENCE_MS = 300;
let waiting: AllowanceRequest | null = null;
let nextId = 1;

function onMessage(ev: MessageEvent<FromAllowanceWorker>): void {
  const m = ev.data;
  if (!busy || m.id !== busy.id) return;
  publish(busy.key, m.ok ? { status: 'ok', report: m.report } : { status: 'failed', message: m.message });
  busy = null;
  const next = waiting;
  waiting = null;
  if (next) requestAllowance(next);
}

function send(w: Worker, r: AllowanceRequest): void {
  busy = { id: nextId++, key: requestKeyOf(r), scenario: scenarioKeyOf(r), since: performance.now() };
  w.postMessage({ id: busy.id, request: r });
}

/** Ask for the allowance of a request (no-op when known or already being computed). */
export function requestAllowance(r: AllowanceRequest): void {
  const key = requestKeyOf(r);
  if (results.has(key) || busy?.key === key) return;
  const w = makeWorker();
  if (!w) {
    try {
      publish(key, { status: 'ok', report: computeAllowance(r) });
    } catch (e) {
      publish(key, { status: 'failed', message: (e as Error).message });
    }
    return;
  }
  w.onmessage = onMessage;
  w.onerror = (e) => {
    e.preventDefault();
    if (busy) publish(busy.key, { status: 'failed', message: e.message || 'the allowance worker stopped' });
    busy = null;
  };
  if (!busy) return send(w, r);
  if (busy.scenario === scenarioKeyOf(r) || performance.now() - busy.since < PATIENCE_MS) {
    waiting = r;
    return;
  }
  // another scenario: the running computation is of no use any more
  w.terminate();
  makeWorker = lazyWorker(
    () => new Worker(new URL('./allowance.worker.ts', import.meta.url), { type: 'module' }),
  );
  busy = null;
  waiting = null;
  requestAllowance(r);
}
