// Sweep plans: a base scenario plus axes whose product is the grid (README "Sweeps and clusters").
// Everything a point's line depends on is in the plan, and the plan's fingerprint (a hash of it)
// is written into every line, so results of different plans can never be mixed up.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { reservedNameProblem } from '../landscape/formula/ast';
import { parseScenario, type ParsedScenario } from '../landscape/scenario';
import { OPTIMIZERS, type Optimizer } from '../sim/plan';

export class PlanError extends Error {}

export interface SimSettings {
  trajectories: number;
  seed: number;
  optimizer: Optimizer;
  record: number;
  engine: 'gpu' | 'cpu' | 'auto';
  substeps?: number;
}

export interface Axis {
  path: string;
  values: unknown[];
  /** Where the path points: the scenario, the simulation settings or a loss parameter. */
  target: 'scenario' | 'simulate' | 'parameter';
  /** The path inside its target (e.g. `schedule.N`, `seed`, `eps`). */
  key: string[];
}

export interface Plan {
  fingerprint: string;
  scenario: Record<string, unknown>;
  parameters: Record<string, number>;
  axes: Axis[];
  simulate: SimSettings | null;
  predict: boolean;
  /** Number of grid points (product of the axis lengths). */
  size: number;
}

export interface Point {
  index: number;
  coordinates: Record<string, unknown>;
  scenario: ParsedScenario;
  simulate: SimSettings | null;
}

const PLAN_FIELDS = ['scenario', 'parameters', 'axes', 'simulate', 'predict'];
const SCENARIO_FIELDS = ['weights', 'init', 'loss', 'data', 'schedule', 'observable', 'order', 'eta'];
/** Scenario fields an axis may set although the base scenario leaves them out. */
const OPTIONAL_SCENARIO = ['order', 'eta'];
const SIM_FIELDS = ['trajectories', 'seed', 'optimizer', 'record', 'engine', 'substeps'];
const SIM_DEFAULTS = { seed: 0, optimizer: 'sgd', record: 100, engine: 'auto' };
/** Beyond this the plan is surely a mistake (each point is a prediction and a simulation). */
const MAX_POINTS = 1_000_000;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** JSON with object keys sorted, so equal plans hash equally however their files are laid out. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function checkSim(raw: unknown, where: string): SimSettings {
  if (!isObject(raw))
    throw new PlanError(`${where}: expected an object with trajectories, seed, optimizer, record, engine`);
  for (const k of Object.keys(raw)) {
    if (!SIM_FIELDS.includes(k))
      throw new PlanError(`${where}.${k}: unknown field (allowed: ${SIM_FIELDS.join(', ')})`);
  }
  const s = { ...SIM_DEFAULTS, ...raw } as Record<string, unknown>;
  const int = (k: string, min: number) => {
    const v = s[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      throw new PlanError(`${where}.${k}: expected an integer ≥ ${min}, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  if (s.trajectories === undefined)
    throw new PlanError(`${where}.trajectories: missing (the number of trajectories per point)`);
  if (!OPTIMIZERS.includes(s.optimizer as Optimizer)) {
    throw new PlanError(
      `${where}.optimizer: expected one of ${OPTIMIZERS.join(', ')}, got ${JSON.stringify(s.optimizer)}`,
    );
  }
  if (!['gpu', 'cpu', 'auto'].includes(s.engine as string)) {
    throw new PlanError(`${where}.engine: expected "gpu", "cpu" or "auto", got ${JSON.stringify(s.engine)}`);
  }
  const out: SimSettings = {
    trajectories: int('trajectories', 1),
    seed: int('seed', 0),
    optimizer: s.optimizer as Optimizer,
    record: int('record', 2),
    engine: s.engine as SimSettings['engine'],
  };
  if (s.substeps !== undefined) out.substeps = int('substeps', 1);
  return out;
}

/** Resolve an axis path to its target; throws naming the path when it leads nowhere. */
function resolveAxis(
  p: string,
  scenario: Record<string, unknown>,
  params: Record<string, number>,
  hasSim: boolean,
): Axis {
  const where = `axes."${p}"`;
  const parts = p.split('.');
  if (parts.some((s) => s === ''))
    throw new PlanError(`${where}: not a field path (expected names separated by dots, e.g. "schedule.N")`);
  if (parts[0] === 'parameters' || (parts.length === 1 && parts[0] in params)) {
    const name = parts[parts.length - 1];
    if (parts.length > 2 || !(name in params)) {
      throw new PlanError(
        `${where}: no loss parameter "${name}" (declared: ${Object.keys(params).join(', ') || 'none'})`,
      );
    }
    return { path: p, values: [], target: 'parameter', key: [name] };
  }
  const simKey = parts[0] === 'simulate' ? parts.slice(1) : SIM_FIELDS.includes(parts[0]) ? parts : null;
  if (simKey) {
    if (!hasSim) throw new PlanError(`${where}: a simulation setting, but the plan has no "simulate" section`);
    if (simKey.length !== 1 || !SIM_FIELDS.includes(simKey[0])) {
      throw new PlanError(`${where}: unknown simulation setting (allowed: ${SIM_FIELDS.join(', ')})`);
    }
    return { path: p, values: [], target: 'simulate', key: simKey };
  }
  const key = parts[0] === 'scenario' ? parts.slice(1) : parts;
  if (!SCENARIO_FIELDS.includes(key[0])) {
    throw new PlanError(
      `${where}: unknown field "${key[0]}" (scenario fields: ${SCENARIO_FIELDS.join(', ')}; ` +
        `simulation: ${SIM_FIELDS.join(', ')}; ` +
        `loss parameters: ${Object.keys(params).join(', ') || 'none'})`,
    );
  }
  let node: unknown = scenario;
  for (let i = 0; i < key.length; i++) {
    const k = key[i];
    const last = i === key.length - 1;
    const container = key.slice(0, i).join('.') || 'scenario';
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(k) || Number(k) >= node.length) {
        throw new PlanError(`${where}: "${k}" is not an index of ${container} (0..${node.length - 1})`);
      }
      node = node[Number(k)];
    } else if (isObject(node)) {
      if (!(k in node)) {
        if (last && i === 0 && OPTIONAL_SCENARIO.includes(k)) break;
        throw new PlanError(
          `${where}: the base scenario's ${container} has no field "${k}" ` +
            `(fields: ${Object.keys(node).join(', ')})`,
        );
      }
      node = node[k];
    } else {
      throw new PlanError(`${where}: ${container} is a ${jsonType(node)}, not an object or array`);
    }
  }
  return { path: p, values: [], target: 'scenario', key };
}

