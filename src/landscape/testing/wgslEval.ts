// Test support: an evaluator for the small WGSL subset the code generator emits (f32 literals,
// names and indexed names, + - * /, unary minus, calls of builtins, `let` statements), in f64.
// It checks that generated text means what the formula means, independently of the generator.

type Tok = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  const re =
    /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)f?|([A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])?)|([-+*/(),;=]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Error(`wgsl-eval: cannot read ${JSON.stringify(src.slice(i, i + 20))}`);
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'id', v: m[2] });
    else out.push({ t: 'op', v: m[3] });
    i = re.lastIndex;
  }
  return out;
}

const BUILTINS: Record<string, (...a: number[]) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  tanh: Math.tanh,
  pow: Math.pow,
  abs: Math.abs,
  sign: Math.sign,
  clamp: (x, lo, hi) => Math.min(Math.max(x, lo), hi),
};

/** Evaluates one WGSL expression with the given values of names (e.g. {'w[0]': 1.5}). */
export function wgslEval(src: string, env: Readonly<Record<string, number>>): number {
  const toks = lex(src);
  let i = 0;
  const peek = (v: string): boolean => toks[i]?.t === 'op' && toks[i].v === v;
  const expect = (v: string): void => {
    if (!peek(v)) throw new Error(`wgsl-eval: expected '${v}' in ${src}`);
    i++;
  };
  const additive = (): number => {
    let x = multiplicative();
    while (peek('+') || peek('-')) x = toks[i++].v === '+' ? x + multiplicative() : x - multiplicative();
    return x;
  };
  const multiplicative = (): number => {
    let x = unary();
    while (peek('*') || peek('/')) x = toks[i++].v === '*' ? x * unary() : x / unary();
    return x;
  };
  const unary = (): number => {
    if (peek('-')) {
      i++;
      return -unary();
    }
    return primary();
  };
  const primary = (): number => {
    const t = toks[i++];
    if (!t) throw new Error(`wgsl-eval: unexpected end of ${src}`);
    if (t.t === 'num') return t.v;
    if (t.t === 'op' && t.v === '(') {
      const x = additive();
      expect(')');
      return x;
    }
    if (t.t === 'id') {
      if (peek('(')) {
        i++;
        const args = [additive()];
        while (peek(',')) {
          i++;
          args.push(additive());
        }
        expect(')');
        const f = BUILTINS[t.v];
        if (!f) throw new Error(`wgsl-eval: unknown function ${t.v}`);
        return f(...args);
      }
      if (!(t.v in env)) throw new Error(`wgsl-eval: unknown name ${t.v}`);
      return env[t.v];
    }
    throw new Error(`wgsl-eval: unexpected '${t.v}' in ${src}`);
  };
  const x = additive();
  if (i !== toks.length) throw new Error(`wgsl-eval: trailing input in ${src}`);
  return x;
}

/** Runs `let NAME = EXPR;` statements, then evaluates each result expression. */
export function wgslEvalStatements(
  statements: readonly string[],
  results: readonly string[],
  env: Readonly<Record<string, number>>,
): number[] {
  const scope: Record<string, number> = { ...env };
  for (const s of statements) {
    const m = /^let ([A-Za-z_][A-Za-z0-9_]*) = (.*);$/.exec(s);
    if (!m) throw new Error(`wgsl-eval: not a let statement: ${s}`);
    if (m[1] in scope) throw new Error(`wgsl-eval: ${m[1]} is bound twice`);
    scope[m[1]] = wgslEval(m[2], scope);
  }
  return results.map((r) => wgslEval(r, scope));
}
