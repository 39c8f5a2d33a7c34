// The CPU twin's landscape evaluators as generated JavaScript (one `const` per node of the shared
// DAG), several times faster than the formula module's tape interpreter and bit-identical to it:
// the same float64 operations on the same operands (x^2 as x*x, other powers Math.pow). Where
// the runtime forbids code generation (a strict Content-Security-Policy), callers fall back to
// the tape.
import type { Expr } from '../../landscape/formula/ast';
import { buildDag } from '../../landscape/formula/dag';

const MATH: Record<string, string> = {
  sin: 'Math.sin',
  cos: 'Math.cos',
  exp: 'Math.exp',
  log: 'Math.log',
  sqrt: 'Math.sqrt',
  tanh: 'Math.tanh',
};

/** (vals, out) => out with out[i] = value of exprs[i]; null when code generation is unavailable. */
export function compileJSFast(
  exprs: readonly Expr[],
  varNames: readonly string[],
): ((v: Float64Array, out: Float64Array) => Float64Array) | null {
  const dag = buildDag(exprs, varNames);
  const ref = (i: number): string => {
    const n = dag.nodes[i];
    return n.op === 'num' ? `(${Object.is(n.value, -0) ? '-0' : String(n.value)})` : `r${i}`;
  };
  const lines: string[] = [];
  for (let i = 0; i < dag.nodes.length; i++) {
    const n = dag.nodes[i];
    let e: string;
    if (n.op === 'num') continue;
    if (n.op === 'var') e = `v[${n.index}]`;
    else if (n.op === 'neg') e = `-${ref(n.a)}`;
    else if ('b' in n) {
      const rb = dag.nodes[n.b];
      if (n.op === '^')
        e = rb.op === 'num' && rb.value === 2 ? `${ref(n.a)} * ${ref(n.a)}` : `Math.pow(${ref(n.a)}, ${ref(n.b)})`;
      else e = `${ref(n.a)} ${n.op} ${ref(n.b)}`;
    } else {
      const f = MATH[n.op];
      if (!f) return null;
      e = `${f}(${ref(n.a)})`;
    }
    lines.push(`const r${i} = ${e};`);
  }
  dag.roots.forEach((r, k) => lines.push(`o[${k}] = ${ref(r)};`));
  lines.push('return o;');
  try {
    return new Function('v', 'o', lines.join('\n')) as (v: Float64Array, out: Float64Array) => Float64Array;
  } catch {
    return null;
  }
}
