// The engine against the independent brute-force oracle (exact rational SGD runs) on random
// polynomial landscapes and random spacetimes, every observable, η^0..η^4.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bruteForceSeries } from './testing/bruteforce';
import { arbitraryPolyCase } from './testing/polyscenario';
import { polyTensorLaw } from './testing/polylaw';
import { seriesCoefficients, seriesValue } from './series';
import { ResummedModel } from './resummed';
import { makeSpacetime } from './spacetime';
import type { Schedule } from './schedule';
import type { ObservableSpec } from './values';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('engine == brute-force oracle', () => {
  it('series coefficients (cumulant form) and moment-form diagram terms', () => {
    fc.assert(
      fc.property(arbitraryPolyCase({ order: 4 }), (c) => {
        const truth = bruteForceSeries(c.landscape, c.schedule, c.observable, 4).map((r) => r.toNumber());
        const obs: ObservableSpec =
          typeof c.observable === 'string'
            ? { kind: c.observable }
            : { kind: 'weight', index: c.observable.weight, theta0: c.landscape.theta0.map((r) => r.toNumber()) };
        const st = makeSpacetime(c.schedule as Schedule);
        const r = seriesCoefficients(polyTensorLaw(c.landscape, 5), obs, st, 4, true);
        r.series.forEach((a, k) => expect(close(a, truth[k]), `a_${k}: engine ${a} vs oracle ${truth[k]}`).toBe(true));
        for (let k = 0; k <= 4; k++) {
          const m = r.diagrams!.filter((d) => d.edges === k).reduce((s, d) => s + d.coefficient, 0);
          expect(close(m, truth[k]), `moment form a_${k}: ${m} vs ${truth[k]}`).toBe(true);
        }
        // the resummed sum agrees with the series through η^4: the gap shrinks like η^5
        const model = new ResummedModel(polyTensorLaw(c.landscape, 5), obs, st, 4);
        const gap = (eta: number): number => model.evaluate(eta) - seriesValue(r.series, eta);
        const g1 = gap(2e-3);
        const g2 = gap(1e-3);
        const scale = Math.max(1, ...truth.map(Math.abs));
        expect(Math.abs(g1)).toBeLessThan(1e-6 * scale);
        if (Math.abs(g1) > 1e-12 * scale) expect(Math.abs(g2 / g1)).toBeLessThan(1 / 16);
      }),
      { numRuns: 60 },
    );
  });

  it('series coefficients through η^5', () => {
    fc.assert(
      fc.property(arbitraryPolyCase({ order: 5 }), (c) => {
        const truth = bruteForceSeries(c.landscape, c.schedule, c.observable, 5).map((r) => r.toNumber());
        const obs: ObservableSpec =
          typeof c.observable === 'string'
            ? { kind: c.observable }
            : { kind: 'weight', index: c.observable.weight, theta0: c.landscape.theta0.map((r) => r.toNumber()) };
        const r = seriesCoefficients(polyTensorLaw(c.landscape, 6), obs, makeSpacetime(c.schedule as Schedule), 5);
        r.series.forEach((a, k) => expect(close(a, truth[k]), `a_${k}: engine ${a} vs oracle ${truth[k]}`).toBe(true));
      }),
      { numRuns: 20 },
    );
  });
});

describe('the resummed curve in t from one model', () => {
  it('equals a fresh one-epoch model on t·B points, every observable', () => {
    fc.assert(
      fc.property(arbitraryPolyCase({ order: 3 }), fc.constantFrom(1, 2), fc.integer({ min: 1, max: 7 }), (c, B, t) => {
        const obs: ObservableSpec =
          typeof c.observable === 'string'
            ? { kind: c.observable }
            : { kind: 'weight', index: c.observable.weight, theta0: c.landscape.theta0.map((r) => r.toNumber()) };
        const law = polyTensorLaw(c.landscape, 4);
        const big = new ResummedModel(law, obs, makeSpacetime({ N: 8 * B, B, epochs: 1, shuffle: false }), 3);
        const small = new ResummedModel(law, obs, makeSpacetime({ N: t * B, B, epochs: 1, shuffle: false }), 3);
        expect(big.evaluatesAnyT).toBe(true);
        const a = big.evaluateAt(0.05, t);
        const b = small.evaluate(0.05);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
      }),
      { numRuns: 60 },
    );
  });
});
