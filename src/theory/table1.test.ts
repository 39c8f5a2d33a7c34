// The paper's Table 1 (theory.md §7): unrooted degree-3 test-loss classes and their counts.
import { describe, expect, it } from 'vitest';
import { type Diagram, partIndex } from './diagram';
import { canonicalize } from './canonical';
import { enumerateDiagrams } from './enumerate';

/** Linear extensions of the order the edges induce on the non-root parts. */
function linext(d: Diagram): number {
  const m = d.parent.length;
  const pi = partIndex(d);
  const parts = d.parts.map((_, k) => k).filter((k) => !d.parts[k].includes(m));
  const below = new Map<number, Set<number>>(parts.map((k) => [k, new Set()]));
  d.parent.forEach((p, v) => {
    if (p !== m) below.get(pi[p])!.add(pi[v]);
  });
  const rec = (placed: Set<number>): number => {
    if (placed.size === parts.length) return 1;
    let n = 0;
    for (const k of parts) {
      if (placed.has(k) || [...below.get(k)!].some((c) => !placed.has(c))) continue;
      placed.add(k);
      n += rec(placed);
      placed.delete(k);
    }
    return n;
  };
  return rec(new Set());
}

/** Canonical form of the unrooted diagram: the minimum over re-rootings at every node. */
function unrootedKey(d: Diagram): string {
  const n = d.parent.length + 1;
  const adj: number[][] = Array.from({ length: n }, () => []);
  d.parent.forEach((p, v) => (adj[v].push(p), adj[p].push(v)));
  let best = '';
  for (let r = 0; r < n; r++) {
    // relabel so that r is the highest node: BFS parents towards r
    const parentOf = new Array<number>(n).fill(-1);
    const order = [r];
    const seen = new Set([r]);
    for (let i = 0; i < order.length; i++) {
      for (const u of adj[order[i]]) {
        if (seen.has(u)) continue;
        seen.add(u);
        parentOf[u] = order[i];
        order.push(u);
      }
    }
    const label = new Map<number, number>();
    order
      .slice()
      .reverse()
      .forEach((v, i) => label.set(v, i));
    const parent = new Array<number>(n - 1);
    for (const v of order) if (v !== r) parent[label.get(v)!] = label.get(parentOf[v])!;
    const parts = d.parts.map((p) => p.map((v) => label.get(v)!));
    const key = canonicalize({ parent, parts }).notation;
    if (best === '' || key < best) best = key;
  }
  return best;
}

describe("the paper's Table 1", () => {
  it('degree-3 unrooted test-loss classes count (4+2)+(2+2+3)+(1)', () => {
    const groups = new Map<string, { ties: number; count: number }>();
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    for (const c of enumerateDiagrams(3, 'test-loss')) {
      const key = unrootedKey(c.diagram);
      const g = groups.get(key) ?? { ties: c.ties, count: 0 };
      // count = Π|p|! · Σ_rootings linext/|Aut|
      g.count += (c.diagram.parts.reduce((s, p) => s * fact(p.length), 1) * linext(c.diagram)) / c.aut;
      groups.set(key, g);
    }
    // classes with a part holding both a node and its ancestor have no one-epoch embedding
    // (count 0); the paper's table leaves them out
    const byTies = (t: number): number[] =>
      [...groups.values()]
        .filter((g) => g.ties === t && g.count > 0)
        .map((g) => Math.round(g.count * 1e9) / 1e9)
        .sort();
    expect(byTies(0)).toEqual([2, 4]);
    expect(byTies(1)).toEqual([2, 2, 3]);
    expect(byTies(2)).toEqual([1]);
  });
});
