// The command line on hostile input (issues of the hostile-user review): every case is answered
// with finite JSON or refused on stderr with exit 1 — never null on stdout with exit 0 — and a
// long simulation stopped by Ctrl-C prints the steps it has done and exits 130.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './main';
import { INTERRUPTED_EXIT } from './progress';
import { InputError } from '../theory/errors';

const repo = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'sgd-robust-'));
const NODE_ARGS = ['--import', 'tsx', path.join(repo, 'src/cli/main.ts')];

function scenarioFile(name: string, obj: unknown): string {
  const f = path.join(tmp, name);
  writeFileSync(f, typeof obj === 'string' ? obj : JSON.stringify(obj));
  return f;
}

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { encoding: 'utf8', cwd: repo });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const ONE = {
  weights: ['w'],
  init: [0],
  loss: 'w^2 + x*w',
  data: {
    atoms: [
      { p: 0.5, values: { x: 1 } },
      { p: 0.5, values: { x: -1 } },
    ],
  },
  schedule: { N: 4, B: 1, epochs: 1, shuffle: false },
  observable: 'test-loss',
  eta: 0.1,
};
const ARCH = JSON.parse(readFileSync(path.join(repo, 'docs/examples/archimedes.json'), 'utf8'));

describe('refused, never a silent null', () => {
  it.each([
    ['0/0 in the loss', { ...ONE, loss: 'w^2/0 + x*w' }, /the loss at θ₀ = \(0\).*is not a finite number: it is NaN/],
    [
      'an η that overflows the series',
      { ...ONE, eta: 1e308 },
      /value \(Σ a_k η\^k at η = 1e\+308\) is not a finite number: it overflows/,
    ],
    [
      'three shuffled epochs at order 4',
      { ...ARCH, order: 4, schedule: { N: 10, B: 1, epochs: 3, shuffle: true } },
      /needs about .* steps \(limit/,
    ],
    [
      'epochs in the hundreds of millions',
      { ...ONE, schedule: { N: 4, B: 1, epochs: 300_000_000, shuffle: false } },
      /limit/,
    ],
    [
      '50 weights',
      {
        ...ONE,
        weights: Array.from({ length: 50 }, (_, i) => `w${i}`),
        init: new Array(50).fill(0),
        loss: Array.from({ length: 50 }, (_, i) => `w${i}^2 + x*w${i}`).join(' + '),
      },
      /50\^3|limit/,
    ],
  ])('predict with %s: stderr and exit 1', (_, obj, msg) => {
    const r = cli(['predict', scenarioFile('p.json', obj)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
  });

  it('refuses a second scenario file and duplicate keys, naming them', () => {
    const a = scenarioFile('a.json', ONE);
    const r = cli(['predict', a, a]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/predict: unexpected argument ".*a\.json" \(predict reads one scenario file\)/);
    const dup = scenarioFile(
      'dup.json',
      '{"weights":["w"],"init":[0],"loss":"w^2","data":{"atoms":[{"p":1,"values":{}}]},' +
        '"schedule":{"N":2,"B":1,"epochs":1,"shuffle":false,"B":2},"observable":"test-loss"}',
    );
    expect(cli(['predict', dup]).stderr).toMatch(/the key "schedule\.B" appears twice/);
    expect(cli(['tensors', a, a]).stderr).toMatch(/tensors: unexpected argument/);
  });

  it('tensors of 50 weights at order 6 are refused before allocating', async () => {
    const f = scenarioFile('t.json', {
      ...ONE,
      weights: Array.from({ length: 50 }, (_, i) => `w${i}`),
      init: new Array(50).fill(0),
      loss: Array.from({ length: 50 }, (_, i) => `w${i}^2 + x*w${i}`).join(' + '),
    });
    await expect(run(['tensors', f, '--order', '6'])).rejects.toThrow(/50 weights.*limit|limit.*50 weights/);
  });
});

describe('simulate on hostile input', () => {
  it('a constant beyond f32 is the same error on both engines', async () => {
    const f = scenarioFile('f32.json', { ...ONE, init: [1], loss: '1e39*w^2 + x*w' });
    const errors: string[] = [];
    for (const engine of ['cpu', 'gpu']) {
      try {
        await run(['simulate', f, '--trajectories', '4', '--engine', engine]);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        errors.push((e as Error).message);
      }
    }
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(errors[1]);
    expect(errors[0]).toMatch(/the constant 1e\+39 at column 1 is beyond the f32 range/);
  });

  it('refuses more updates than its 32-bit step counters hold', async () => {
    const f = scenarioFile('t.json', { ...ONE, schedule: { N: 10, B: 1, epochs: 900_000_000, shuffle: false } });
    await expect(run(['simulate', f, '--trajectories', '4', '--engine', 'cpu'])).rejects.toThrow(
      /9000000000 updates exceed the 2\^32−2 step counters/,
    );
  });

  it('bounds --record', async () => {
    const f = scenarioFile('r.json', ONE);
    await expect(
      run(['simulate', f, '--trajectories', '4', '--engine', 'cpu', '--record', '1000000000000000']),
    ).rejects.toThrow(/record: at most 100000 recorded steps/);
  });

  it('stderr is finite wherever the mean is, however large', async () => {
    // |w| triples every step: the means pass 1e19 (where an f32 M2 overflowed) on their way out
    const f = scenarioFile('div.json', {
      ...ONE,
      init: [1],
      loss: '2*w^2 + x*w',
      schedule: { N: 70, B: 1, epochs: 1, shuffle: false },
      observable: { weight: 'w' },
      eta: 1,
    });
    const r = (await run(['simulate', f, '--trajectories', '64', '--engine', 'cpu', '--record', '71'])) as {
      mean: (number | null)[];
      stderr: (number | null)[];
    };
    const huge = r.mean.filter((m) => m !== null && Math.abs(m) > 1e25).length;
    expect(huge).toBeGreaterThan(2);
    r.mean.forEach((m, i) => {
      if (m !== null) expect(Number.isFinite(r.stderr[i])).toBe(true);
    });
  });
});

/** A simulation of a billion steps, interrupted with SIGINT once it has computed a while. */
async function interruptedRun(
  name: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const f = scenarioFile(name, {
    ...ONE,
    init: [1],
    schedule: { N: 1_000_000_000, B: 1, epochs: 1, shuffle: false },
    observable: { weight: 'w' },
    eta: 0.01,
  });
  const child = spawn(process.execPath, [...NODE_ARGS, 'simulate', f, ...args, '--engine', 'cpu'], { cwd: repo });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // let the run compute a while, then interrupt (Node itself catches SIGINT from the start, so
  // that says nothing; loading takes ~0.4 s of CPU time)
  await waitCpu(child.pid!, 1.5);
  child.kill('SIGINT');
  return { code: await exited, stdout, stderr };
}

/** Wait (at most 60 s) until the process has used `seconds` of CPU time (Linux /proc). */
async function waitCpu(pid: number, seconds: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    if ((Number(f[11]) + Number(f[12])) / 100 >= seconds) return; // utime + stime in ticks
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Ctrl-C on a shard', () => {
  it('prints no partial result (it could not be merged), says to rerun it and exits 130', async () => {
    const { code, stdout, stderr } = await interruptedRun('long-shard.json', [
      '--trajectories',
      '128',
      '--shard',
      '1/2',
    ]);
    expect(code).toBe(INTERRUPTED_EXIT);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--shard 1\/2 interrupted; rerun it/);
  }, 60_000);
});

describe('Ctrl-C', () => {
  it('prints the steps done so far and exits 130', async () => {
    const { code, stdout, stderr } = await interruptedRun('long.json', ['--trajectories', '64', '--record', '1000']);
    expect(code).toBe(INTERRUPTED_EXIT);
    expect(stderr).toMatch(/interrupted/);
    const out = JSON.parse(stdout);
    expect(out.interrupted).toBe(true);
    expect(out.stoppedAt).toBeGreaterThan(0);
    expect(out.steps[out.steps.length - 1]).toBe(out.stoppedAt);
    expect(out.steps.length).toBe(out.mean.length);
    for (const m of out.mean) expect(Number.isFinite(m)).toBe(true);
  }, 60_000);
});
