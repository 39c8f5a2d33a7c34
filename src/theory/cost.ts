// Cost estimates of the exact series and the resummed prediction (budget.ts), computed from the
// sizes alone (dimension, law points, order, spacetime) before any tensor or time sum is built.
// They follow the loops of values.ts, embeddings.ts, timesum.ts and resummed.ts.
import { Cost } from './budget';
import { type Diagram, type ObservableKind } from './diagram';
import { partGroups } from './embeddings';
import { CLASS_COUNTS, enumerateDiagrams, setPartitions } from './enumerate';
import { type Spacetime, isFullBatch, isOneEpoch } from './spacetime';
import { timeSumCost } from './timesum';

/** Fixed steps per diagram class (value and sum bookkeeping). */
const PER_DIAGRAM = 2e4;
/** Steps to enumerate one diagram class (canonical forms of every tie pattern: ~150 µs). */
const PER_CLASS_ENUMERATED = 1.5e5;

/**
 * The classes with m edges, after charging their enumeration; null (nothing enumerated) when the
 * estimate is already over the limits, so that a refusal costs no more than its estimate.
 */
function classesWithin(cost: Cost, m: number, kind: ObservableKind, irreducibleOnly = false) {
  if (!cost.withinLimits) return null;
  const count = CLASS_COUNTS[kind][m] ?? Infinity;
  cost.add(`enumerating the ${m}-edge diagrams`, count * PER_CLASS_ENUMERATED, count * 2000);
  if (!cost.withinLimits) return null;
  return enumerateDiagrams(m, kind, { irreducibleOnly });
}

export interface LawSize {
  dim: number;
  /** data points (atoms or quadrature nodes) */
  points: number;
}

/** valueTable: dim^m edge-index assignments, each visiting every law point per subset of a part. */
function valueTableCost(d: Diagram, law: LawSize): { work: number; memory: number } {
  const m = d.parent.length;
  const subsets = d.parts.reduce((s, p) => s + 2 ** p.length, 0);
  const assignments = law.dim ** m;
  return { work: assignments * (m + law.points * subsets), memory: assignments * (4 * m + 96) };
}

const closedForm = (st: Spacetime): boolean => isOneEpoch(st) || isFullBatch(st);

/** Cost of the moment rule's sums: one time sum per merge of the diagram's row groups. */
const momentMemo = new Map<string, { work: number; memory: number }>();
function momentRuleCost(d: Diagram, kind: ObservableKind, st: Spacetime): { work: number; memory: number } {
  const groups = partGroups(d, kind);
  const m = d.parent.length;
  // the cost of a merged shape depends only on its groups' sizes, not on which nodes they hold
  const s = st.structured;
  const key = `${m}|${st.N}|${st.T}|${s ? `${s.B}|${s.epochs}|${s.shuffle}` : 'explicit'}|${groups
    .map((g) => g.length + (g.includes(m) ? 'r' : ''))
    .sort()
    .join(',')}`;
  const hit = momentMemo.get(key);
  if (hit) return hit;
  let work = 0;
  let memory = 0;
  for (const sigma of setPartitions([...groups.keys()])) {
    const c = timeSumCost({ parent: d.parent, groups: sigma.map((b) => b.flatMap((i) => groups[i])) }, st);
    work += c.work + c.compile;
    memory = Math.max(memory, c.memory);
  }
  const out = { work, memory };
  if (momentMemo.size > 4096) momentMemo.clear();
  momentMemo.set(key, out);
  return out;
}

const ADVICE = 'use a lower order, fewer weights or data points, a smaller N or T, or one epoch without shuffling';

/** What seriesCoefficients costs for this law, observable, spacetime and order. */
export function seriesCost(
  law: LawSize,
  kind: ObservableKind,
  st: Spacetime,
  order: number,
  withDiagrams = false,
): Cost {
  const cost = new Cost();
  // one diagram at a time: its tables and sums are garbage once its term is added
  let peak = { what: '', memory: 0 };
  const transient = (what: string, memory: number): void => {
    if (memory > peak.memory) peak = { what, memory };
  };
  for (let m = 0; m <= order; m++) {
    const classes = classesWithin(cost, m, kind);
    if (!classes) break;
    for (const c of classes) {
      const v = valueTableCost(c.diagram, law);
      const sum = timeSumCost({ parent: c.diagram.parent, groups: partGroups(c.diagram, kind) }, st);
      const tables = `the value tables of the ${m}-edge diagrams (dimension ${law.dim}^${m})`;
      const sums = `the time sums of the ${m}-edge diagrams`;
      cost.add(tables, v.work * (withDiagrams ? 2 : 1));
      transient(tables, v.memory);
      cost.add(sums, PER_DIAGRAM + sum.work + sum.compile);
      transient(sums, sum.memory);
      if (withDiagrams) {
        const mo = momentRuleCost(c.diagram, kind, st);
        cost.add(sums, 2 * mo.work);
        transient(sums, mo.memory);
      }
    }
  }
  return cost.add(peak.what, 0, peak.memory);
}

/** What building a ResummedModel costs, and then one evaluate(η). */
export function resummedCost(law: LawSize, kind: ObservableKind, st: Spacetime, order: number): Cost {
  const cost = new Cost();
  const d = law.dim;
  // rotating every tensor of every point into H's eigenbasis
  let entries = 0;
  for (let k = 0; k <= Math.max(order, 2); k++) entries += d ** k;
  cost.add(
    'rotating the tensors into the eigenbasis of H',
    law.points * entries * d * Math.max(order, 2),
    law.points * entries * 8,
  );
  const closed = closedForm(st);
  // a diagram's chain keys before merging are garbage once merged: count the largest
  let peak = { what: '', memory: 0 };
  for (let m = 0; m <= order; m++) {
    const classes = classesWithin(cost, m, kind, true);
    if (!classes) break;
    for (const c of classes) {
      const v = valueTableCost(c.diagram, law);
      cost.add(`the value tables of the ${m}-edge diagrams (dimension ${d}^${m})`, v.work, v.memory);
      const sum = timeSumCost({ parent: c.diagram.parent, groups: partGroups(c.diagram, kind) }, st);
      const assignments = d ** m;
      if (closed) {
        // chain keys: per assignment and ordering, an exponent vector per gap
        const templates = Math.max(1, sum.compile / (m + 1) ** 2);
        const keys = assignments * templates;
        const perKey = sum.work / templates;
        const what = `the resummed chain sums of the ${m}-edge diagrams`;
        cost.add(what, PER_DIAGRAM + keys * (d * (m + 2) + perKey));
        const memory = keys * (d * 4 * (m + 2) + 96);
        if (memory > peak.memory) peak = { what, memory };
      } else {
        cost.add(
          `the resummed time sums of the ${m}-edge diagrams`,
          PER_DIAGRAM + sum.compile + assignments * sum.work,
          sum.memory,
        );
      }
    }
  }
  return cost.add(peak.what, 0, peak.memory);
}

export const PREDICTION_ADVICE = ADVICE;
