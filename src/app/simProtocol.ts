// Messages between the page and the simulation worker.
import type { SimResult, SimSpec } from '../sim/engine';

export interface SimJob {
  /** what the job is for: one optimizer at the current η, or one η of the sweep */
  label: string;
  spec: SimSpec;
}

export type ToWorker = { type: 'run'; id: number; jobs: SimJob[] } | { type: 'abort'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; job: number; step: number; T: number; engine: 'gpu' | 'cpu' }
  | { type: 'result'; id: number; job: number; result: SimResult }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string; cancelled: boolean };
