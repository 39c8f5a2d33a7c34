// Schedules: which datapoints each update uses (the spacetime of theory.md §1, scenario.md).
import { InputError } from './errors';

export type Schedule = { N: number; B: number; epochs: number; shuffle: boolean } | { N: number; batches: number[][] };

/** A scenario's observable: E of a loss, a coordinate or a formula φ(θ); or Var φ(θ). */
export type Observable = 'test-loss' | 'train-loss' | { weight: string } | { formula: string } | { variance: string };

export class ScheduleError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleError';
  }
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

/** Validate a schedule object from JSON; errors name the field (path prefix `schedule`). */
export function parseSchedule(raw: unknown, path = 'schedule'): Schedule {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ScheduleError(`${path}: expected an object {N, B, epochs, shuffle} or {N, batches}`);
  }
  const o = raw as Record<string, unknown>;
  if (!isInt(o.N) || o.N < 1)
    throw new ScheduleError(`${path}.N: expected a positive integer, got ${JSON.stringify(o.N)}`);
  const N = o.N;
  if ('batches' in o) {
    for (const k of Object.keys(o)) {
      if (k !== 'N' && k !== 'batches')
        throw new ScheduleError(`${path}: unknown field "${k}" (an explicit schedule has only N and batches)`);
    }
    if (!Array.isArray(o.batches)) throw new ScheduleError(`${path}.batches: expected an array of batches`);
    const batches = o.batches.map((b, t) => {
      if (!Array.isArray(b) || b.length === 0)
        throw new ScheduleError(`${path}.batches[${t}]: expected a non-empty array of datapoint indices`);
      return b.map((n, j) => {
        if (!isInt(n) || n < 0 || n >= N) {
          throw new ScheduleError(
            `${path}.batches[${t}][${j}]: datapoint index must be an integer in 0..${N - 1}, got ${JSON.stringify(n)}`,
          );
        }
        return n;
      });
    });
    for (const [t, b] of batches.entries()) {
      if (new Set(b).size !== b.length)
        throw new ScheduleError(`${path}.batches[${t}]: a datapoint appears twice in one batch`);
    }
    return { N, batches };
  }
  for (const k of Object.keys(o)) {
    if (!['N', 'B', 'epochs', 'shuffle'].includes(k)) throw new ScheduleError(`${path}: unknown field "${k}"`);
  }
  if (!isInt(o.B) || o.B < 1)
    throw new ScheduleError(`${path}.B: expected a positive integer, got ${JSON.stringify(o.B)}`);
  if (o.B > N) throw new ScheduleError(`${path}.B: batch size ${o.B} exceeds N = ${N}`);
  if (N % o.B !== 0) throw new ScheduleError(`${path}: N = ${N} is not divisible by B = ${o.B}`);
  const epochs = o.epochs === undefined ? 1 : o.epochs;
  if (!isInt(epochs) || epochs < 1)
    throw new ScheduleError(`${path}.epochs: expected a positive integer, got ${JSON.stringify(o.epochs)}`);
  const shuffle = o.shuffle === undefined ? false : o.shuffle;
  if (typeof shuffle !== 'boolean') throw new ScheduleError(`${path}.shuffle: expected true or false`);
  return { N, B: o.B, epochs, shuffle };
}

export function isExplicit(s: Schedule): s is { N: number; batches: number[][] } {
  return 'batches' in s;
}

/** Number of updates T. */
export function scheduleT(s: Schedule): number {
  return isExplicit(s) ? s.batches.length : (s.epochs * s.N) / s.B;
}

/**
 * The batches of every update. For shuffled schedules `perm(e)` gives epoch e's permutation
 * (position → datapoint); without it the identity order is used (exact predictions average
 * over permutations separately).
 */
export function expandBatches(s: Schedule, perm?: (epoch: number) => number[]): number[][] {
  if (isExplicit(s)) return s.batches.map((b) => b.slice());
  const out: number[][] = [];
  for (let e = 0; e < s.epochs; e++) {
    const p = s.shuffle && perm ? perm(e) : null;
    for (let j = 0; j < s.N / s.B; j++) {
      const b: number[] = [];
      for (let i = j * s.B; i < (j + 1) * s.B; i++) b.push(p ? p[i] : i);
      out.push(b);
    }
  }
  return out;
}
