// End-to-end predictions from scenario formulas: ARCHIMEDES (Corollary 1, theory.md §8, §10).
import { describe, expect, it } from 'vitest';
import { ARCHIMEDES } from './builtins';
import { parseScenario } from './scenario';
import { PredictionModel, predict } from './predict';

const archimedes = (N: number, eta?: number) =>
  parseScenario({
    weights: ARCHIMEDES.weights,
    init: ARCHIMEDES.init,
    loss: ARCHIMEDES.loss,
    data: ARCHIMEDES.data,
    schedule: { N, B: 1, epochs: 1, shuffle: false },
    observable: { weight: 'z' },
    order: 3,
    ...(eta === undefined ? {} : { eta }),
  });

describe('ARCHIMEDES', () => {
  it('the drift diagram moves z by η²/6 per step at large T (exactly (η²/2)/(3 − 2η) at finite η)', () => {
    for (const eta of [0.01, 0.05]) {
      const drift = (T: number): number =>
        new PredictionModel(archimedes(T))
          .resummed()
          .contributions(eta)
          .find((c) => c.diagram === 'c(01-2-3)(02-12-23)')!.value;
      const T = Math.round(50 / eta);
      const velocity = (drift(T + 100) - drift(T)) / 100;
      expect(velocity / ((eta * eta) / 2 / (3 - 2 * eta))).toBeCloseTo(1, 6);
      // the leading-order value η²/6 is off by the O(η) factor 3/(3 − 2η)
      expect(Math.abs(velocity / ((eta * eta) / 6) - 1)).toBeLessThan(eta);
    }
  });

  it('resummed order-3 E[z_T] at η = 0.02, T = 1e4 is within 0.5% of Monte Carlo 0.6743 ± 0.0002', () => {
    const p = predict(archimedes(10_000, 0.02), { diagrams: false });
    expect(p.T).toBe(10_000);
    expect(Math.abs(p.resummed! - 0.6743) / 0.6743).toBeLessThan(0.005);
  });

  it('the un-resummed series has no η¹ or η² drift at the valley (G = 0)', () => {
    const p = predict(archimedes(100), { diagrams: false });
    expect(Math.abs(p.series[1])).toBeLessThan(1e-12);
    expect(Math.abs(p.series[2])).toBeLessThan(1e-12);
    expect(p.series[3]).toBeGreaterThan(0);
  });
});
