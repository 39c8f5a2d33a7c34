// Messages between the page and the experiment worker, and what an errata run returns.
import type { Erratum, ExperimentResult, Verdict } from '../experiments/types';

export type ErrataRow = Erratum & { experiment: string };

export interface ErrataResult {
  quick: boolean;
  errata: ErrataRow[];
  verdict: Verdict;
}

export type ToPresetWorker =
  /** `done`: experiments already run this session in the same form, reused by the errata run */
  { type: 'run'; id: number; preset: string; quick: boolean; done: ExperimentResult[] } | { type: 'abort'; id: number };

export type FromPresetWorker =
  | { type: 'progress'; id: number; fraction: number; label: string }
  | { type: 'result'; id: number; result: ExperimentResult }
  | { type: 'errata'; id: number; errata: ErrataResult }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string; cancelled: boolean };
