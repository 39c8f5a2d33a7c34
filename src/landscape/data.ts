// The law of one datapoint, as a scenario's `data` field (scenario.md):
//   {"atoms": [{"p": 0.5, "values": {"a": 1, "b": 2}}, …]}   a joint discrete law, or
//   {"normal": {"x": {"mean": 0, "std": 1}, …}}               independent normal variables.
// A parsed DataLaw has exactly this JSON shape (so it serialises back unchanged), validated.
// Expectations over the law use `lawPoints`: the atoms themselves, or a tensor-product
// Gauss–Hermite rule for the normals.

import { reservedNameProblem } from './formula/ast';
import { gaussHermite } from './quadrature';
import { InputError } from '../theory/errors';

export interface Atom {
  readonly p: number;
  readonly values: Readonly<Record<string, number>>;
}
export interface NormalVar {
  readonly mean: number;
  readonly std: number;
}
export type AtomsLaw = { readonly atoms: readonly Atom[] };
export type NormalLaw = { readonly normal: Readonly<Record<string, NormalVar>> };
export type DataLaw = AtomsLaw | NormalLaw;

export interface LawPoint {
  /** Probability weight (the weights of all points sum to 1). */
  readonly w: number;
  readonly values: Readonly<Record<string, number>>;
}

/** A data law that does not validate; `path` names the offending field (e.g. data.atoms[2].p). */
export class DataLawError extends InputError {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'DataLawError';
    this.path = path;
  }
}

/** Largest number of quadrature points a normal law may expand to. */
export const MAX_LAW_POINTS = 1 << 20;

