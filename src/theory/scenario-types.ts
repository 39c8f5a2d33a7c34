// The scenario value of scenario.md (v1), after validation.
import type { Observable, Schedule } from './schedule';

export interface AtomLaw {
  atoms: { p: number; values: Record<string, number> }[];
}
export interface NormalLaw {
  normal: Record<string, { mean: number; std: number }>;
}
export type DataLawJSON = AtomLaw | NormalLaw;

export interface Scenario {
  weights: string[];
  init: number[];
  loss: string;
  data: DataLawJSON;
  schedule: Schedule;
  observable: Observable;
  order: number;
  eta?: number;
  /** tensor learning rate P: its diagonal, or the full symmetric positive-definite matrix */
  preconditioner?: number[] | number[][];
}
