// The page's side of the simulation worker: start a list of jobs, hear progress and results,
// stop it. Without Worker support the same jobs run on the main thread (the CPU twin yields).
// static: the experiments (presets) bring the engine into the page's bundle anyway
import { runSimulation, type SimResult } from '../sim/engine';
import { runProgressive } from '../sim/progressive';
import type { FromWorker, SimJob, ToWorker } from './simProtocol';
import { lazyWorker } from './lazyWorker';

export interface RunCallbacks {
  /** rounds: a progressive job's trajectories before and after the round in progress */
  onProgress: (job: number, step: number, T: number, engine: 'gpu' | 'cpu', rounds?: [number, number]) => void;
  /** final false: a progressive job's result so far */
  onResult: (job: number, result: SimResult, final: boolean) => void;
}

export interface RunHandle {
  done: Promise<'done' | 'cancelled'>;
  stop: () => void;
}

let nextId = 1;

const getWorker = lazyWorker(() => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' }));

export function startRun(jobs: SimJob[], cb: RunCallbacks): RunHandle {
  const w = getWorker();
  return w ? viaWorker(w, jobs, cb) : inline(jobs, cb);
}

function viaWorker(w: Worker, jobs: SimJob[], cb: RunCallbacks): RunHandle {
  const id = nextId++;
  const done = new Promise<'done' | 'cancelled'>((resolve, reject) => {
    // both listeners go when the run ends, so runs do not pile them up on the shared worker
    const finish = () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
    const onMessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.id !== id) return;
      if (m.type === 'progress') cb.onProgress(m.job, m.step, m.T, m.engine, m.rounds);
      else if (m.type === 'result') cb.onResult(m.job, m.result, m.final);
      else {
        finish();
        if (m.type === 'done') resolve('done');
        else if (m.cancelled) resolve('cancelled');
        else reject(new Error(m.message));
      }
    };
    const onError = (e: ErrorEvent) => {
      finish();
      reject(new Error(e.message || 'the simulation worker failed'));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
  });
  w.postMessage({ type: 'run', id, jobs } satisfies ToWorker);
  return { done, stop: () => w.postMessage({ type: 'abort', id } satisfies ToWorker) };
}

function inline(jobs: SimJob[], cb: RunCallbacks): RunHandle {
  const ctl = new AbortController();
  const done = (async () => {
    try {
      for (const [job, { spec, progressive }] of jobs.entries()) {
        const onProgress = (p: { step: number; T: number; engine: 'gpu' | 'cpu'; from?: number; to?: number }) =>
          cb.onProgress(job, p.step, p.T, p.engine, p.to === undefined ? undefined : [p.from ?? 0, p.to]);
        if (progressive) {
          const { trajectories, ...rest } = spec;
          await runProgressive(rest, {
            signal: ctl.signal,
            onProgress,
            initial: trajectories,
            targetStderr: progressive.target,
            cap: progressive.cap,
            onRound: (r, stop) => cb.onResult(job, r, stop !== null),
          });
          continue;
        }
        const r = await runSimulation(spec, { signal: ctl.signal, onProgress });
        cb.onResult(job, r, true);
      }
      return 'done' as const;
    } catch (e) {
      if (ctl.signal.aborted) return 'cancelled' as const;
      throw e;
    }
  })();
  return { done, stop: () => ctl.abort() };
}
