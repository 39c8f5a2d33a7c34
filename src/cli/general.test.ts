// The general observables through the CLI: every reference case of oracle/general (formula and
// variance observables, with and without a preconditioner) by `predict`, the formula catalogue
// by `diagrams`, and the bad inputs with their messages.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './main';

const repo = path.resolve(import.meta.dirname, '../..');
const oracleDir = path.resolve(repo, 'src/fixtures/oracle/general');
const tmp = mkdtempSync(path.join(tmpdir(), 'sgd-cli-general-'));

function scenarioFile(name: string, obj: unknown): string {
  const f = path.join(tmp, name);
  writeFileSync(f, JSON.stringify(obj));
  return f;
}

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), path.join(repo, 'src/cli/main.ts'), ...args],
    {
      encoding: 'utf8',
    },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Out {
  T: number;
  series: number[];
  moments?: { meanSquare: number[]; mean: number[] };
  value?: number;
  resummed?: number;
}

describe('predict reproduces every general reference series', () => {
  const files = readdirSync(oracleDir).filter((f) => f.endsWith('.json'));
  it('finds formula, variance and preconditioned cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    const scenarios = files.map((f) => JSON.parse(readFileSync(path.join(oracleDir, f), 'utf8')).scenario);
    expect(scenarios.some((s) => 'variance' in s.observable)).toBe(true);
    expect(scenarios.some((s) => 'formula' in s.observable)).toBe(true);
    expect(scenarios.some((s) => Array.isArray(s.preconditioner?.[0]) && s.weights.length > 1)).toBe(true);
  });
  it.each(files)('%s', async (f) => {
    const ref = JSON.parse(readFileSync(path.join(oracleDir, f), 'utf8'));
    const out = (await run(['predict', scenarioFile(f, ref.scenario)])) as Out;
    expect(out.T).toBe(ref.expected.T);
    if ('variance' in ref.scenario.observable) {
      // the variance's ingredients come along: s_k − Σ m_i m_{k−i} = a_k
      const { meanSquare, mean } = out.moments!;
      out.series.forEach((a, k) => {
        let v = meanSquare[k];
        for (let i = 0; i <= k; i++) v -= mean[i] * mean[k - i];
        expect(v).toBeCloseTo(a, 9);
      });
    }
    expect(out.series.length).toBe(ref.expected.series.length);
    out.series.forEach((a, k) => {
      const e = ref.expected.series[k];
      expect(Math.abs(a - e), `a_${k}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
    });
  });
  it('value and resummed at a small η agree with the series to O(η^{order+1})', async () => {
    const f = readdirSync(oracleDir).find((x) => x.includes('Pfull__variance'))!;
    const ref = JSON.parse(readFileSync(path.join(oracleDir, f), 'utf8'));
    const eta = 1e-4;
    const out = (await run(['predict', scenarioFile('v.json', { ...ref.scenario, eta })])) as Out;
    const exact = (ref.expected.series as number[]).reduce((s, a, k) => s + a * eta ** k, 0);
    expect(Math.abs(out.value! - exact)).toBeLessThan(1e-12);
    expect(Math.abs(out.resummed! - exact)).toBeLessThan(1e-2 * Math.abs(ref.expected.series[4]) * eta ** 4 + 1e-14);
  });
});

describe('the formula catalogue', () => {
  it('lists roots with two or more children, which the weight catalogue omits', () => {
    const r = cli(['diagrams', '--edges', '2', '--observable', 'formula']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout).map((x: { diagram: string }) => x.diagram);
    expect(list).toContain('c(0-1-2)(02-12)');
    expect(list).toContain('c(01-2)(02-12)');
    const w = JSON.parse(cli(['diagrams', '--edges', '2', '--observable', 'weight']).stdout).map(
      (x: { diagram: string }) => x.diagram,
    );
    expect(w).not.toContain('c(0-1-2)(02-12)');
  });
});

describe('bad general input', () => {
  const base = {
    weights: ['u', 'v'],
    init: [0, 0],
    loss: 'a*u + u^2 + v^2',
    data: {
      atoms: [
        { p: 0.5, values: { a: 1 } },
        { p: 0.5, values: { a: -1 } },
      ],
    },
    schedule: { N: 2, B: 1, epochs: 1, shuffle: false },
    observable: { formula: 'u*v' },
  };
  it.each([
    [
      'φ with a data variable',
      { ...base, observable: { formula: 'a*u' } },
      /observable.formula: "a" is a data variable/,
    ],
    [
      'variance of an unknown name',
      { ...base, observable: { variance: 'u*w' } },
      /observable.variance: unknown variable "w"/,
    ],
    ['φ with a syntax error', { ...base, observable: { formula: 'u*' } }, /observable.formula: .*column/],
    [
      'P of the wrong size',
      { ...base, preconditioner: [1, 2, 3] },
      /preconditioner: has 3 entries but there are 2 weights/,
    ],
    ['P with a zero entry', { ...base, preconditioner: [1, 0] }, /preconditioner\[1\]: .*positive entries, got 0/],
    [
      'P not symmetric',
      {
        ...base,
        preconditioner: [
          [1, 0.5],
          [0, 1],
        ],
      },
      /not symmetric: entry \[0\]\[1\] = 0.5 but \[1\]\[0\] = 0/,
    ],
    [
      'P indefinite',
      {
        ...base,
        preconditioner: [
          [1, 2],
          [2, 1],
        ],
      },
      /not positive definite: it has the eigenvalue -1/,
    ],
    ['an unknown observable form', { ...base, observable: { mean: 'u' } }, /observable: unknown field "mean"/],
  ])('%s', (_, obj, msg) => {
    const r = cli(['predict', scenarioFile('bad.json', obj)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
  });
});

describe('simulate with a formula observable and a preconditioner', () => {
  it('reports E φ per recorded step; P changes the run', async () => {
    const sc = {
      weights: ['u', 'v'],
      init: [0.5, -0.5],
      loss: '0.5*(u - x)^2 + 0.5*v^2*(1 + x^2)',
      data: { normal: { x: { mean: 0, std: 1 } } },
      schedule: { N: 8, B: 1, epochs: 1, shuffle: false },
      observable: { formula: 'u*v + v^2' },
      eta: 0.1,
    };
    const sim = async (extra: object) =>
      (await run([
        'simulate',
        scenarioFile('s.json', { ...sc, ...extra }),
        '--trajectories',
        '256',
        '--engine',
        'cpu',
        '--record',
        '2',
      ])) as {
        mean: number[];
        stderr: number[];
      };
    const plain = await sim({});
    const pre = await sim({
      preconditioner: [
        [2, 0.5],
        [0.5, 1],
      ],
    });
    expect(plain.mean[0]).toBeCloseTo(0.5 * -0.5 + 0.25, 6);
    expect(pre.mean[0]).toBeCloseTo(plain.mean[0], 6);
    expect(Math.abs(pre.mean[1] - plain.mean[1])).toBeGreaterThan(1e-3);
  });
});
