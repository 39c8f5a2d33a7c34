// Bad input and bad luck: limits, divergence, cancellation, device loss.
import { describe, expect, it } from 'vitest';
import { capabilities, runSimulation } from './engine';
import { acquireDevice, guarded } from './gpu/device';
import { computePipeline } from './gpu/compute';
import { archimedes } from './testing/scenarios';
import type { Scenario } from '../theory/scenario-types';
import { requireGpu } from './testing/gpuFixture';

/** θ ← θ − η·10·θ (no noise): with η = 0.5 every step multiplies θ by −4. */
const unstable: Scenario = {
  weights: ['t'],
  init: [1],
  loss: '5*t^2 + x*t',
  data: { atoms: [{ p: 1, values: { x: 0 } }] },
  schedule: { N: 100, B: 1, epochs: 1, shuffle: false },
  observable: { weight: 't' },
  order: 3,
  eta: 0.5,
};

describe('limits on the GPU', () => {
  requireGpu();
  it('K beyond the adapter limits is a clear error, before allocating', async () => {
    await expect(
      runSimulation({ scenario: archimedes(10, 0.1), trajectories: 2 ** 31 }, { engine: 'gpu' }),
    ).rejects.toThrow(/2147483648 trajectories are too many for this GPU.*at most \d+ trajectories here/);
    await expect(
      runSimulation({ scenario: archimedes(10, 0.1), trajectories: 2 ** 31 }, { engine: 'cpu' }),
    ).rejects.toThrow(/too many for the CPU engine/);
  });
});

describe('limits and bad input', () => {
  it.each([
    [{ trajectories: 0 }, /trajectories: expected a positive integer/],
    [{ trajectories: 2 ** 33 }, /2\^32/],
    [{ record: 1 }, /record: expected an integer ≥ 2/],
    [{ seed: -1 }, /seed must be a non-negative integer/],
    [{ optimizer: 'adam' }, /optimizer: expected one of/],
    [{ eta: -1 }, /eta: expected a positive number/],
    [{ substeps: 0 }, /substeps/],
  ])('rejects %o', async (patch, msg) => {
    await expect(
      runSimulation({ scenario: archimedes(10, 0.1), trajectories: 64, ...patch } as never, { engine: 'cpu' }),
    ).rejects.toThrow(msg);
  });

  it('validates a raw scenario (naming the field)', async () => {
    const bad = { ...archimedes(10, 0.1), weights: ['u', 'v', 'e'] };
    await expect(runSimulation({ scenario: bad, trajectories: 64 }, { engine: 'cpu' })).rejects.toThrow(
      /weights\[2\].*constant/,
    );
    await expect(
      runSimulation({ scenario: { ...archimedes(10, 0.1), loss: 'u +' }, trajectories: 64 }, { engine: 'cpu' }),
    ).rejects.toThrow(/loss/);
  });

  it('needs a learning rate, and train-loss has no meaning for the SDE', async () => {
    const { eta: _eta, ...noEta } = archimedes(10, 0.1);
    await expect(runSimulation({ scenario: noEta, trajectories: 64 }, { engine: 'cpu' })).rejects.toThrow(
      /needs a learning rate/,
    );
    const train = { ...archimedes(10, 0.1), observable: 'train-loss' as const };
    await expect(
      runSimulation({ scenario: train, trajectories: 64, optimizer: 'sde' }, { engine: 'cpu' }),
    ).rejects.toThrow(/not defined for the sde/);
  });
});

describe('divergence', () => {
  requireGpu();
  it.each(['gpu', 'cpu'] as const)('is counted with its first step, never a NaN mean (%s)', async (engine) => {
    const r = await runSimulation({ scenario: unstable, trajectories: 100, record: 101 }, { engine });
    // |θ_t| = 4^t first exceeds 1e30 at t = 50.
    expect(r.diverged).toBe(100);
    expect(r.firstDiverged).toBe(50);
    expect(r.finite[49]).toBe(100);
    expect(r.mean[49]).toBeCloseTo(-(4 ** 49), -25);
    expect(r.finite[50]).toBe(0);
    expect(r.mean.slice(50).every((m) => m === null)).toBe(true);
    expect(r.stderr.slice(50).every((m) => m === null)).toBe(true);
    expect(JSON.parse(JSON.stringify(r)).mean[60]).toBeNull();
  });

  it('an overflowing observable counts as divergence at that record', async () => {
    // θ stays below 1e30 up to step 28 (4^28 ≈ 7e16), but the loss 5θ² overflows the range first.
    const sc = { ...unstable, observable: 'test-loss' as const };
    const r = await runSimulation({ scenario: sc, trajectories: 64, record: 101 }, { engine: 'gpu' });
    const first = Math.ceil(Math.log(Math.sqrt(1e30 / 5)) / Math.log(4)); // 5·16^t > 1e30
    expect(r.firstDiverged).toBe(first);
    expect(r.mean[first - 1]).not.toBeNull();
    expect(r.mean[first]).toBeNull();
    expect(r.diverged).toBe(64);
  });
});

