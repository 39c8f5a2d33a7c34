// Polynomial test cases as scenario JSON (scenario.md v1) and back, plus a fast-check generator
// of small random cases. Generated numbers are dyadic (exact doubles), so the double-valued
// scenario handed to the engine and the rational landscape handed to the brute-force oracle
// describe the same problem exactly.

import fc from 'fast-check';
import { Rational } from './rational';
import type { BasicObservable, BruteSchedule, PolyLandscape } from './bruteforce';

/** The scenario object produced for a polynomial case (a subset of scenario.md v1). */
export interface PolyScenarioJSON {
  weights: string[];
  init: number[];
  loss: string;
  data: { atoms: { p: number; values: Record<string, number> }[] };
  schedule: { N: number; B: number; epochs: number; shuffle: boolean } | { N: number; batches: number[][] };
  observable: 'test-loss' | 'train-loss' | { weight: string };
  order: number;
  eta?: number;
}

export interface PolyCase {
  landscape: PolyLandscape;
  schedule: BruteSchedule;
  observable: BasicObservable;
  order: number;
}

/** Weight names: t (dim 1); u, v (dim 2); u, v, w (dim 3); w0, w1, … otherwise. */
export function weightNames(dim: number): string[] {
  if (dim === 1) return ['t'];
  if (dim === 2) return ['u', 'v'];
  if (dim === 3) return ['u', 'v', 'w'];
  return Array.from({ length: dim }, (_, i) => `w${i}`);
}

function toDouble(r: Rational, what: string, allowInexact: boolean): number {
  const x = r.toNumber();
  if (!allowInexact && !Rational.fromNumber(x).equals(r))
    throw new RangeError(`toScenario: ${what} = ${r} is not exactly a double (use dyadic numbers)`);
  return x;
}

function monomialString(alpha: readonly number[], names: readonly string[]): string {
  const parts: string[] = [];
  alpha.forEach((a, i) => {
    if (a === 1) parts.push(names[i]);
    else if (a > 1) parts.push(`${names[i]}^${a}`);
  });
  return parts.join('*');
}

function compareAlpha(a: readonly number[], b: readonly number[]): number {
  const da = a.reduce((s, x) => s + x, 0);
  const db = b.reduce((s, x) => s + x, 0);
  if (da !== db) return da - db;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}

/**
 * The scenario of a polynomial case: one data variable c_j per distinct monomial, the loss
 * Σ_j c_j·θ^alpha_j, and an atoms law giving each atom's coefficients. Throws when a number is
 * not exactly representable as a double, unless allowInexact.
 */
export function toScenario(
  l: PolyLandscape,
  s: BruteSchedule,
  obs: BasicObservable,
  order: number,
  opts: { eta?: number; allowInexact?: boolean } = {},
): PolyScenarioJSON {
  const allowInexact = opts.allowInexact ?? false;
  const names = weightNames(l.dim);
  // distinct monomials, in a fixed order
  const monos = new Map<string, number[]>();
  for (const a of l.atoms)
    for (const t of a.terms) {
      if (t.alpha.length !== l.dim) throw new RangeError(`toScenario: exponent ${t.alpha} has length ≠ dim`);
      monos.set(t.alpha.join(','), t.alpha);
    }
  const alphas = [...monos.values()].sort(compareAlpha);
  const index = new Map(alphas.map((a, j) => [a.join(','), j]));
  const loss =
    alphas.length === 0
      ? '0'
      : alphas
          .map((a, j) => {
            const m = monomialString(a, names);
            return m === '' ? `c${j}` : `c${j}*${m}`;
          })
          .join(' + ');
  const atoms = l.atoms.map((a, ai) => {
    const coefs = alphas.map(() => Rational.ZERO);
    for (const t of a.terms) {
      const j = index.get(t.alpha.join(','))!;
      coefs[j] = coefs[j].add(t.coef);
    }
    const values: Record<string, number> = {};
    coefs.forEach((c, j) => (values[`c${j}`] = toDouble(c, `atom ${ai} c${j}`, allowInexact)));
    return { p: toDouble(a.p, `atom ${ai} p`, allowInexact), values };
  });
  const schedule =
    'batches' in s
      ? { N: s.N, batches: s.batches.map((b) => [...b]) }
      : { N: s.N, B: s.B, epochs: s.epochs, shuffle: s.shuffle };
  const observable = typeof obs === 'object' ? { weight: names[obs.weight] } : obs;
  const out: PolyScenarioJSON = {
    weights: names,
    init: l.theta0.map((x, i) => toDouble(x, `init ${names[i]}`, allowInexact)),
    loss,
    data: { atoms },
    schedule,
    observable,
    order,
  };
  if (opts.eta !== undefined) out.eta = opts.eta;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading a polynomial scenario back (the oracle files and toScenario's output).

type Token = { kind: 'num'; text: string } | { kind: 'id'; text: string } | { kind: 'op'; text: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*^]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new SyntaxError(`polynomial loss: unsupported text at position ${pos}: "${src.slice(pos)}"`);
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'id', text: m[2] });
    else out.push({ kind: 'op', text: m[3] });
    pos = re.lastIndex;
  }
  return out;
}

