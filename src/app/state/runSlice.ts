// Simulation runs: Run starts one job per chosen optimizer at the current η plus an η sweep
// (SGD, final values only) for the plots against η; Stop cancels. Progress is counted in
// trajectory-steps so that jobs of different lengths add up. A progressive run keeps adding
// trajectories to the optimizer jobs (a result after every round, the band narrowing live)
// until the largest standard error along the curve reaches the target, the cap, or Stop.
import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import type { SimResult } from '../../sim/engine';
import type { Optimizer } from '../../sim/plan';
import { ETA_RANGE, type ScenarioParams } from '../scenario/params';
import { buildScenario } from '../scenario/scenario';
import { paramsOf } from './scenarioSlice';
import { startRun, type RunHandle } from '../workers/simClient';
import type { SimJob } from '../workers/simProtocol';
import { scheduleT } from '../../theory/schedule';
import { worstStderr } from '../../sim/progressive';
import { trainLossRefusal } from '../../sim/optimizers';

/** What the run controls say about a progressive run: trajectories so far and the largest s.e. */
export function progressiveStatus(
  run: RunState,
): { trajectories: number; stderr: number | null; reached: boolean; cap: number } | null {
  if (!run.progressive) return null;
  const { target, cap } = run.progressive;
  const i = run.jobs.findIndex((j) => j.kind === 'optimizer');
  const r = i >= 0 ? run.results[i] : null;
  if (!r) return { trajectories: 0, stderr: null, reached: false, cap };
  const se = worstStderr(r);
  return { trajectories: r.trajectories, stderr: se, reached: se !== null && se <= target, cap };
}

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
  /** the settings the results belong to (staleness.ts tells whether they are still current) */
  params: ScenarioParams | null;
  /** the progressive settings of this run (null: a fixed number of trajectories) */
  progressive: ProgressiveSettings | null;
}

export interface ProgressiveSettings {
  /** stop once the largest standard error along the simulated curve is at most this */
  target: number;
  /** and at most this many trajectories */
  cap: number;
}

export interface RunSlice {
  run: RunState;
  /** true while a slider is being dragged: reruns wait for the drag to end */
  dragging: boolean;
  setDragging: (on: boolean) => void;
  /** progressive runs: on or off, and the target standard error */
  progressive: { on: boolean; target: number };
  setProgressive: (patch: Partial<{ on: boolean; target: number }>) => void;
  startRun: () => void;
  stopRun: () => void;
}

export const RECORD_STEPS = 51;
/** A progressive run stops at this many trajectories at the latest. */
export const PROGRESSIVE_CAP = 1 << 20;
export const DEFAULT_TARGET_STDERR = 1e-3;
export const SWEEP_FACTORS = [0.25, 0.5, 1, 2, 4];

const IDLE: RunState = {
  status: 'idle',
  error: null,
  notes: [],
  jobs: [],
  results: [],
  progress: { done: 0, total: 0, perSecond: 0 },
  engine: null,
  params: null,
  progressive: null,
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
  progressive: { on: false, target: DEFAULT_TARGET_STDERR },
  setProgressive: (patch) => {
    const next = { ...get().progressive, ...patch };
    if (!(Number.isFinite(next.target) && next.target > 0)) return;
    set({ progressive: next });
  },
  stopRun: () => handle?.stop(),
  startRun: () => {
    handle?.stop();
    const params = paramsOf(get());
    const built = buildScenario(params);
    if (!built.ok) {
      // the settings are kept so that only a change of them tries again
      set({ run: { ...IDLE, status: 'error', error: `cannot simulate: ${built.message}`, params } });
      return;
    }
    const { lossExpr: _e, ...scenario } = built.scenario;
    const notes: string[] = [];
    const metas: JobMeta[] = [];
    const jobs: SimJob[] = [];
    const base = { scenario, trajectories: params.trajectories, seed: params.seed };
    const prog = get().progressive;
    const progressive: ProgressiveSettings | null = prog.on
      ? { target: prog.target, cap: Math.max(PROGRESSIVE_CAP, params.trajectories) }
      : null;
    for (const optimizer of params.optimizers) {
      const noTrain = trainLossRefusal(optimizer);
      if (params.observable === 'train-loss' && noTrain) {
        notes.push(`${optimizer.toUpperCase()} skipped: the train loss needs a training set (${noTrain})`);
        continue;
      }
      metas.push({ kind: 'optimizer', optimizer });
      jobs.push({
        label: optimizer,
        spec: { ...base, optimizer, record: RECORD_STEPS },
        progressive: progressive ?? undefined,
      });
    }
    for (const eta of sweepEtas(params.eta)) {
      metas.push({ kind: 'sweep', eta });
      jobs.push({ label: `sgd η=${eta}`, spec: { ...base, optimizer: 'sgd', eta, record: 2 } });
    }
    const T = scheduleT(built.scenario.schedule);
    // A progressive job counts up to its cap; it usually stops well before.
    const total = jobs.reduce((s, j) => s + T * (j.progressive ? j.progressive.cap : params.trajectories), 0);
    const started = performance.now();
    const doneSteps = new Array<number>(jobs.length).fill(0);
    set({
      run: {
        ...IDLE,
        status: 'running',
        notes,
        jobs: metas,
        results: metas.map(() => null),
        progress: { done: 0, total, perSecond: 0 },
        params,
        progressive,
      },
    });
    const h = startRun(jobs, {
      onProgress: (job, step, _T, engine, rounds) => {
        doneSteps[job] = rounds ? T * rounds[0] + step * (rounds[1] - rounds[0]) : step * params.trajectories;
        const done = doneSteps.reduce((a, b) => a + b, 0);
        const secs = (performance.now() - started) / 1000;
        const run = get().run;
        set({
          run: {
            ...run,
            progress: { done, total, perSecond: secs > 0 ? done / secs : 0 },
            engine: run.engine ?? { kind: engine, adapter: '', reason: null },
          },
        });
      },
      onResult: (job, result) => {
        doneSteps[job] = result.T * result.trajectories;
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
        // A progressive run is complete when it stops (at its target, cap or Stop), not at its cap.
        set({
          run: {
            ...run,
            status: how,
            progress: { done, total: progressive ? done : total, perSecond: secs > 0 ? done / secs : 0 },
          },
        });
      },
      (err: Error) => {
        if (handle !== h) return;
        handle = null;
        set({ run: { ...get().run, status: 'error', error: err.message } });
      },
    );
  },
});
