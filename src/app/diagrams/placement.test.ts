import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../../theory/diagram';
import { makeSpacetime } from '../../theory/spacetime';
import { findPlacement, placementProblems } from './placement';

describe('placement', () => {
  const st = makeSpacetime({ N: 4, B: 1, epochs: 1, shuffle: false });
  it('finds a legal placement of the drift diagram on a 4×4 one-epoch grid', () => {
    const d = parseDiagram('c(01-2-3)(02-12-23)');
    const pl = findPlacement(d, 'weight', st, { n: 0, t: 0 })!;
    expect(pl).not.toBeNull();
    expect(placementProblems(d, 'weight', st, pl)).toEqual([]);
  });

  it('returns null when the diagram does not fit', () => {
    const small = makeSpacetime({ N: 2, B: 1, epochs: 1, shuffle: false });
    expect(findPlacement(parseDiagram('c(0-1-2-3)(01-12-23)'), 'test-loss', small)).toBeNull();
  });

  it('explains an illegal move', () => {
    const d = parseDiagram('c(0-1-2)(01-12)');
    const problems = placementProblems(d, 'test-loss', st, {
      cells: [
        { n: 3, t: 3 },
        { n: 2, t: 2 },
      ],
    });
    expect(problems[0].reason).toMatch(/strictly earlier than its parent node 1/);
  });

  it('places train-loss roots on a row', () => {
    const d = parseDiagram('c(01-2)(02-12)');
    const pl = findPlacement(d, 'train-loss', st)!;
    expect(pl.rootRow).toBeDefined();
    expect(placementProblems(d, 'train-loss', st, pl)).toEqual([]);
  });
});

describe('placement at the default page size and beyond', () => {
  const lazy = (N: number) => {
    const { T, structured } = makeSpacetime({ N, B: 1, epochs: 1, shuffle: false });
    // the list of batches may not be read: it would hold every update
    return {
      N,
      T,
      structured,
      get batches(): number[][] {
        throw new Error('listed every batch');
      },
    };
  };
  const drift = parseDiagram('c(01-2-3)(02-12-23)');

  it('places the drift diagram inside a window of N = T = 1000 from the structure alone', () => {
    const st = lazy(1000);
    const region = { n0: 960, n1: 985, t0: 961, t1: 1000 };
    const pl = findPlacement(drift, 'weight', st, { n: 970, t: 990 }, region)!;
    expect(pl).not.toBeNull();
    for (const c of pl.cells) {
      expect(c!.n).toBeGreaterThanOrEqual(960);
      expect(c!.n).toBeLessThan(985);
      expect(c!.t).toBeGreaterThanOrEqual(961);
    }
    expect(placementProblems(drift, 'weight', st, pl)).toEqual([]);
  });

  it('finds nothing in a window without room, and places near the drop at 10⁵ × 10⁵', () => {
    const st = lazy(100_000);
    // one-epoch B = 1 uses cell (n, n): a window off the diagonal holds no cell
    expect(findPlacement(drift, 'weight', st, { n: 10, t: 500 }, { n0: 0, n1: 20, t0: 500, t1: 540 })).toBeNull();
    const pl = findPlacement(
      drift,
      'weight',
      st,
      { n: 50_000, t: 50_000 },
      { n0: 49_990, n1: 50_010, t0: 49_990, t1: 50_030 },
    )!;
    expect(placementProblems(drift, 'weight', st, pl)).toEqual([]);
    expect(pl.cells.every((c) => c!.t >= 49_990 && c!.t < 50_030)).toBe(true);
  });

  it('places a train-loss diagram with its root row in the window', () => {
    const st = makeSpacetime({ N: 1000, B: 10, epochs: 2, shuffle: false });
    const d = parseDiagram('c(01-2)(02-12)');
    const pl = findPlacement(d, 'train-loss', st, { n: 505, t: 150 }, { n0: 500, n1: 520, t0: 140, t1: 160 })!;
    expect(pl.rootRow).toBeGreaterThanOrEqual(500);
    expect(placementProblems(d, 'train-loss', st, pl)).toEqual([]);
  });
});
