// Sweep plans and result files in this process: the grid, shards, bad plans named by field,
// merging (complete, duplicate, foreign, torn), resuming after a torn last line.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './main';
import { coordinatesOf, parsePlan, parseShard, readPlan, shardPoints, substituteParameters } from './sweep-plan';
import { shq } from './sweep-emit';
import { Turns } from './sweep-run';

const tmp = mkdtempSync(path.join(tmpdir(), 'sgd-sweep-plan-'));

export const baseScenario = {
  weights: ['u', 'v', 'z'],
  init: [0, 0, 0],
  loss: '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v) + eps*z',
  data: { normal: { x: { mean: 0, std: 1 } } },
  schedule: { N: 20, B: 1, epochs: 1, shuffle: false },
  observable: { weight: 'z' },
  order: 3,
  eta: 0.1,
};

const plan = {
  scenario: baseScenario,
  parameters: { eps: 0 },
  axes: { eta: [0.05, 0.1], 'schedule.N': [20, 40], seed: [0, 1] },
  simulate: { trajectories: 256, engine: 'cpu', record: 3 },
};

function file(name: string, obj: unknown): string {
  const f = path.join(tmp, name);
  writeFileSync(f, JSON.stringify(obj));
  return f;
}

const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean);

describe('the grid', () => {
  it('is the product of the axes, the first varying slowest', () => {
    const p = parsePlan(plan);
    expect(p.size).toBe(8);
    expect(coordinatesOf(p, 0)).toEqual({ eta: 0.05, 'schedule.N': 20, seed: 0 });
    expect(coordinatesOf(p, 1)).toEqual({ eta: 0.05, 'schedule.N': 20, seed: 1 });
    expect(coordinatesOf(p, 6)).toEqual({ eta: 0.1, 'schedule.N': 40, seed: 0 });
  });

  it('shards cover every point exactly once', () => {
    for (const size of [1, 7, 8, 100]) {
      for (const n of [1, 2, 3, 5, 8, 13]) {
        const all = Array.from({ length: n }, (_, i) => shardPoints(size, { index: i, count: n }))
          .flat()
          .sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: size }, (_, i) => i));
      }
    }
    expect(() => parseShard('3/3')).toThrow(/0 ≤ i < n/);
    expect(() => parseShard('1-3')).toThrow(/expected i\/n/);
  });

  it('changes the fingerprint with anything that changes a line, not with key order', () => {
    const a = parsePlan(plan).fingerprint;
    expect(
      parsePlan({
        simulate: plan.simulate,
        axes: plan.axes,
        parameters: plan.parameters,
        scenario: plan.scenario,
      }).fingerprint,
    ).toBe(a);
    expect(parsePlan({ ...plan, simulate: { ...plan.simulate, trajectories: 512 } }).fingerprint).not.toBe(a);
    expect(
      parsePlan({ ...plan, axes: { seed: [0, 1], eta: [0.05, 0.1], 'schedule.N': [20, 40] } }).fingerprint,
    ).not.toBe(a);
  });

  it('puts loss parameters into the formula as numbers, whole names only', () => {
    expect(substituteParameters('eps*z + epsilon + exp(eps)', { eps: -0.5 })).toBe('(-0.5)*z + epsilon + exp((-0.5))');
    const p = parsePlan({ ...plan, axes: { eps: [0, 0.01] } });
    expect(p.axes[0].target).toBe('parameter');
  });

  it('quotes for the shell only what needs it', () => {
    expect(shq('/a/b.jsonl')).toBe('/a/b.jsonl');
    expect(shq("it's here")).toBe(`'it'\\''s here'`);
  });
});

describe('GPU turns', () => {
  it('lend the device to one worker at a time, in order of asking', () => {
    const granted: string[] = [];
    const t = new Turns<string>((h) => granted.push(h));
    t.request('a');
    t.request('b');
    t.request('c');
    expect(granted).toEqual(['a']);
    t.release('b'); // a waiting worker that exits leaves the queue
    t.release('a');
    expect(granted).toEqual(['a', 'c']);
    t.release('a'); // not the holder: nothing changes
    expect(t.current).toBe('c');
    t.release('c');
    expect(t.current).toBeNull();
    expect(granted).toEqual(['a', 'c']);
  });
});

describe('the example plan', () => {
  it('docs/examples/sweep.json is a valid plan of 8 points', () => {
    const p = readPlan(path.resolve(import.meta.dirname, '../../docs/examples/sweep.json'));
    expect(p.size).toBe(8);
    expect(p.axes.map((a) => a.target)).toEqual(['scenario', 'parameter', 'simulate']);
  });
});

