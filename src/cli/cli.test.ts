// The CLI contract of scenario.md: every reference series through `predict`, the catalogue
// through `diagrams`, and clear errors (stderr, exit 1) through the real command line.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './main';
import { requireGpu } from '../sim/testing/gpuFixture';

const repo = path.resolve(import.meta.dirname, '../..');
const oracleDir = path.resolve(repo, 'src/fixtures/oracle/series');
const tmp = mkdtempSync(path.join(tmpdir(), 'sgd-cli-'));

function scenarioFile(name: string, obj: unknown): string {
  const f = path.join(tmp, name);
  writeFileSync(f, typeof obj === 'string' ? obj : JSON.stringify(obj));
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

describe('predict reproduces every reference series', () => {
  const files = readdirSync(oracleDir).filter((f) => f.endsWith('.json'));
  it('finds the reference cases', () => expect(files.length).toBeGreaterThanOrEqual(27));
  it.each(files)('%s', async (f) => {
    const ref = JSON.parse(readFileSync(path.join(oracleDir, f), 'utf8'));
    const out = (await run(['predict', scenarioFile(f, ref.scenario)])) as {
      T: number;
      series: number[];
      diagrams: { coefficient: number; edges: number }[];
    };
    expect(out.T).toBe(ref.expected.T);
    expect(out.series.length).toBe(ref.expected.series.length);
    out.series.forEach((a, k) => {
      const e = ref.expected.series[k];
      expect(Math.abs(a - e), `a_${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
    });
  });
});

describe('the command line', () => {
  it('prints JSON for predict, diagrams and tensors', () => {
    const f = path.join(oracleDir, 'dim1_quartic__sgd_N2__test.json');
    const scen = scenarioFile('q.json', { ...JSON.parse(readFileSync(f, 'utf8')).scenario, eta: 0.01 });
    const p = JSON.parse(
      execFileSync(
        process.execPath,
        [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), path.join(repo, 'src/cli/main.ts'), 'predict', scen],
        { encoding: 'utf8' },
      ),
    );
    expect(p.T).toBe(2);
    expect(p.value).toBeCloseTo(
      p.series.reduce((s: number, a: number, k: number) => s + a * 0.01 ** k, 0),
      12,
    );
    expect(typeof p.resummed).toBe('number');
    const d = cli(['diagrams', '--edges', '3', '--observable', 'weight', '--irreducible']);
    expect(d.code).toBe(0);
    const list = JSON.parse(d.stdout);
    expect(list.map((x: { diagram: string }) => x.diagram)).toContain('c(01-2-3)(02-12-23)');
    expect(list.find((x: { diagram: string }) => x.diagram === 'c(01-2-3)(02-12-23)')).toMatchObject({
      edges: 3,
      parts: 3,
      ties: 1,
      aut: 2,
    });
  });

  it.each([
    ['malformed notation is not a scenario', ['diagrams', '--edges', 'x'], /--edges: expected an integer/],
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ])('%s', (_, args, msg) => {
    const r = cli(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
  });

  const base = {
    weights: ['t'],
    init: [0],
    loss: 'a*t + t^2',
    data: {
      atoms: [
        { p: 0.5, values: { a: 1 } },
        { p: 0.5, values: { a: -1 } },
      ],
    },
    schedule: { N: 2, B: 1, epochs: 1, shuffle: false },
    observable: 'test-loss',
  };
  it.each([
    ['formula syntax error with position', { ...base, loss: 'a*t + * t' }, /loss: .*column \d+/],
    ['unknown variable', { ...base, loss: 'a*t + b*t^2' }, /unknown variable "b"/],
    [
      'probabilities not summing to 1',
      {
        ...base,
        data: {
          atoms: [
            { p: 0.5, values: { a: 1 } },
            { p: 0.4, values: { a: -1 } },
          ],
        },
      },
      /sum to 0\.9/,
    ],
    [
      'N not divisible by B',
      { ...base, schedule: { N: 3, B: 2, epochs: 1, shuffle: false } },
      /not divisible by B = 2/,
    ],
    ['unknown field', { ...base, colour: 'red' }, /unknown field "colour"/],
    ['missing field', { ...base, loss: undefined }, /missing required field "loss"/],
    ['bad observable', { ...base, observable: { weight: 'q' } }, /observable.weight: "q" is not one of the weights/],
  ])('scenario with %s', (_, obj, msg) => {
    const r = cli(['predict', scenarioFile('bad.json', obj)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
  });

  it('names invalid JSON and missing files', () => {
    expect(cli(['predict', scenarioFile('broken.json', '{"weights": [')]).stderr).toMatch(/not valid JSON/);
    expect(cli(['predict', path.join(tmp, 'nope.json')]).stderr).toMatch(/cannot read scenario file .*ENOENT/);
  });
});

describe('the GPU driver stack stays quiet', () => {
  requireGpu();
  // Mesa's drivers and Dawn print start-up notes (a missing XDG_RUNTIME_DIR, adapters Dawn cannot
  // use) on every call; a user of the CLI sees only the JSON, or real errors.
  const scenario = path.resolve(repo, 'docs/examples/archimedes.json');
  const args = ['simulate', scenario, '--trajectories', '64', '--record', '2', '--engine', 'gpu'];
  const envWithoutXdg = () => {
    const env = { ...process.env };
    delete env.XDG_RUNTIME_DIR;
    delete env.VK_ICD_FILENAMES;
    return env;
  };
  it('a GPU simulation prints nothing on stderr', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), path.join(repo, 'src/cli/main.ts'), ...args],
      {
        encoding: 'utf8',
        env: envWithoutXdg(),
      },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).engine).toBe('gpu');
    expect(r.stderr).toBe('');
  });
  it('--verbose is accepted by every command and changes nothing on stdout', async () => {
    const r = spawnSync(
      process.execPath,
      [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), path.join(repo, 'src/cli/main.ts'), ...args, '--verbose'],
      {
        encoding: 'utf8',
        env: envWithoutXdg(),
      },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).mean).toEqual(JSON.parse(cli(args).stdout).mean);
  });
});
