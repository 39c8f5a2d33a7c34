// The permalink's fields: one declarative list (as TensorFlow Playground's state.ts) that drives
// both writing the URL hash and reading it back. Every reader throws a message on bad input.
import { TIES_FILTERS, type EdgesFilter, type TiesFilter } from '../derived/catalogue';
import { MAX_ORDER } from '../../theory/orders';
import { isLandscapeChoice } from '../scenario/landscapes';
import { PRESET_NAMES } from '../presets/presets';
import { FORMULA_LIMITS } from '../../landscape/formula/limits';
import {
  ETA_RANGE,
  MAX_N,
  MAX_TRAJECTORIES,
  OPTIMIZERS,
  preconditionerOf,
  type OptimizerId,
  type ScenarioParams,
} from '../scenario/params';
import type { ObservableKind } from '../../theory/diagram';
import { DIAGRAM_KINDS } from '../../theory/observables';

export const PLOT_TABS = ['trajectory', 'drift', 'at-T', 'optimizers', 'diagrams', 'spread'] as const;
/** Tab ids of older links, read as today's ('test-loss' showed any observable at T against η). */
const PLOT_TAB_ALIASES: Readonly<Record<string, (typeof PLOT_TABS)[number]>> = { 'test-loss': 'at-T' };
export type PlotTab = (typeof PLOT_TABS)[number];

/** What a link carries besides the scenario: the view. */
export interface ViewParams {
  irreducibleOnly: boolean;
  ties: TiesFilter;
  edges: EdgesFilter;
  /** the diagram in the editor */
  diagram: string;
  plot: PlotTab;
  /** rerun the simulation (or the open preset) on load */
  run: boolean;
  /** the experiment or errata view on screen (null: none) */
  preset: string | null;
  /** the preset's quick form (full runs are long) */
  quick: boolean;
}

export type LinkState = ScenarioParams & ViewParams;

export interface Field {
  /** the key in the hash */
  key: string;
  /** the state property */
  name: keyof LinkState;
  read: (s: string) => unknown;
  write: (v: never) => string | null;
}

const fail = (msg: string): never => {
  throw new Error(msg);
};

function int(lo: number, hi: number) {
  return (s: string): number => {
    const x = Number(s);
    if (!/^-?\d+$/.test(s) || x < lo || x > hi) fail(`expected an integer from ${lo} to ${hi}, got "${s}"`);
    return x;
  };
}

function num(lo: number, hi: number) {
  return (s: string): number => {
    const x = Number(s);
    if (s.trim() === '' || !Number.isFinite(x) || x < lo || x > hi)
      fail(`expected a number from ${lo} to ${hi}, got "${s}"`);
    return x;
  };
}

function oneOf<T extends string>(values: readonly T[]) {
  return (s: string): T =>
    (values as readonly string[]).includes(s) ? (s as T) : fail(`expected one of ${values.join(', ')}, got "${s}"`);
}

const bool = (s: string): boolean => (s === '1' ? true : s === '0' ? false : fail(`expected 0 or 1, got "${s}"`));
const text =
  (max: number) =>
  (s: string): string =>
    s.length <= max ? s : fail(`longer than ${max} characters`);

/** Batches as "0.1|2|0": updates separated by |, datapoints by '.'. */
function readBatches(s: string): number[][] | null {
  if (s === '') return null;
  const batches = s.split('|').map((b, t) => {
    if (!/^\d+(\.\d+)*$/.test(b)) fail(`update ${t}: "${b}" is not a list of datapoints`);
    const ns = b.split('.').map(Number);
    if (new Set(ns).size !== ns.length) fail(`update ${t}: a datapoint appears twice`);
    return ns;
  });
  if (batches.length > 4096) fail('more than 4096 updates');
  return batches;
}

/** Landscape parameters as "eps:0.01,H:2". */
function readParams(s: string): Record<string, number> {
  const out: Record<string, number> = {};
  if (s === '') return out;
  for (const kv of s.split(',')) {
    const m = /^([A-Za-z_]\w*):(.+)$/.exec(kv);
    const x = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(x)) fail(`"${kv}" is not name:number`);
    out[m![1]] = x;
  }
  return out;
}

const OBSERVABLE_KINDS: readonly ObservableKind[] = DIAGRAM_KINDS;

