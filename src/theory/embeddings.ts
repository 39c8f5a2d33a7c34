// Embeddings of a diagram into a spacetime (theory.md §3–4, §9.2): counts by the moment rule
// (same datapoint iff same part) or the cumulant rule (same part ⇒ same datapoint), listing on
// small grids, and checking a user's placement with the reason when it is illegal.
import { type Diagram, type ObservableKind, partIndex } from './diagram';
import { setPartitions } from './enumerate';
import { type Spacetime, isCell } from './spacetime';
import { type SumShape, compileTimeSum } from './timesum';

export type EmbeddingRule = 'moment' | 'cumulant';

export interface Cell {
  n: number;
  t: number;
}

/** Row groups of a diagram: its parts (the root is only in a group for the train loss). */
export function partGroups(d: Diagram, obs: ObservableKind): number[][] {
  const root = d.parent.length;
  return d.parts.map((p) => [...p]).filter((p) => obs === 'train-loss' || !p.includes(root));
}

/**
 * Σ_f Π_{non-root v} w(t_v) Π μ^{Δt−1} under a rule. The moment rule (distinct parts on
 * distinct datapoints) is the Möbius inversion of the cumulant rule over merges of parts.
 */
export function ruleSum(
  d: Diagram,
  obs: ObservableKind,
  st: Spacetime,
  rule: EmbeddingRule,
  weighted: boolean,
  mu?: ArrayLike<number>,
): number {
  const groups = partGroups(d, obs);
  const m = d.parent.length;
  const ones = mu ?? new Array(m).fill(1);
  if (rule === 'cumulant') return compileTimeSum({ parent: d.parent, groups }, st, weighted).eval(ones);
  let total = 0;
  for (const sigma of setPartitions([...groups.keys()])) {
    let coef = 1;
    for (const b of sigma) for (let i = 2; i < b.length; i++) coef *= i;
    coef *= sigma.reduce((s, b) => s * ((b.length - 1) % 2 ? -1 : 1), 1);
    const shape: SumShape = { parent: d.parent, groups: sigma.map((b) => b.flatMap((i) => groups[i])) };
    total += coef * compileTimeSum(shape, st, weighted).eval(ones);
  }
  return total;
}

/** Emb(D): the (weighted for train-loss roots and shuffles) number of embeddings. */
export const embeddingCount = (
  d: Diagram,
  obs: ObservableKind,
  st: Spacetime,
  rule: EmbeddingRule = 'moment',
): number => ruleSum(d, obs, st, rule, false);

export interface PlacementProblem {
  node: number;
  reason: string;
}

/**
 * Check a placement of the non-root nodes on cells (null = not placed). For the train loss
 * `rootRow` is the root's datapoint. Returns every problem, each naming the node and the rule.
 */
export function checkPlacement(
  d: Diagram,
  obs: ObservableKind,
  st: Spacetime,
  cells: readonly (Cell | null)[],
  rule: EmbeddingRule = 'moment',
  rootRow?: number,
): PlacementProblem[] {
  const m = d.parent.length;
  const pi = partIndex(d);
  const problems: PlacementProblem[] = [];
  const rowOf = (v: number): number | undefined =>
    v === m ? (obs === 'train-loss' ? rootRow : undefined) : cells[v]?.n;
  for (let v = 0; v < m; v++) {
    const c = cells[v];
    if (!c) {
      problems.push({ node: v, reason: `node ${v} is not placed on a cell` });
      continue;
    }
    if (!isCell(st, c.n, c.t)) {
      problems.push({
        node: v,
        reason: `node ${v}: cell n=${c.n}, t=${c.t} is not in the spacetime (datapoint ${c.n} is not used at update ${c.t})`,
      });
    }
    const p = d.parent[v];
    const tp = p === m ? st.T : cells[p]?.t;
    if (tp !== undefined && c.t >= tp) {
      problems.push({
        node: v,
        reason:
          p === m
            ? `node ${v} at t=${c.t} must be earlier than the root (t=${st.T})`
            : `node ${v} at t=${c.t} must be strictly earlier than its parent node ${p} at t=${tp}`,
      });
    }
  }
  const nodes = obs === 'train-loss' ? m + 1 : m;
  for (let a = 0; a < nodes; a++) {
    for (let b = a + 1; b < nodes; b++) {
      const ra = rowOf(a);
      const rb = rowOf(b);
      if (ra === undefined || rb === undefined) continue;
      const tied = pi[a] === pi[b];
      if (tied && ra !== rb) {
        problems.push({
          node: b,
          reason: `nodes ${a} and ${b} are tied (one part) but sit on different datapoints n=${ra} and n=${rb}`,
        });
      } else if (!tied && ra === rb && rule === 'moment') {
        problems.push({
          node: b,
          reason: `nodes ${a} and ${b} are in different parts but share datapoint n=${ra} (the moment rule needs distinct datapoints)`,
        });
      }
    }
  }
  return problems;
}

/** List embeddings on a small grid (stops after `limit`). Each is the cells of nodes 0..m−1. */
export function listEmbeddings(
  d: Diagram,
  obs: ObservableKind,
  st: Spacetime,
  rule: EmbeddingRule = 'moment',
  limit = 10_000,
): { cells: Cell[]; rootRow?: number }[] {
  const m = d.parent.length;
  const allCells: Cell[] = [];
  st.batches.forEach((b, t) => b.forEach((n) => allCells.push({ n, t })));
  const out: { cells: Cell[]; rootRow?: number }[] = [];
  const rows = obs === 'train-loss' ? [...Array(st.N).keys()] : [undefined];
  const cur: Cell[] = new Array(m);
  for (const rootRow of rows) {
    const rec = (v: number): boolean => {
      if (out.length >= limit) return false;
      if (v === m) {
        if (checkPlacement(d, obs, st, cur, rule, rootRow).length === 0) out.push({ cells: [...cur], rootRow });
        return true;
      }
      for (const c of allCells) {
        cur[v] = c;
        if (!rec(v + 1)) return false;
      }
      return true;
    };
    if (!rec(0)) break;
  }
  return out;
}
