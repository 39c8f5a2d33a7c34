// Sums over embeddings: Σ_f Π_{non-root v} w(t_v) Π_edges μ_e^{t_parent − t_child − 1}.
// Conventions: nodes 0..m−1 are non-root, m is the root (at time T); `mu[v]` belongs to the edge
// from v to its parent; `groups` are sets of nodes that must share a datapoint (a row), and the
// root belongs to a group only for the train loss (its row is averaged with weight 1/N).
// `weighted` multiplies each non-root node by 1/|B_{t_v}| (the −η is pulled out by the caller);
// otherwise the sum counts maps (the embedding count Emb).
import { chainTemplates, evalTemplates, type ChainTemplate, type UnitEdge } from './chainsum';
import { type Spacetime, isFullBatch, isOneEpoch, needsShuffleAverage } from './spacetime';
import { BudgetError } from './errors';
import { binomial, MEMORY_LIMIT } from './budget';

export interface SumShape {
  parent: readonly number[];
  groups: readonly (readonly number[])[];
}

export class TimeSumTooLarge extends BudgetError {
  constructor(message: string, kind: 'work' | 'memory', estimate: number, limit: number) {
    super(message, kind, estimate, limit);
    this.name = 'TimeSumTooLarge';
  }
}

/** Work budget (inner-loop steps) of the general dynamic programme before refusing. */
export const GENERIC_BUDGET = 1.2e9;

export interface CompiledSum {
  /** evaluate for per-edge multipliers μ (all 1 for the un-resummed series) */
  eval(mu: ArrayLike<number>): number;
  /** closed form, when the schedule has one: factor · Σ_templates */
  chains?: { factor: number; templates: ChainTemplate[] };
}

/** Compile the sum for one diagram shape and spacetime; closed forms where the schedule allows. */
export function compileTimeSum(shape: SumShape, st: Spacetime, weighted = true): CompiledSum {
  if (isOneEpoch(st)) return oneEpochSum(shape, st, weighted);
  if (isFullBatch(st)) return fullBatchSum(shape, st, weighted);
  return genericSum(shape, st, weighted);
}

/** Ordered set partitions of n (weak orderings): the chain templates of n units at most. */
function fubini(n: number): number {
  const a = [1];
  for (let i = 1; i <= n; i++) {
    let s = 0;
    for (let k = 1; k <= i; k++) s += Math.round(binomial(i, k)) * a[i - k];
    a.push(s);
  }
  return a[n];
}

/**
 * What compiling and evaluating one time sum costs, before anything is allocated: `work` in
 * inner-loop steps of one evaluation (`compile` for building it), `memory` in bytes. Closed forms
 * cost a few matrix powers; the dynamic programme costs rows^(tied groups) · shuffles · m · T.
 */
export function timeSumCost(shape: SumShape, st: Spacetime): { work: number; compile: number; memory: number } {
  const m = shape.parent.length;
  if (isOneEpoch(st) || isFullBatch(st)) {
    // one epoch merges each group's nodes into one unit; full batch keeps every node its own
    let units = m;
    if (isOneEpoch(st)) {
      const grouped = shape.groups.map((g) => g.filter((v) => v !== m).length).filter((n) => n > 0);
      units = grouped.length + m - grouped.reduce((a, b) => a + b, 0);
    }
    const templates = fubini(units);
    const logT = Math.ceil(Math.log2(st.T + 2));
    return {
      work: templates * (units + 1) ** 2 * logT,
      compile: templates * (m + 1) ** 2,
      memory: templates * (m + 1) * 64,
    };
  }
  const g = genericShape(shape, st);
  // a structured schedule lists its batches on first use (arrays of B indices per update)
  const listed = st.structured ? st.T * (64 + 8 * st.structured.B) : 0;
  return {
    work: g.work,
    compile: 1e4 + 2 * st.N * st.T + 20 * st.T + listed / 8,
    memory: st.N * st.T + listed + 16 * (m + 1) * (st.T + 1),
  };
}

interface GenericShape {
  groupOf: number[];
  multi: { nodes: number[]; hasRoot: boolean }[];
  k: number;
  shuffle: boolean;
  S: number;
  E: number;
  rowStep: number;
  work: number;
}

/** The row groups, shuffle structure and work of the dynamic programme for one shape. */
function genericShape(shape: SumShape, st: Spacetime): GenericShape {
  const m = shape.parent.length;
  const T = st.T;
  const groupOf = new Array<number>(m).fill(-1);
  const multi: { nodes: number[]; hasRoot: boolean }[] = [];
  for (const g of shape.groups) {
    const nonRoot = g.filter((v) => v !== m);
    const hasRoot = nonRoot.length < g.length;
    if (nonRoot.length >= 2 || (hasRoot && nonRoot.length >= 1)) {
      for (const v of nonRoot) groupOf[v] = multi.length;
      multi.push({ nodes: nonRoot, hasRoot });
    }
  }
  const k = multi.length;
  const shuffle = needsShuffleAverage(st);
  const S = shuffle ? st.N / st.structured!.B : 0;
  const E = shuffle ? st.structured!.epochs : 1;
  const shuffleWork = shuffle ? S ** (k * (E - 1)) : 1;
  // without reshuffling, the B rows of a slot share every time, so a slot stands for B rows
  const bySlot = !!st.structured && !shuffle;
  const rowStep = bySlot ? st.structured!.B : 1;
  const choices = st.N / rowStep;
  // weights measured against the other estimates' steps: a node-time of the programme costs
  // about 4 of them, a dp call ~30 per node beyond its loop over times, and a shuffled average
  // also lays out each slot tuple's times and its probability (Maps per epoch)
  const perRun = 4 * (m + 1) * (T + 31) + (shuffle ? 1500 * E + 8 * k * T : 0);
  const work = choices ** k * shuffleWork * perRun;
  return { groupOf, multi, k, shuffle, S, E, rowStep, work };
}