/** The learning-rate field: 'scalar', per-weight rates or matrix rows (checked against the weights later). */
function readLearningRate(s: string): string {
  if (s.length > 400) fail('longer than 400 characters');
  preconditionerOf(s);
  return s;
}
const TIES: readonly TiesFilter[] = TIES_FILTERS.map((t) => t.value);
const OPT_IDS = OPTIMIZERS.map((o) => o.id);

export const FIELDS: readonly Field[] = [
  {
    key: 'land',
    name: 'landscape',
    read: (s) => (isLandscapeChoice(s) ? s : fail(`unknown landscape "${s}"`)),
    write: (v: string) => v,
  },
  {
    key: 'lp',
    name: 'params',
    read: readParams,
    write: (v: Record<string, number>) =>
      Object.entries(v)
        .map(([k, x]) => `${k}:${x}`)
        .join(','),
  },
  { key: 'cw', name: 'custom', read: (s) => ({ weights: text(200)(s) }), write: (v: { weights: string }) => v.weights },
  { key: 'ci', name: 'custom', read: (s) => ({ init: text(400)(s) }), write: (v: { init: string }) => v.init },
  {
    key: 'loss',
    name: 'custom',
    read: (s) => ({ loss: text(FORMULA_LIMITS.length)(s) }),
    write: (v: { loss: string }) => v.loss,
  },
  { key: 'obs', name: 'observable', read: oneOf(OBSERVABLE_KINDS), write: (v: string) => v },
  {
    key: 'w',
    name: 'weight',
    read: (s) => (/^[A-Za-z_]\w*$/.test(s) ? s : fail(`"${s}" is not a weight name`)),
    write: (v: string) => v,
  },
  // version 2: formula and variance observables, the tensor learning rate
  { key: 'phi', name: 'phi', read: text(400), write: (v: string) => v },
  { key: 'var', name: 'variance', read: bool, write: (v: boolean) => (v ? '1' : null) },
  {
    key: 'lr',
    name: 'lr',
    read: readLearningRate,
    write: (v: string) => (v.trim() === '' || v === 'scalar' ? null : v),
  },
  { key: 'order', name: 'order', read: int(0, MAX_ORDER), write: (v: number) => String(v) },
  { key: 'eta', name: 'eta', read: num(ETA_RANGE.min, ETA_RANGE.max), write: (v: number) => String(v) },
  { key: 'N', name: 'N', read: int(1, MAX_N), write: (v: number) => String(v) },
  { key: 'B', name: 'B', read: int(1, MAX_N), write: (v: number) => String(v) },
  { key: 'E', name: 'epochs', read: int(1, 1000), write: (v: number) => String(v) },
  { key: 'shuf', name: 'shuffle', read: bool, write: (v: boolean) => (v ? '1' : '0') },
  {
    key: 'bat',
    name: 'batches',
    read: readBatches,
    write: (v: number[][] | null) => (v ? v.map((b) => b.join('.')).join('|') : null),
  },
  {
    key: 'opt',
    name: 'optimizers',
    read: (s) => (s === '' ? [] : [...new Set(s.split(',').map(oneOf<OptimizerId>(OPT_IDS)))]),
    write: (v: string[]) => v.join(','),
  },
  { key: 'K', name: 'trajectories', read: int(1, MAX_TRAJECTORIES), write: (v: number) => String(v) },
  { key: 'seed', name: 'seed', read: int(0, 2 ** 31 - 1), write: (v: number) => String(v) },
  { key: 'irr', name: 'irreducibleOnly', read: bool, write: (v: boolean) => (v ? '1' : '0') },
  { key: 'ties', name: 'ties', read: oneOf(TIES), write: (v: string) => v },
  {
    key: 'edges',
    name: 'edges',
    read: (s) => (s === 'all' ? 'all' : int(0, MAX_ORDER)(s)),
    write: (v: EdgesFilter) => String(v),
  },
  { key: 'd', name: 'diagram', read: text(80), write: (v: string) => v },
  { key: 'plot', name: 'plot', read: (s) => oneOf(PLOT_TABS)(PLOT_TAB_ALIASES[s] ?? s), write: (v: string) => v },
  { key: 'run', name: 'run', read: bool, write: (v: boolean) => (v ? '1' : null) },
  {
    key: 'preset',
    name: 'preset',
    read: (s) =>
      PRESET_NAMES.includes(s) ? s : fail(`unknown preset "${s.slice(0, 40)}" (known: ${PRESET_NAMES.join(', ')})`),
    write: (v: string | null) => v,
  },
  { key: 'quick', name: 'quick', read: bool, write: (v: boolean) => (v ? '1' : '0') },
];