const TOLERANCE = 1e-12;

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return String(v);
  return `a ${typeof v}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function expectObject(v: unknown, path: string, what: string): Record<string, unknown> {
  if (!isObject(v)) throw new DataLawError(path, `expected ${what}, found ${kind(v)}`);
  return v;
}

function onlyKeys(obj: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      const list = allowed.map((a) => `"${a}"`).join(' and ');
      throw new DataLawError(field(path, k), `unknown field (${path} takes ${list})`);
    }
  }
}

function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new DataLawError(path, `expected a finite number, found ${kind(v)}`);
  return v;
}

function variableName(name: string, path: string): void {
  const problem = reservedNameProblem(name);
  if (problem) throw new DataLawError(path, `bad variable name: ${problem}`);
}

/** Neumaier-compensated sum, so that the 1e-12 test is about the data, not about rounding. */
function accurateSum(xs: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const x of xs) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

function parseAtoms(raw: unknown, path: string): AtomsLaw {
  if (!Array.isArray(raw) || raw.length === 0)
    throw new DataLawError(path, `expected a non-empty array of atoms, found ${kind(raw)}`);
  let names: string[] | null = null;
  const atoms = raw.map((a, i): Atom => {
    const ap = `${path}[${i}]`;
    const obj = expectObject(a, ap, 'an atom {"p": …, "values": {…}}');
    onlyKeys(obj, ap, ['p', 'values']);
    if (!('p' in obj)) throw new DataLawError(`${ap}.p`, 'missing (the probability of this atom)');
    if (!('values' in obj)) throw new DataLawError(`${ap}.values`, 'missing (the values of the data variables)');
    const p = finite(obj.p, `${ap}.p`);
    if (!(p > 0)) throw new DataLawError(`${ap}.p`, `probability must be positive, found ${p}`);
    const vals = expectObject(obj.values, `${ap}.values`, 'an object of variable values');
    const keys = Object.keys(vals);
    const values = Object.fromEntries(
      keys.map((k) => {
        variableName(k, field(`${ap}.values`, k));
        return [k, finite(vals[k], field(`${ap}.values`, k))];
      }),
    );
    if (names === null) names = keys;
    else {
      const first: string[] = names;
      const missing = first.find((n) => !keys.includes(n));
      const extra = keys.find((n) => !first.includes(n));
      const list = first.length ? first.join(', ') : 'no variables';
      if (missing !== undefined)
        throw new DataLawError(
          `${ap}.values`,
          `missing variable '${missing}' (${path}[0] has ${list}; all atoms must give the same variables)`,
        );
      if (extra !== undefined)
        throw new DataLawError(
          field(`${ap}.values`, extra),
          `unexpected variable (${path}[0] has ${list}; all atoms must give the same variables)`,
        );
    }
    return { p, values };
  });
  const total = accurateSum(atoms.map((a) => a.p));
  if (Math.abs(total - 1) > TOLERANCE) {
    throw new DataLawError(path, `probabilities sum to ${total}, not 1 (tolerance ${TOLERANCE})`);
  }
  return { atoms };
}

function parseNormal(raw: unknown, path: string): NormalLaw {
  const obj = expectObject(raw, path, 'an object {"name": {"mean": …, "std": …}, …}');
  const keys = Object.keys(obj);
  if (keys.length === 0) {
    throw new DataLawError(path, 'names no variable (for a loss without data use {"atoms": [{"p": 1, "values": {}}]})');
  }
  const normal = Object.fromEntries(
    keys.map((k) => {
      const vp = field(path, k);
      variableName(k, vp);
      const spec = expectObject(obj[k], vp, 'an object {"mean": …, "std": …}');
      onlyKeys(spec, vp, ['mean', 'std']);
      if (!('mean' in spec)) throw new DataLawError(`${vp}.mean`, 'missing');
      if (!('std' in spec)) throw new DataLawError(`${vp}.std`, 'missing');
      const mean = finite(spec.mean, `${vp}.mean`);
      const std = finite(spec.std, `${vp}.std`);
      if (std < 0) throw new DataLawError(`${vp}.std`, `standard deviation must be ≥ 0, found ${std}`);
      return [k, { mean, std }];
    }),
  );
  return { normal };
}

/** Validates a scenario's `data` field; errors name the field path starting at `path`. */
export function parseDataLaw(json: unknown, path = 'data'): DataLaw {
  const obj = expectObject(json, path, 'an object with "atoms" or "normal"');
  onlyKeys(obj, path, ['atoms', 'normal']);
  const hasAtoms = 'atoms' in obj;
  const hasNormal = 'normal' in obj;
  if (hasAtoms && hasNormal) throw new DataLawError(path, 'give either "atoms" or "normal", not both');
  if (hasAtoms) return parseAtoms(obj.atoms, `${path}.atoms`);
  if (hasNormal) return parseNormal(obj.normal, `${path}.normal`);
  throw new DataLawError(path, 'expected a field "atoms" (a discrete law) or "normal" (independent normals)');
}

export function isAtomsLaw(law: DataLaw): law is AtomsLaw {
  return 'atoms' in law;
}

/** The data variable names, in the order of the law's first atom or of the normal fields. */
export function dataVariables(law: DataLaw): string[] {
  return isAtomsLaw(law) ? Object.keys(law.atoms[0].values) : Object.keys(law.normal);
}

/**
 * Node indices of an ascending symmetric rule, from the centre outward in mirror pairs
 * (centre, −x₁, x₁, −x₂, x₂, …). Summed in this order, an odd function of one centred normal
 * variable (E[x], the gradient noise of a linear term) comes out exactly 0, not 1e-17.
 */
function centreOut(n: number): number[] {
  const out: number[] = n % 2 === 1 ? [n >> 1] : [];
  for (let k = (n >> 1) - 1; k >= 0; k--) out.push(k, n - 1 - k);
  return out;
}

/**
 * Weighted points representing the law: the atoms exactly, or for independent normals the
 * tensor product of `nodesPerVar`-point Gauss–Hermite rules (exact for E of polynomials of degree
 * ≤ 2·nodesPerVar − 1 in each variable). A variable with std 0 gets a single node.
 * Each variable's nodes run from its mean outward in mirror pairs; the last variable varies
 * fastest.
 */
export function lawPoints(law: DataLaw, nodesPerVar = 24): LawPoint[] {
  if (isAtomsLaw(law)) return law.atoms.map((a) => ({ w: a.p, values: { ...a.values } }));
  const names = Object.keys(law.normal);
  const rules = names.map((n) => {
    const { mean, std } = law.normal[n];
    if (std === 0) return { nodes: [mean], weights: [1] };
    const q = gaussHermite(nodesPerVar);
    const order = centreOut(nodesPerVar);
    return { nodes: order.map((i) => mean + std * q.nodes[i]), weights: order.map((i) => q.weights[i]) };
  });
  const count = rules.reduce((c, r) => c * r.nodes.length, 1);
  if (count > MAX_LAW_POINTS) {
    throw new DataLawError(
      'data.normal',
      `${names.length} variables with ${nodesPerVar} quadrature nodes each give ${count} points, more than ${MAX_LAW_POINTS}; use fewer nodes per variable`,
    );
  }
  const out: LawPoint[] = [];
  const idx = new Array<number>(names.length).fill(0);
  for (let c = 0; c < count; c++) {
    let w = 1;
    const values: Record<string, number> = {};
    names.forEach((n, v) => {
      w *= rules[v].weights[idx[v]];
      values[n] = rules[v].nodes[idx[v]];
    });
    out.push({ w, values });
    for (let v = names.length - 1; v >= 0; v--) {
      if (++idx[v] < rules[v].nodes.length) break;
      idx[v] = 0;
    }
  }
  return out;
}