export function timeSum(shape: SumShape, st: Spacetime, mu?: ArrayLike<number>, weighted = true): number {
  return compileTimeSum(shape, st, weighted).eval(mu ?? new Array(shape.parent.length).fill(1));
}

interface Units {
  unitOf: number[]; // non-root node → unit
  count: number;
  factor: number; // product of the per-group row factors
}

function unitEdges(shape: SumShape, u: Units): UnitEdge[] {
  const m = shape.parent.length;
  return shape.parent.map((p, v) => ({ child: u.unitOf[v], parent: p === m ? -1 : u.unitOf[p] }));
}

function templatesSum(shape: SumShape, st: Spacetime, u: Units): CompiledSum {
  const templates: ChainTemplate[] = chainTemplates(u.count, unitEdges(shape, u));
  return { eval: (mu) => u.factor * evalTemplates(templates, mu, st.T), chains: { factor: u.factor, templates } };
}

/** One epoch, batch B: a group's row appears at one time with B rows per time. */
function oneEpochSum(shape: SumShape, st: Spacetime, weighted: boolean): CompiledSum {
  const m = shape.parent.length;
  const B = st.structured!.B;
  const unitOf = new Array<number>(m).fill(-1);
  let count = 0;
  let factor = 1;
  for (const g of shape.groups) {
    const nonRoot = g.filter((v) => v !== m);
    const hasRoot = nonRoot.length < g.length;
    if (nonRoot.length === 0) continue; // the train root alone: Σ_n 1/N = 1
    for (const v of nonRoot) unitOf[v] = count;
    count++;
    // Σ over the B rows of the group's time, each node weighted 1/B
    factor *= weighted ? B ** (1 - nonRoot.length) : B;
    if (hasRoot) factor /= st.N;
  }
  return templatesSum(shape, st, { unitOf, count, factor });
}

/** Full batch: every row at every time, so a group only fixes a row and its nodes' times are free. */
function fullBatchSum(shape: SumShape, st: Spacetime, weighted: boolean): CompiledSum {
  const m = shape.parent.length;
  const N = st.N;
  const unitOf = Array.from({ length: m }, (_, v) => v);
  let factor = 1;
  for (const g of shape.groups) {
    const nonRoot = g.filter((v) => v !== m).length;
    const hasRoot = nonRoot < g.length;
    if (nonRoot === 0) continue;
    factor *= weighted ? N ** (1 - nonRoot) : N;
    if (hasRoot) factor /= N;
  }
  return templatesSum(shape, st, { unitOf, count: m, factor });
}

/** Post-order of the non-root nodes (children first). */
function postOrder(parent: readonly number[]): number[] {
  const m = parent.length;
  const ch: number[][] = Array.from({ length: m + 1 }, () => []);
  parent.forEach((p, v) => ch[p].push(v));
  const out: number[] = [];
  const visit = (v: number): void => {
    ch[v].forEach(visit);
    if (v !== m) out.push(v);
  };
  visit(m);
  return out;
}

/**
 * Any spacetime: enumerate the rows of the groups that constrain more than one node, then a
 * dynamic programme over times along the tree (O(m·T) per row choice). Shuffled multi-epoch
 * schedules also average over the rows' positions in every epoch after the first (by symmetry
 * the first epoch's order can be fixed).
 */
