// The page's side of the simulation worker: start a list of jobs, hear progress and results,
// stop it. Without Worker support the same jobs run on the main thread (the CPU twin yields).
// static: the experiments (presets) bring the engine into the page's bundle anyway
import type { SimResult } from '../../sim/engine';
import { lazyWorker } from './lazyWorker';
import type { SimEvent, SimJob } from './simProtocol';
import { runSimJobs } from './simRunner';
import { startStreamJob, type StreamJobHandle, type StreamJobKind } from './streamJobClient';

export interface RunCallbacks {
  /** rounds: a progressive job's trajectories before and after the round in progress */
  onProgress: (job: number, step: number, T: number, engine: 'gpu' | 'cpu', rounds?: [number, number]) => void;
  /** final false: a progressive job's result so far */
  onResult: (job: number, result: SimResult, final: boolean) => void;
}

export type RunHandle = StreamJobHandle;

const simulation: StreamJobKind<SimJob[], SimEvent> = {
  name: 'simulation',
  worker: lazyWorker(() => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })),
  run: runSimJobs,
};

export function startRun(jobs: SimJob[], cb: RunCallbacks): RunHandle {
  return startStreamJob(simulation, jobs, (ev) => {
    switch (ev.type) {
      case 'progress':
        cb.onProgress(ev.job, ev.step, ev.T, ev.engine, ev.rounds);
        return;
      case 'result':
        cb.onResult(ev.job, ev.result, ev.final);
        return;
    }
  });
}
