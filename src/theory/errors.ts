// The input errors every layer throws for a request it will not answer: the message says what was
// wrong (or too large) and what to change. Callers (the CLI, the page's worker) test `instanceof
// InputError` to tell a refusal from a bug.

/** A request that is refused: bad input, or input whose answer is not a finite number. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A request refused before its work starts because its estimated cost is over a limit. */
export class BudgetError extends InputError {
  constructor(
    message: string,
    /** what was estimated: 'work' (inner-loop steps) or 'memory' (bytes) */
    readonly kind: 'work' | 'memory',
    readonly estimate: number,
    readonly limit: number,
  ) {
    super(message);
    this.name = 'BudgetError';
  }
}

/** A quantity that came out infinite or NaN (0/0 in a formula, overflow); names the quantity. */
export class NonFiniteError extends InputError {
  constructor(
    readonly quantity: string,
    readonly reason: string,
  ) {
    super(`${quantity} is not a finite number: ${reason}`);
    this.name = 'NonFiniteError';
  }
}

/** A number, or why there is none (a refusal or a non-finite result), for curves and sweeps. */
export type Answer = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Compute `quantity` for one point of a curve or sweep: a finite number, or the reason it is
 * undefined there (the InputError's message, or which quantity came out infinite or NaN). Other
 * errors are bugs and propagate.
 */
export function answer(quantity: string, f: () => number): Answer {
  try {
    const value = f();
    if (Number.isFinite(value)) return { ok: true, value };
    return { ok: false, reason: new NonFiniteError(quantity, nonFiniteReason(value)).message };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Words for a non-finite value: overflow (±∞) or an undefined operation such as 0/0 (NaN). */
export function nonFiniteReason(x: number): string {
  if (Number.isNaN(x)) return 'it is NaN (an undefined operation such as 0/0, ∞ − ∞ or the log of a negative number)';
  return `it overflows to ${x > 0 ? '+' : '−'}∞`;
}
