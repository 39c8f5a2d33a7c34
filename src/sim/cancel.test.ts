// A run cancelled with partialOnCancel (the CLI's Ctrl-C): the records produced so far, then the
// statistics where it stopped, combined along the same block tree as a recorded step — so they
// equal what a run recording that step reports.
import { describe, expect, it } from 'vitest';
import { runSimulation } from './engine';
import { archimedes } from './testing/scenarios';
import { requireGpu } from './testing/gpuFixture';

// 200 trajectories: four blocks, the last one partial.
const spec = { scenario: archimedes(30, 0.1), seed: 3, trajectories: 200 };

describe('partial result on cancel', () => {
  requireGpu();
  it.each(['gpu', 'cpu'] as const)('equals the full run at the step where it stopped (%s)', async (engine) => {
    const full = await runSimulation({ ...spec, record: 31 }, { engine }); // every step
    expect(full.stoppedAt).toBeUndefined();
    const ctl = new AbortController();
    const r = await runSimulation(
      { ...spec, record: 2 }, // steps 0 and 30: the stop falls between them
      {
        engine,
        chunkSeconds: 1e-9, // one update per chunk
        signal: ctl.signal,
        partialOnCancel: true,
        onProgress: (p) => {
          if (p.step >= 7) ctl.abort();
        },
      },
    );
    const t = r.stoppedAt!;
    expect(t).toBeGreaterThanOrEqual(7);
    expect(t).toBeLessThan(30);
    expect(r.steps).toEqual([0, t]);
    expect(r.finite).toEqual([full.finite[0], full.finite[t]]);
    expect(r.mean[0]).toBe(full.mean[0]);
    expect(r.stderr[0]).toBe(full.stderr[0]);
    expect(r.mean[1]).toBe(full.mean[t]);
    expect(r.stderr[1]).toBe(full.stderr[t]);
    expect(r.stderr[1]).toBeGreaterThan(0);
  });

  it('a cancelled run without partialOnCancel still rejects', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(runSimulation({ ...spec, record: 2 }, { engine: 'cpu', signal: ctl.signal })).rejects.toThrow(
      /cancelled/,
    );
  });
});
