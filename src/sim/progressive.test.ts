// Progressive runs: after every round the merged result is the single run of that many
// trajectories bit for bit; they stop at the target standard error or at the cap.
import { describe, expect, it } from 'vitest';
import { runSimulation } from './engine';
import { runProgressive, worstStderr } from './progressive';
import type { SimResult } from './stats';
import { archimedes } from './testing/scenarios';
import { requireGpu } from './testing/gpuFixture';

const spec = { scenario: archimedes(30, 0.1), seed: 9, record: 4 };

describe('progressive runs', () => {
  requireGpu();
  it.each(['gpu', 'cpu'] as const)(
    'every round equals one run of that many trajectories; stops at the cap (%s)',
    async (engine) => {
      const rounds: SimResult[] = [];
      const { result, stop } = await runProgressive(spec, {
        engine,
        initial: 100,
        cap: 1000,
        targetStderr: null,
        roundSeconds: 1e9,
        onRound: (r) => rounds.push(r),
      });
      expect(stop).toBe('cap');
      // Rounds of 128, 256, 512 then the remaining 104 (sizes double while rounds are short).
      expect(rounds.map((r) => r.trajectories)).toEqual([128, 384, 896, 1000]);
      for (const r of [rounds[1], result]) {
        const single = await runSimulation({ ...spec, trajectories: r.trajectories }, { engine });
        expect(r).toEqual(single);
      }
      // The band narrows as trajectories are added.
      expect(worstStderr(rounds[3])!).toBeLessThan(worstStderr(rounds[0])!);
    },
  );

  it('stops once the largest standard error along the curve reaches the target', async () => {
    const probe = await runSimulation({ ...spec, trajectories: 1024 }, { engine: 'cpu' });
    const target = worstStderr(probe)! * 1.01; // reached at 1024 trajectories, not before
    const counts: number[] = [];
    const { result, stop } = await runProgressive(spec, {
      engine: 'cpu',
      initial: 256,
      cap: 1 << 20,
      targetStderr: target,
      roundSeconds: 0,
      onRound: (r) => counts.push(r.trajectories),
    });
    expect(stop).toBe('target');
    expect(counts).toEqual([256, 512, 768, 1024]);
    expect(worstStderr(result)!).toBeLessThanOrEqual(target);
  });

  it('Stop (abort) ends it with the rounds so far reported', async () => {
    const ctl = new AbortController();
    const counts: number[] = [];
    await expect(
      runProgressive(spec, {
        engine: 'cpu',
        initial: 64,
        cap: 1 << 20,
        targetStderr: null,
        signal: ctl.signal,
        roundSeconds: 0,
        onRound: (r) => {
          counts.push(r.trajectories);
          if (counts.length === 2) ctl.abort();
        },
      }),
    ).rejects.toThrow(/cancelled/);
    expect(counts).toEqual([64, 128]);
  });
});
