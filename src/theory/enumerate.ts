// Enumeration of every diagram class with a given number of edges for an observable.
import { type Diagram, type ObservableKind, isIrreducible, tiesOf } from './diagram';
import { canonicalizeLabelled, canonicalTreeLabels, subtreeCodes, treeAutomorphisms } from './canonical';
import { observableDescriptor } from './observables';

export interface DiagramClass {
  diagram: Diagram;
  notation: string;
  edges: number;
  /** number of parts, the root's included */
  parts: number;
  ties: number;
  aut: number;
  irreducible: boolean;
}

/** Rooted trees with m edges, canonically labelled (parent arrays), one per isomorphism class. */
export function rootedTrees(m: number): number[][] {
  const out = new Map<string, number[]>();
  const parent = new Array<number>(m);
  // every rooted tree has a labelling with parent[i] > i (post-order), so these cover all shapes
  const rec = (i: number): void => {
    if (i < 0) {
      const code = subtreeCodes(parent)[m];
      if (!out.has(code)) {
        const perm = canonicalTreeLabels(parent);
        const p = new Array<number>(m);
        for (let v = 0; v < m; v++) p[perm[v]] = perm[parent[v]];
        out.set(code, p);
      }
      return;
    }
    for (let p = i + 1; p <= m; p++) {
      parent[i] = p;
      rec(i - 1);
    }
  };
  rec(m - 1);
  return [...out.values()];
}

/** All set partitions of the given elements (restricted growth strings). */
export function setPartitions(elems: readonly number[]): number[][][] {
  const out: number[][][] = [];
  const blocks: number[][] = [];
  const rec = (k: number): void => {
    if (k === elems.length) {
      out.push(blocks.map((b) => [...b]));
      return;
    }
    for (const b of blocks) {
      b.push(elems[k]);
      rec(k + 1);
      b.pop();
    }
    blocks.push([elems[k]]);
    rec(k + 1);
    blocks.pop();
  };
  rec(0);
  return out;
}

/**
 * Every diagram class with `m` edges for the observable. Root shapes that vanish (a weight root
 * with two or more children) are omitted; a root that is not a training point is its own part.
 */
export function enumerateDiagrams(
  m: number,
  obs: ObservableKind,
  opts: { irreducibleOnly?: boolean } = {},
): DiagramClass[] {
  // seconds at six edges (27 555 train-loss classes), and budget estimates enumerate too: keep them
  const key = `${m}|${obs}`;
  let cached = enumerated.get(key);
  if (!cached) enumerated.set(key, (cached = enumerateUncached(m, obs, {})));
  return opts.irreducibleOnly ? cached.filter((c) => c.irreducible) : cached.slice();
}

/** Classes per edge count 0..6 and observable (what enumerateDiagrams lists; tested). */
export const CLASS_COUNTS: Readonly<Record<ObservableKind, readonly number[]>> = {
  'test-loss': [1, 1, 4, 17, 101, 700, 5861],
  'train-loss': [1, 2, 9, 48, 329, 2633, 24533],
  weight: [1, 1, 2, 9, 48, 329, 2633],
  // a formula root is its own part with any number of children, as the test loss's
  formula: [1, 1, 4, 17, 101, 700, 5861],
};

const enumerated = new Map<string, DiagramClass[]>();

/** The enumeration itself, without the cache (what the bench times). */
export function enumerateUncached(m: number, obs: ObservableKind, opts: { irreducibleOnly?: boolean }): DiagramClass[] {
  const out: DiagramClass[] = [];
  const desc = observableDescriptor(obs);
  const trainRoot = desc.rootIsTrainingPoint;
  for (const parent of rootedTrees(m)) {
    const rootChildren = parent.filter((p) => p === m).length;
    if (rootChildren > desc.maxRootChildren) continue;
    const auts = treeAutomorphisms(parent);
    const carriers = trainRoot ? [...Array(m + 1).keys()] : [...Array(m).keys()];
    const seen = new Set<string>();
    for (const partition of setPartitions(carriers)) {
      const parts = trainRoot ? partition : [...partition, [m]];
      const info = canonicalizeLabelled({ parent, parts }, auts);
      if (seen.has(info.notation)) continue;
      seen.add(info.notation);
      const irreducible = isIrreducible(info.diagram);
      if (opts.irreducibleOnly && !irreducible) continue;
      out.push({
        diagram: info.diagram,
        notation: info.notation,
        edges: m,
        parts: info.diagram.parts.length,
        ties: tiesOf(info.diagram),
        aut: info.aut,
        irreducible,
      });
    }
  }
  return out.sort((a, b) => a.ties - b.ties || (a.notation < b.notation ? -1 : a.notation > b.notation ? 1 : 0));
}
