// Canonical forms and automorphisms of diagrams.
// A diagram's canonical labelling numbers the tree in post-order, children visited in the order
// of their subtree codes; among the labellings that differ by a tree automorphism we keep the
// one whose partition prints smallest. Aut(D) = tree automorphisms fixing the root and mapping
// parts to parts (theory.md §2).
import { type Diagram, childrenOf, printDiagram, rootOf } from './diagram';

/** AHU code of every subtree, e.g. "(()())". */
export function subtreeCodes(parent: readonly number[]): string[] {
  const m = parent.length;
  const ch: number[][] = Array.from({ length: m + 1 }, () => []);
  parent.forEach((p, i) => ch[p].push(i));
  const code = new Array<string>(m + 1);
  const visit = (v: number): string => {
    const cs = ch[v].map(visit).sort();
    return (code[v] = `(${cs.join('')})`);
  };
  visit(m);
  return code;
}

/** Post-order relabelling by sorted child codes: perm[old] = new label. */
export function canonicalTreeLabels(parent: readonly number[]): number[] {
  const m = parent.length;
  const ch: number[][] = Array.from({ length: m + 1 }, () => []);
  parent.forEach((p, i) => ch[p].push(i));
  const code = subtreeCodes(parent);
  const perm = new Array<number>(m + 1);
  let next = 0;
  const visit = (v: number): void => {
    const cs = [...ch[v]].sort((a, b) => (code[a] < code[b] ? -1 : code[a] > code[b] ? 1 : a - b));
    cs.forEach(visit);
    perm[v] = next++;
  };
  visit(m);
  return perm;
}

function relabel(d: Diagram, perm: readonly number[]): Diagram {
  const m = d.parent.length;
  const parent = new Array<number>(m);
  for (let v = 0; v < m; v++) parent[perm[v]] = perm[d.parent[v]];
  const parts = d.parts.map((p) => p.map((v) => perm[v]).sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
  return { parent, parts };
}

/** Every automorphism of the rooted tree, as node permutations (g[v] = image of v). */
export function treeAutomorphisms(parent: readonly number[]): number[][] {
  const m = parent.length;
  const ch: number[][] = Array.from({ length: m + 1 }, () => []);
  parent.forEach((p, i) => ch[p].push(i));
  const code = subtreeCodes(parent);
  // canonical post-order node list of each subtree: identical codes ⇒ positional bijection
  const order = (v: number): number[] => {
    const cs = [...ch[v]].sort((a, b) => (code[a] < code[b] ? -1 : code[a] > code[b] ? 1 : a - b));
    return [...cs.flatMap(order), v];
  };
  // maps: a list of partial maps (arrays with -1) built subtree by subtree
  const autsOf = (v: number): Map<number, number>[] => {
    // group children by code
    const groups = new Map<string, number[]>();
    for (const c of ch[v]) {
      const g = groups.get(code[c]);
      if (g) g.push(c);
      else groups.set(code[c], [c]);
    }
    let acc: Map<number, number>[] = [new Map([[v, v]])];
    for (const members of groups.values()) {
      const orders = members.map(order);
      const inner = members.map(autsOf);
      const next: Map<number, number>[] = [];
      for (const sigma of permutations(members.length)) {
        // child members[i] goes to the position of members[sigma[i]], composed with inner auts of the target
        const combos = cartesian(members.map((_, i) => inner[sigma[i]]));
        for (const base of acc) {
          for (const combo of combos) {
            const g = new Map(base);
            members.forEach((_, i) => {
              const src = orders[i];
              const dst = orders[sigma[i]];
              const a = combo[i];
              // map src subtree onto dst subtree positionally, then apply dst's automorphism
              src.forEach((u, k) => g.set(u, a.get(dst[k])!));
            });
            next.push(g);
          }
        }
      }
      acc = next;
    }
    return acc;
  };
  return autsOf(m).map((g) => Array.from({ length: m + 1 }, (_, v) => g.get(v)!));
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) {
    for (let k = 0; k <= p.length; k++) out.push([...p.slice(0, k), n - 1, ...p.slice(k)]);
  }
  return out;
}

function cartesian<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, l) => acc.flatMap((a) => l.map((x) => [...a, x])), [[]]);
}

const partitionKey = (parts: readonly (readonly number[])[]): string =>
  parts
    .map((p) => [...p].sort((a, b) => a - b))
    .sort((a, b) => a[0] - b[0])
    .map((p) => p.join(','))
    .join('|');

/** |Aut(D)| given the tree's automorphisms. */
export function automorphismCount(d: Diagram, auts = treeAutomorphisms(d.parent)): number {
  const key = partitionKey(d.parts);
  let n = 0;
  for (const g of auts) if (partitionKey(d.parts.map((p) => p.map((v) => g[v]))) === key) n++;
  return n;
}

export interface CanonicalInfo {
  diagram: Diagram;
  notation: string;
  aut: number;
}

/** The canonical representative of d's isomorphism class and |Aut(d)|. */
export function canonicalize(d: Diagram): CanonicalInfo {
  const base = relabel(d, canonicalTreeLabels(d.parent));
  return canonicalizeLabelled(base, treeAutomorphisms(base.parent));
}

/** As canonicalize, for a diagram whose tree is already canonically labelled. */
export function canonicalizeLabelled(base: Diagram, auts: number[][]): CanonicalInfo {
  let best: Diagram | null = null;
  let bestKey = '';
  let aut = 0;
  const ownKey = partitionKey(base.parts);
  for (const g of auts) {
    const parts = base.parts.map((p) => p.map((v) => g[v]));
    const key = partitionKey(parts);
    if (key === ownKey) aut++;
    if (best === null || key < bestKey) {
      bestKey = key;
      best = { parent: base.parent, parts: parts.map((p) => [...p].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]) };
    }
  }
  return { diagram: best!, notation: printDiagram(best!), aut };
}

export const sameDiagram = (a: Diagram, b: Diagram): boolean =>
  a.parent.length === b.parent.length && canonicalize(a).notation === canonicalize(b).notation;

export { rootOf, childrenOf };
