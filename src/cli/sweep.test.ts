// Sweeps through the real (bundled) command line, as separate processes: a run killed after
// three points and resumed equals an uninterrupted one; the process pool gives the same lines;
// the emitted Kubernetes and Slurm jobs, executed here per index, merge to the unsharded result.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const launcher = path.join(repo, 'src/build/cli.mjs');
const tmp = mkdtempSync(path.join(tmpdir(), 'sgd-sweep-'));

const scenario = {
  weights: ['u', 'v', 'z'],
  init: [0, 0, 0],
  loss: '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)',
  data: { normal: { x: { mean: 0, std: 1 } } },
  schedule: { N: 200, B: 1, epochs: 1, shuffle: false },
  observable: { weight: 'z' },
  order: 3,
  eta: 0.1,
};

function writePlan(name: string, trajectories: number, N: number[], engine = 'cpu'): string {
  const f = path.join(tmp, name);
  writeFileSync(
    f,
    JSON.stringify({
      scenario,
      axes: { eta: [0.05, 0.1], 'schedule.N': N, seed: [0, 1] },
      simulate: { trajectories, engine, record: 3 },
    }),
  );
  return f;
}

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean);
const byIndex = (ls: string[]) => [...ls].sort((a, b) => JSON.parse(a).index - JSON.parse(b).index);

beforeAll(() => {
  // Build (or find up to date) the bundle once, so no test races on building it.
  execFileSync(process.execPath, [launcher, '--build'], { encoding: 'utf8' });
}, 120_000);

