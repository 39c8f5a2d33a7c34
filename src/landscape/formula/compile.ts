// Compiles expressions to fast JS evaluators without eval: the shared DAG (dag.ts) becomes a
// flat instruction tape run over a Float64Array of registers. Several expressions compiled
// together (a gradient) share every common subexpression.
//
// The WGSL back end lives in wgsl.ts and is re-exported here.

import type { Expr } from './ast';
import { buildDag, type Dag } from './dag';

export { compileWGSL, compileWGSLFunction, wgslFloat } from './wgsl';
export type { WGSLFunction, WGSLFunctionOptions } from './wgsl';

export type Values = Float64Array | readonly number[];

const NOP = 0;
const VAR = 1;
const NEG = 2;
const ADD = 3;
const SUB = 4;
const MUL = 5;
const DIV = 6;
const POW = 7;
const SIN = 8;
const COS = 9;
const EXP = 10;
const LOG = 11;
const SQRT = 12;
const TANH = 13;
const SQUARE = 14; // a^2 as a*a: the most common power, exact and cheaper than Math.pow

const CODE: Record<string, number> = {
  neg: NEG,
  '+': ADD,
  '-': SUB,
  '*': MUL,
  '/': DIV,
  '^': POW,
  sin: SIN,
  cos: COS,
  exp: EXP,
  log: LOG,
  sqrt: SQRT,
  tanh: TANH,
};

interface Tape {
  code: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  regs: Float64Array;
  roots: Int32Array;
}

function toTape(dag: Dag): Tape {
  const n = dag.nodes.length;
  const code = new Uint8Array(n);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const regs = new Float64Array(n);
  dag.nodes.forEach((node, i) => {
    switch (node.op) {
      case 'num':
        code[i] = NOP;
        regs[i] = node.value; // constant registers are written once, here
        return;
      case 'var':
        code[i] = VAR;
        a[i] = node.index;
        return;
      default: {
        code[i] = CODE[node.op];
        a[i] = node.a;
        if ('b' in node) {
          b[i] = node.b;
          const e = dag.nodes[node.b];
          if (node.op === '^' && e.op === 'num' && e.value === 2) code[i] = SQUARE;
        }
      }
    }
  });
  return { code, a, b, regs, roots: Int32Array.from(dag.roots) };
}

function run(t: Tape, vals: Values): void {
  const { code, a, b, regs: r } = t;
  const n = code.length;
  for (let i = 0; i < n; i++) {
    switch (code[i]) {
      case NOP:
        break;
      case VAR:
        r[i] = vals[a[i]];
        break;
      case NEG:
        r[i] = -r[a[i]];
        break;
      case ADD:
        r[i] = r[a[i]] + r[b[i]];
        break;
      case SUB:
        r[i] = r[a[i]] - r[b[i]];
        break;
      case MUL:
        r[i] = r[a[i]] * r[b[i]];
        break;
      case DIV:
        r[i] = r[a[i]] / r[b[i]];
        break;
      case POW:
        r[i] = Math.pow(r[a[i]], r[b[i]]);
        break;
      case SQUARE: {
        const x = r[a[i]];
        r[i] = x * x;
        break;
      }
      case SIN:
        r[i] = Math.sin(r[a[i]]);
        break;
      case COS:
        r[i] = Math.cos(r[a[i]]);
        break;
      case EXP:
        r[i] = Math.exp(r[a[i]]);
        break;
      case LOG:
        r[i] = Math.log(r[a[i]]);
        break;
      case SQRT:
        r[i] = Math.sqrt(r[a[i]]);
        break;
      case TANH:
        r[i] = Math.tanh(r[a[i]]);
        break;
    }
  }
}

/**
 * Compiles `expr` to `(vals) => value` where `vals[i]` is the value of `varNames[i]`.
 * Throws FormulaError if `expr` uses a variable not in `varNames`.
 * The evaluator reuses one register file: it is not reentrant (JS never needs it to be).
 */
export function compileJS(expr: Expr, varNames: readonly string[]): (vals: Values) => number {
  const t = toTape(buildDag([expr], varNames));
  const root = t.roots[0];
  return (vals) => {
    run(t, vals);
    return t.regs[root];
  };
}

/**
 * Compiles several expressions over the same variables into one evaluator that writes their
 * values into `out` (allocated when omitted) and returns it. Common subexpressions are
 * computed once.
 */
export function compileJSMulti(
  exprs: readonly Expr[],
  varNames: readonly string[],
): (vals: Values, out?: Float64Array) => Float64Array {
  const t = toTape(buildDag(exprs, varNames));
  const m = t.roots.length;
  return (vals, out = new Float64Array(m)) => {
    run(t, vals);
    for (let k = 0; k < m; k++) out[k] = t.regs[t.roots[k]];
    return out;
  };
}
