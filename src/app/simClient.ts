// The page's side of the simulation worker: start a list of jobs, hear progress and results,
// stop it. Without Worker support the same jobs run on the main thread (the CPU twin yields).
// static: the experiments (presets) bring the engine into the page's bundle anyway
import { runSimulation, type SimResult } from '../sim/engine';
import type { FromWorker, SimJob, ToWorker } from './simProtocol';
import { lazyWorker } from './lazyWorker';

export interface RunCallbacks {
  onProgress: (job: number, step: number, T: number, engine: 'gpu' | 'cpu') => void;
  onResult: (job: number, result: SimResult) => void;
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
  let listener: (ev: MessageEvent<FromWorker>) => void = () => {};
  const done = new Promise<'done' | 'cancelled'>((resolve, reject) => {
    listener = (ev) => {
      const m = ev.data;
      if (m.id !== id) return;
      if (m.type === 'progress') cb.onProgress(m.job, m.step, m.T, m.engine);
      else if (m.type === 'result') cb.onResult(m.job, m.result);
      else {
        w.removeEventListener('message', listener);
        if (m.type === 'done') resolve('done');
        else if (m.cancelled) resolve('cancelled');
        else reject(new Error(m.message));
      }
    };
    w.addEventListener('message', listener);
    w.addEventListener('error', (e) => reject(new Error(e.message || 'the simulation worker failed')), { once: true });
  });
  w.postMessage({ type: 'run', id, jobs } satisfies ToWorker);
  return { done, stop: () => w.postMessage({ type: 'abort', id } satisfies ToWorker) };
}

function inline(jobs: SimJob[], cb: RunCallbacks): RunHandle {
  const ctl = new AbortController();
  const done = (async () => {
    try {
      for (const [job, { spec }] of jobs.entries()) {
        const r = await runSimulation(spec, { signal: ctl.signal, onProgress: (p) => cb.onProgress(job, p.step, p.T, p.engine) });
        cb.onResult(job, r);
      }
      return 'done' as const;
    } catch (e) {
      if (ctl.signal.aborted) return 'cancelled' as const;
      throw e;
    }
  })();
  return { done, stop: () => ctl.abort() };
}
