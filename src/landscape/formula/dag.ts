// Hash-consing of expression trees into one DAG with shared subexpressions, in topological order
// (children before parents). Every back end evaluates this form: the JS tape, the WGSL `let`
// bindings and the Taylor-mode jets. Sub-terms that only involve numbers and constants are folded
// here, so back ends see a number wherever the value cannot depend on a variable.

import { applyFn, applyOp, CONSTANTS, type BinOp, type Expr, type FnName } from './ast';
import { FormulaError } from './error';

export type DagNode =
  | { readonly op: 'num'; readonly value: number }
  | { readonly op: 'var'; readonly index: number }
  | { readonly op: 'neg'; readonly a: number }
  | { readonly op: BinOp; readonly a: number; readonly b: number }
  | { readonly op: FnName; readonly a: number };

export interface Dag {
  /** Nodes in topological order: a node's operands have smaller indices. */
  readonly nodes: readonly DagNode[];
  /** The node index of each input expression. */
  readonly roots: readonly number[];
  /** Variable names; a `var` node's `index` points here. */
  readonly varNames: readonly string[];
  /** How many nodes use each node as an operand (roots count once more each). */
  readonly uses: readonly number[];
}

/**
 * Builds the shared DAG of `exprs` over `varNames`. Throws FormulaError on a variable that is not
 * in `varNames` (at its source position when it has one).
 */
export function buildDag(exprs: readonly Expr[], varNames: readonly string[]): Dag {
  const varIndex = new Map(varNames.map((n, i) => [n, i] as const));
  const nodes: DagNode[] = [];
  const intern = new Map<string, number>();
  const memo = new Map<Expr, number>();

  const add = (key: string, node: DagNode): number => {
    const hit = intern.get(key);
    if (hit !== undefined) return hit;
    const id = nodes.length;
    nodes.push(node);
    intern.set(key, id);
    return id;
  };
  const numNode = (v: number): number => add(`n${Object.is(v, -0) ? '-0' : String(v)}`, { op: 'num', value: v });
  const valueOf = (id: number): number | null => {
    const n = nodes[id];
    return n.op === 'num' ? n.value : null;
  };

  const visit = (e: Expr): number => {
    const hit = memo.get(e);
    if (hit !== undefined) return hit;
    let id: number;
    switch (e.kind) {
      case 'num':
        id = numNode(e.value);
        break;
      case 'const':
        id = numNode(CONSTANTS[e.name]);
        break;
      case 'var': {
        const i = varIndex.get(e.name);
        if (i === undefined) {
          const pos = e.pos ?? -1;
          const list = varNames.length ? varNames.join(', ') : 'none';
          const where = pos >= 0 ? ` at column ${pos + 1}` : '';
          throw new FormulaError(
            `formula error${where}: unknown variable '${e.name}' (the variables are ${list})`,
            pos,
            `one of the variables ${list}`,
          );
        }
        id = add(`v${i}`, { op: 'var', index: i });
        break;
      }
      case 'neg': {
        const a = visit(e.arg);
        const x = valueOf(a);
        id = x !== null ? numNode(-x) : add(`-${a}`, { op: 'neg', a });
        break;
      }
      case 'call': {
        const a = visit(e.arg);
        const x = valueOf(a);
        id = x !== null ? numNode(applyFn(e.fn, x)) : add(`${e.fn}${a}`, { op: e.fn, a });
        break;
      }
      case 'bin': {
        const a = visit(e.left);
        const b = visit(e.right);
        const x = valueOf(a);
        const y = valueOf(b);
        id = x !== null && y !== null ? numNode(applyOp(e.op, x, y)) : add(`${a}${e.op}${b}`, { op: e.op, a, b });
        break;
      }
    }
    memo.set(e, id);
    return id;
  };

  const roots = exprs.map(visit);
  return prune(nodes, roots, varNames);
}

/** Drops nodes that no root reaches (left behind by folding) and counts uses. */
function prune(nodes: readonly DagNode[], roots: readonly number[], varNames: readonly string[]): Dag {
  const live = new Uint8Array(nodes.length);
  for (const r of roots) live[r] = 1;
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (!live[i]) continue;
    const n = nodes[i];
    if ('a' in n) live[n.a] = 1;
    if ('b' in n) live[n.b] = 1;
  }
  const map = new Int32Array(nodes.length).fill(-1);
  const out: DagNode[] = [];
  const uses: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (!live[i]) continue;
    map[i] = out.length;
    const n = nodes[i];
    let m: DagNode = n;
    if ('b' in n) m = { op: n.op, a: map[n.a], b: map[n.b] };
    else if ('a' in n) m = { ...n, a: map[n.a] } as DagNode;
    if ('a' in m) uses[m.a]++;
    if ('b' in m) uses[m.b]++;
    out.push(m);
    uses.push(0);
  }
  const newRoots = roots.map((r) => map[r]);
  for (const r of newRoots) uses[r]++;
  return { nodes: out, roots: newRoots, varNames: [...varNames], uses };
}
