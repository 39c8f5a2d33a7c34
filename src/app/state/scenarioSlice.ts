// The scenario the explorer shows: landscape, observable, order, η, schedule, and how to
// simulate it. Setters keep the parameters consistent (e.g. B divides N, T ≥ 1).
import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import { landscapeParams, type CustomLandscape, type LandscapeChoice } from '../scenario/landscapes';
import {
  DEFAULT_PARAMS,
  ETA_RANGE,
  LANDSCAPE_DEFAULTS,
  MAX_N,
  MAX_TRAJECTORIES,
  nForSteps,
  stepsOf,
  type OptimizerId,
  type ScenarioParams,
} from '../scenario/params';
import { MAX_CELLS } from '../scenario/scenario';
import { MAX_ORDER } from '../../theory/orders';

export interface ScenarioSlice extends ScenarioParams {
  setLandscape: (c: LandscapeChoice) => void;
  setLandscapeParam: (name: string, value: number) => void;
  setCustom: (patch: Partial<CustomLandscape>) => void;
  setObservable: (o: ScenarioParams['observable']) => void;
  setWeight: (w: string) => void;
  setPhi: (phi: string) => void;
  setVariance: (on: boolean) => void;
  setLearningRate: (lr: string) => void;
  setOrder: (order: number) => void;
  setEta: (eta: number) => void;
  setSteps: (T: number) => void;
  setN: (N: number) => void;
  setB: (B: number) => void;
  setEpochs: (epochs: number) => void;
  setShuffle: (on: boolean) => void;
  /** flip one cell of the grid; the schedule becomes a custom one. Returns a reason when refused. */
  toggleCell: (n: number, t: number) => string | null;
  resetSchedule: () => void;
  toggleOptimizer: (id: OptimizerId, on: boolean) => void;
  setTrajectories: (k: number) => void;
  setSeed: (seed: number) => void;
  /** replace every scenario parameter at once (a permalink) */
  applyParams: (p: ScenarioParams) => void;
}

const clampInt = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(x)));

/** The largest divisor of N that is at most B. */
function fitB(N: number, B: number): number {
  for (let b = Math.min(B, N); b > 1; b--) if (N % b === 0) return b;
  return 1;
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => ({
  ...DEFAULT_PARAMS,
  setLandscape: (landscape) => {
    const params: Record<string, number> = {};
    for (const p of landscapeParams(landscape)) params[p.name] = p.default;
    set({ landscape, params, batches: null, ...LANDSCAPE_DEFAULTS[landscape] });
  },
  setLandscapeParam: (name, value) => {
    if (Number.isFinite(value)) set({ params: { ...get().params, [name]: value } });
  },
  setCustom: (patch) => set({ custom: { ...get().custom, ...patch } }),
  setObservable: (observable) => set({ observable }),
  setWeight: (weight) => set({ weight }),
  setPhi: (phi) => set({ phi }),
  setVariance: (variance) => set({ variance }),
  setLearningRate: (lr) => set({ lr }),
  setOrder: (order) => set({ order: clampInt(order, 0, MAX_ORDER) }),
  setEta: (eta) => {
    if (Number.isFinite(eta) && eta > 0) set({ eta: Math.min(ETA_RANGE.max, Math.max(ETA_RANGE.min, eta)) });
  },
  setSteps: (T) => {
    if (!Number.isFinite(T) || T < 1) return;
    const s = get();
    if (s.batches) {
      // extend a custom schedule by cycling through the datapoints, or cut it
      const n = clampInt(T, 1, 4096);
      const batches = Array.from({ length: n }, (_, t) => s.batches![t] ?? [t % s.N]);
      set({ batches });
      return;
    }
    set({ N: nForSteps(T, s.B, s.epochs) });
  },
  setN: (N) => {
    const s = get();
    const n = clampInt(N, 1, MAX_N);
    if (s.batches) set({ N: n, batches: null, B: fitB(n, s.B) });
    else set({ N: n, B: fitB(n, s.B) });
  },
  setB: (B) => {
    const s = get();
    const b = clampInt(B, 1, s.N);
    // keep T: N grows to the nearest multiple of the new B
    const N = Math.min(MAX_N, Math.max(b, Math.ceil(s.N / b) * b));
    set({ B: b, N, batches: null });
  },
  setEpochs: (epochs) => set({ epochs: clampInt(epochs, 1, 1000), batches: null }),
  setShuffle: (shuffle) => set({ shuffle, batches: null }),
  toggleCell: (n, t) => {
    const s = get();
    const T = stepsOf(s);
    if (n < 0 || n >= s.N || t < 0 || t >= T) return `cell n=${n}, t=${t} is outside the grid`;
    const cells = s.batches ? s.batches.reduce((k, b) => k + b.length, 0) : s.epochs * s.N;
    if (cells >= MAX_CELLS) {
      return `a custom schedule holds at most ${MAX_CELLS.toLocaleString('en')} cells; this one has ${cells.toLocaleString('en')}: lower N or the epochs to edit cells`;
    }
    const batches = s.batches ? s.batches.map((b) => [...b]) : explicitBatches(s);
    const b = batches[t];
    const at = b.indexOf(n);
    if (at >= 0) {
      if (b.length === 1) return `update t=${t} must use at least one datapoint`;
      b.splice(at, 1);
    } else {
      b.push(n);
      b.sort((x, y) => x - y);
    }
    set({ batches });
    return null;
  },
  resetSchedule: () => set({ batches: null }),
  toggleOptimizer: (id, on) => {
    const cur = get().optimizers.filter((o) => o !== id);
    set({ optimizers: on ? [...cur, id] : cur });
  },
  setTrajectories: (k) => Number.isFinite(k) && set({ trajectories: clampInt(k, 1, MAX_TRAJECTORIES) }),
  setSeed: (seed) => Number.isFinite(seed) && set({ seed: clampInt(seed, 0, 2 ** 31 - 1) }),
  applyParams: (p) => set({ ...p }),
});

/** The structured schedule's batches in order (no shuffle): the grid's starting point. */
export function explicitBatches(p: Pick<ScenarioParams, 'N' | 'B' | 'epochs'>): number[][] {
  const out: number[][] = [];
  for (let e = 0; e < p.epochs; e++) {
    for (let j = 0; j < p.N / p.B; j++) out.push(Array.from({ length: p.B }, (_, i) => j * p.B + i));
  }
  return out;
}

// Every field of ScenarioParams is required, so the defaults name them all.
const PARAM_KEYS = Object.keys(DEFAULT_PARAMS) as (keyof ScenarioParams)[];

/** Just the parameters of a slice (for permalinks and derived values). */
export function paramsOf(s: ScenarioParams): ScenarioParams {
  return Object.fromEntries(PARAM_KEYS.map((k) => [k, s[k]])) as unknown as ScenarioParams;
}