interface ParsedTerm {
  coef: Rational; // product of numeric literals and the sign
  data: string[]; // data variables multiplied in (with repetition)
  alpha: number[];
}

/** Σ ± (factor * factor * …), factor = number | name, optionally ^ a non-negative integer. */
export function parsePolynomialLoss(
  src: string,
  weights: readonly string[],
  dataVars: ReadonlySet<string>,
  num: (x: number) => Rational,
): ParsedTerm[] {
  const toks = tokenize(src);
  let i = 0;
  const terms: ParsedTerm[] = [];
  const fail = (msg: string): never => {
    throw new SyntaxError(`polynomial loss "${src}": ${msg}`);
  };
  while (i < toks.length || terms.length === 0) {
    let sign = Rational.ONE;
    if (i < toks.length && toks[i].kind === 'op' && (toks[i].text === '+' || toks[i].text === '-')) {
      if (toks[i].text === '-') sign = sign.neg();
      i++;
    } else if (terms.length > 0) fail(`expected + or - at token ${i}`);
    const term: ParsedTerm = { coef: sign, data: [], alpha: weights.map(() => 0) };
    for (;;) {
      const t = toks[i++];
      if (!t || t.kind === 'op') fail(`expected a number or name at token ${i - 1}`);
      let power = 1;
      if (toks[i]?.kind === 'op' && toks[i].text === '^') {
        const e = toks[i + 1];
        if (!e || e.kind !== 'num' || !/^\d+$/.test(e.text)) fail('exponent must be a non-negative integer');
        power = Number(e.text);
        i += 2;
      }
      if (t.kind === 'num') term.coef = term.coef.mul(num(Number(t.text)).pow(power));
      else if (weights.includes(t.text)) term.alpha[weights.indexOf(t.text)] += power;
      else if (dataVars.has(t.text)) for (let k = 0; k < power; k++) term.data.push(t.text);
      else fail(`unknown name ${t.text}`);
      if (toks[i]?.kind === 'op' && toks[i].text === '*') i++;
      else break;
    }
    terms.push(term);
  }
  return terms;
}

/**
 * A polynomial scenario as a rational case. Numbers are read exactly, or, with snapDenominator,
 * as the smallest-denominator fraction (≤ snapDenominator) whose nearest double they are (so
 * 0.3333333333333333 reads as 1/3). Supports atoms laws and losses that are sums of products of
 * numbers, data variables and weights with integer powers.
 */
export function landscapeFromScenario(scn: PolyScenarioJSON, opts: { snapDenominator?: number } = {}): PolyCase {
  const num = (x: number): Rational =>
    opts.snapDenominator ? Rational.snap(x, opts.snapDenominator) : Rational.fromNumber(x);
  const weights = scn.weights;
  const dim = weights.length;
  if (!scn.data || !('atoms' in scn.data)) throw new RangeError('landscapeFromScenario: data must be an atoms law');
  const dataVars = new Set<string>();
  for (const a of scn.data.atoms) for (const k of Object.keys(a.values)) dataVars.add(k);
  const parsed = parsePolynomialLoss(scn.loss, weights, dataVars, num);
  const atoms = scn.data.atoms.map((a) => ({
    p: num(a.p),
    terms: parsed.map((t) => ({
      alpha: [...t.alpha],
      coef: t.data.reduce((c, v) => {
        if (!(v in a.values)) throw new RangeError(`landscapeFromScenario: an atom lacks ${v}`);
        return c.mul(num(a.values[v]));
      }, t.coef),
    })),
  }));
  const obs = scn.observable;
  let observable: BasicObservable;
  if (typeof obs === 'object') {
    const k = weights.indexOf(obs.weight);
    if (k < 0) throw new RangeError(`landscapeFromScenario: unknown weight ${obs.weight}`);
    observable = { weight: k };
  } else observable = obs;
  return {
    landscape: { dim, theta0: scn.init.map(num), atoms },
    schedule: scn.schedule,
    observable,
    order: scn.order,
  };
}

