// Side-by-side rows of two sets of bench runs: every measured number of `npm run bench`'s JSON,
// named by its path, the median over the runs of each side, and which way is better.

export type BenchJson = Record<string, unknown> & { machine?: unknown };

export interface CompareRow {
  metric: string;
  base: number | null;
  head: number | null;
  /** every run's value, in run order (the spread says how much of a ratio is noise) */
  baseRuns: number[];
  headRuns: number[];
  /** head / base */
  ratio: number | null;
  /** 'higher' for rates, 'lower' for times; null where the number is neither */
  better: 'higher' | 'lower' | null;
  /** the change in the better direction, in percent (negative: head is worse); null without a direction */
  gainPercent: number | null;
}

// Settings and counts that a run reports back but does not measure.
const SETTINGS = new Set([
  'target',
  'targetMs',
  'T',
  'order',
  'points',
  'trajectories',
  'record',
  'classes',
  'cpus',
  'memGiB',
  'steps',
]);

/** The label of an array element: its identifying fields (engine, runtime, size, recording), else its index. */
function elementLabel(v: unknown, i: number): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const parts = ['engine', 'runtime', 'trajectories', 'record']
      .filter((k) => typeof o[k] === 'string' || typeof o[k] === 'number')
      .map((k) => `${k}=${String(o[k])}`);
    if (parts.length > 0) return parts.join(',');
  }
  return String(i);
}

/** Every measured number of one bench run, by path (machine and settings left out). */
export function flattenBench(run: BenchJson): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (v: unknown, at: string, leaf: string): void => {
    if (typeof v === 'number') {
      if (Number.isFinite(v) && !SETTINGS.has(leaf)) out.set(at, v);
    } else if (Array.isArray(v)) {
      v.forEach((e, i) => walk(e, `${at}[${elementLabel(e, i)}]`, leaf));
    } else if (v && typeof v === 'object') {
      for (const [k, e] of Object.entries(v)) walk(e, at ? `${at}.${k}` : k, k);
    }
  };
  for (const [k, v] of Object.entries(run)) if (k !== 'machine' && k !== 'date') walk(v, k, k);
  return out;
}

export function betterDirection(metric: string): 'higher' | 'lower' | null {
  const leaf = metric.slice(metric.lastIndexOf('.') + 1);
  if (/PerSecond$/.test(leaf)) return 'higher';
  if (/(Ms|seconds|Seconds)$/.test(leaf)) return 'lower';
  return null;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One row per metric found on either side, in the order the bench prints them. */
export function compareRuns(baseRuns: BenchJson[], headRuns: BenchJson[]): CompareRow[] {
  const base = baseRuns.map(flattenBench);
  const head = headRuns.map(flattenBench);
  const metrics = [...new Set([...head.flatMap((m) => [...m.keys()]), ...base.flatMap((m) => [...m.keys()])])];
  return metrics.map((metric) => {
    const values = (runs: Map<string, number>[]) =>
      runs.map((m) => m.get(metric)).filter((x): x is number => x !== undefined);
    const baseRuns = values(base);
    const headRuns = values(head);
    const b = median(baseRuns);
    const h = median(headRuns);
    const ratio = b !== null && h !== null && b !== 0 ? h / b : null;
    const better = betterDirection(metric);
    const gainPercent =
      ratio === null || better === null ? null : 100 * (better === 'higher' ? ratio - 1 : 1 / ratio - 1);
    return { metric, base: b, head: h, baseRuns, headRuns, ratio, better, gainPercent };
  });
}
