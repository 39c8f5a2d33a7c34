// Experiments reproduce the paper's claims: each runs simulations, overlays the verified
// prediction, and states a verdict; where the printed formula differs, both are scored.
import type { EngineChoice } from '../sim/engine';
import type { PlotSpec } from './plotSpec';

export interface Verdict {
  pass: boolean;
  /** (simulation − prediction) / standard error of the headline comparison */
  z: number;
  detail: string;
}

/** A corollary whose printed form differs from the verified one: what the errata table lists. */
export interface ErrataFormula {
  corollary: string;
  /** what is compared (a run may add where, e.g. "at η = 0.1") */
  quantity: string;
  /** LaTeX of the printed and the verified forms */
  printed: string;
  verified: string;
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

/** One run's numbers; `P` is the shape of what the experiment plots (plain data, JSON-safe). */
export interface ExperimentResult<P = unknown> {
  experiment: string;
  title: string;
  quick: boolean;
  engine: string;
  adapter: string;
  params: Record<string, unknown>;
  /** every plotted number, by plot */
  plots: P;
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

/**
 * An experiment owns everything about itself: its run, the plots of a result, and the errata it
 * decides (in the order its results list them). A new preset is one such file plus one line in
 * the registry.
 */
export interface Experiment<P = unknown> {
  name: string;
  title: string;
  /** the paper's statement it tests */
  claim: string;
  /** the corollaries it scores in printed and verified form (empty when none) */
  errata: readonly ErrataFormula[];
  run(ctx: ExperimentContext): Promise<ExperimentResult<P>>;
  /** the plots of one of its results (method syntax: a registry lists experiments of any P) */
  plots(r: ExperimentResult<P>): PlotSpec[];
}
