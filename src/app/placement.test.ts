import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../theory/diagram';
import { makeSpacetime } from '../theory/spacetime';
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
    const problems = placementProblems(d, 'test-loss', st, { cells: [{ n: 3, t: 3 }, { n: 2, t: 2 }] });
    expect(problems[0].reason).toMatch(/strictly earlier than its parent node 1/);
  });

  it('places train-loss roots on a row', () => {
    const d = parseDiagram('c(01-2)(02-12)');
    const pl = findPlacement(d, 'train-loss', st)!;
    expect(pl.rootRow).toBeDefined();
    expect(placementProblems(d, 'train-loss', st, pl)).toEqual([]);
  });
});
