// Every experiment's quick form runs, reports every plotted number, and states a verdict that
// matches the verified theory; the errata view scores the printed forms against the same data.
import { afterAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS, experimentByName, runErrata } from './registry';
import type { ExperimentResult } from './types';

const results = new Map<string, ExperimentResult>();
const ctx = { quick: true, engine: 'cpu' as const, seed: 0 };

describe('experiments (quick forms, CPU twin)', () => {
  it.each(EXPERIMENTS.map((e) => e.name))('%s passes its verdict', async (name) => {
    const r = await experimentByName(name).run(ctx);
    results.set(name, r);
    expect(r.experiment).toBe(name);
    expect(r.quick).toBe(true);
    expect(Number.isFinite(r.verdict.z)).toBe(true);
    expect(r.verdict.detail.length).toBeGreaterThan(20);
    expect(r.verdict.pass, r.verdict.detail).toBe(true);
    // JSON round trip: everything plotted is plain data
    expect(JSON.parse(JSON.stringify(r.plots))).toEqual(r.plots);
    // the errata it scores are the ones it declares, in that order, with the same formulas
    const e = experimentByName(name);
    expect(r.errata.map((x) => [x.corollary, x.printed.formula, x.verified.formula])).toEqual(
      e.errata.map((f) => [f.corollary, f.printed, f.verified]),
    );
    // and it draws its own plots from the result, every drawn value finite
    const plots = e.plots(r);
    expect(plots.length).toBeGreaterThan(0);
    for (const p of plots)
      for (const l of p.lines) for (const q of l.points) expect(Number.isFinite(q.y), `${p.id}: ${l.name}`).toBe(true);
  });

  it('the errata view decides against the printed Cor. 1, 3, 4, 5 (SDE) and Example 1', async () => {
    const e = await runErrata(ctx, results);
    const byCor = new Map(
      e.errata.map((x) => [
        x.corollary === 'Cor. 5' ? `Cor. 5 ${x.quantity.includes('SDE') ? 'SDE' : 'ODE'}` : x.corollary,
        x,
      ]),
    );
    for (const c of ['Cor. 1', 'Cor. 3', 'Cor. 4', 'Cor. 5 SDE', 'Example 1']) {
      expect(byCor.get(c)?.supports, c).toBe('verified');
      expect(Math.abs(byCor.get(c)!.zPrinted), c).toBeGreaterThan(4);
    }
    expect(e.verdict.pass).toBe(true);
  });

  it('names unknown experiments', () => {
    expect(() => experimentByName('nope')).toThrow(/unknown experiment "nope" \(known: archimedes/);
  });
});

afterAll(() => results.clear());