describe('sweep processes', () => {
  it('killed after three points and resumed, it writes the lines of an uninterrupted run', async () => {
    // Points of ~0.1–0.5 s each on the CPU twin: long enough to kill the run in the middle.
    const plan = writePlan('slow.json', 2048, [200, 400]);
    const whole = path.join(tmp, 'slow-whole.jsonl');
    const r = cli(['sweep', plan, '--out', whole, '--jobs', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ points: 8, computed: 8 });

    const out = path.join(tmp, 'slow-killed.jsonl');
    const child = spawn(process.execPath, [launcher, 'sweep', plan, '--out', out, '--jobs', '1'], {
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_c, sig) => res(sig)));
    for (;;) {
      await new Promise((res) => setTimeout(res, 10));
      if (existsSync(out) && lines(out).length >= 3) break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const kept = lines(out).length;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(8);

    const resumed = cli(['sweep', plan, '--out', out, '--jobs', '1']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ alreadyDone: kept, computed: 8 - kept });
    expect(byIndex(lines(out))).toEqual(byIndex(lines(whole)));
  });

  it('a pool of two workers gives the same lines', () => {
    const plan = writePlan('pool.json', 256, [20, 40]);
    const one = path.join(tmp, 'pool-1.jsonl');
    const two = path.join(tmp, 'pool-2.jsonl');
    expect(cli(['sweep', plan, '--out', one, '--jobs', '1']).status).toBe(0);
    const r = cli(['sweep', plan, '--out', two, '--jobs', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ jobs: 2, computed: 8 });
    expect(byIndex(lines(two))).toEqual(byIndex(lines(one)));
  });

  it('stops, writing no line, when the machine has no GPU for a GPU point', () => {
    const plan = writePlan('nogpu.json', 64, [20, 40], 'gpu');
    const out = path.join(tmp, 'nogpu.jsonl');
    const r = cli(['sweep', plan, '--out', out, '--jobs', '1'], {
      VK_ICD_FILENAMES: path.join(tmp, 'none.json'),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error: grid point 0: simulation failed: the GPU engine is unavailable/);
    expect(lines(out)).toEqual([]);
  });

  it('GPU points on a pool take turns on the device and give the lines of one job', () => {
    const plan = writePlan('gpu.json', 1024, [20, 40], 'gpu');
    const one = path.join(tmp, 'gpu-1.jsonl');
    const three = path.join(tmp, 'gpu-3.jsonl');
    const env = { VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json' };
    expect(cli(['sweep', plan, '--out', one, '--jobs', '1'], env).status).toBe(0);
    const r = cli(['sweep', plan, '--out', three, '--jobs', '3'], env);
    expect(r.status, r.stderr).toBe(0);
    const got = byIndex(lines(three));
    expect(got).toEqual(byIndex(lines(one)));
    expect(got.map((l) => JSON.parse(l).simulation.adapter)).toEqual(Array(8).fill('SwiftShader (software)'));
  });
});

/** Run shell commands as separate processes at once; resolve when all have exited cleanly. */
function runAll(jobs: { cmd: string[]; env: NodeJS.ProcessEnv; cwd: string }[]): Promise<void> {
  return Promise.all(
    jobs.map(
      ({ cmd, env, cwd }) =>
        new Promise<void>((res, rej) => {
          const c = spawn(cmd[0], cmd.slice(1), {
            cwd,
            env: { ...process.env, ...env },
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let err = '';
          c.stderr.on('data', (d) => (err += d));
          c.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${cmd.join(' ')} exited ${code}: ${err}`))));
        }),
    ),
  ).then(() => undefined);
}

describe('emitted cluster jobs, run here', () => {
  const cliCmd = `${process.execPath} ${launcher}`;

  it('Kubernetes: an Indexed Job per shard index, then the merge Job', async () => {
    const dir = mkdtempSync(path.join(tmp, 'k8s-'));
    const plan = writePlan('k8s.json', 256, [20, 40]);
    writeFileSync(path.join(dir, 'plan.json'), readFileSync(plan));
    const r = cli([
      'sweep',
      path.join(dir, 'plan.json'),
      '--emit',
      'k8s',
      '--shards',
      '3',
      '--out',
      'out/results.jsonl',
      '--cli',
      cliCmd,
      '--mount',
      dir,
    ]);
    expect(r.status, r.stderr).toBe(0);
    // Emitted with the plan's path as given; the jobs run in the mount, where it is plan.json.
    const yaml = r.stdout.replaceAll(path.join(dir, 'plan.json'), 'plan.json');
    const [shards, merge] = yaml.split('\n---\n');
    expect(shards).toMatch(/^kind: Job$/m);
    expect(shards).toMatch(/^ {2}completionMode: Indexed$/m);
    expect(shards).toMatch(/^ {2}completions: 3$/m);
    expect(shards).toMatch(/^ {2}parallelism: 3$/m);
    expect(merge).toMatch(/^ {2}completions: 1$/m);
    const field = (doc: string, key: string) => JSON.parse(new RegExp(`^ +(?:- )?${key}: (.*)$`, 'm').exec(doc)![1]);
    expect(field(shards, 'mountPath')).toBe(dir);
    const [sh, c, shardScript] = field(shards, 'command') as string[];
    expect([sh, c]).toEqual(['sh', '-c']);
    expect(shardScript).toContain('$JOB_COMPLETION_INDEX');
    await runAll(
      [0, 1, 2].map((i) => ({
        cmd: ['sh', '-c', shardScript],
        env: { JOB_COMPLETION_INDEX: String(i) },
        cwd: field(shards, 'workingDir'),
      })),
    );
    await runAll([{ cmd: field(merge, 'command'), env: {}, cwd: field(merge, 'workingDir') }]);

    const whole = path.join(tmp, 'k8s-whole.jsonl');
    expect(cli(['sweep', plan, '--out', whole, '--jobs', '1']).status).toBe(0);
    expect(lines(path.join(dir, 'out/results.jsonl'))).toEqual(byIndex(lines(whole)));
  });

  it('Slurm: the array script per SLURM_ARRAY_TASK_ID, then its merge step', async () => {
    const dir = mkdtempSync(path.join(tmp, 'slurm-'));
    const plan = writePlan('slurm.json', 256, [20, 40]);
    const out = path.join(dir, 'results.jsonl');
    const r = cli(['sweep', plan, '--emit', 'slurm', '--shards', '3', '--out', out, '--cli', cliCmd, '--workdir', dir]);
    expect(r.status, r.stderr).toBe(0);
    const script = path.join(dir, 'sweep.sh');
    writeFileSync(script, r.stdout);
    expect(r.stdout).toMatch(/^#!\/bin\/sh\n/);
    expect(r.stdout).toMatch(/^#SBATCH --array=0-2$/m);
    expect(r.stdout).toContain('$SLURM_ARRAY_TASK_ID');
    await runAll([0, 1, 2].map((i) => ({ cmd: ['sh', script], env: { SLURM_ARRAY_TASK_ID: String(i) }, cwd: tmp })));
    expect([0, 1, 2].map((i) => lines(path.join(dir, `results.shard-${i}.jsonl`)).length)).toEqual([3, 3, 2]);
    await runAll([{ cmd: ['sh', script], env: { SGD_SWEEP_STEP: 'merge', SLURM_ARRAY_TASK_ID: '' }, cwd: tmp }]);

    const whole = path.join(tmp, 'slurm-whole.jsonl');
    expect(cli(['sweep', plan, '--out', whole, '--jobs', '1']).status).toBe(0);
    expect(lines(out)).toEqual(byIndex(lines(whole)));
  });
});
