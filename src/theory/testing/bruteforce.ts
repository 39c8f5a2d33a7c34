// Independent exact brute-force oracle for E[φ(θ_T)] as a power series in η.
//
// Semantics (theory.md §1, scenario.md): training points l_0..l_{N−1} are i.i.d. draws of a
// discrete data law; update t is θ ← θ − (η/|B_t|) P Σ_{n∈B_t} ∇l_n(θ) (P = I unless a
// preconditioner is given). The oracle enumerates every N-tuple of atoms (with its probability)
// and every data order (for reshuffled epochs, every tuple of per-epoch permutations,
// uniformly), runs the recursion with θ a truncated power series in η with exact rational
// coefficients, and averages the observable (a variance: E[φ²] − E[φ]², truncated).
//
// The only shortcut is bookkeeping: θ_t depends on (tuple, order) only through the sequence of
// per-update atom multisets, so identical sequences are merged (weights added) and every
// trajectory prefix is computed once. Nothing here uses the diagram expansion.

import { Rational } from './rational';
import {
  type Poly,
  type Series,
  polyAdd,
  polyEvalSeries,
  polyFromTerms,
  polyGradient,
  polyScale,
  polyZero,
  seriesConst,
  seriesMul,
  seriesSub,
  seriesTimesEta,
  seriesScale,
  seriesAdd,
  seriesZero,
} from './polyseries';

export interface PolyLandscape {
  dim: number; // weights θ_0..θ_{dim-1}
  theta0: Rational[];
  // discrete data law: each atom has probability p and a polynomial loss l_x(θ) = Σ coef·θ^alpha
  atoms: { p: Rational; terms: { alpha: number[]; coef: Rational }[] }[];
}

export type BruteSchedule =
  { N: number; B: number; epochs: number; shuffle: boolean } | { N: number; batches: number[][] };

/** The observables of the scenario format v1. */
export type BasicObservable = 'test-loss' | 'train-loss' | { weight: number };

export type BruteObservable = BasicObservable | { formula: Poly } | { variance: Poly };

export interface BruteOptions {
  /** the tensor learning rate P (dim × dim, rows); the identity when absent */
  preconditioner?: Rational[][];
}

/** One data order: the batches of every update, with its probability among the orders. */
export interface WeightedBatches {
  weight: Rational;
  batches: number[][];
}

function isPositiveInt(x: number): boolean {
  return Number.isInteger(x) && x >= 1;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** All permutations of 0..n−1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) {
    for (let pos = 0; pos <= p.length; pos++) out.push([...p.slice(0, pos), n - 1, ...p.slice(pos)]);
  }
  return out;
}

/** Consecutive batches of size B of a visiting order (each batch sorted; order within a batch is irrelevant). */
function chunk(order: number[], B: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += B) out.push(order.slice(i, i + B).sort((a, b) => a - b));
  return out;
}

/** Number of updates T of a schedule. */
export function scheduleUpdates(s: BruteSchedule): number {
  return 'batches' in s ? s.batches.length : (s.epochs * s.N) / s.B;
}

/**
 * The data orders of a schedule with their probabilities (summing to 1). Without reshuffling
 * there is one; with reshuffling every epoch takes each of the N! permutations with probability
 * 1/N! independently — permutations that give the same batches are merged.
 */
