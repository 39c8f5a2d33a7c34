import { describe, expect, it } from 'vitest';
import { evaluate } from './ast';
import { compileJS, compileJSMulti, compileWGSL, compileWGSLFunction, wgslFloat } from './compile';
import { buildDag } from './dag';
import { gradient } from './diff';
import { FormulaError } from './error';
import { parseFormula, printExpr } from './parse';
import { randomExpr, rng } from '../testing/randomExpr';
import { wgslEval, wgslEvalStatements } from '../testing/wgslEval';

const close = (a: number, b: number, rel = 1e-12): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('buildDag', () => {
  it('shares common subexpressions and folds constant terms', () => {
    const dag = buildDag([parseFormula('sin(u)*sin(u) + 2*pi'), parseFormula('sin(u) + 1')], ['u']);
    const ops = dag.nodes.map((n) => n.op);
    expect(ops.filter((o) => o === 'sin')).toHaveLength(1);
    expect(
      dag.nodes
        .filter((n) => n.op === 'num')
        .map((n) => (n as { value: number }).value)
        .sort(),
    ).toEqual([1, 2 * Math.PI]);
    const sinId = ops.indexOf('sin');
    expect(dag.uses[sinId]).toBe(3);
  });
});

describe('compileJS', () => {
  it('agrees with the tree-walking evaluator on random formulas', () => {
    const rand = rng(21);
    const vars = ['a', 'b', 'c'];
    for (let n = 0; n < 300; n++) {
      const e = randomExpr(rand, vars, 5);
      const f = compileJS(e, vars);
      for (let k = 0; k < 3; k++) {
        const v = [rand() * 4 - 2, rand() * 4 - 2, rand() * 4 - 2];
        const want = evaluate(e, { a: v[0], b: v[1], c: v[2] });
        expect(close(f(v), want), printExpr(e)).toBe(true);
        expect(close(f(Float64Array.from(v)), want)).toBe(true);
      }
    }
  });

  it('follows the variable order given', () => {
    const f = compileJS(parseFormula('a - 2*b'), ['b', 'a']);
    expect(f([1, 10])).toBe(8);
  });

  it('names an unknown variable', () => {
    expect(() => compileJS(parseFormula('a + q'), ['a'])).toThrow(FormulaError);
    expect(() => compileJS(parseFormula('a + q'), ['a'])).toThrow(
      "formula error at column 5: unknown variable 'q' (the variables are a)",
    );
  });

  it('evaluates several expressions into a reusable output', () => {
    const e = parseFormula('(u*v + sin(u))^2');
    const g = gradient(e, ['u', 'v']);
    const f = compileJSMulti(g, ['u', 'v']);
    const out = new Float64Array(2);
    expect(f([0.3, -0.7], out)).toBe(out);
    const s = 0.3 * -0.7 + Math.sin(0.3);
    expect(out[0]).toBeCloseTo(2 * s * (-0.7 + Math.cos(0.3)), 14);
    expect(out[1]).toBeCloseTo(2 * s * 0.3, 14);
    expect(Array.from(f([0.3, -0.7]))).toEqual(Array.from(out));
  });
});

