// Diagrams: a rooted tree plus a partition of its nodes into parts (theory.md §2).
// Nodes are 0..m with the root m; `parent[i]` (i < m) is node i's parent. `parts` always covers
// every node, the root included (for test-loss and weight diagrams the root is its own part).
// The notation `c(PARTS)(EDGES)` of scenario.md is the diagram's id everywhere.
import { InputError } from './errors';

export interface Diagram {
  readonly parent: readonly number[];
  readonly parts: readonly (readonly number[])[];
}

export class DiagramError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'DiagramError';
  }
}

export const edgeCount = (d: Diagram): number => d.parent.length;
export const rootOf = (d: Diagram): number => d.parent.length;

export function childrenOf(d: Diagram): number[][] {
  const ch: number[][] = Array.from({ length: d.parent.length + 1 }, () => []);
  d.parent.forEach((p, i) => ch[p].push(i));
  return ch;
}

/** partOf[v] = index of v's part in d.parts. */
export function partIndex(d: Diagram): number[] {
  const out = new Array<number>(d.parent.length + 1).fill(-1);
  d.parts.forEach((p, k) => p.forEach((v) => (out[v] = k)));
  return out;
}

/** Parse `c(01-2-3)(02-12-23)`; throws DiagramError naming what is wrong. */
export function parseDiagram(src: string): Diagram {
  const s = src.trim();
  const m = /^c\(([^()]*)\)\(([^()]*)\)$/.exec(s);
  if (!m) {
    throw new DiagramError(`malformed diagram "${src}": expected c(PARTS)(EDGES), e.g. c(01-2-3)(02-12-23)`);
  }
  const [, partsSrc, edgesSrc] = m;
  if (partsSrc === '') throw new DiagramError(`diagram "${src}": the parts list is empty (even the root needs a part)`);
  const parts = partsSrc.split('-').map((g, k) => {
    if (!/^[0-9]+$/.test(g)) {
      throw new DiagramError(`diagram "${src}": part ${k + 1} "${g}" must be a non-empty list of node digits`);
    }
    return [...g].map(Number);
  });
  const nodes = parts.flat();
  const m1 = nodes.length;
  const seen = new Set<number>();
  for (const v of nodes) {
    if (seen.has(v)) throw new DiagramError(`diagram "${src}": node ${v} appears in two parts`);
    seen.add(v);
  }
  for (let v = 0; v < m1; v++) {
    if (!seen.has(v))
      throw new DiagramError(
        `diagram "${src}": nodes must be numbered 0..${m1 - 1}; node ${v} is missing from the parts`,
      );
  }
  const root = m1 - 1;
  const parent = new Array<number>(root).fill(-1);
  const edges = edgesSrc === '' ? [] : edgesSrc.split('-');
  for (const e of edges) {
    if (!/^[0-9][0-9]$/.test(e))
      throw new DiagramError(`diagram "${src}": edge "${e}" must be two node digits, child then parent`);
    const c = Number(e[0]);
    const p = Number(e[1]);
    if (c >= m1 || p >= m1)
      throw new DiagramError(`diagram "${src}": edge "${e}" names a node that is not in the parts`);
    if (c === p) throw new DiagramError(`diagram "${src}": edge "${e}" joins node ${c} to itself`);
    if (c === root)
      throw new DiagramError(
        `diagram "${src}": edge "${e}" gives the root (node ${root}, the highest number) a parent`,
      );
    if (parent[c] !== -1) throw new DiagramError(`diagram "${src}": node ${c} has two parents (${parent[c]} and ${p})`);
    parent[c] = p;
  }
  const orphan = parent.indexOf(-1);
  if (orphan >= 0)
    throw new DiagramError(
      `diagram "${src}": node ${orphan} has no parent edge (a tree on ${m1} nodes has ${root} edges)`,
    );
  const d: Diagram = { parent, parts };
  // every node must reach the root (no cycles)
  for (let v = 0; v < root; v++) {
    let u = v;
    for (let steps = 0; u !== root; steps++) {
      if (steps > root) throw new DiagramError(`diagram "${src}": the edges contain a cycle through node ${v}`);
      u = parent[u];
    }
  }
  return d;
}

/** Print in the notation: parts sorted by their smallest node, edges by child. */
export function printDiagram(d: Diagram): string {
  const parts = d.parts.map((p) => [...p].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
  const edges = d.parent.map((p, c) => `${c}${p}`);
  return `c(${parts.map((p) => p.join('')).join('-')})(${edges.join('-')})`;
}

/**
 * What a diagram's root is (observables.ts describes each): the population loss, a training
 * point's loss, a weight coordinate, or a smooth function φ of the weights.
 */
export type ObservableKind = 'test-loss' | 'train-loss' | 'weight' | 'formula';

/** Check that a diagram makes sense for an observable; throws DiagramError with the reason. */
export function validateFor(d: Diagram, obs: ObservableKind): void {
  const root = rootOf(d);
  const rootPart = d.parts.find((p) => p.includes(root))!;
  if (obs !== 'train-loss' && rootPart.length > 1) {
    throw new DiagramError(
      `${printDiagram(d)}: the root of a ${obs} diagram is not a training point, so it must be a part of its own`,
    );
  }
  if (obs === 'weight' && childrenOf(d)[root].length > 1) {
    throw new DiagramError(`${printDiagram(d)}: a weight root with two or more children contributes 0`);
  }
  // formula roots carry ∇^kφ(θ₀) for every k: any shape contributes
}

/** Non-root nodes with exactly one child, alone in their part (they resum into propagators). */
export function reducibleNodes(d: Diagram): number[] {
  const ch = childrenOf(d);
  const pi = partIndex(d);
  const out: number[] = [];
  for (let v = 0; v < d.parent.length; v++) {
    if (ch[v].length === 1 && d.parts[pi[v]].length === 1) out.push(v);
  }
  return out;
}

export const isIrreducible = (d: Diagram): boolean => reducibleNodes(d).length === 0;

/** Ties c = Σ_parts (|part| − 1). */
export const tiesOf = (d: Diagram): number => d.parts.reduce((s, p) => s + p.length - 1, 0);