function setPath(obj: Record<string, unknown>, key: string[], value: unknown): void {
  let node = obj as Record<string, unknown> | unknown[];
  for (let i = 0; i < key.length - 1; i++) node = (node as Record<string, unknown>)[key[i]] as Record<string, unknown>;
  (node as Record<string, unknown>)[key[key.length - 1]] = value;
}

function getPath(obj: unknown, key: string[]): unknown {
  let node = obj;
  for (const k of key) node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[k] : undefined;
  return node;
}

const IDENTIFIERS = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Weight and data-variable names of a raw scenario (a parameter must not shadow them). */
function namesInScenario(sc: Record<string, unknown>): string[] {
  const names = Array.isArray(sc.weights) ? sc.weights.filter((w): w is string => typeof w === 'string') : [];
  const data = sc.data;
  if (isObject(data) && isObject(data.normal)) names.push(...Object.keys(data.normal));
  if (isObject(data) && Array.isArray(data.atoms)) {
    for (const a of data.atoms) if (isObject(a) && isObject(a.values)) names.push(...Object.keys(a.values));
  }
  return names;
}

/** Replace each parameter name in the loss by its value (whole identifiers only). */
export function substituteParameters(loss: string, params: Record<string, number>): string {
  return loss.replace(IDENTIFIERS, (id) => (id in params ? `(${params[id]})` : id));
}

/**
 * Validate a plan object; `dir` resolves a scenario given as a file name. `checkPoints: false`
 * skips validating every grid point (≈ 40 µs each), for workers of a plan already checked.
 */
