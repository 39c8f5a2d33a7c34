// What a preset run is asked and what it reports while it works, and what an errata run returns.
import type { Erratum, ExperimentResult, Verdict } from '../../experiments/types';

export type ErrataRow = Erratum & { experiment: string };

export interface ErrataResult {
  quick: boolean;
  errata: ErrataRow[];
  verdict: Verdict;
}

export interface PresetRequest {
  preset: string;
  quick: boolean;
  /** experiments already run this session in the same form, reused by the errata run */
  done: readonly ExperimentResult[];
}

export type PresetEvent =
  | { type: 'progress'; fraction: number; label: string }
  | { type: 'result'; result: ExperimentResult }
  | { type: 'errata'; errata: ErrataResult };
