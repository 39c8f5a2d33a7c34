// WGSL code generation (f32). Conventions:
// - numbers become f32 literals (`0.5f`, negatives parenthesised: `(-2.0f)`);
// - integer powers are expanded into multiplications, because WGSL's pow(x, y) is undefined for
//   x < 0 (it is exp2(y·log2 x)); other exponents use pow, 0.5 uses sqrt;
// - tanh's argument is clamped to ±15 (where tanh is ±1 in f32), because some drivers compute
//   tanh as sinh/cosh and return NaN once those overflow.
// Variables are substituted by the WGSL expressions of a `varMap` (e.g. {u: 'w[0]', x: 'd[0]'}).

import type { Expr } from './ast';
import { buildDag, type Dag, type DagNode } from './dag';
import { FormulaError } from './error';

const F32_MAX = 3.4028234663852886e38;
const F32_MIN_NORMAL = 1.1754943508222875e-38;
/** Beyond this |n|, x^n is computed from pow(abs(x), n) instead of n multiplications. */
const MAX_EXPANDED_POWER = 32;

/** Formats a number as a WGSL f32 literal. Throws if it is not finite or outside f32's range. */
export function wgslFloat(v: number): string {
  if (!Number.isFinite(v) || Math.abs(v) > F32_MAX) {
    throw new FormulaError(`WGSL error: the constant ${v} is not a finite f32 number`, -1, 'a finite f32 constant');
  }
  const m = Math.abs(v);
  if (m < F32_MIN_NORMAL) return '0.0f'; // would underflow to zero (or a subnormal) anyway
  let s = String(m);
  if (!/[.e]/.test(s)) s += '.0';
  s += 'f';
  return v < 0 ? `(-${s})` : s;
}

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[0-9]+\]|\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Wraps a caller-supplied WGSL expression in parentheses unless it is a plain (postfix) name. */
function operand(s: string): string {
  return SIMPLE.test(s) ? s : `(${s})`;
}

function varTexts(varMap: Readonly<Record<string, string>>): { names: string[]; texts: string[] } {
  const names = Object.keys(varMap);
  return { names, texts: names.map((n) => operand(varMap[n])) };
}

/** `b` repeated |n| times as a product (b must already be an operand). */
function intPower(b: string, n: number): string {
  if (n === 0) return '1.0f';
  const k = Math.abs(n);
  let p: string;
  if (k > MAX_EXPANDED_POWER) {
    const e = wgslFloat(k);
    p = k % 2 === 0 ? `pow(abs(${b}), ${e})` : `(sign(${b}) * pow(abs(${b}), ${e}))`;
  } else {
    p = k === 1 ? b : `(${new Array<string>(k).fill(b).join(' * ')})`;
  }
  return n < 0 ? `(1.0f / ${p})` : p;
}

function integerExponent(dag: Dag, node: DagNode): number | null {
  if (node.op !== '^') return null;
  const e = dag.nodes[node.b];
  return e.op === 'num' && Number.isInteger(e.value) ? e.value : null;
}

/** Text of one DAG node given the texts (operands) of its children. */
function nodeText(dag: Dag, node: DagNode, sub: (i: number) => string, vars: string[]): string {
  switch (node.op) {
    case 'num':
      return wgslFloat(node.value);
    case 'var':
      return vars[node.index];
    case 'neg':
      return `(-${sub(node.a)})`;
    case '+':
    case '-':
    case '*':
    case '/':
      return `(${sub(node.a)} ${node.op} ${sub(node.b)})`;
    case '^': {
      const n = integerExponent(dag, node);
      if (n !== null) return intPower(sub(node.a), n);
      const e = dag.nodes[node.b];
      if (e.op === 'num' && e.value === 0.5) return `sqrt(${sub(node.a)})`;
      return `pow(${sub(node.a)}, ${sub(node.b)})`;
    }
    case 'tanh':
      return `tanh(clamp(${sub(node.a)}, -15.0f, 15.0f))`;
    default:
      return `${node.op}(${sub(node.a)})`;
  }
}