export function parsePlan(raw: unknown, dir = '.', opts: { checkPoints?: boolean } = {}): Plan {
  if (!isObject(raw)) throw new PlanError('plan: expected a JSON object with "scenario" and "axes"');
  for (const k of Object.keys(raw)) {
    if (!PLAN_FIELDS.includes(k))
      throw new PlanError(`plan: unknown field "${k}" (allowed: ${PLAN_FIELDS.join(', ')})`);
  }
  let scenario = raw.scenario;
  if (typeof scenario === 'string') {
    const file = path.resolve(dir, scenario);
    try {
      scenario = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new PlanError(
        `scenario: cannot read "${scenario}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  }
  if (!isObject(scenario))
    throw new PlanError('scenario: expected the base scenario (an object, or the name of its file)');
  const params = raw.parameters ?? {};
  if (!isObject(params)) throw new PlanError('parameters: expected an object of names and numbers');
  const taken = namesInScenario(scenario);
  for (const [k, v] of Object.entries(params)) {
    const problem = reservedNameProblem(k);
    if (problem) throw new PlanError(`parameters.${k}: ${problem}`);
    if (taken.includes(k)) throw new PlanError(`parameters.${k}: a weight or data variable of the scenario`);
    if (typeof scenario.loss === 'string' && !(scenario.loss.match(IDENTIFIERS) ?? ([] as string[])).includes(k)) {
      throw new PlanError(`parameters.${k}: the loss formula does not use "${k}"`);
    }
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new PlanError(`parameters.${k}: expected a finite number, got ${JSON.stringify(v)}`);
    if (SCENARIO_FIELDS.includes(k) || SIM_FIELDS.includes(k))
      throw new PlanError(`parameters.${k}: the name of a plan field; choose another`);
  }
  const simulate = raw.simulate === undefined || raw.simulate === false ? null : checkSim(raw.simulate, 'simulate');
  const predict = raw.predict ?? true;
  if (typeof predict !== 'boolean')
    throw new PlanError(`predict: expected true or false, got ${JSON.stringify(predict)}`);
  if (!predict && !simulate) throw new PlanError('plan: nothing to do ("predict" is false and there is no "simulate")');
  if (!isObject(raw.axes)) throw new PlanError('axes: expected an object mapping field paths to arrays of values');
  const axes: Axis[] = [];
  for (const [p, values] of Object.entries(raw.axes)) {
    const axis = resolveAxis(p, scenario, params as Record<string, number>, simulate !== null);
    if (axes.some((a) => a.target === axis.target && a.key.join('.') === axis.key.join('.'))) {
      throw new PlanError(`axes."${p}": the same field as another axis`);
    }
    if (!Array.isArray(values) || values.length === 0)
      throw new PlanError(`axes."${p}": expected a non-empty array of values`);
    const base =
      axis.target === 'scenario'
        ? getPath(scenario, axis.key)
        : axis.target === 'parameter'
          ? (params as Record<string, number>)[axis.key[0]]
          : (simulate as unknown as Record<string, unknown>)[axis.key[0]];
    const expected = base === undefined ? 'number' : jsonType(base);
    values.forEach((v, i) => {
      if (jsonType(v) !== expected)
        throw new PlanError(`axes."${p}"[${i}]: expected a ${expected} like the base value, got ${JSON.stringify(v)}`);
      if (values.findIndex((w) => canonicalJson(w) === canonicalJson(v)) !== i)
        throw new PlanError(`axes."${p}"[${i}]: ${JSON.stringify(v)} appears twice`);
    });
    axes.push({ ...axis, values });
  }
  if (axes.length === 0) throw new PlanError('axes: at least one axis is needed');
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > MAX_POINTS) throw new PlanError(`axes: ${size} grid points; at most ${MAX_POINTS} in one plan`);
  const fingerprint = createHash('sha256')
    .update(
      canonicalJson({
        scenario,
        parameters: params,
        axes: axes.map((a) => [a.path, a.values]),
        simulate,
        predict,
      }),
    )
    .digest('hex')
    .slice(0, 16);
  const plan: Plan = {
    fingerprint,
    scenario,
    parameters: params as Record<string, number>,
    axes,
    simulate,
    predict,
    size,
  };
  // Every point is checked now, so a bad value fails before hours of work, not in the middle.
  if (opts.checkPoints ?? true) for (let i = 0; i < size; i++) pointOf(plan, i);
  return plan;
}

export function readPlan(file: string, opts: { checkPoints?: boolean } = {}): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlanError(
      `cannot read plan file "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PlanError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  try {
    return parsePlan(raw, path.dirname(file), opts);
  } catch (e) {
    if (e instanceof PlanError) throw new PlanError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Grid index → coordinates: the first axis varies slowest (row-major in the plan's axis order). */
export function coordinatesOf(plan: Plan, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let rest = index;
  for (let a = plan.axes.length - 1; a >= 0; a--) {
    const ax = plan.axes[a];
    out[ax.path] = ax.values[rest % ax.values.length];
    rest = Math.floor(rest / ax.values.length);
  }
  return Object.fromEntries(plan.axes.map((a) => [a.path, out[a.path]]));
}

/** The scenario and simulation settings of grid point `index`, validated. */
export function pointOf(plan: Plan, index: number): Point {
  const coordinates = coordinatesOf(plan, index);
  const scenario = structuredClone(plan.scenario);
  const params = { ...plan.parameters };
  const sim = plan.simulate ? ({ ...plan.simulate } as unknown as Record<string, unknown>) : null;
  for (const ax of plan.axes) {
    const v = structuredClone(coordinates[ax.path]);
    if (ax.target === 'scenario') setPath(scenario, ax.key, v);
    else if (ax.target === 'parameter') params[ax.key[0]] = v as number;
    else sim![ax.key[0]] = v;
  }
  if (Object.keys(params).length && typeof scenario.loss === 'string')
    scenario.loss = substituteParameters(scenario.loss, params);
  const label = () =>
    `grid point ${index} (${Object.entries(coordinates)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ')})`;
  let parsed: ParsedScenario;
  let simulate: SimSettings | null = null;
  try {
    parsed = parseScenario(scenario);
    if (sim) {
      simulate = checkSim(sim, 'simulate');
      if (parsed.eta === undefined)
        throw new PlanError('eta: a simulation needs a learning rate (set "eta" or make it an axis)');
    }
  } catch (e) {
    throw new PlanError(`${label()}: ${(e as Error).message}`);
  }
  return { index, coordinates, scenario: parsed, simulate };
}

/** `i/n` → the grid points of shard i (every n-th point from i: cheap and expensive axes mix). */
export function parseShard(spec: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) {
    throw new PlanError(`--shard: expected i/n with 0 ≤ i < n (e.g. 0/4), got "${spec}"`);
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}

export function shardPoints(size: number, shard: { index: number; count: number }): number[] {
  const out: number[] = [];
  for (let i = shard.index; i < size; i += shard.count) out.push(i);
  return out;
}
