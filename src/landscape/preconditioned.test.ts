// The preconditioned Cor. 1 (theory.md §5b) on ARCHIMEDES: the closed form from the tensors,
// (η²/2)·p_z·p_u·p_v/(2p_u + p_v), equals the long-time velocity of the engine's resummed
// prediction with P, to the relative O(η) the leading order leaves out.
import { describe, expect, it } from 'vitest';
import { ARCHIMEDES } from './builtins';
import { parseScenario } from './scenario';
import { PredictionModel } from './predict';
import { driftVelocity, preconditionedDriftVelocity, tensorsOf } from '../theory/corollaries';

const fields = {
  weights: [...ARCHIMEDES.weights],
  init: [...ARCHIMEDES.init],
  loss: ARCHIMEDES.loss,
  data: ARCHIMEDES.data,
};

describe('preconditioned drift on ARCHIMEDES', () => {
  const eta = 0.01;
  const T = 20_000;
  const sc = (P?: number[]) =>
    parseScenario({
      ...fields,
      schedule: { N: T, B: 1, epochs: 1, shuffle: false },
      observable: { weight: 'z' },
      order: 3,
      eta,
      ...(P ? { preconditioner: P } : {}),
    });
  const t = tensorsOf(new PredictionModel(sc()).law);
  it.each([[[1, 1, 1]], [[2, 0.5, 3]], [[0.5, 2, 1]], [[0.5, 0.5, 2]]])('P = diag(%j)', (P) => {
    const closed = preconditionedDriftVelocity(t, P, 2, eta);
    const [pu, pv, pz] = P;
    expect(closed).toBeCloseTo(((eta * eta) / 2) * ((pz * pu * pv) / (2 * pu + pv)), 12);
    const m = new PredictionModel(sc(P)).resummed();
    const v = (m.evaluate(eta) - m.evaluateAt(eta, T / 2)) / (T / 2);
    expect(Math.abs(v / closed - 1)).toBeLessThan(0.02);
  });
  it('P = I is the verified Cor. 1', () => {
    expect(preconditionedDriftVelocity(t, [1, 1, 1], 2, 0.1)).toBeCloseTo(driftVelocity(t, 2, 0.1).verified, 14);
  });
});