export function scheduleOrders(s: BruteSchedule): { N: number; orders: WeightedBatches[] } {
  if (!isPositiveInt(s.N)) throw new RangeError(`schedule: N = ${s.N} must be a positive integer`);
  const N = s.N;
  if ('batches' in s) {
    s.batches.forEach((b, t) => {
      if (b.length === 0) throw new RangeError(`schedule: batch ${t} is empty`);
      for (const n of b)
        if (!Number.isInteger(n) || n < 0 || n >= N)
          throw new RangeError(`schedule: batch ${t} names point ${n}, outside 0..${N - 1}`);
      if (new Set(b).size !== b.length) throw new RangeError(`schedule: batch ${t} repeats a point`);
    });
    return { N, orders: [{ weight: Rational.ONE, batches: s.batches.map((b) => [...b]) }] };
  }
  const { B, epochs, shuffle } = s;
  if (!isPositiveInt(B) || N % B !== 0) throw new RangeError(`schedule: B = ${B} must divide N = ${N}`);
  if (!isPositiveInt(epochs)) throw new RangeError(`schedule: epochs = ${epochs} must be ≥ 1`);
  const identity = Array.from({ length: N }, (_, n) => n);
  if (!shuffle) {
    const batches: number[][] = [];
    for (let e = 0; e < epochs; e++) batches.push(...chunk(identity, B));
    return { N, orders: [{ weight: Rational.ONE, batches }] };
  }
  // One epoch: each permutation has probability 1/N!; merge those giving the same batches.
  const perEpoch = new Map<string, WeightedBatches>();
  const pPerm = Rational.of(1, factorial(N));
  for (const perm of permutations(N)) {
    const batches = chunk(perm, B);
    const key = JSON.stringify(batches);
    const old = perEpoch.get(key);
    perEpoch.set(key, { weight: old ? old.weight.add(pPerm) : pPerm, batches });
  }
  // Independent epochs: the product law.
  let orders: WeightedBatches[] = [{ weight: Rational.ONE, batches: [] }];
  for (let e = 0; e < epochs; e++) {
    const next: WeightedBatches[] = [];
    for (const o of orders)
      for (const ep of perEpoch.values())
        next.push({ weight: o.weight.mul(ep.weight), batches: [...o.batches, ...ep.batches] });
    orders = next;
  }
  return { N, orders };
}

function validateLandscape(l: PolyLandscape): void {
  if (!isPositiveInt(l.dim)) throw new RangeError(`landscape: dim = ${l.dim} must be ≥ 1`);
  if (l.theta0.length !== l.dim) throw new RangeError('landscape: theta0 length ≠ dim');
  if (l.atoms.length === 0) throw new RangeError('landscape: no atoms');
  let total = Rational.ZERO;
  for (const a of l.atoms) {
    if (a.p.sign() <= 0) throw new RangeError(`landscape: atom probability ${a.p} is not positive`);
    total = total.add(a.p);
  }
  if (!total.equals(Rational.ONE)) throw new RangeError(`landscape: probabilities sum to ${total}, not 1`);
}

/** Multiset of atom indices as a canonical string. */
function msKey(atoms: number[]): string {
  return [...atoms].sort((a, b) => a - b).join(',');
}

/**
 * Exact Taylor coefficients a_0..a_order of E[φ(θ_T)] in η.
 */
