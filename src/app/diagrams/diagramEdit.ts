// Edits of a diagram in the editor: add a child, delete a node (with its subtree), tie and untie
// nodes. Each returns the new diagram or the reason the edit is refused; the root is always the
// highest-numbered node (scenario.md's notation), so adding a node renumbers the root.
import { type Diagram, type ObservableKind, childrenOf, partIndex } from '../../theory/diagram';

/** Up to 10 nodes the notation stays one digit per node. */
export const MAX_EDITOR_EDGES = 9;

export type Edit = { ok: true; diagram: Diagram } | { ok: false; reason: string };

const refuse = (reason: string): Edit => ({ ok: false, reason });

export function addChild(d: Diagram, v: number, obs: ObservableKind): Edit {
  const m = d.parent.length;
  if (v < 0 || v > m) return refuse(`there is no node ${v}`);
  if (m >= MAX_EDITOR_EDGES) return refuse(`a diagram here has at most ${MAX_EDITOR_EDGES} edges (10 nodes)`);
  if (obs === 'weight' && v === m && childrenOf(d)[m].length >= 1) {
    return refuse('a weight root with two or more children contributes 0, so it keeps one child');
  }
  const lift = (u: number) => (u === m ? m + 1 : u);
  const parent = [...d.parent.map(lift), lift(v)];
  const parts = [...d.parts.map((p) => p.map(lift)), [m]];
  return { ok: true, diagram: { parent, parts } };
}

/** Delete node v and everything below it. */
export function deleteNode(d: Diagram, v: number): Edit {
  const m = d.parent.length;
  if (v === m) return refuse('the root is the observable; it cannot be deleted');
  if (v < 0 || v > m) return refuse(`there is no node ${v}`);
  const gone = new Set<number>();
  const ch = childrenOf(d);
  const stack = [v];
  while (stack.length) {
    const u = stack.pop()!;
    gone.add(u);
    stack.push(...ch[u]);
  }
  const keep = [...Array(m + 1).keys()].filter((u) => !gone.has(u));
  const to = new Map(keep.map((u, i) => [u, i]));
  const parent = keep.slice(0, -1).map((u) => to.get(d.parent[u])!);
  const parts = d.parts.map((p) => p.filter((u) => !gone.has(u)).map((u) => to.get(u)!)).filter((p) => p.length > 0);
  return { ok: true, diagram: { parent, parts } };
}

/** Put the given nodes (and their current part-mates) into one part. */
export function tie(d: Diagram, nodes: readonly number[], obs: ObservableKind): Edit {
  const m = d.parent.length;
  if (nodes.length < 2) return refuse('select two or more nodes to tie');
  if (nodes.includes(m) && obs !== 'train-loss') {
    return refuse(`the root of a ${obs} diagram is not a training point, so it cannot be tied`);
  }
  const pi = partIndex(d);
  const merging = new Set(nodes.map((v) => pi[v]));
  if (merging.size < 2) return refuse('these nodes are already in one part');
  const merged = [...merging].flatMap((k) => d.parts[k]).sort((a, b) => a - b);
  const parts = [...d.parts.filter((_, k) => !merging.has(k)), merged];
  return { ok: true, diagram: { parent: [...d.parent], parts } };
}

/** Give each of the nodes a part of its own. */
export function untie(d: Diagram, nodes: readonly number[]): Edit {
  const pi = partIndex(d);
  if (nodes.every((v) => d.parts[pi[v]].length === 1)) return refuse('the selected nodes are not tied to anything');
  const sel = new Set(nodes);
  const parts = d.parts.map((p) => p.filter((v) => !sel.has(v))).filter((p) => p.length > 0);
  for (const v of nodes) parts.push([v]);
  return { ok: true, diagram: { parent: [...d.parent], parts } };
}