// ---------------------------------------------------------------------------------------------
// Random small cases.

function monomials(dim: number, maxDegree: number): number[][] {
  if (dim === 0) return [[]];
  const out: number[][] = [];
  for (let a = 0; a <= maxDegree; a++) for (const rest of monomials(dim - 1, maxDegree - a)) out.push([a, ...rest]);
  return out;
}

function divisors(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Schedules: one epoch (N ≤ 4, B | N), two epochs (N ≤ 3, ± shuffle), GD, explicit batches. */
export function arbitraryBruteSchedule(): fc.Arbitrary<BruteSchedule> {
  const oneEpoch = fc.integer({ min: 1, max: 4 }).chain((N) =>
    fc.record({
      N: fc.constant(N),
      B: fc.constantFrom(...divisors(N)),
      epochs: fc.constant(1),
      shuffle: N <= 3 ? fc.boolean() : fc.constant(false),
    }),
  );
  const twoEpochs = fc.integer({ min: 1, max: 3 }).chain((N) =>
    fc.record({
      N: fc.constant(N),
      B: fc.constantFrom(...divisors(N)),
      epochs: fc.constant(2),
      shuffle: fc.boolean(),
    }),
  );
  const gd = fc
    .record({ N: fc.integer({ min: 1, max: 4 }), epochs: fc.integer({ min: 1, max: 3 }) })
    .map(({ N, epochs }) => ({ N, B: N, epochs, shuffle: false }));
  const explicit = fc
    .integer({ min: 1, max: 3 })
    .chain((N) =>
      fc
        .array(fc.subarray(range(N), { minLength: 1 }), { minLength: 1, maxLength: 4 })
        .map((batches) => ({ N, batches })),
    );
  return fc.oneof<fc.Arbitrary<BruteSchedule>[]>(oneEpoch, twoEpochs, gd, explicit);
}

/**
 * Small random polynomial cases: dim 1 or 2; 2–3 atoms with probabilities k/16 summing to 1;
 * 1–4 monomials of total degree ≤ 4 with per-atom coefficients k/4 (|k| ≤ 8); θ₀ entries k/4
 * (|k| ≤ 4); the schedules of arbitraryBruteSchedule; every observable; order 4 by default.
 */
export function arbitraryPolyCase(opts: { order?: number } = {}): fc.Arbitrary<PolyCase> {
  const order = opts.order ?? 4;
  return fc.integer({ min: 1, max: 2 }).chain((dim) => {
    const monos = monomials(dim, 4);
    const probs = fc
      .integer({ min: 2, max: 3 })
      .chain((m) => fc.uniqueArray(fc.integer({ min: 1, max: 15 }), { minLength: m - 1, maxLength: m - 1 }))
      .map((cuts) => {
        const c = [0, ...[...cuts].sort((a, b) => a - b), 16];
        return c.slice(1).map((x, i) => Rational.of(x - c[i], 16));
      });
    const observable: fc.Arbitrary<BasicObservable> = fc.oneof(
      fc.constant<BasicObservable>('test-loss'),
      fc.constant<BasicObservable>('train-loss'),
      fc.integer({ min: 0, max: dim - 1 }).map((k): BasicObservable => ({ weight: k })),
    );
    return fc
      .record({
        probs,
        monoIdx: fc.uniqueArray(fc.integer({ min: 0, max: monos.length - 1 }), { minLength: 1, maxLength: 4 }),
        coefs: fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 12, maxLength: 12 }),
        theta0: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: dim, maxLength: dim }),
        schedule: arbitraryBruteSchedule(),
        observable,
      })
      .map(({ probs, monoIdx, coefs, theta0, schedule, observable }): PolyCase => ({
        landscape: {
          dim,
          theta0: theta0.map((k) => Rational.of(k, 4)),
          atoms: probs.map((p, a) => ({
            p,
            terms: monoIdx
              .map((j, jj) => ({ alpha: [...monos[j]], coef: Rational.of(coefs[a * 4 + jj], 4) }))
              .filter((t) => !t.coef.isZero()),
          })),
        },
        schedule,
        observable,
        order,
      }));
  });
}
