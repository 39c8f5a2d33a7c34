// Spacetimes: the set of cells (n, t) with n ∈ B_t (theory.md §1). A structured schedule
// (N, B, epochs, shuffle) keeps its structure so that exact sums can use closed forms.
import { type Schedule, expandBatches, isExplicit, scheduleT } from './schedule';

export interface Spacetime {
  N: number;
  T: number;
  /** batches[t] = datapoints of update t (the identity order for shuffled schedules) */
  batches: number[][];
  /** present for {N, B, epochs, shuffle} schedules */
  structured?: { B: number; epochs: number; shuffle: boolean };
}

export function makeSpacetime(s: Schedule): Spacetime {
  const T = scheduleT(s);
  if (isExplicit(s)) return { N: s.N, T, batches: expandBatches(s) };
  // structured schedules list their batches only when asked: closed forms never need them,
  // and T can be 10⁶ or more
  let batches: number[][] | undefined;
  const st = { N: s.N, T, structured: { B: s.B, epochs: s.epochs, shuffle: s.shuffle } } as Spacetime;
  Object.defineProperty(st, 'batches', { enumerable: true, get: () => (batches ??= expandBatches(s)) });
  return st;
}

/** Explicit spacetime from a cell list (the grid editor's custom schedule). */
export function spacetimeFromBatches(N: number, batches: number[][]): Spacetime {
  return { N, T: batches.length, batches: batches.map((b) => [...b].sort((x, y) => x - y)) };
}

export function isCell(st: Spacetime, n: number, t: number): boolean {
  if (!(t >= 0 && t < st.T && Number.isInteger(t))) return false;
  if (st.structured) {
    const slot = t % (st.N / st.structured.B);
    return n >= slot * st.structured.B && n < (slot + 1) * st.structured.B;
  }
  return st.batches[t].includes(n);
}

/** One epoch of constant batch size: each datapoint is used exactly once. */
export const isOneEpoch = (st: Spacetime): boolean => !!st.structured && st.structured.epochs === 1;
/** Full batch every step. */
export const isFullBatch = (st: Spacetime): boolean => !!st.structured && st.structured.B === st.N;
/** Shuffling changes the prediction only with several epochs of mini-batches. */
export const needsShuffleAverage = (st: Spacetime): boolean =>
  !!st.structured && st.structured.shuffle && st.structured.epochs > 1 && st.structured.B < st.N;
