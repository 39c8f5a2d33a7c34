// Experiments reproduce the paper's claims: each runs simulations, overlays the verified
// prediction, and states a verdict; where the printed formula differs, both are scored.
import type { EngineChoice } from '../sim/engine';

export interface Verdict {
  pass: boolean;
  /** (simulation − prediction) / standard error of the headline comparison */
  z: number;
  detail: string;
}

/** A corollary's printed and verified forms, scored against the same measurement. */
export interface Erratum {
  corollary: string;
  quantity: string;
  printed: { formula: string; value: number };
  verified: { formula: string; value: number };
  measured: { value: number; stderr: number };
  /** relative allowance for the terms the leading-order forms leave out */
  modelRel: number;
  zPrinted: number;
  zVerified: number;
  /** which form the data support (|z| < 4), by name */
  supports: 'verified' | 'printed' | 'both' | 'neither';
}

export interface ExperimentResult {
  experiment: string;
  title: string;
  quick: boolean;
  engine: string;
  adapter: string;
  params: Record<string, unknown>;
  /** every plotted number, by plot */
  plots: Record<string, unknown>;
  verdict: Verdict;
  errata: Erratum[];
  seconds: number;
}

export interface ExperimentContext {
  quick: boolean;
  engine?: EngineChoice;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, label: string) => void;
}

export interface Experiment {
  name: string;
  title: string;
  /** the paper's statement it tests */
  claim: string;
  run(ctx: ExperimentContext): Promise<ExperimentResult>;
}
