// Every reader of the population moments gives the same numbers: the landscape (symbolic
// gradients at any θ), the CLI's `tensors` and the corollaries (Taylor-mode tensors at θ₀). On the
// linear loss l = u·x + v·y the gradient is the atom (x, y) itself: the hand case of
// theory/moments.test.ts (weights ½, ¼, ¼; gradients (2, 0), (0, 2), (−2, −2)).
import { describe, expect, it } from 'vitest';
import { makeLandscape } from './landscape';
import { tensorsOf as cliTensors } from './predict';
import { parseScenario } from './scenario';
import { tensorsOf } from '../theory/corollaries';

const data = {
  atoms: [
    { p: 0.5, values: { x: 2, y: 0 } },
    { p: 0.25, values: { x: 0, y: 2 } },
    { p: 0.25, values: { x: -2, y: -2 } },
  ],
};
const spec = { weights: ['u', 'v'], loss: 'u*x + v*y', data };
const G = [0.5, 0];
const C = [2.75, 1, 1, 2];
const S = [-2.25, -3, -3, -3, -3, -3, -3, 0];

describe('population moments: one computation for every reader', () => {
  it('the landscape', () => {
    const L = makeLandscape(spec);
    expect(Array.from(L.populationGradient([0.3, -1]))).toEqual(G);
    expect(Array.from(L.covariance([0.3, -1]))).toEqual(C);
    expect(Array.from(L.thirdCumulant([0.3, -1]))).toEqual(S);
    expect(Array.from(L.population([0.3, -1], 2)[1])).toEqual(G);
  });

  it('the CLI tensors', () => {
    const sc = parseScenario({
      ...spec,
      init: [0.3, -1],
      schedule: { N: 2, B: 1, epochs: 1 },
      observable: 'test-loss',
    });
    const t = cliTensors(sc, 2);
    expect(t.mean['1']).toEqual(G);
    expect(t.C).toEqual([C.slice(0, 2), C.slice(2)]);
    expect(t.S).toEqual([
      [S.slice(0, 2), S.slice(2, 4)],
      [S.slice(4, 6), S.slice(6)],
    ]);
  });

  it('the corollaries', () => {
    const t = tensorsOf(makeLandscape(spec).nodeTensorLaw([0.3, -1], 3));
    expect([Array.from(t.G), Array.from(t.C), Array.from(t.S)]).toEqual([G, C, S]);
  });
});
