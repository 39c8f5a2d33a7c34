// ARCHIMEDES (theory.md §10): SGD from θ = 0 drifts in +z at ≈ η²/6 per step. GPU and CPU twin
// against each other and against an independent float64 Monte Carlo reference.
import { describe, expect, it } from 'vitest';
import { runSimulation } from './engine';
import { archimedes } from './testing/scenarios';
import { requireGpu } from './testing/gpuFixture';

// float64 Monte Carlo reference for mean z at T = 1000, η = 0.1: 1.7706 ± 0.0010 (95% CI).
const REF = 1.7706;
const REF_SE = 0.001 / 1.96;

describe('ARCHIMEDES drift (2^14 trajectories, η = 0.1, T = 1000)', () => {
  requireGpu();
  const spec = { scenario: archimedes(1000, 0.1), trajectories: 1 << 14, seed: 7, record: 5 };

  it('GPU and CPU twin agree with each other and with the float64 reference', async () => {
    // Concurrently: the GPU engine mostly waits on the device while the twin computes.
    const [gpu, cpu] = await Promise.all([
      runSimulation(spec, { engine: 'gpu' }),
      runSimulation(spec, { engine: 'cpu' }),
    ]);
    expect(gpu.engine).toBe('gpu');
    expect(gpu.adapter).toBe('SwiftShader (software)');
    expect(cpu.engine).toBe('cpu');
    expect(gpu.steps).toEqual([0, 250, 500, 750, 1000]);
    for (const r of [gpu, cpu]) {
      const m = r.mean[4]!;
      const se = r.stderr[4]!;
      expect(r.diverged).toBe(0);
      expect(Math.abs(m - REF)).toBeLessThan(4 * Math.hypot(se, REF_SE));
      // drift ≈ η²/6 per step to leading order; the exact ratio at η = 0.1 is ≈ 1.06
      expect(m / ((0.01 / 6) * 1000)).toBeGreaterThan(1);
    }
    // Same random numbers, same algorithm: the two engines differ only by f32 rounding.
    const se = gpu.stderr[4]!;
    expect(Math.abs(gpu.mean[4]! - cpu.mean[4]!)).toBeLessThan(Math.max(1e-4, 0.05 * se));
    for (let i = 0; i < 5; i++)
      expect(Math.abs(gpu.stderr[i]! - cpu.stderr[i]!)).toBeLessThan(1e-3 * (gpu.stderr[i]! + 1e-9));
    expect(gpu.mean[0]).toBe(0);
    expect(gpu.stderr[0]).toBe(0);
  });
});
