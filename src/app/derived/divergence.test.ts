import { describe, expect, it } from 'vitest';
import { divergedText, runDivergence } from './divergence';
import type { SimResult } from '../../sim/engine';

const result = (diverged: number, firstDiverged: number | null, trajectories = 256) =>
  ({ diverged, firstDiverged, trajectories }) as SimResult;

describe('divergence in words', () => {
  it('says nothing when every trajectory stayed finite', () => {
    expect(divergedText(result(0, null))).toBeNull();
    expect(runDivergence({ jobs: [{ kind: 'optimizer', optimizer: 'sgd' }], results: [result(0, null)] })).toEqual([]);
  });

  it('counts the diverged trajectories and names the first step', () => {
    expect(divergedText(result(256, 3))).toBe('256 of 256 trajectories diverged, the first at step 3');
    expect(divergedText(result(1, 0, 1))).toBe('1 of 1 trajectory diverged, the first at step 0');
  });

  it('names the job of each line and skips jobs not finished', () => {
    const lines = runDivergence({
      jobs: [
        { kind: 'optimizer', optimizer: 'gd' },
        { kind: 'optimizer', optimizer: 'sgd' },
        { kind: 'sweep', eta: 0.5 },
      ],
      results: [null, result(4, 17), result(256, 2)],
    });
    expect(lines).toEqual([
      'SGD: 4 of 256 trajectories diverged, the first at step 17',
      'SGD at η = 0.5 (sweep): 256 of 256 trajectories diverged, the first at step 2',
    ]);
  });
});
