// What a simulation run is asked (a list of jobs) and what it reports while it works.
import type { SimResult, SimSpec } from '../../sim/engine';

export interface SimJob {
  /** what the job is for: one optimizer at the current η, or one η of the sweep */
  label: string;
  spec: SimSpec;
  /**
   * Run progressively: rounds of trajectories from spec.trajectories on, a result after each
   * round, until the largest standard error along the curve is at most `target` or `cap` is reached.
   */
  progressive?: { target: number; cap: number };
}

export type SimEvent =
  /** rounds: a progressive job's trajectories before and after the round in progress */
  | { type: 'progress'; job: number; step: number; T: number; engine: 'gpu' | 'cpu'; rounds?: [number, number] }
  /** `final` false: a progressive job's result so far (more rounds follow). */
  | { type: 'result'; job: number; result: SimResult; final: boolean };
