import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../scenario/params';
import { useAppStore } from './store';

const s = () => useAppStore.getState();

describe('the grid on the default page (N = T = 1000)', () => {
  beforeEach(() => {
    s().applyParams(DEFAULT_PARAMS);
    s().clearPlacement();
  });

  it('drops a diagram inside the window, near the drop', () => {
    s().dropDiagram('c(0-1-2-3)(01-12-23)', { n: 990, t: 990 }, { n0: 980, n1: 1000, t0: 975, t1: 1000 });
    const g = s().grid;
    expect(g.message).toBeNull();
    for (const c of g.placement!.cells) {
      expect(c!.t).toBeGreaterThanOrEqual(975);
      expect(c!.n).toBeGreaterThanOrEqual(980);
      expect(c!.n).toBe(c!.t); // one epoch, B = 1: the diagonal
    }
  });

  it('places outside the window, and says so, when the window has no room', () => {
    s().dropDiagram('c(0-1-2-3)(01-12-23)', { n: 5, t: 500 }, { n0: 0, n1: 20, t0: 500, t1: 530 });
    const g = s().grid;
    expect(g.message).toMatch(
      /no legal placement inside the window; it was placed on the nearest legal cells outside it/,
    );
    expect(g.placement!.cells.every((c) => c!.n === c!.t)).toBe(true);
  });

  it('edits a cell of the 1000 × 1000 schedule; refuses schedules past the cell limit', () => {
    expect(s().toggleCell(990, 995)).toBeNull();
    expect(s().batches![995]).toEqual([990, 995]);
    s().applyParams({ ...DEFAULT_PARAMS, N: 100_000, epochs: 1000 });
    expect(s().toggleCell(3, 3)).toMatch(/a custom schedule holds at most 2,000,000 cells; this one has 100,000,000/);
    expect(s().batches).toBeNull();
  });
});
