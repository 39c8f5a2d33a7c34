// Work and memory budgets: every expensive step estimates its cost first (counted in inner-loop
// steps and bytes, never measured in seconds) and is refused beyond these limits, so that every
// request is answered or refused within seconds. The estimates are plain functions the tests call.
import { BudgetError } from './errors';

/** Inner-loop steps one request may take (estimates run about 0.5–1 ns each here: seconds at most). */
export const WORK_LIMIT = 2e9;
/** Bytes one request may allocate for its working arrays. */
export const MEMORY_LIMIT = 512 * 2 ** 20;

/** How many estimates have been checked against the limits (the tests see that they were). */
export const budgetChecks = { count: 0 };

/** A cost estimate, with the part that costs most (named for the refusal message). */
export class Cost {
  work = 0;
  memory = 0;
  /** per named part, so that the message names the part that costs most in total */
  private readonly parts = new Map<string, { work: number; memory: number }>();

  add(what: string, work: number, memory = 0): this {
    this.work += work;
    this.memory += memory;
    const p = this.parts.get(what);
    if (p) {
      p.work += work;
      p.memory += memory;
    } else this.parts.set(what, { work, memory });
    return this;
  }

  /** Add another estimate (requests made of several steps). */
  merge(other: Cost): this {
    for (const [what, p] of other.parts) this.add(what, p.work, p.memory);
    return this;
  }

  /** The part that costs most, relative to the limits (for messages). */
  get largest(): string {
    let best = '';
    let score = -1;
    for (const [what, p] of this.parts) {
      const sc = p.work / WORK_LIMIT + p.memory / MEMORY_LIMIT;
      if (sc > score) {
        best = what;
        score = sc;
      }
    }
    return best;
  }

  get withinLimits(): boolean {
    return this.work <= WORK_LIMIT && this.memory <= MEMORY_LIMIT;
  }

  /**
   * Throw a BudgetError when over a limit. `task` says what was asked ("the prediction"),
   * `advice` what to change ("use a lower order, fewer weights, …").
   */
  check(task: string, advice: string): void {
    budgetChecks.count++;
    const largest = this.largest;
    const part = largest ? `; most of it is ${largest}` : '';
    if (!(this.work <= WORK_LIMIT)) {
      throw new BudgetError(
        `${task} needs about ${fmt(this.work)} steps (limit ${fmt(WORK_LIMIT)})${part}; ${advice}`,
        'work',
        this.work,
        WORK_LIMIT,
      );
    }
    if (!(this.memory <= MEMORY_LIMIT)) {
      throw new BudgetError(
        `${task} needs about ${fmtBytes(this.memory)} of memory (limit ${fmtBytes(MEMORY_LIMIT)})${part}; ${advice}`,
        'memory',
        this.memory,
        MEMORY_LIMIT,
      );
    }
  }
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toExponential(1) : 'more than 1e308');

function fmtBytes(b: number): string {
  if (!Number.isFinite(b)) return 'more than 1e308 bytes';
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(1)} GiB`;
  return `${(b / 2 ** 20).toFixed(0)} MiB`;
}

/** C(n, k) as a float (exact for the small values used here). */
export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
