// Recursive-descent parser for loss formulas.
//
// Grammar (lowest precedence first):
//   expr  := term (('+' | '-') term)*
//   term  := unary (('*' | '/') unary)*
//   unary := '-' unary | power
//   power := atom ('^' unary)?          right-associative; -x^2 = -(x^2); 2^-x allowed
//   atom  := number | constant | variable | function '(' expr ')' | '(' expr ')'
// No implicit multiplication: `2x` is an error, never a guess.

import {
  call,
  binary,
  constant,
  FUNCTIONS,
  isConstantName,
  isFunctionName,
  negate,
  num,
  variable,
  type BinOp,
  type Expr,
} from './ast';
import { expectedError, FormulaError } from './error';
import { BALANCE_FROM, FORMULA_LIMITS } from './limits';

export { FormulaError } from './error';
export { printExpr } from './print';

type Token =
  | { type: 'num'; text: string; pos: number; value: number }
  | { type: 'ident'; text: string; pos: number }
  | { type: 'op'; text: string; pos: number }
  | { type: 'bad'; text: string; pos: number }
  | { type: 'end'; text: ''; pos: number };

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPS = '+-*/^()';
/** Guards the call stack against pathological nesting such as 10 000 '('. */
const MAX_DEPTH = FORMULA_LIMITS.nesting;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let operands = 0;
  const count = (pos: number): void => {
    if (++operands > FORMULA_LIMITS.operands) {
      throw new FormulaError(
        `formula error at column ${pos + 1}: more than ${FORMULA_LIMITS.operands} numbers and names (the limit of a formula)`,
        pos,
        `at most ${FORMULA_LIMITS.operands} numbers and names`,
      );
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(src);
    if (m) {
      count(i);
      out.push({ type: 'num', text: m[0], pos: i, value: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(src);
    if (id) {
      count(i);
      out.push({ type: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    out.push(OPS.includes(c) ? { type: 'op', text: c, pos: i } : { type: 'bad', text: c, pos: i });
    i++;
  }
  out.push({ type: 'end', text: '', pos: src.length });
  return out;
}

interface ChainItem {
  op: BinOp;
  arg: Expr;
  pos: number;
}

const FLIP: Partial<Record<BinOp, BinOp>> = { '+': '-', '-': '+', '*': '/', '/': '*' };

/**
 * a₀ op₁ a₁ op₂ a₂ …: left to right for short chains; balanced beyond BALANCE_FROM operands,
 * regrouped exactly (a − b + c = a − (b − c), a / b · c = a / (b / c)).
 */
function chain(items: ChainItem[]): Expr {
  if (items.length < BALANCE_FROM) {
    let left = items[0].arg;
    for (let i = 1; i < items.length; i++) left = binary(items[i].op, left, items[i].arg, items[i].pos);
    return left;
  }
  const build = (lo: number, hi: number, flip: boolean): Expr => {
    if (hi - lo === 1) return items[lo].arg;
    const mid = (lo + hi) >> 1;
    const raw = items[mid].op;
    const op = flip ? FLIP[raw]! : raw;
    // the right half is subtracted (divided) as a whole when its first operator is − (/)
    const inverse = op === '-' || op === '/';
    return binary(op, build(lo, mid, flip), build(mid, hi, flip !== inverse), items[mid].pos);
  };
  return build(0, items.length, false);
}

function describe(t: Token): string {
  return t.type === 'end' ? 'end of formula' : `'${t.text}'`;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === text;
  }

  parseAll(): Expr {
    const e = this.expr();
    const t = this.peek();
    if (t.type !== 'end') {
      const expected =
        t.type === 'op' && t.text === ')'
          ? "an operator or end of formula (this ')' has no matching '(')"
          : 'an operator or end of formula';
      throw expectedError(t.pos, expected, describe(t));
    }
    return e;
  }

  private expr(): Expr {
    const items: ChainItem[] = [{ op: '+', arg: this.term(), pos: -1 }];
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.toks[this.i++];
      items.push({ op: op.text as BinOp, arg: this.term(op.text), pos: op.pos });
    }
    return chain(items);
  }

  private term(after?: string): Expr {
    const items: ChainItem[] = [{ op: '*', arg: this.unary(after), pos: -1 }];
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.toks[this.i++];
      items.push({ op: op.text as BinOp, arg: this.unary(op.text), pos: op.pos });
    }
    return chain(items);
  }

  private unary(after?: string): Expr {
    if (this.isOp('-')) {
      const op = this.toks[this.i++];
      this.enter(op.pos);
      const arg = this.unary('-');
      this.depth--;
      return negate(arg, op.pos);
    }
    return this.power(after);
  }

  private power(after?: string): Expr {
    const base = this.atom(after);
    if (!this.isOp('^')) return base;
    const op = this.toks[this.i++];
    this.enter(op.pos);
    const exponent = this.unary('^');
    this.depth--;
    return binary('^', base, exponent, op.pos);
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_DEPTH) {
      throw new FormulaError(
        `formula error at column ${pos + 1}: formula is nested too deeply (more than ${MAX_DEPTH} levels)`,
        pos,
        'a less deeply nested formula',
      );
    }
  }

  private atom(after?: string): Expr {
    const t = this.peek();
    if (t.type === 'num') {
      this.i++;
      return num(t.value, t.pos);
    }
    if (t.type === 'ident') {
      this.i++;
      if (this.isOp('(')) return this.callOf(t);
      if (isFunctionName(t.text)) {
        const n = this.peek();
        throw expectedError(n.pos, `'(' after function '${t.text}'`, describe(n));
      }
      return isConstantName(t.text) ? constant(t.text, t.pos) : variable(t.text, t.pos);
    }
    if (t.type === 'op' && t.text === '(') {
      this.i++;
      this.enter(t.pos);
      const inner = this.expr();
      this.depth--;
      this.close(t.pos);
      return inner;
    }
    const expected = after === undefined ? 'an operand' : `an operand after '${after}'`;
    throw expectedError(t.pos, expected, describe(t));
  }

  private callOf(name: Extract<Token, { type: 'ident' }>): Expr {
    if (!isFunctionName(name.text)) {
      const known = FUNCTIONS.join(', ');
      throw new FormulaError(
        `formula error at column ${name.pos + 1}: unknown function '${name.text}' (the functions are ${known})`,
        name.pos,
        `one of the functions ${known}`,
      );
    }
    const open = this.toks[this.i++];
    this.enter(open.pos);
    const arg = this.expr();
    this.depth--;
    this.close(open.pos);
    return call(name.text, arg, name.pos);
  }

  private close(openPos: number): void {
    const t = this.peek();
    if (!this.isOp(')')) {
      throw expectedError(t.pos, `an operator or ')' to close the '(' at column ${openPos + 1}`, describe(t));
    }
    this.i++;
  }
}

/** Parses a loss formula; throws FormulaError naming the column and what was expected. */
export function parseFormula(src: string): Expr {
  if (typeof src !== 'string') {
    throw new FormulaError(
      `formula error: expected the formula as a string, found ${src === null ? 'null' : typeof src}`,
      -1,
      'a string',
    );
  }
  if (src.length > FORMULA_LIMITS.length) {
    const pos = FORMULA_LIMITS.length;
    throw new FormulaError(
      `formula error at column ${pos + 1}: the formula is longer than ${FORMULA_LIMITS.length} characters (the limit of a formula)`,
      pos,
      `at most ${FORMULA_LIMITS.length} characters`,
    );
  }
  return new Parser(tokenize(src)).parseAll();
}

/** The names of the variables (not constants) that occur in `expr`. */
export function freeVariables(expr: Expr): Set<string> {
  const out = new Set<string>();
  forEachVariable(expr, (e) => out.add(e.name));
  return out;
}

/** Visit every variable occurrence, left to right. */
export function forEachVariable(expr: Expr, visit: (v: Extract<Expr, { kind: 'var' }>) => void): void {
  switch (expr.kind) {
    case 'var':
      visit(expr);
      return;
    case 'neg':
    case 'call':
      forEachVariable(expr.arg, visit);
      return;
    case 'bin':
      forEachVariable(expr.left, visit);
      forEachVariable(expr.right, visit);
      return;
    default:
      return;
  }
}

/**
 * Throws a FormulaError at the first (leftmost) occurrence of a variable not in `allowed`,
 * naming it and listing the allowed ones (or `describeAllowed`, e.g. "weights: u, v; data: x").
 */
export function checkVariables(expr: Expr, allowed: readonly string[], describeAllowed?: string): void {
  const ok = new Set(allowed);
  let bad: { name: string; pos: number } | null = null;
  forEachVariable(expr, (e) => {
    if (ok.has(e.name)) return;
    const pos = e.pos ?? -1;
    if (bad === null || (pos >= 0 && (bad.pos < 0 || pos < bad.pos))) bad = { name: e.name, pos };
  });
  if (bad === null) return;
  const { name, pos } = bad as { name: string; pos: number };
  const list = allowed.length ? allowed.join(', ') : 'none';
  const where = pos >= 0 ? ` at column ${pos + 1}` : '';
  const known = describeAllowed ?? `the variables are ${list}`;
  throw new FormulaError(
    `formula error${where}: unknown variable '${name}' (${known})`,
    pos,
    `one of the variables ${list}`,
  );
}