describe('bad plans name the field', () => {
  it.each([
    ['unknown plan field', { ...plan, grid: [] }, /plan: unknown field "grid"/],
    [
      'unknown path',
      { ...plan, axes: { 'schedule.M': [1] } },
      /axes\."schedule\.M": the base scenario's schedule has no field "M"/,
    ],
    ['unknown top field', { ...plan, axes: { colour: [1] } }, /axes\."colour": unknown field "colour"/],
    ['index out of range', { ...plan, axes: { 'init.3': [1] } }, /axes\."init\.3": "3" is not an index of init/],
    ['empty axis', { ...plan, axes: { eta: [] } }, /axes\."eta": expected a non-empty array/],
    ['not an array', { ...plan, axes: { eta: 0.1 } }, /axes\."eta": expected a non-empty array/],
    [
      'wrong type',
      { ...plan, axes: { 'schedule.N': [20, '40'] } },
      /axes\."schedule\.N"\[1\]: expected a number like the base value, got "40"/,
    ],
    ['duplicate value', { ...plan, axes: { seed: [1, 1] } }, /axes\."seed"\[1\]: 1 appears twice/],
    [
      'bad point',
      { ...plan, axes: { 'schedule.B': [1, 3] } },
      /grid point 1 \(schedule\.B=3\): .*not divisible by B = 3/,
    ],
    [
      'bad optimizer',
      { ...plan, axes: { optimizer: ['sgd', 'adam'] } },
      /grid point 1 \(optimizer="adam"\): simulate\.optimizer/,
    ],
    [
      'simulation setting without simulate',
      { scenario: baseScenario, parameters: { eps: 0 }, axes: { seed: [0] } },
      /a simulation setting, but the plan has no "simulate"/,
    ],
    ['unknown parameter', { ...plan, axes: { 'parameters.tilt': [0] } }, /no loss parameter "tilt" \(declared: eps\)/],
    ['undeclared formula name', { ...plan, parameters: {}, axes: { eta: [0.1] } }, /loss: unknown variable "eps"/],
    ['no axes', { ...plan, axes: {} }, /axes: at least one axis/],
    [
      'unused parameter',
      { ...plan, parameters: { eps: 0, tilt: 1 } },
      /parameters\.tilt: the loss formula does not use "tilt"/,
    ],
    ['parameter shadowing data', { ...plan, parameters: { eps: 0, x: 1 } }, /parameters\.x: a weight or data variable/],
    [
      'parameter named like a function',
      { ...plan, parameters: { eps: 0, exp: 1 } },
      /parameters\.exp: 'exp' is a function/,
    ],
    [
      'bad simulate field',
      { ...plan, simulate: { trajectories: 0 } },
      /simulate\.trajectories: expected an integer ≥ 1/,
    ],
    ['missing trajectories', { ...plan, simulate: { engine: 'cpu' } }, /simulate\.trajectories: missing/],
    ['nothing to do', { ...plan, simulate: false, predict: false }, /nothing to do/],
  ])('%s', (_, raw, msg) => {
    expect(() => parsePlan(raw)).toThrow(msg);
  });

  it('names the plan file and a missing scenario file', async () => {
    const f = file('bad-scenario.json', { ...plan, scenario: 'nowhere.json' });
    await expect(run(['sweep', f, '--out', path.join(tmp, 'x.jsonl')])).rejects.toThrow(
      /bad-scenario\.json: scenario: cannot read "nowhere\.json" \(ENOENT\)/,
    );
  });
});

