// The explorer's scenario parameters: everything a permalink carries about the scenario, as
// plain values, with the defaults each landscape starts from.
import { DEFAULT_CUSTOM, type CustomLandscape, type LandscapeChoice } from './landscapes';
import type { ObservableKind } from '../../theory/diagram';
import { ORDERS } from '../../theory/orders';
import { OPTIMIZER_TABLE, type Optimizer } from '../../sim/optimizers';

export type OptimizerId = Optimizer;

/** The optimizers the page offers: the simulation's own table (src/sim/optimizers.ts). */
export const OPTIMIZERS: readonly { id: OptimizerId; label: string; title: string }[] = OPTIMIZER_TABLE.map(
  ({ id, label, title }) => ({ id, label, title }),
);

export interface ScenarioParams {
  landscape: LandscapeChoice;
  /** the built-in landscape's parameters (only those that differ from its defaults matter) */
  params: Record<string, number>;
  custom: CustomLandscape;
  observable: ObservableKind;
  /** the coordinate of the weight observable */
  weight: string;
  /** φ(θ) of the formula observable */
  phi: string;
  /** with the formula observable: predict and simulate Var φ instead of E φ */
  variance: boolean;
  /** the tensor learning rate: 'scalar', per-weight rates "0.5, 0.5, 2", or matrix rows "2, 0.5; 0.5, 1" */
  lr: string;
  order: number;
  eta: number;
  N: number;
  B: number;
  epochs: number;
  shuffle: boolean;
  /** a custom schedule edited on the grid (null: the structured N, B, epochs, shuffle) */
  batches: number[][] | null;
  optimizers: OptimizerId[];
  trajectories: number;
  seed: number;
}

export const ETA_RANGE = { min: 1e-4, max: 1 } as const;
export const T_RANGE = { min: 1, max: 100_000 } as const;
export const MAX_N = 100_000;
export const MAX_TRAJECTORIES = 1 << 16;
/** Trajectories of a run by default: on WebGPU, and on the CPU twin (a default-page Run in ≈ 2 s). */
export const GPU_DEFAULT_TRAJECTORIES = 1 << 14;
export const CPU_DEFAULT_TRAJECTORIES = 1 << 9;
/** The order menu: the explorer's orders 0..MAX_ORDER (theory/orders.ts). */
export const SCENARIO_ORDERS = ORDERS;

type LandscapeDefaults = Pick<
  ScenarioParams,
  'observable' | 'weight' | 'phi' | 'eta' | 'N' | 'B' | 'epochs' | 'shuffle'
>;

const ONE_EPOCH = { B: 1, epochs: 1, shuffle: false } as const;
// both noise models of mean estimation start from the same full-batch schedule (B = N)
const MEAN_ESTIMATION: LandscapeDefaults = {
  observable: 'test-loss',
  weight: 'theta',
  phi: 'theta^2',
  eta: 0.01,
  N: 10,
  B: 10,
  epochs: 100,
  shuffle: false,
};

export const LANDSCAPE_DEFAULTS: Readonly<Record<LandscapeChoice, LandscapeDefaults>> = {
  archimedes: { observable: 'weight', weight: 'z', phi: 'u^2 + v^2', eta: 0.1, N: 1000, ...ONE_EPOCH },
  'archimedes-tilt': { observable: 'weight', weight: 'z', phi: 'u^2 + v^2', eta: 0.1, N: 1000, ...ONE_EPOCH },
  'mean-estimation-covector': MEAN_ESTIMATION,
  'mean-estimation-vector': MEAN_ESTIMATION,
  gauss: { observable: 'test-loss', weight: 'h', phi: 'h^2', eta: 0.1, N: 10, ...ONE_EPOCH },
  custom: { observable: 'test-loss', weight: 'w', phi: 'w^2', eta: 0.1, N: 100, ...ONE_EPOCH },
};

export const DEFAULT_PARAMS: ScenarioParams = {
  landscape: 'archimedes',
  params: {},
  custom: DEFAULT_CUSTOM,
  ...LANDSCAPE_DEFAULTS.archimedes,
  order: 3,
  variance: false,
  lr: 'scalar',
  batches: null,
  optimizers: ['sgd'],
  trajectories: GPU_DEFAULT_TRAJECTORIES,
  seed: 0,
};

/** Number of updates of the current schedule. */
export const stepsOf = (p: Pick<ScenarioParams, 'N' | 'B' | 'epochs' | 'batches'>): number =>
  p.batches ? p.batches.length : (p.epochs * p.N) / p.B;

/** N for a wanted T at the current B and epochs: T is rounded to what the schedule allows. */
export function nForSteps(T: number, B: number, epochs: number): number {
  const perEpoch = Math.max(1, Math.round(T / epochs));
  return Math.min(MAX_N, perEpoch * B);
}

/** The schedule as scenario JSON. */
export function scheduleJSON(
  p: Pick<ScenarioParams, 'N' | 'B' | 'epochs' | 'shuffle' | 'batches'>,
): { N: number; B: number; epochs: number; shuffle: boolean } | { N: number; batches: number[][] } {
  return p.batches ? { N: p.N, batches: p.batches } : { N: p.N, B: p.B, epochs: p.epochs, shuffle: p.shuffle };
}

/**
 * The learning-rate field as a scenario preconditioner: null for 'scalar' (or empty), a list for
 * per-weight rates "0.5, 0.5, 2", rows for a matrix "2, 0.5; 0.5, 1". Throws naming the entry;
 * size, symmetry and definiteness are the scenario's checks.
 */
export function preconditionerOf(lr: string): number[] | number[][] | null {
  const t = lr.trim();
  if (t === '' || t === 'scalar') return null;
  const row = (r: string, i?: number): number[] =>
    r.split(',').map((x, j) => {
      const v = Number(x.trim());
      if (x.trim() === '' || !Number.isFinite(v)) {
        throw new Error(
          `learning rate: entry ${i === undefined ? j + 1 : `${i + 1},${j + 1}`} "${x.trim()}" is not a number`,
        );
      }
      return v;
    });
  return t.includes(';') ? t.split(';').map((r, i) => row(r, i)) : row(t);
}
