import { describe, expect, it } from 'vitest';
import { makeSpacetime, type Spacetime } from '../../theory/spacetime';
import {
  MAX_SIZE,
  MIN_SIZE,
  VIEW_H,
  VIEW_W,
  centreOn,
  clampWindow,
  fitSize,
  follow,
  initialWindow,
  inWindow,
  overview,
  panBy,
  rowsIn,
  scheduleOverview,
  spanOf,
  zoomAt,
} from './gridWindow';

/** A structured spacetime whose list of batches may not be read (it would hold N·T/B rows). */
function structureOnly(st: Spacetime): Spacetime {
  const { N, T, structured } = st;
  return {
    N,
    T,
    structured,
    get batches(): number[][] {
      throw new Error('listed every batch');
    },
  };
}

describe('the spacetime window', () => {
  it('shows a small spacetime whole and a large one at a readable size', () => {
    expect(fitSize(4, 4)).toBe(MAX_SIZE);
    const big = fitSize(1000, 1000);
    expect(big).toBeGreaterThanOrEqual(MIN_SIZE);
    const s = spanOf({ size: big, vw: VIEW_W, vh: VIEW_H }, 1000, 1000);
    expect(s.cols * big).toBeLessThanOrEqual(VIEW_W);
    expect(s.rows * big).toBeLessThanOrEqual(VIEW_H);
    expect(s.rows).toBeLessThan(1000);
  });

  it('fits a narrow view', () => {
    const st = makeSpacetime({ N: 1000, B: 1, epochs: 1, shuffle: false });
    const w = initialWindow(st, 200, 120);
    const s = spanOf(w, 1000, 1000);
    expect(s.cols * w.size).toBeLessThanOrEqual(200);
    expect(s.rows * w.size).toBeLessThanOrEqual(120);
    expect(inWindow(w, { n: 999, t: 1000 }, 1000, 1000)).toBe(true);
  });

  it('starts at the last updates with the root column and the rows they use', () => {
    const st = makeSpacetime({ N: 1000, B: 1, epochs: 1, shuffle: false });
    const w = initialWindow(st);
    expect(inWindow(w, { n: 999, t: 999 }, 1000, 1000)).toBe(true);
    expect(inWindow(w, { n: 999, t: 1000 }, 1000, 1000)).toBe(true); // the root's column
    expect(inWindow(w, { n: 0, t: 0 }, 1000, 1000)).toBe(false);
  });

  it('stays inside the spacetime when panned, followed or zoomed', () => {
    const w = clampWindow({ n0: 0, t0: 0, size: 16, vw: VIEW_W, vh: VIEW_H }, 1000, 1000);
    expect(panBy(w, -5, -5, 1000, 1000)).toEqual(w);
    const far = panBy(w, 5000, 5000, 1000, 1000);
    const s = spanOf(w, 1000, 1000);
    expect(far).toEqual({ ...w, n0: 1000 - s.rows, t0: 1001 - s.cols });
    const f = follow(w, { n: 500, t: 600 }, 1000, 1000);
    expect(inWindow(f, { n: 500, t: 600 }, 1000, 1000)).toBe(true);
    expect(f.n0).toBe(500 - s.rows + 1); // the smallest shift: the cell lands on the last row
    expect(follow(f, { n: 500, t: 600 }, 1000, 1000)).toEqual(f);
    const c = centreOn(w, { n: 500, t: 600 }, 1000, 1000);
    expect(c.n0).toBe(500 - Math.floor(s.rows / 2));
    const z = zoomAt(w, 2, { n: 10, t: 10 }, 1000, 1000);
    expect(z.size).toBe(MAX_SIZE);
    expect(zoomAt(z, 100, { n: 10, t: 10 }, 1000, 1000)).toBe(z);
    expect(zoomAt(w, 0.01, { n: 10, t: 10 }, 1000, 1000).size).toBe(MIN_SIZE);
  });

  it('zooming keeps the anchor cell under the pointer', () => {
    const w = clampWindow({ n0: 400, t0: 400, size: 20, vw: VIEW_W, vh: VIEW_H }, 1000, 1000);
    const z = zoomAt(w, 0.5, { n: 410, t: 412 }, 1000, 1000);
    expect(z.size).toBe(MIN_SIZE);
    expect((410 - z.n0) * z.size).toBeCloseTo((410 - w.n0) * w.size, -1);
    expect((412 - z.t0) * z.size).toBeCloseTo((412 - w.t0) * w.size, -1);
  });

  it('reads the rows of an update from the structure, at any size', () => {
    const st = makeSpacetime({ N: 100_000, B: 4, epochs: 3, shuffle: false });
    expect(st.T).toBe(75_000);
    expect(rowsIn(st, 25_001, 0, 100_000)).toEqual([4, 5, 6, 7]);
    expect(rowsIn(st, 25_001, 5, 7)).toEqual([5, 6]);
    const custom = makeSpacetime({ N: 5, batches: [[0, 3], [4], [1, 2, 3]] });
    expect(rowsIn(custom, 2, 2, 5)).toEqual([2, 3]);
  });

  it('summarises the whole schedule exactly in blocks', () => {
    const st = makeSpacetime({ N: 1000, B: 1, epochs: 1, shuffle: false });
    const ov = overview(st, 10, 20);
    expect([ov.rows, ov.cols]).toEqual([10, 20]);
    // one epoch, B = 1: the diagonal; a block of 100 rows × 50 updates holds 50 cells
    expect(ov.density[0][0]).toBeCloseTo(50 / 5000);
    expect(ov.density[0][2]).toBe(0);
    const total = ov.density.flat().reduce((s, d) => s + d * 5000, 0);
    expect(total).toBeCloseTo(1000);
    const gd = overview(makeSpacetime({ N: 7, B: 7, epochs: 3, shuffle: false }), 4, 4);
    expect(gd.density.flat().every((d) => Math.abs(d - 1) < 1e-12)).toBe(true);
  });

  it('samples a schedule of 10⁸ updates (1000 epochs of 10⁵ points) in bounded work', () => {
    const st = structureOnly(makeSpacetime({ N: 100_000, B: 1, epochs: 1000, shuffle: false }));
    expect(st.T).toBe(1e8);
    const ov = overview(st, 10, 10);
    // every epoch uses every row once: a block of 10⁴ rows × 10⁷ updates holds 10⁴ · 100 cells
    for (const d of ov.density.flat()) expect(Math.abs(d / 1e-5 - 1)).toBeLessThan(0.05);
  });

  it('summarises 10⁵ × 10⁵ without listing its cells', () => {
    const st = structureOnly(makeSpacetime({ N: 100_000, B: 1, epochs: 1, shuffle: false }));
    const ov = overview(st);
    expect(ov.density.flat().some((d) => d > 0)).toBe(true);
  });

  it("the grid worker's job: a custom schedule's overview from the scenario's fields", () => {
    // two rows used at every update of four: the top half of the overview is full, the bottom empty
    const batches = [
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
    ];
    const ov = scheduleOverview({ N: 4, B: 1, epochs: 1, shuffle: false, batches });
    expect(ov.density).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    // without batches the structured schedule is used (B, epochs)
    const st = scheduleOverview({ N: 6, B: 2, epochs: 2, shuffle: true, batches: null });
    expect(st).toEqual(overview(makeSpacetime({ N: 6, B: 2, epochs: 2, shuffle: true })));
    expect([st.rows, st.cols]).toEqual([6, 6]);
  });
});
