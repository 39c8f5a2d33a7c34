import { describe, expect, it } from 'vitest';
import { parseDiagram } from './diagram';
import { checkPlacement, embeddingCount, listEmbeddings } from './embeddings';
import { makeSpacetime, spacetimeFromBatches } from './spacetime';
import { parseSchedule, scheduleT } from './schedule';

describe('worked examples of theory.md §11', () => {
  it('test loss, N = T = 2: Emb of the degree-2 diagrams', () => {
    const st = makeSpacetime({ N: 2, B: 1, epochs: 1, shuffle: false });
    expect(embeddingCount(parseDiagram('c(0-1)(01)'), 'test-loss', st)).toBe(2);
    expect(embeddingCount(parseDiagram('c(0-1-2)(02-12)'), 'test-loss', st)).toBe(2); // distinct times
    expect(embeddingCount(parseDiagram('c(01-2)(02-12)'), 'test-loss', st)).toBe(2); // same cell
    expect(embeddingCount(parseDiagram('c(0-1-2)(01-12)'), 'test-loss', st)).toBe(1);
  });
  it('weight, N = 2, two epochs without reshuffling', () => {
    const st = makeSpacetime({ N: 2, B: 1, epochs: 2, shuffle: false });
    expect(embeddingCount(parseDiagram('c(0-1)(01)'), 'weight', st)).toBe(4);
    expect(embeddingCount(parseDiagram('c(0-1-2)(01-12)'), 'weight', st)).toBe(4);
    expect(embeddingCount(parseDiagram('c(01-2)(01-12)'), 'weight', st)).toBe(2); // parent and child tied
  });
  it('shuffling averages counts over permutations', () => {
    // N = 2, B = 1, two epochs: the tied chain needs the same point in both epochs, in order.
    // Without shuffle the cells (0,0)->(0,2) and (1,1)->(1,3) give 2 (plus none within an epoch).
    const fixed = makeSpacetime({ N: 2, B: 1, epochs: 2, shuffle: false });
    const shuffled = makeSpacetime({ N: 2, B: 1, epochs: 2, shuffle: true });
    const d = parseDiagram('c(01-2)(01-12)');
    expect(embeddingCount(d, 'weight', fixed)).toBe(2);
    // with reshuffling: same order (prob ½) gives 2; swapped order gives (0,0)->(0,3) and (1,1)->(1,2) = 2
    expect(embeddingCount(d, 'weight', shuffled)).toBe(2);
    // untied pair of leaves at distinct datapoints under a J root… a case where order matters:
    const st3 = makeSpacetime({ N: 3, B: 1, epochs: 2, shuffle: true });
    const fixed3 = makeSpacetime({ N: 3, B: 1, epochs: 2, shuffle: false });
    expect(embeddingCount(d, 'weight', fixed3)).toBe(3);
    expect(embeddingCount(d, 'weight', st3)).toBe(3);
  });
});

describe('placements', () => {
  const st = spacetimeFromBatches(3, [[0], [1, 2], [0]]);
  const d = parseDiagram('c(01-2-3)(02-12-23)');
  it('accepts a legal placement', () => {
    expect(
      checkPlacement(d, 'weight', st, [
        { n: 1, t: 1 },
        { n: 1, t: 1 },
        { n: 0, t: 2 },
      ]),
    ).toEqual([]);
  });
  it('explains every kind of illegal placement', () => {
    const reasons = (cells: Parameters<typeof checkPlacement>[3]): string =>
      checkPlacement(d, 'weight', st, cells)
        .map((p) => p.reason)
        .join(' | ');
    expect(
      reasons([
        { n: 1, t: 2 },
        { n: 1, t: 1 },
        { n: 0, t: 2 },
      ]),
    ).toMatch(/not in the spacetime/);
    expect(
      reasons([
        { n: 0, t: 2 },
        { n: 0, t: 2 },
        { n: 0, t: 2 },
      ]),
    ).toMatch(/strictly earlier than its parent node 2/);
    expect(
      reasons([
        { n: 1, t: 1 },
        { n: 2, t: 1 },
        { n: 0, t: 2 },
      ]),
    ).toMatch(/tied \(one part\) but sit on different datapoints/);
    expect(
      reasons([
        { n: 0, t: 0 },
        { n: 0, t: 0 },
        { n: 0, t: 2 },
      ]),
    ).toMatch(/different parts but share datapoint n=0/);
    expect(
      checkPlacement(
        d,
        'weight',
        st,
        [
          { n: 0, t: 0 },
          { n: 0, t: 0 },
          { n: 0, t: 2 },
        ],
        'cumulant',
      ),
    ).toEqual([]);
    expect(reasons([null, { n: 1, t: 1 }, { n: 0, t: 2 }])).toMatch(/node 0 is not placed/);
  });
  it('lists exactly the legal placements', () => {
    const all = listEmbeddings(d, 'weight', st);
    expect(all.length).toBe(embeddingCount(d, 'weight', st));
    for (const e of all) expect(checkPlacement(d, 'weight', st, e.cells)).toEqual([]);
  });
});

describe('schedules', () => {
  it.each([
    [{ N: 4, B: 3, epochs: 1, shuffle: false }, /not divisible by B = 3/],
    [{ N: 4, B: 1, epochs: 0 }, /epochs: expected a positive integer/],
    [{ N: 2, batches: [[0], [2]] }, /batches\[1\]\[0\]: datapoint index must be an integer in 0..1/],
    [{ N: 2, batches: [[0, 0]] }, /appears twice/],
    [{ N: 2, B: 1, foo: 1 }, /unknown field "foo"/],
  ])('rejects %j', (s, msg) => {
    expect(() => parseSchedule(s)).toThrow(msg);
  });
  it('T = epochs·N/B', () => {
    expect(scheduleT(parseSchedule({ N: 6, B: 2, epochs: 3, shuffle: true }))).toBe(9);
  });
});

describe('large spacetimes', () => {
  it('one epoch with T = 10⁶ needs no batch list (closed forms)', () => {
    const st = makeSpacetime({ N: 1_000_000, B: 1, epochs: 1, shuffle: false });
    expect(embeddingCount(parseDiagram('c(01-2-3)(02-12-23)'), 'weight', st)).toBe((1_000_000 * 999_999) / 2);
  });
});
