// The simulation and experiment clients where workers are unavailable (Node): the same run
// functions as the workers', on this thread, through the streamed-job helper.
import { describe, expect, it } from 'vitest';
import { archimedes } from '../../sim/testing/scenarios';
import type { SimResult } from '../../sim/engine';
import { startPreset } from './presetClient';
import { startRun } from './simClient';

const spec = { scenario: archimedes(20, 0.1), seed: 5, trajectories: 64, record: 2 };

describe('startRun without a worker', () => {
  it('runs the jobs in order, progress before each result', async () => {
    const log: string[] = [];
    const results: [number, SimResult, boolean][] = [];
    const h = startRun(
      [
        { label: 'sgd', spec },
        { label: 'gd', spec: { ...spec, optimizer: 'gd' } },
        { label: 'progressive', spec, progressive: { target: 1e-12, cap: 256 } },
      ],
      {
        onProgress: (job, step, T, _engine, rounds) => {
          expect(step).toBeLessThanOrEqual(T);
          log.push(`p${job}${rounds ? 'r' : ''}`);
        },
        onResult: (job, r, final) => {
          results.push([job, r, final]);
          log.push(`r${job}${final ? '' : '~'}`);
        },
      },
    );
    await expect(h.done).resolves.toBe('done');
    // jobs one after another; the progressive one reports each round, the last one final
    expect(results.map(([j]) => j)).toEqual([0, 1, ...results.slice(2).map(() => 2)]);
    expect(results.at(-1)![1].trajectories).toBe(256);
    expect(results.map(([, , f]) => f)).toEqual([true, true, ...results.slice(3).map(() => false), true]);
    const first = (s: string) => log.indexOf(s);
    expect(first('p0')).toBeLessThan(first('r0'));
    expect(first('r0')).toBeLessThan(first('p1'));
    expect(first('p2r')).toBeGreaterThan(first('r1'));
    expect(results[0][1].optimizer).toBe('sgd');
    expect(results[1][1].optimizer).toBe('gd');
  });

  it("stops: 'cancelled', and no result after", async () => {
    let results = 0;
    // rounds until a cap it would take long to reach: stopped after the first
    const h = startRun([{ label: 'sgd', spec, progressive: { target: 1e-12, cap: 1 << 24 } }], {
      onProgress: () => {},
      onResult: () => {
        results++;
        h.stop();
      },
    });
    await expect(h.done).resolves.toBe('cancelled');
    expect(results).toBe(1);
  });

  it('fails with the reason for bad input', async () => {
    const h = startRun([{ label: 'bad', spec: { ...spec, trajectories: 0 } }], {
      onProgress: () => {},
      onResult: () => {},
    });
    await expect(h.done).rejects.toThrow(/trajectories/);
  });
});

describe('startPreset without a worker', () => {
  it('names an unknown preset and the known ones', async () => {
    const h = startPreset('no-such-preset', true, [], {
      onProgress: () => {},
      onResult: () => {},
      onErrata: () => {},
    });
    await expect(h.done).rejects.toThrow(/unknown experiment "no-such-preset" \(known: .+\)/);
  });
});
