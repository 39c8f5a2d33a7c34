// `simulate --shard i/n` and `merge` through the real command line: shards run as separate
// processes and merge into exactly the JSON of the unsharded run; bad sets are clear errors.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archimedes } from '../sim/testing/scenarios';
import { requireGpu } from '../sim/testing/gpuFixture';

const repo = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'sgd-shard-'));

function file(name: string, content: unknown): string {
  const f = path.join(tmp, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [
      path.join(repo, 'node_modules/tsx/dist/cli.mjs'),
      path.join(repo, 'src/cli/main.ts'),
      ...args,
    ]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function ok(args: string[]): Promise<string> {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** θ ← θ − η(1 + 2x)θ with x = 10 w.p. 0.6: about a third of the trajectories leave the finite range. */
const unstable = {
  weights: ['t'],
  init: [1],
  loss: '0.5*t^2 + x*t^2',
  data: {
    atoms: [
      { p: 0.4, values: { x: 0 } },
      { p: 0.6, values: { x: 10 } },
    ],
  },
  schedule: { N: 60, B: 1, epochs: 1, shuffle: false },
  observable: { weight: 't' },
  order: 1,
  eta: 0.5,
};

const arch = file('archimedes.json', archimedes(40, 0.1));
const diverging = file('unstable.json', unstable);
// a variance observable with a preconditioner: block statistics carry M3 and M4
const spread = file('spread.json', {
  ...archimedes(40, 0.1),
  observable: { variance: 'u^2 + v^2' },
  preconditioner: [0.5, 0.5, 2],
});

describe('simulate --shard and merge', () => {
  requireGpu();
  it.each([
    ['gpu', arch, 1000],
    ['cpu', arch, 1000],
    ['cpu', diverging, 700],
    ['gpu', spread, 1000],
  ] as const)(
    '3 shards in 3 processes merge to the unsharded run bit for bit (%s, %s)',
    async (engine, scenario, K) => {
      const base = [scenario, '--trajectories', String(K), '--seed', '5', '--record', '9', '--engine', engine];
      const [whole, ...shards] = await Promise.all([
        ok(['simulate', ...base]),
        ...[0, 1, 2].map((i) => ok(['simulate', ...base, '--shard', `${i}/3`])),
      ]);
      const files = shards.map((s, i) => file(`${engine}-${path.basename(scenario)}-${i}.json`, s));
      const merged = await ok(['merge', files[2], files[0], files[1]]);
      expect(merged).toBe(whole); // the same bytes: steps, mean, stderr, diverged, trajectories and the rest
      const w = JSON.parse(whole);
      expect(w.engine).toBe(engine);
      if (scenario === diverging) {
        expect(w.diverged).toBeGreaterThan(K / 10);
        expect(w.diverged).toBeLessThan(K);
        expect(w.finite.at(-1)).toBe(K - w.diverged);
      } else {
        expect(w.mean.every((m: number | null) => m !== null)).toBe(true);
      }
      if (scenario === spread) {
        expect(w.statistic).toBe('variance');
        expect(JSON.parse(shards[0]).nodes[1][0]).toHaveLength(7); // level, index, n, mean, M2, M3, M4
      }
      // Each shard says which blocks of 64 trajectories it holds; together they tile 0..⌈K/64⌉.
      const blocks = shards.map((s) => JSON.parse(s).blocks);
      expect(blocks[0][0]).toBe(0);
      expect(blocks[1][0]).toBe(blocks[0][1]);
      expect(blocks[2]).toEqual([blocks[1][1], Math.ceil(K / 64)]);
    },
  );

  it('refuses incomplete, overlapping and mismatched sets, naming what is wrong', async () => {
    const run = (over: Record<string, string>, shard: string, name: string, scenario = arch) => {
      const flags = { trajectories: '640', seed: '1', record: '3', engine: 'cpu', ...over, shard };
      return ok(['simulate', scenario, ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v])]).then((out) =>
        file(name, out),
      );
    };
    const [a, b, c, seed2, k2, rec2, opt2, other, half] = await Promise.all([
      run({}, '0/3', 'a.json'),
      run({}, '1/3', 'b.json'),
      run({}, '2/3', 'c.json'),
      run({ seed: '2' }, '1/3', 'seed2.json'),
      run({ trajectories: '704' }, '1/3', 'k2.json'),
      run({ record: '4' }, '1/3', 'rec2.json'),
      run({ optimizer: 'gd' }, '1/3', 'opt2.json'),
      run({}, '1/3', 'other-s.json', file('other.json', archimedes(41, 0.1))),
      run({}, '1/2', 'half.json'),
    ]);
    const cases: [string[], RegExp][] = [
      [[a, c], /incomplete set: no shard covers trajectories 192\.\.383 of 640/],
      [[a, b], /incomplete set: no shard covers trajectories 384\.\.639 of 640/],
      [[a, b, b, c], /overlap/],
      [
        [a, half, b],
        /"[^"]*b.json" \(shard 1\/3, trajectories 192\.\.383\) and "[^"]*half.json" \(shard 1\/2, trajectories 320\.\.639\) overlap/,
      ],
      [[a, seed2, c], /shard of another run .*: seed 2 vs 1/],
      [[a, k2, c], /trajectories 704 vs 640/],
      [[a, rec2, c], /record 4 vs 3/],
      [[a, opt2, c], /optimizer "gd" vs "sgd"/],
      [[a, other, c], /scenario "sha256:/],
      [[a, file('not-partial.json', '{"engine":"cpu"}')], /not a partial result of simulate --shard/],
      [[], /no partial results given/],
    ];
    for (const [files, msg] of cases) {
      const r = await cli(['merge', ...files]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(msg);
    }
    // Half of one split and the matching pieces of another tile the run: any complete set merges.
    const whole = await ok([
      'simulate',
      arch,
      '--trajectories',
      '640',
      '--seed',
      '1',
      '--record',
      '3',
      '--engine',
      'cpu',
    ]);
    const firstHalf = await run({}, '0/2', 'half0.json');
    expect(await ok(['merge', firstHalf, half])).toBe(whole);
  });

  it.each([
    ['0/0', /--shard 0\/0: expected 0 ≤ i < n/],
    ['3/3', /--shard 3\/3: expected 0 ≤ i < n/],
    ['1-3', /--shard expects i\/n/],
    ['0/20', /640 trajectories make 10 blocks of 64, so at most 10 shards/],
  ])('rejects --shard %s', async (shard, msg) => {
    const r = await cli(['simulate', arch, '--trajectories', '640', '--engine', 'cpu', '--shard', shard]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
  });
});
