// Full stack against the brute-force oracle: a random polynomial case is written as a scenario
// (formula + atoms), parsed, differentiated by the landscape layer and predicted; the exact
// rational SGD expansion must agree for η^0..η^4.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bruteForceSeries } from '../theory/testing/bruteforce';
import { arbitraryPolyCase, toScenario } from '../theory/testing/polyscenario';
import { parseScenario } from './scenario';
import { predict } from './predict';

describe('scenario → prediction == brute force', () => {
  it('random polynomial landscapes, spacetimes and observables', () => {
    fc.assert(
      fc.property(arbitraryPolyCase({ order: 4 }), (c) => {
        const truth = bruteForceSeries(c.landscape, c.schedule, c.observable, 4).map((r) => r.toNumber());
        const p = predict(parseScenario(toScenario(c.landscape, c.schedule, c.observable, 4)), { diagrams: false });
        p.series.forEach((a, k) => {
          expect(Math.abs(a - truth[k]), `a_${k}: ${a} vs ${truth[k]}`).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(truth[k])),
          );
        });
      }),
      { numRuns: 40 },
    );
  });
});