export function bruteForceSeries(
  l: PolyLandscape,
  s: BruteSchedule,
  obs: BruteObservable,
  order: number,
  opts: BruteOptions = {},
): Rational[] {
  validateLandscape(l);
  if (!Number.isInteger(order) || order < 0) throw new RangeError(`order = ${order} must be ≥ 0`);
  if (
    typeof obs === 'object' &&
    'weight' in obs &&
    !(Number.isInteger(obs.weight) && obs.weight >= 0 && obs.weight < l.dim)
  )
    throw new RangeError(`observable: weight ${obs.weight} outside 0..${l.dim - 1}`);
  const P = opts.preconditioner;
  if (P && (P.length !== l.dim || P.some((r) => r.length !== l.dim)))
    throw new RangeError(`preconditioner: expected ${l.dim}×${l.dim}`);
  const { dim } = l;
  const A = l.atoms.length;
  const losses: Poly[] = l.atoms.map((a) => polyFromTerms(dim, a.terms));
  const grads: Poly[][] = losses.map(polyGradient);
  const { N, orders } = scheduleOrders(s);
  const train = obs === 'train-loss';

  // ---- 1. Enumerate every atom tuple × data order; merge by what θ_T and φ depend on. --------
  interface Leaf {
    weight: Rational;
    steps: number[][]; // atom multiset (sorted) of each update
    trainAtoms: number[]; // sorted atoms of all N training points (used by the train loss)
  }
  const leaves = new Map<string, Leaf>();
  const tuple = Array.from({ length: N }, () => 0);
  for (;;) {
    let prob = Rational.ONE;
    for (const a of tuple) prob = prob.mul(l.atoms[a].p);
    const trainAtoms = [...tuple].sort((a, b) => a - b);
    for (const o of orders) {
      const steps = o.batches.map((b) => b.map((n) => tuple[n]).sort((x, y) => x - y));
      const key = steps.map((m) => m.join(',')).join('|') + (train ? '#' + trainAtoms.join(',') : '');
      const w = prob.mul(o.weight);
      const old = leaves.get(key);
      if (old) old.weight = old.weight.add(w);
      else leaves.set(key, { weight: w, steps, trainAtoms });
    }
    // next tuple (odometer in base A)
    let i = 0;
    while (i < N && tuple[i] === A - 1) tuple[i++] = 0;
    if (i === N) break;
    tuple[i]++;
  }

  // ---- 2. The SGD recursion in η, one computation per distinct trajectory prefix. ----------
  const batchGrad = new Map<string, Poly[]>(); // (1/|B|) Σ_{atoms in batch} ∇l_atom
  const gradOf = (ms: number[]): Poly[] => {
    const key = msKey(ms);
    let g = batchGrad.get(key);
    if (!g) {
      const inv = Rational.of(1, ms.length);
      g = Array.from({ length: dim }, (_, i) =>
        ms.reduce((acc, a) => polyAdd(acc, polyScale(grads[a][i], inv)), polyZero(dim)),
      );
      batchGrad.set(key, g);
    }
    return g;
  };
  const step = (theta: Series[], ms: number[]): Series[] => {
    const g = gradOf(ms);
    // θ_i − η (P g)_i(θ): g is only needed through η^(order−1).
    const gv = g.map((gi) => (order === 0 ? seriesZero(0) : polyEvalSeries(gi, theta, order - 1)));
    return theta.map((th, i) => {
      const pg = P
        ? gv.reduce((acc, gj, j) => seriesAdd(acc, seriesScale(gj, P[i][j], order), order), seriesZero(order))
        : gv[i];
      return seriesSub(th, seriesTimesEta(pg, order), order);
    });
  };
  const theta0: Series[] = l.theta0.map((c) => seriesConst(c, order));
  const trajectory = new Map<string, Series[]>([['', theta0]]);
  const thetaT = (steps: number[][]): Series[] => {
    let key = '';
    let theta = theta0;
    for (const ms of steps) {
      key += '|' + ms.join(',');
      let next = trajectory.get(key);
      if (!next) {
        next = step(theta, ms);
        trajectory.set(key, next);
      }
      theta = next;
    }
    return theta;
  };

  // ---- 3. The observable at θ_T, averaged. -------------------------------------------------
  const population = l.atoms.reduce((acc, a, i) => polyAdd(acc, polyScale(losses[i], a.p)), polyZero(dim));
  const trainLossPoly = new Map<string, Poly>(); // (1/N) Σ_n l_{atom of n}
  const phi = (leaf: Leaf): Series => {
    const theta = thetaT(leaf.steps);
    if (typeof obs === 'object') {
      if ('weight' in obs) return theta[obs.weight];
      return polyEvalSeries('formula' in obs ? obs.formula : obs.variance, theta, order);
    }
    if (obs === 'test-loss') return polyEvalSeries(population, theta, order);
    const key = leaf.trainAtoms.join(',');
    let p = trainLossPoly.get(key);
    if (!p) {
      const inv = Rational.of(1, N);
      p = leaf.trainAtoms.reduce((acc, a) => polyAdd(acc, polyScale(losses[a], inv)), polyZero(dim));
      trainLossPoly.set(key, p);
    }
    return polyEvalSeries(p, theta, order);
  };
  let total: Series = seriesZero(order);
  let totalSq: Series = seriesZero(order);
  const variance = typeof obs === 'object' && 'variance' in obs;
  for (const leaf of leaves.values()) {
    const f = phi(leaf);
    total = seriesAdd(total, seriesScale(f, leaf.weight, order), order);
    if (variance) totalSq = seriesAdd(totalSq, seriesScale(seriesMul(f, f, order), leaf.weight, order), order);
  }
  return variance ? [...seriesSub(totalSq, seriesMul(total, total, order), order)] : [...total];
}