describe('compileWGSL', () => {
  const wgsl = (src: string, map: Record<string, string> = { x: 'x', y: 'y' }): string =>
    compileWGSL(parseFormula(src), map);

  it('writes f32 literals', () => {
    expect(wgslFloat(0.5)).toBe('0.5f');
    expect(wgslFloat(3)).toBe('3.0f');
    expect(wgslFloat(-2)).toBe('(-2.0f)');
    expect(wgslFloat(1e-7)).toBe('1e-7f');
    expect(wgslFloat(1e-40)).toBe('0.0f');
    expect(() => wgslFloat(1e39)).toThrow(/not a finite f32/);
    expect(wgsl('pi')).toBe(`${Math.PI}f`);
  });

  it('expands integer powers into products (pow of a negative base is undefined in WGSL)', () => {
    expect(wgsl('x^3')).toBe('(x * x * x)');
    expect(wgsl('x^-2')).toBe('(1.0f / (x * x))');
    expect(wgsl('x^1')).toBe('x');
    expect(wgsl('x^0')).toBe('1.0f');
    expect(wgsl('x^(4/2)')).toBe('(x * x)');
    expect(wgsl('x^40')).toBe('pow(abs(x), 40.0f)');
    expect(wgsl('x^41')).toBe('(sign(x) * pow(abs(x), 41.0f))');
    expect(wgsl('x^0.5')).toBe('sqrt(x)');
    expect(wgsl('x^y')).toBe('pow(x, y)');
    expect(wgsl('x^2.5')).toBe('pow(x, 2.5f)');
  });

  it('clamps the argument of tanh and maps variables through varMap', () => {
    expect(wgsl('tanh(x)')).toBe('tanh(clamp(x, -15.0f, 15.0f))');
    expect(wgsl('x*y', { x: 'w[0]', y: 'a + b' })).toBe('(w[0] * (a + b))');
    expect(() => wgsl('x*q')).toThrow("unknown variable 'q'");
  });

  it('means what the formula means (random formulas, evaluated as WGSL text)', () => {
    const rand = rng(31);
    for (let n = 0; n < 200; n++) {
      const e = randomExpr(rand, ['a', 'b'], 5);
      const text = compileWGSL(e, { a: 'w[0]', b: 'd[0]' });
      const a = rand() * 3 - 1.5;
      const b = rand() * 3 - 1.5;
      const want = evaluate(e, { a, b });
      expect(close(wgslEval(text, { 'w[0]': a, 'd[0]': b }), want, 1e-10), `${printExpr(e)} → ${text}`).toBe(true);
    }
  });
});

describe('compileWGSLFunction', () => {
  const loss = parseFormula('0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)');
  const varMap = { u: 'w[0]', v: 'w[1]', z: 'w[2]', x: 'd[0]' };

  it('generates a gradient function with shared let bindings', () => {
    const g = gradient(loss, ['u', 'v', 'z']);
    const f = compileWGSLFunction(g, { name: 'loss_grad', params: 'w: array<f32, 3>, d: array<f32, 1>', varMap });
    expect(f.code.startsWith('fn loss_grad(w: array<f32, 3>, d: array<f32, 1>) -> array<f32, 3> {\n')).toBe(true);
    expect(f.code).toContain(`return array<f32, 3>(${f.results.join(', ')});`);
    expect(f.results).toHaveLength(3);
    // cos(z) is computed once and reused
    expect(f.statements.filter((s) => s.includes('cos(w[2])'))).toHaveLength(1);
    expect(f.code).not.toMatch(/pow\(/);
    const env = { 'w[0]': 0.3, 'w[1]': -0.4, 'w[2]': 1.1, 'd[0]': 0.9 };
    const got = wgslEvalStatements(f.statements, f.results, env);
    const want = g.map((e) => evaluate(e, { u: 0.3, v: -0.4, z: 1.1, x: 0.9 }));
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
  });

  it('returns a scalar for one expression and honours returnType and prefix', () => {
    const f = compileWGSLFunction([loss], {
      name: 'l',
      params: 'w: vec3<f32>, d: f32',
      varMap: { u: 'w.x', v: 'w.y', z: 'w.z', x: 'd' },
      prefix: 'q',
    });
    expect(f.code).toMatch(/-> f32 \{/);
    expect(f.code).toMatch(/return q\d+;/);
    const two = compileWGSLFunction([parseFormula('u'), parseFormula('2')], {
      name: 'k',
      params: 'u: f32',
      varMap: { u: 'u' },
      returnType: 'vec2<f32>',
    });
    expect(two.code).toContain('return vec2<f32>(u, 2.0f);');
    expect(two.statements).toEqual([]);
  });

  it('evaluates random expression sets correctly', () => {
    const rand = rng(41);
    for (let n = 0; n < 100; n++) {
      const es = [randomExpr(rand, ['a', 'b'], 4), randomExpr(rand, ['a', 'b'], 4)];
      const grads = es.flatMap((e) => gradient(e, ['a', 'b']));
      const f = compileWGSLFunction(grads, { name: 'f', params: 'a: f32, b: f32', varMap: { a: 'a', b: 'b' } });
      const a = rand() * 2 - 1;
      const b = rand() * 2 - 1;
      const got = wgslEvalStatements(f.statements, f.results, { a, b });
      grads.forEach((g, i) => expect(close(got[i], evaluate(g, { a, b }), 1e-10), f.code).toBe(true));
    }
  });
});
