// Scenarios of theory.md §10 used by the simulation tests and the benchmark.
import type { Scenario } from '../../theory/scenario-types';

/** ARCHIMEDES (helix): valley u = v = 0, SGD from θ = 0 drifts in +z at η²/6 per step. */
export function archimedes(T: number, eta: number): Scenario {
  return {
    weights: ['u', 'v', 'z'],
    init: [0, 0, 0],
    loss: '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)',
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: { N: T, B: 1, epochs: 1, shuffle: false },
    observable: { weight: 'z' },
    order: 3,
    eta,
  };
}

/** MEAN ESTIMATION with covector noise: l_x = ½Hθ² + x·√C·θ, GD on N points from θ = 0. */
export function meanEstimation(H: number, C: number, N: number, T: number, eta: number): Scenario {
  return {
    weights: ['t'],
    init: [0],
    loss: `0.5*${H}*t^2 + x*${Math.sqrt(C)}*t`,
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: { N, batches: Array.from({ length: T }, () => Array.from({ length: N }, (_, n) => n)) },
    observable: 'test-loss',
    order: 3,
    eta,
  };
}

/** GAUSS (log-variance fit): l_x(h) = ½(h + x² e^{−h}), one epoch of batch 1. */
export function gauss(h0: number, T: number, eta: number): Scenario {
  return {
    weights: ['h'],
    init: [h0],
    loss: '0.5*(h + x^2*exp(-h))',
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: { N: T, B: 1, epochs: 1, shuffle: false },
    observable: 'test-loss',
    order: 3,
    eta,
  };
}
