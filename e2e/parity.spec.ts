// The same kernel through Chromium's WebGPU returns the same numbers as through Node (Dawn), and
// the CPU twin gives the same numbers in the page and in Node.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const root = fileURLToPath(new URL('..', import.meta.url));
const scenario = {
  weights: ['u', 'v', 'z'],
  init: [0, 0, 0],
  loss: '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)',
  data: { normal: { x: { mean: 0, std: 1 } } },
  schedule: { N: 200, B: 1, epochs: 1, shuffle: false },
  observable: { weight: 'z' },
  eta: 0.1,
};
const K = 2048;
const SEED = 7;

interface Out {
  engine: string;
  mean: number[];
  stderr: number[];
}

function nodeRun(engine: 'gpu' | 'cpu'): Out {
  const dir = mkdtempSync(path.join(tmpdir(), 'sgd-parity-'));
  const file = path.join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  const out = execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/tsx/dist/cli.mjs'),
      path.join(root, 'src/cli/main.ts'),
      'simulate',
      file,
      '--trajectories',
      String(K),
      '--seed',
      String(SEED),
      '--engine',
      engine,
      '--record',
      '5',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
    },
  );
  return JSON.parse(out);
}

test('WebGPU in Chromium matches Dawn in Node; the CPU twin matches itself', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'sgd-diagrams' })).toBeVisible();
  const inPage = async (engine: 'gpu' | 'cpu'): Promise<Out> =>
    page.evaluate(
      async ({ scenario, K, SEED, engine }) => {
        const api = (
          window as unknown as {
            sgdDiagrams: {
              parseScenario: (s: unknown) => unknown;
              runSimulation: (spec: unknown, opts: unknown) => Promise<Out>;
            };
          }
        ).sgdDiagrams;
        const r = await api.runSimulation(
          { scenario: api.parseScenario(scenario), trajectories: K, seed: SEED, record: 5 },
          { engine },
        );
        return { engine: r.engine, mean: r.mean, stderr: r.stderr };
      },
      { scenario, K, SEED, engine },
    );
  const browserGpu = await inPage('gpu');
  const browserCpu = await inPage('cpu');
  const nodeGpu = nodeRun('gpu');
  const nodeCpu = nodeRun('cpu');
  expect(browserGpu.engine).toBe('gpu');
  expect(nodeGpu.engine).toBe('gpu');
  expect(browserCpu.mean).toEqual(nodeCpu.mean); // same JavaScript, same bits
  for (let i = 0; i < browserGpu.mean.length; i++) {
    // f32 kernels on two WebGPU implementations: equal up to float rounding
    expect(Math.abs(browserGpu.mean[i] - nodeGpu.mean[i])).toBeLessThanOrEqual(
      1e-5 * Math.max(1, Math.abs(nodeGpu.mean[i])),
    );
    expect(Math.abs(browserGpu.mean[i] - browserCpu.mean[i])).toBeLessThanOrEqual(
      1e-4 * Math.max(1, Math.abs(browserCpu.mean[i])),
    );
  }
  expect(browserGpu.mean[browserGpu.mean.length - 1]).toBeGreaterThan(0.2); // the drift is there
});
