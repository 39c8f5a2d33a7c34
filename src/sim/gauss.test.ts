// GAUSS (theory.md §8, Cor. 5): E l(SGD) − E l(SDE, one Euler–Maruyama sub-step) = −(T/6)η³ S:J
// + O(η⁴) = −3.61e-4 at h₀ = 0.5, T = 4, η = 0.2. Also checked against exact expectations by
// Gauss–Hermite quadrature over the four draws.
import { describe, expect, it } from 'vitest';
import { gaussHermite } from '../landscape/quadrature';
import { runSimulation } from './engine';
import { gauss } from './testing/scenarios';
import { requireGpu } from './testing/gpuFixture';

const ETA = 0.2,
  T = 4,
  H0 = 0.5;
const loss = (h: number) => 0.5 * (h + Math.exp(-h));

/** E l(h_T) over T independent N(0,1) draws (12-point Gauss–Hermite per draw). */
function exact(step: (h: number, z: number) => number): number {
  const q = gaussHermite(12);
  const rec = (h: number, t: number): number =>
    t === T ? loss(h) : q.nodes.reduce((s, z, i) => s + q.weights[i] * rec(step(h, z), t + 1), 0);
  return rec(H0, 0);
}
const sgdStep = (h: number, x: number) => h - ETA * 0.5 * (1 - x * x * Math.exp(-h));
const sdeStep = (h: number, z: number) => h - ETA * (0.5 * (1 - Math.exp(-h)) + (Math.exp(-h) / Math.SQRT2) * z);

describe('GAUSS: SGD versus SDE (k = 1)', () => {
  requireGpu();
  it('the difference is −3.61e-4 within 10% (GPU, 2^20 trajectories each, martingale control variate)', async () => {
    const spec = { scenario: gauss(H0, T, ETA), trajectories: 1 << 20, record: 2, controlVariate: true };
    const sgd = await runSimulation({ ...spec, optimizer: 'sgd', seed: 1 }, { engine: 'gpu' });
    const sde = await runSimulation({ ...spec, optimizer: 'sde', seed: 2 }, { engine: 'gpu' });
    const diff = sgd.mean[1]! - sde.mean[1]!;
    const se = Math.hypot(sgd.stderr[1]!, sde.stderr[1]!);
    expect(se).toBeLessThan(1.4e-5); // the 10% band is ±3.6e-5: power enough
    expect(Math.abs(diff / -3.61e-4 - 1)).toBeLessThan(0.1);
    // each engine run against its exact expectation
    expect(Math.abs(sgd.mean[1]! - exact(sgdStep))).toBeLessThan(4 * sgd.stderr[1]!);
    expect(Math.abs(sde.mean[1]! - exact(sdeStep))).toBeLessThan(4 * sde.stderr[1]!);
  });

  it('the control variate keeps the mean and cuts the variance (CPU twin == GPU)', async () => {
    const spec = { scenario: gauss(H0, T, ETA), trajectories: 1 << 14, record: 3, seed: 5 };
    for (const optimizer of ['sgd', 'sde'] as const) {
      const plain = await runSimulation({ ...spec, optimizer }, { engine: 'gpu' });
      const cvGpu = await runSimulation({ ...spec, optimizer, controlVariate: true }, { engine: 'gpu' });
      const cvCpu = await runSimulation({ ...spec, optimizer, controlVariate: true }, { engine: 'cpu' });
      expect(cvGpu.stderr[2]!).toBeLessThan(0.5 * plain.stderr[2]!);
      expect(Math.abs(cvGpu.mean[2]! - plain.mean[2]!)).toBeLessThan(4 * plain.stderr[2]!);
      expect(Math.abs(cvGpu.mean[2]! - cvCpu.mean[2]!)).toBeLessThan(1e-6);
      expect(cvGpu.mean[0]).toBe(plain.mean[0]);
    }
  });

  it('the control variate is refused where its mean would be biased', async () => {
    const multi = { ...gauss(H0, T, ETA), schedule: { N: 2, B: 1, epochs: 2, shuffle: false } };
    await expect(
      runSimulation({ scenario: multi, trajectories: 64, controlVariate: true }, { engine: 'cpu' }),
    ).rejects.toThrow(/controlVariate/);
    await expect(
      runSimulation(
        { scenario: gauss(H0, T, ETA), trajectories: 64, optimizer: 'sde', substeps: 4, controlVariate: true },
        { engine: 'cpu' },
      ),
    ).rejects.toThrow(/controlVariate/);
  });
});
