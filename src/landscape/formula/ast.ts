// The expression tree of a loss formula.
//
// Every node may carry `pos`, the 0-based character offset in the source it came from, so that
// later checks (unknown variable, …) can point at the right place. Nodes built by the
// differentiator have no source and therefore no `pos`.

/** The smooth functions of the formula grammar. */
export const FUNCTIONS = ['sin', 'cos', 'exp', 'log', 'sqrt', 'tanh'] as const;
export type FnName = (typeof FUNCTIONS)[number];

/** Named constants of the formula grammar and their values. */
export const CONSTANTS = { pi: Math.PI, e: Math.E } as const;
export type ConstName = keyof typeof CONSTANTS;

export type BinOp = '+' | '-' | '*' | '/' | '^';

export type Expr =
  | { readonly kind: 'num'; readonly value: number; readonly pos?: number }
  | { readonly kind: 'const'; readonly name: ConstName; readonly pos?: number }
  | { readonly kind: 'var'; readonly name: string; readonly pos?: number }
  | { readonly kind: 'neg'; readonly arg: Expr; readonly pos?: number }
  | {
      readonly kind: 'bin';
      readonly op: BinOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly pos?: number;
    }
  | { readonly kind: 'call'; readonly fn: FnName; readonly arg: Expr; readonly pos?: number };

export type NumExpr = Extract<Expr, { kind: 'num' }>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `s` can name a variable token in a formula (syntactically). */
export function isIdentifier(s: string): boolean {
  return IDENT.test(s);
}

export function isFunctionName(s: string): s is FnName {
  return (FUNCTIONS as readonly string[]).includes(s);
}

export function isConstantName(s: string): s is ConstName {
  return s === 'pi' || s === 'e';
}

/**
 * Why `name` cannot be used as a weight or data variable, or null if it can.
 * A name must be an identifier and must not be a constant or a function of the grammar, since
 * the parser would read it as such.
 */
export function reservedNameProblem(name: string): string | null {
  if (!isIdentifier(name)) return `'${name}' is not an identifier (letters, digits, _; not starting with a digit)`;
  if (name.startsWith('__')) return `'${name}' starts with '__', which is reserved`;
  if (isConstantName(name)) return `'${name}' is a constant of the formula language`;
  if (isFunctionName(name)) return `'${name}' is a function of the formula language`;
  return null;
}

// Plain constructors (no simplification; see simplify.ts for folding constructors).
export const num = (value: number, pos?: number): Expr => ({ kind: 'num', value, pos });
export const variable = (name: string, pos?: number): Expr => ({ kind: 'var', name, pos });
export const constant = (name: ConstName, pos?: number): Expr => ({ kind: 'const', name, pos });
export const negate = (arg: Expr, pos?: number): Expr => ({ kind: 'neg', arg, pos });
export const binary = (op: BinOp, left: Expr, right: Expr, pos?: number): Expr => ({
  kind: 'bin',
  op,
  left,
  right,
  pos,
});
export const call = (fn: FnName, arg: Expr, pos?: number): Expr => ({ kind: 'call', fn, arg, pos });

/** Structural equality, ignoring positions. */
export function exprEqual(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'num':
      return b.kind === 'num' && Object.is(a.value, b.value);
    case 'const':
    case 'var':
      return b.kind === a.kind && b.name === a.name;
    case 'neg':
      return b.kind === 'neg' && exprEqual(a.arg, b.arg);
    case 'bin':
      return b.kind === 'bin' && b.op === a.op && exprEqual(a.left, b.left) && exprEqual(a.right, b.right);
    case 'call':
      return b.kind === 'call' && b.fn === a.fn && exprEqual(a.arg, b.arg);
  }
}

/** Number of nodes of the tree (shared subtrees counted each time). */
export function exprSize(e: Expr): number {
  switch (e.kind) {
    case 'num':
    case 'const':
    case 'var':
      return 1;
    case 'neg':
    case 'call':
      return 1 + exprSize(e.arg);
    case 'bin':
      return 1 + exprSize(e.left) + exprSize(e.right);
  }
}

/** Whether `e` depends on the variable `name`. */
export function dependsOn(e: Expr, name: string): boolean {
  switch (e.kind) {
    case 'num':
    case 'const':
      return false;
    case 'var':
      return e.name === name;
    case 'neg':
    case 'call':
      return dependsOn(e.arg, name);
    case 'bin':
      return dependsOn(e.left, name) || dependsOn(e.right, name);
  }
}

/** Applies a smooth function of the grammar to a number. */
export function applyFn(fn: FnName, x: number): number {
  switch (fn) {
    case 'sin':
      return Math.sin(x);
    case 'cos':
      return Math.cos(x);
    case 'exp':
      return Math.exp(x);
    case 'log':
      return Math.log(x);
    case 'sqrt':
      return Math.sqrt(x);
    case 'tanh':
      return Math.tanh(x);
  }
}

/** Applies a binary operator to numbers. */
export function applyOp(op: BinOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '^':
      return Math.pow(a, b);
  }
}

/**
 * Straightforward tree-walking evaluation (reference semantics; the compiled evaluators in
 * compile.ts must agree with it). Unknown variables evaluate to NaN.
 */
export function evaluate(e: Expr, env: Readonly<Record<string, number>>): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'const':
      return CONSTANTS[e.name];
    case 'var':
      return Object.prototype.hasOwnProperty.call(env, e.name) ? env[e.name] : NaN;
    case 'neg':
      return -evaluate(e.arg, env);
    case 'bin':
      return applyOp(e.op, evaluate(e.left, env), evaluate(e.right, env));
    case 'call':
      return applyFn(e.fn, evaluate(e.arg, env));
  }
}