describe('sweep in one process', () => {
  it('three shards merged equal the whole grid, line for line', async () => {
    const f = file('plan.json', plan);
    const whole = path.join(tmp, 'whole.jsonl');
    const summary = await run(['sweep', f, '--out', whole, '--jobs', '1']);
    expect(summary).toMatchObject({ points: 8, computed: 8, alreadyDone: 0 });
    const parts = [0, 1, 2].map((i) => path.join(tmp, `part-${i}.jsonl`));
    for (let i = 0; i < 3; i++) await run(['sweep', f, '--out', parts[i], '--shard', `${i}/3`, '--jobs', '1']);
    expect(parts.map((p) => lines(p).length)).toEqual([3, 3, 2]);
    const merged = path.join(tmp, 'merged.jsonl');
    expect(await run(['sweep', f, '--merge', ...parts, '--out', merged])).toMatchObject({ points: 8 });
    const sorted = lines(whole).sort((a, b) => JSON.parse(a).index - JSON.parse(b).index);
    expect(lines(merged)).toEqual(sorted);
    const first = JSON.parse(sorted[0]);
    expect(Object.keys(first)).toEqual(['plan', 'index', 'point', 'prediction', 'simulation']);
    expect(first.prediction.T).toBe(20);
    expect(first.simulation).toMatchObject({
      engine: 'cpu',
      T: 20,
      steps: [0, 10, 20],
      trajectories: 256,
      seed: 0,
      eta: 0.05,
    });
    // The simulation is the simulate command's for that point.
    const { simulateCommand } = await import('./simulate');
    const scen = file('p7.json', {
      ...baseScenario,
      loss: baseScenario.loss.replace('eps', '(0)'),
      eta: 0.1,
      schedule: { ...baseScenario.schedule, N: 40 },
    });
    const direct = await simulateCommand([
      scen,
      '--trajectories',
      '256',
      '--seed',
      '1',
      '--engine',
      'cpu',
      '--record',
      '3',
    ]);
    expect(JSON.parse(sorted[7]).simulation).toEqual(direct);

    // a rerun finds everything done
    expect(await run(['sweep', f, '--out', whole, '--jobs', '1'])).toMatchObject({
      computed: 0,
      alreadyDone: 8,
    });

    await expect(run(['sweep', f, '--merge', parts[0], parts[1], '--out', merged])).rejects.toThrow(
      /2 of 8 grid points are missing \(2, 5\)/,
    );
    await expect(run(['sweep', f, '--merge', ...parts, parts[1], '--out', merged])).rejects.toThrow(
      /point 1 is in both .*part-1\.jsonl and .*part-1\.jsonl/,
    );
    const other = file('other.json', { ...plan, simulate: { ...plan.simulate, trajectories: 128 } });
    await expect(run(['sweep', other, '--merge', ...parts, '--out', merged])).rejects.toThrow(
      /part-0\.jsonl, line 1: a point of another plan/,
    );
    await expect(run(['sweep', other, '--out', whole])).rejects.toThrow(
      /whole\.jsonl, line 1: a point of another plan/,
    );

    // A torn last line (a write cut short) is dropped on resume, refused by merge.
    appendFileSync(parts[2], sorted[2].slice(0, 40));
    await expect(run(['sweep', f, '--merge', ...parts, '--out', merged])).rejects.toThrow(
      /part-2\.jsonl ends in an incomplete line/,
    );
    expect(await run(['sweep', f, '--out', parts[2], '--shard', '2/3', '--jobs', '1'])).toMatchObject({
      computed: 0,
      droppedTornLine: true,
    });
    await run(['sweep', f, '--merge', ...parts, '--out', merged]);
    expect(lines(merged)).toEqual(sorted);
    // A broken line in the middle is not ours to drop.
    writeFileSync(parts[2], `${sorted[2]}\nnot json\n${sorted[5]}\n`);
    await expect(run(['sweep', f, '--out', parts[2], '--shard', '2/3'])).rejects.toThrow(
      /part-2\.jsonl, line 2: not a JSON line of a sweep/,
    );
  });

  it('records what a point itself cannot do in its line', async () => {
    const f = file('huge.json', {
      ...plan,
      axes: { trajectories: [16, 2 ** 28] },
      simulate: { ...plan.simulate, record: 2 },
    });
    const out = path.join(tmp, 'huge.jsonl');
    await run(['sweep', f, '--out', out, '--jobs', '1']);
    const [small, huge] = lines(out).map((l) => JSON.parse(l));
    expect(small.simulation.trajectories).toBe(16);
    expect(huge.point).toEqual({ trajectories: 2 ** 28 });
    expect(typeof huge.prediction.resummed).toBe('number');
    expect(huge.simulation.error).toMatch(/too many for the CPU engine/);
  });

  it('rejects bad options', async () => {
    const f = file('plan2.json', plan);
    await expect(run(['sweep', f])).rejects.toThrow(/missing --out/);
    await expect(run(['sweep', f, '--out', 'x', '--jobs', '0'])).rejects.toThrow(/--jobs expects an integer ≥ 1/);
    await expect(run(['sweep', f, '--out', 'x', '--frob', '1'])).rejects.toThrow(/unknown option --frob/);
    await expect(run(['sweep', f, '--emit', 'nomad', '--shards', '2', '--out', 'x'])).rejects.toThrow(
      /--emit expects k8s or slurm/,
    );
    await expect(run(['sweep', f, '--emit', 'k8s', '--out', 'x'])).rejects.toThrow(/missing --shards/);
  });
});