describe('long runs', () => {
  requireGpu();
  it.each(['gpu', 'cpu'] as const)('cancel through an AbortSignal (%s)', async (engine) => {
    const ac = new AbortController();
    const seen: number[] = [];
    const run = runSimulation(
      { scenario: archimedes(20000, 0.1), trajectories: 1 << 10, record: 10 },
      { engine, signal: ac.signal, chunkSeconds: 0.05, onProgress: (p) => (seen.push(p.step), ac.abort()) },
    );
    await expect(run).rejects.toThrow(/cancelled/);
    expect(seen.length).toBe(1);
    expect(seen[0]).toBeLessThan(20000);
  });

  it('progress is reported chunk by chunk up to T', async () => {
    const steps: number[] = [];
    await runSimulation(
      { scenario: archimedes(3000, 0.1), trajectories: 1 << 12, record: 7 },
      { engine: 'gpu', chunkSeconds: 0.05, onProgress: (p) => steps.push(p.step) },
    );
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.at(-1)).toBe(3000);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });
});

describe('device loss', () => {
  requireGpu();
  // Long enough for several chunks of 0.01 s (the first is sized for ~2^26 trajectory-steps/s).
  const T = 3000;
  const spec = { scenario: archimedes(T, 0.1), trajectories: 1 << 12, seed: 5, record: 7 };

  it('resumes from the last finished chunk on a new device, with the same result', async () => {
    const clean = await runSimulation(spec, { engine: 'gpu', chunkSeconds: 0.05 });
    let destroyed = false;
    const r = await runSimulation(spec, {
      engine: 'gpu',
      chunkSeconds: 0.01,
      onChunkDone: ({ t, device }) => {
        if (!destroyed && t < T) {
          destroyed = true;
          device.destroy();
        }
      },
    });
    expect(destroyed).toBe(true);
    expect(r.engine).toBe('gpu');
    expect(r.messages.join(' ')).toMatch(/GPU device lost at step \d+ .*resumed from step \d+ on a new device/);
    expect(r.mean).toEqual(clean.mean);
    expect(r.stderr).toEqual(clean.stderr);
  });

  it('falls back to the CPU twin from the checkpoint when no new device is allowed', async () => {
    const clean = await runSimulation(spec, { engine: 'gpu' });
    let destroyed = false;
    const r = await runSimulation(spec, {
      engine: 'gpu',
      chunkSeconds: 0.01,
      deviceRetries: 0,
      onChunkDone: ({ t, device }) => {
        if (!destroyed && t < T) {
          destroyed = true;
          device.destroy();
        }
      },
    });
    expect(r.engine).toBe('cpu');
    expect(r.messages.join(' ')).toMatch(/continued on the CPU twin from step \d+/);
    for (let i = 0; i < r.mean.length; i++) expect(Math.abs(r.mean[i]! - clean.mean[i]!)).toBeLessThan(1e-5);
  });
});

describe('GPU guards', () => {
  requireGpu();
  it('an uncaptured GPU error surfaces at the next guarded call; scoped errors are thrown', async () => {
    const ctx = await acquireDevice();
    if ('error' in ctx) throw new Error(ctx.error);
    // Invalid on purpose (MAP_READ may only go with COPY_DST), outside any error scope.
    ctx.device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE });
    await new Promise((r) => setTimeout(r, 100));
    await expect(guarded(ctx, 'next call', () => 1)).rejects.toThrow(/uncaptured GPU error/);
    await expect(
      guarded(ctx, 'bad buffer', () =>
        ctx.device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE }),
      ),
    ).rejects.toThrow(/GPU validation error during bad buffer/);
    await expect(computePipeline(ctx, 'broken', 'fn main() { let x: f32 = 1u; }')).rejects.toThrow(
      /WGSL compile error in broken|validation error/,
    );
    expect(await guarded(ctx, 'fine', () => 42)).toBe(42);
    ctx.device.destroy();
  });

  it('the capability report names the engine and adapter', async () => {
    expect(await capabilities()).toEqual({ engine: 'gpu', adapter: 'SwiftShader (software)' });
  });
});