/**
 * One WGSL f32 expression for `expr`; every variable must be a key of `varMap` (FormulaError
 * otherwise). Shared subexpressions are repeated textually; use compileWGSLFunction to bind them.
 */
export function compileWGSL(expr: Expr, varMap: Readonly<Record<string, string>>): string {
  const { names, texts } = varTexts(varMap);
  const dag = buildDag([expr], names);
  const memo = new Map<number, string>();
  const text = (i: number): string => {
    let s = memo.get(i);
    if (s === undefined) {
      s = nodeText(dag, dag.nodes[i], text, texts);
      memo.set(i, s);
    }
    return s;
  };
  return text(dag.roots[0]);
}

export interface WGSLFunctionOptions {
  /** Function name, e.g. 'loss_grad'. */
  name: string;
  /** Parameter list as WGSL text, e.g. 'w: array<f32, 3>, d: array<f32, 1>'. */
  params: string;
  /** Formula variable → WGSL expression over the parameters, e.g. {u: 'w[0]'}. */
  varMap: Readonly<Record<string, string>>;
  /** Return type; default 'f32' for one expression, `array<f32, n>` for n > 1. */
  returnType?: string;
  /** Prefix of the generated `let` names (default 't_'); must not clash with parameter names. */
  prefix?: string;
}

export interface WGSLFunction {
  /** The whole `fn …` declaration. */
  code: string;
  /** The `let` statements (without indentation), in dependency order. */
  statements: string[];
  /** One WGSL operand per input expression (a `let` name, a literal or a variable text). */
  results: string[];
}

/**
 * Compiles several expressions (e.g. the gradient ∇_θ l_x) into one WGSL function that computes
 * every shared subexpression once (`let` bindings) and returns all values, e.g.
 *   fn loss_grad(w: array<f32, 3>, d: array<f32, 1>) -> array<f32, 3> { let t_0 = …; return array<f32, 3>(t_4, t_7, t_9); }
 * The statements and results are also returned for callers that assemble their own function.
 */
export function compileWGSLFunction(exprs: readonly Expr[], opts: WGSLFunctionOptions): WGSLFunction {
  const { names, texts } = varTexts(opts.varMap);
  const dag = buildDag(exprs, names);
  const prefix = opts.prefix ?? 't_';
  // Bind: shared non-leaf nodes, bases of expanded powers (they are repeated), and roots.
  const bind = new Uint8Array(dag.nodes.length);
  dag.nodes.forEach((node, i) => {
    if (node.op !== 'num' && node.op !== 'var' && dag.uses[i] > 1) bind[i] = 1;
    if (integerExponent(dag, node) !== null && 'a' in node) {
      const base = dag.nodes[node.a];
      if (base.op !== 'num' && base.op !== 'var') bind[node.a] = 1;
    }
  });
  for (const r of dag.roots) {
    const n = dag.nodes[r];
    if (n.op !== 'num' && n.op !== 'var') bind[r] = 1;
  }

  const statements: string[] = [];
  const text: string[] = new Array<string>(dag.nodes.length);
  let count = 0;
  dag.nodes.forEach((node, i) => {
    const s = nodeText(dag, node, (j) => text[j], texts);
    if (bind[i]) {
      const name = `${prefix}${count++}`;
      statements.push(`let ${name} = ${s};`);
      text[i] = name;
    } else {
      text[i] = s;
    }
  });
  const results = dag.roots.map((r) => text[r]);
  const returnType = opts.returnType ?? (exprs.length === 1 ? 'f32' : `array<f32, ${exprs.length}>`);
  const ret = returnType === 'f32' && results.length === 1 ? results[0] : `${returnType}(${results.join(', ')})`;
  const body = [...statements, `return ${ret};`].map((s) => `  ${s}`).join('\n');
  const code = `fn ${opts.name}(${opts.params}) -> ${returnType} {\n${body}\n}\n`;
  return { code, statements, results };
}
