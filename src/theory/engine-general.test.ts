// The engine against the brute-force oracle for the general observables: any polynomial φ (its
// mean, the root with k children carrying ∇^kφ), its variance E[φ²] − E[φ]², and a tensor
// learning rate P (diagonal or full SPD), on random landscapes and spacetimes, through η^5.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bruteForceSeries } from './testing/bruteforce';
import { arbitraryGeneralCase, bruteOptions, engineInputs, type GeneralCase } from './testing/polygeneral';
import { seriesCoefficients, seriesValue } from './series';
import { ResummedModel } from './resummed';
import { makeSpacetime } from './spacetime';
import { varianceSeries } from './observables';
import { enumerateDiagrams } from './enumerate';
import { parsePreconditioner, PreconditionerError } from './preconditioner';
import type { Schedule } from './schedule';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function engineSeries(c: GeneralCase, order: number): number[] {
  const { law, specs } = engineInputs(c, order + 1);
  const st = makeSpacetime(c.base.schedule as Schedule);
  const s = specs.map((o) => seriesCoefficients(law, o, st, order).series);
  return s.length === 2 ? varianceSeries(s[0], s[1]) : s[0];
}

function engineResummed(c: GeneralCase, order: number, eta: number): number {
  const { law, specs } = engineInputs(c, order + 1);
  const st = makeSpacetime(c.base.schedule as Schedule);
  const r = specs.map((o) => new ResummedModel(law, o, st, order).evaluate(eta));
  return r.length === 2 ? r[0] - r[1] ** 2 : r[0];
}

describe('engine == brute-force oracle: formula observables, variances, preconditioners', () => {
  it('series coefficients through η^4 and the resummed sum agreeing through η^4', () => {
    fc.assert(
      fc.property(arbitraryGeneralCase({ order: 4 }), (c) => {
        const truth = bruteForceSeries(c.base.landscape, c.base.schedule, c.observable, 4, bruteOptions(c)).map((r) =>
          r.toNumber(),
        );
        const got = engineSeries(c, 4);
        got.forEach((a, k) => expect(close(a, truth[k]), `a_${k}: engine ${a} vs oracle ${truth[k]}`).toBe(true));
        // the resummed prediction differs from the truncated series by O(η^5)
        const gap = (eta: number): number => engineResummed(c, 4, eta) - seriesValue(got, eta);
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
      fc.property(arbitraryGeneralCase({ order: 5 }), (c) => {
        const truth = bruteForceSeries(c.base.landscape, c.base.schedule, c.observable, 5, bruteOptions(c)).map((r) =>
          r.toNumber(),
        );
        engineSeries(c, 5).forEach((a, k) =>
          expect(close(a, truth[k]), `a_${k}: engine ${a} vs oracle ${truth[k]}`).toBe(true),
        );
      }),
      { numRuns: 25 },
    );
  });
});

describe('formula diagrams', () => {
  it('every root shape contributes: the formula classes are the test-loss classes', () => {
    for (let m = 0; m <= 4; m++) {
      const f = enumerateDiagrams(m, 'formula').map((c) => c.notation);
      expect(f).toEqual(enumerateDiagrams(m, 'test-loss').map((c) => c.notation));
      if (m >= 2) expect(f.length).toBeGreaterThan(enumerateDiagrams(m, 'weight').length);
    }
  });
});

describe('preconditioner validation', () => {
  const msg = (raw: unknown, dim: number): string => {
    try {
      parsePreconditioner(raw, dim);
    } catch (e) {
      expect(e).toBeInstanceOf(PreconditionerError);
      return (e as Error).message;
    }
    return 'accepted';
  };
  it('names the wrong size, the entry, the asymmetric pair or the eigenvalue', () => {
    expect(msg([1, 2, 3], 2)).toMatch(/has 3 entries but there are 2 weights/);
    expect(
      msg(
        [
          [1, 0],
          [0, 1, 2],
        ],
        2,
      ),
    ).toMatch(/preconditioner\[1\]: expected a row of 2 numbers/);
    expect(msg([1, 0], 2)).toMatch(/preconditioner\[1\]: .*positive entries, got 0/);
    expect(msg([1, -2], 2)).toMatch(/preconditioner\[1\]: .*positive entries, got -2/);
    expect(
      msg(
        [
          [1, 0.5],
          [0.25, 1],
        ],
        2,
      ),
    ).toMatch(/not symmetric: entry \[0\]\[1\] = 0.5 but \[1\]\[0\] = 0.25/);
    expect(
      msg(
        [
          [1, 2],
          [2, 1],
        ],
        2,
      ),
    ).toMatch(/not positive definite: it has the eigenvalue -1/);
    expect(
      msg(
        [
          [1, 1],
          [1, 1],
        ],
        2,
      ),
    ).toMatch(/not positive definite/);
    expect(
      msg(
        [
          [1, 'a'],
          ['a', 1],
        ],
        2,
      ),
    ).toMatch(/preconditioner\[0\]\[1\]: expected a finite number/);
    expect(
      msg(
        [
          [2, 0.5],
          [0.5, 1],
        ],
        2,
      ),
    ).toBe('accepted');
    expect(msg([3], 1)).toBe('accepted');
  });
});
