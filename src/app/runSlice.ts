// Simulation runs: Run starts one job per chosen optimizer at the current η plus an η sweep
// (SGD, final values only) for the plots against η; Stop cancels. Progress is counted in
// trajectory-steps so that jobs of different lengths add up.
import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import type { SimResult } from '../sim/engine';
import type { Optimizer } from '../sim/plan';
import { ETA_RANGE, type ScenarioParams } from './params';
import { buildScenario } from './scenario';
import { paramsOf } from './scenarioSlice';
import { startRun, type RunHandle } from './simClient';
import type { SimJob } from './simProtocol';
import { scheduleT } from '../theory/schedule';

export type JobMeta = { kind: 'optimizer'; optimizer: Optimizer } | { kind: 'sweep'; eta: number };

export interface RunState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  error: string | null;
  /** notes such as optimizers skipped for this observable */
  notes: string[];
  jobs: JobMeta[];
  results: (SimResult | null)[];
  /** trajectory-steps done and in all, and the rate */
  progress: { done: number; total: number; perSecond: number };
  engine: { kind: 'gpu' | 'cpu'; adapter: string; reason: string | null } | null;
  /** the parameters the results belong to (JSON), to tell stale results */
  paramsKey: string | null;
}

export interface RunSlice {
  run: RunState;
  /** true while a slider is being dragged: reruns wait for the drag to end */
  dragging: boolean;
  setDragging: (on: boolean) => void;
  startRun: () => void;
  stopRun: () => void;
}

export const RECORD_STEPS = 51;
export const SWEEP_FACTORS = [0.25, 0.5, 1, 2, 4];

const IDLE: RunState = {
  status: 'idle', error: null, notes: [], jobs: [], results: [],
  progress: { done: 0, total: 0, perSecond: 0 }, engine: null, paramsKey: null,
};

export const paramsKey = (p: ScenarioParams): string => {
  const { optimizers: _o, ...rest } = p;
  return JSON.stringify(rest);
};

/** The η values of the sweep: factors of the current η, inside the allowed range. */
export function sweepEtas(eta: number): number[] {
  return [...new Set(SWEEP_FACTORS.map((f) => Math.min(ETA_RANGE.max, Math.max(ETA_RANGE.min, eta * f))))];
}

let handle: RunHandle | null = null;

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  run: IDLE,
  dragging: false,
  setDragging: (dragging) => set({ dragging }),
  stopRun: () => handle?.stop(),
  startRun: () => {
    handle?.stop();
    const params = paramsOf(get());
    const built = buildScenario(params);
    if (!built.ok) {
      set({ run: { ...IDLE, status: 'error', error: `cannot simulate: ${built.message}` } });
      return;
    }
    const { lossExpr: _e, ...scenario } = built.scenario;
    const notes: string[] = [];
    const metas: JobMeta[] = [];
    const jobs: SimJob[] = [];
    const base = { scenario, trajectories: params.trajectories, seed: params.seed };
    for (const optimizer of params.optimizers) {
      if (params.observable === 'train-loss' && (optimizer === 'sde' || optimizer === 'ode')) {
        notes.push(`${optimizer.toUpperCase()} skipped: the train loss needs a training set`);
        continue;
      }
      metas.push({ kind: 'optimizer', optimizer });
      jobs.push({ label: optimizer, spec: { ...base, optimizer, record: RECORD_STEPS } });
    }
    for (const eta of sweepEtas(params.eta)) {
      metas.push({ kind: 'sweep', eta });
      jobs.push({ label: `sgd η=${eta}`, spec: { ...base, optimizer: 'sgd', eta, record: 2 } });
    }
    const T = scheduleT(built.scenario.schedule);
    const total = jobs.length * T * params.trajectories;
    const started = performance.now();
    const doneSteps = new Array<number>(jobs.length).fill(0);
    set({
      run: { ...IDLE, status: 'running', notes, jobs: metas, results: metas.map(() => null), progress: { done: 0, total, perSecond: 0 }, paramsKey: paramsKey(params) },
    });
    const h = startRun(jobs, {
      onProgress: (job, step, _T, engine) => {
        doneSteps[job] = step * params.trajectories;
        const done = doneSteps.reduce((a, b) => a + b, 0);
        const secs = (performance.now() - started) / 1000;
        const run = get().run;
        set({ run: { ...run, progress: { done, total, perSecond: secs > 0 ? done / secs : 0 }, engine: run.engine ?? { kind: engine, adapter: '', reason: null } } });
      },
      onResult: (job, result) => {
        doneSteps[job] = result.T * params.trajectories;
        const run = get().run;
        const results = run.results.slice();
        results[job] = result;
        const reason = result.engine === 'cpu' ? (result.messages[0] ?? 'the CPU engine was chosen') : null;
        set({ run: { ...run, results, engine: { kind: result.engine, adapter: result.adapter, reason } } });
      },
    });
    handle = h;
    h.done.then(
      (how) => {
        if (handle !== h) return;
        handle = null;
        const run = get().run;
        const secs = (performance.now() - started) / 1000;
        const done = doneSteps.reduce((a, b) => a + b, 0);
        set({ run: { ...run, status: how, progress: { done, total, perSecond: secs > 0 ? done / secs : 0 } } });
      },
      (err: Error) => {
        if (handle !== h) return;
        handle = null;
        set({ run: { ...get().run, status: 'error', error: err.message } });
      },
    );
  },
});
