// MEAN ESTIMATION (theory.md §8, Cor. 2): GD on N points from the test minimum of
// l_x = ½Hθ² + x·√C·θ raises the test loss by C/(2N)·(1 − (1 − ηH)^T)²/H exactly.
import { describe, expect, it } from 'vitest';
import { runSimulation } from './engine';
import type { Scenario } from '../theory/scenario-types';
import { requireGpu } from './testing/gpuFixture';

const C = 2,
  N = 8,
  T = 40,
  ETA = 0.1;
const exact = (H: number) => ((C / (2 * N)) * (1 - (1 - ETA * H) ** T) ** 2) / H;

function scenario(H: number, explicit = false): Scenario {
  return {
    weights: ['t'],
    init: [0],
    loss: `0.5*${H}*t^2 + x*${Math.sqrt(C)}*t`,
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: explicit
      ? { N, batches: Array.from({ length: T }, () => Array.from({ length: N }, (_, n) => n)) }
      : { N, B: 1, epochs: T / N, shuffle: false },
    observable: 'test-loss',
    order: 3,
    eta: ETA,
  };
}

describe('GD from the test minimum vs Cor. 2 (exact finite-η form)', () => {
  requireGpu();
  it.each([0.01, 0.1, 0.5, 1, 4])('H = %d (GPU, 2^12 trajectories)', async (H) => {
    const r = await runSimulation(
      { scenario: scenario(H), optimizer: 'gd', trajectories: 1 << 12, seed: 3, record: 3 },
      { engine: 'gpu' },
    );
    expect(r.T).toBe(T);
    expect(r.mean[0]).toBe(0);
    expect(Math.abs(r.mean[2]! - exact(H))).toBeLessThan(4 * r.stderr[2]!);
    expect(r.stderr[2]! / exact(H)).toBeLessThan(0.05); // the test has power
  });

  it('CPU twin agrees (H = 0.5, 2^10 trajectories) and with the GPU on the same trajectories', async () => {
    const spec = { scenario: scenario(0.5), optimizer: 'gd' as const, trajectories: 1 << 10, seed: 3, record: 3 };
    const cpu = await runSimulation(spec, { engine: 'cpu' });
    const gpu = await runSimulation(spec, { engine: 'gpu' });
    expect(Math.abs(cpu.mean[2]! - exact(0.5))).toBeLessThan(4 * cpu.stderr[2]!);
    expect(Math.abs(cpu.mean[2]! - gpu.mean[2]!)).toBeLessThan(1e-5 * exact(0.5));
  });

  it('optimizer gd equals SGD on an explicit full-batch schedule (same data, same updates)', async () => {
    const a = await runSimulation(
      { scenario: scenario(1), optimizer: 'gd', trajectories: 256, seed: 9, record: 5 },
      { engine: 'gpu' },
    );
    const b = await runSimulation(
      { scenario: scenario(1, true), optimizer: 'sgd', trajectories: 256, seed: 9, record: 5 },
      { engine: 'gpu' },
    );
    expect(b.mean).toEqual(a.mean);
  });
});