function genericSum(shape: SumShape, st: Spacetime, weighted: boolean): CompiledSum {
  const m = shape.parent.length;
  const T = st.T;
  const order = postOrder(shape.parent);
  const { groupOf, multi, k, shuffle, S, E, rowStep, work } = genericShape(shape, st);
  if (work > GENERIC_BUDGET) {
    throw new TimeSumTooLarge(
      `exact time sums for this diagram on this spacetime need about ${work.toExponential(1)} steps ` +
        `(limit ${GENERIC_BUDGET.toExponential(0)}); use fewer tied nodes, a smaller N or T, or one epoch`,
      'work',
      work,
      GENERIC_BUDGET,
    );
  }
  // checked before the batches are listed: T can be 10⁹ (epochs in the hundreds of millions)
  const memory = timeSumCost(shape, st).memory;
  if (memory > MEMORY_LIMIT) {
    throw new TimeSumTooLarge(
      `exact time sums on this spacetime (N = ${st.N}, T = ${st.T}) need about ${(memory / 2 ** 20).toFixed(0)} MiB ` +
        `(limit ${MEMORY_LIMIT / 2 ** 20} MiB); use a smaller N or T, or one epoch`,
      'memory',
      memory,
      MEMORY_LIMIT,
    );
  }
  const bsize = st.batches.map((b) => b.length);
  // membership of each row in each time, as 0/1 arrays (identity order)
  const rowTimes: Uint8Array[] = Array.from({ length: st.N }, () => new Uint8Array(T));
  st.batches.forEach((b, t) => b.forEach((n) => (rowTimes[n][t] = 1)));

  const f: Float64Array[] = Array.from({ length: m }, () => new Float64Array(T));
  const g: Float64Array[] = Array.from({ length: m }, () => new Float64Array(T + 1));
  const ch: number[][] = Array.from({ length: m + 1 }, () => []);
  shape.parent.forEach((p, v) => ch[p].push(v));

  // per node: its own factor at every time, times its children's sums, as branch-free passes
  // over typed arrays (the inner loop of every generic sum)
  const bs = Float64Array.from(bsize);
  const invB = bs.map((b) => 1 / b);
  const chArr = ch.map((c) => Int32Array.from(c));
  const dp = (mu: ArrayLike<number>, groupTimes: readonly Uint8Array[]): number => {
    for (const v of order) {
      const fv = f[v];
      // a free node counts every row of its batch (unweighted) or weighs 1/|B_t| of B_t rows
      if (weighted || groupOf[v] >= 0) fv.fill(1);
      else fv.set(bs);
      const cv = chArr[v];
      for (let i = 0; i < cv.length; i++) {
        const gc = g[cv[i]];
        for (let t = 0; t < T; t++) fv[t] *= gc[t];
      }
      if (groupOf[v] >= 0) {
        // a tied node sits only where its group's row is; weighted, it carries 1/|B_t| there
        const mask = groupTimes[groupOf[v]];
        if (weighted) for (let t = 0; t < T; t++) fv[t] = mask[t] !== 0 ? fv[t] * invB[t] : 0;
        else for (let t = 0; t < T; t++) fv[t] = mask[t] !== 0 ? fv[t] : 0;
      }
      const gv = g[v];
      const mv = mu[v];
      gv[0] = 0;
      for (let t = 0; t < T; t++) gv[t + 1] = mv * gv[t] + fv[t];
    }
    let r = 1;
    for (const c of ch[m]) r *= g[c][T];
    return r;
  };

  return {
    eval(mu) {
      let total = 0;
      const rows = new Array<number>(k).fill(0);
      const groupTimes: Uint8Array[] = new Array(k);
      // iterate over all row tuples of the constrained groups
      for (;;) {
        let w = rowStep ** k;
        for (let i = 0; i < k; i++) if (multi[i].hasRoot) w /= st.N;
        if (!shuffle) {
          for (let i = 0; i < k; i++) groupTimes[i] = rowTimes[rows[i]];
          total += w * dp(mu, groupTimes);
        } else {
          total += w * shuffledAverage(rows, st, S, E, (times) => dp(mu, times));
        }
        let i = 0;
        while (i < k && (rows[i] += rowStep) >= st.N) rows[i++] = 0;
        if (i === k) break;
      }
      return total;
    },
  };
}

/**
 * Average of `run` over independent uniform permutations in epochs 1..E−1 (epoch 0 fixed), for
 * the given rows: each distinct row gets a slot per epoch; a slot tuple with c_s rows in slot s
 * has probability Π_s (B)_{c_s} / (N)_j.
 */
function shuffledAverage(
  rows: readonly number[],
  st: Spacetime,
  S: number,
  E: number,
  run: (t: Uint8Array[]) => number,
): number {
  const B = st.structured!.B;
  const N = st.N;
  const T = st.T;
  const distinct = [...new Set(rows)];
  const j = distinct.length;
  const idx = rows.map((r) => distinct.indexOf(r));
  let falling = 1;
  for (let i = 0; i < j; i++) falling *= N - i;
  const slots = new Array<number>(j * (E - 1)).fill(0);
  const times: Uint8Array[] = Array.from({ length: j }, () => new Uint8Array(T));
  let total = 0;
  for (;;) {
    let prob = 1;
    for (let e = 1; e < E; e++) {
      const used = new Map<number, number>();
      for (let i = 0; i < j; i++) {
        const s = slots[(e - 1) * j + i];
        const c = used.get(s) ?? 0;
        prob *= B - c;
        used.set(s, c + 1);
      }
      prob /= falling;
    }
    if (prob > 0) {
      for (let i = 0; i < j; i++) {
        const tm = times[i];
        tm.fill(0);
        tm[Math.floor(distinct[i] / B)] = 1;
        for (let e = 1; e < E; e++) tm[e * S + slots[(e - 1) * j + i]] = 1;
      }
      total += prob * run(idx.map((i) => times[i]));
    }
    let i = 0;
    while (i < slots.length && ++slots[i] === S) slots[i++] = 0;
    if (i === slots.length) break;
  }
  return total;
}
