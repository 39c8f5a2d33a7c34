// The GPU kit, built and run here the way a GPU server without Node would run it: PATH holds a
// shell, tar, gzip and a few coreutils and nothing else (no node, no python); SwiftShader stands
// in for the GPU. Building fetches Node and libvulkan1 once (npm registry, Debian apt) into
// .cache/kit; later builds reuse them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../sim/engine';
import { archimedes } from '../sim/testing/scenarios';
import { buildKit } from './build';

const repo = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'sgd-kit-'));
const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** A bin folder with only the tools run.sh may use. */
function bareBin(): string {
  const bin = path.join(tmp, 'bin');
  mkdirSync(bin);
  for (const t of ['sh', 'tar', 'gzip', 'mktemp', 'rm', 'cp', 'dirname']) {
    const where = execFileSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).trim();
    symlinkSync(where, path.join(bin, t));
  }
  return bin;
}

describe('the GPU kit', () => {
  it('builds to ≤ 60 MiB and runs its bench and the CLI with no Node on PATH', async () => {
    const out = path.join(tmp, 'kit');
    const r = await buildKit(out);
    expect(r.node).toBe(process.versions.node);
    const bytes = readdirSync(out).reduce((n, f) => n + statSync(path.join(out, f)).size, 0);
    expect(bytes).toBe(r.bytes);
    expect(bytes).toBeLessThanOrEqual(60 * 2 ** 20);
    const payload = execFileSync('tar', ['-tzf', path.join(out, 'payload.tar.gz')], {
      encoding: 'utf8',
    }).split('\n');
    expect(payload).toEqual(
      expect.arrayContaining(['node', 'lib/libvulkan.so.1', 'node_modules/webgpu/dist/linux-x64/dawn.node']),
    );

    const env = { PATH: bareBin(), HOME: tmp, VK_ICD_FILENAMES: SWIFTSHADER };
    expect(spawnSync('sh', ['-c', 'command -v node || command -v python3'], { env }).status).not.toBe(0);

    const bench = spawnSync('sh', [path.join(out, 'run.sh'), '--quick'], { env, cwd: tmp, encoding: 'utf8' });
    expect(bench.status, bench.stderr).toBe(0);
    const j = JSON.parse(bench.stdout);
    expect(j.adapter).toBe('SwiftShader (software)');
    expect(j.machine.node).toBe(`v${process.versions.node}`);
    expect(j.gpu.map((g: { trajectories: number }) => g.trajectories)).toEqual([4096, 16384, 65536]);
    for (const g of j.gpu) {
      expect(g).toMatchObject({ engine: 'gpu', steps: 100 });
      expect(g.trajectoryStepsPerSecond).toBeGreaterThan(0);
    }
    // The kit's engine computes what the engine here computes (GPU and CPU twin: same numbers
    // up to f32 rounding).
    const twin = await runSimulation(
      { scenario: archimedes(100, 0.1), trajectories: 4096, seed: 0, record: 2 },
      { engine: 'cpu' },
    );
    expect(j.gpu[0].meanZ).toBeCloseTo(twin.mean[1]!, 4);
    expect(j.jax.skipped).toMatch(/python3 is not available/);
    expect(j.sideBySide[0]).toMatchObject({ trajectories: 4096, jax: null, gpuOverJax: null });

    const cli = spawnSync(
      'sh',
      [path.join(out, 'run.sh'), 'cli', 'predict', path.join(repo, 'docs/examples/archimedes.json')],
      { env, encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).resummed).toBeCloseTo(0.6745, 4);

    // A sweep on a pool of the kit's own Node processes.
    const plan = path.join(tmp, 'plan.json');
    writeFileSync(
      plan,
      JSON.stringify({
        scenario: { ...archimedes(20, 0.1) },
        axes: { eta: [0.05, 0.1], seed: [0, 1] },
        simulate: { trajectories: 256, engine: 'cpu', record: 2 },
      }),
    );
    const results = path.join(tmp, 'results.jsonl');
    const sweep = spawnSync('sh', [path.join(out, 'run.sh'), 'cli', 'sweep', plan, '--out', results, '--jobs', '2'], {
      env,
      encoding: 'utf8',
    });
    expect(sweep.status, sweep.stderr).toBe(0);
    expect(JSON.parse(sweep.stdout)).toMatchObject({ points: 4, computed: 4, jobs: 2 });
    const idx = readFileSync(results, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).index);
    expect(idx.sort()).toEqual([0, 1, 2, 3]);
  }, 600_000);
});
