// The brute-force oracle's own check for formula observables, variances and preconditioners:
// it reproduces every reference file of oracle/general exactly, in rationals (those files were
// computed independently of this project), and a hand-computed case.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bruteForceSeries, type BruteObservable } from './bruteforce';
import { landscapeFromScenario, type PolyScenarioJSON } from './polyscenario';
import { polyFromFormula } from './polygeneral';
import { polyFromTerms } from './polyseries';
import { Rational } from './rational';

const dir = path.resolve(import.meta.dirname, '../../fixtures/oracle/general');
const SNAP = 10_000;

describe('oracle == reference files (exact rationals)', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it.each(files)('%s', (f) => {
    const ref = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    const scn = ref.scenario as PolyScenarioJSON & {
      observable: unknown;
      preconditioner?: number[] | number[][];
    };
    const num = (x: number) => Rational.snap(x, SNAP);
    const base = landscapeFromScenario({ ...scn, observable: 'test-loss' }, { snapDenominator: SNAP });
    const ob = scn.observable as { formula?: string; variance?: string };
    const poly = polyFromFormula((ob.formula ?? ob.variance)!, scn.weights, num);
    const observable: BruteObservable = ob.formula !== undefined ? { formula: poly } : { variance: poly };
    const raw = scn.preconditioner;
    const dim = scn.weights.length;
    const P = raw
      ? Array.isArray(raw[0])
        ? (raw as number[][]).map((r) => r.map(num))
        : Array.from({ length: dim }, (_, i) =>
            Array.from({ length: dim }, (__, j) => (i === j ? num((raw as number[])[i]) : Rational.ZERO)),
          )
      : undefined;
    const got = bruteForceSeries(base.landscape, base.schedule, observable, scn.order, P ? { preconditioner: P } : {});
    expect(got.map((r) => r.toString())).toEqual(ref.expected.exact);
  });
});

describe('a hand-computed case', () => {
  it('one step with P = 2 on l_x = x·t + t²/2: E[t₁²] and Var t₁', () => {
    // t₁ = t₀ − 2η(x + t₀), x = ±1 with probability ½, t₀ = 1: t₁ = 1 − 2η(1 ± 1)
    const landscape = {
      dim: 1,
      theta0: [Rational.ONE],
      atoms: [1, -1].map((x) => ({
        p: Rational.of(1, 2),
        terms: [
          { alpha: [1], coef: Rational.of(x) },
          { alpha: [2], coef: Rational.of(1, 2) },
        ],
      })),
    };
    const sq = polyFromTerms(1, [{ alpha: [2], coef: Rational.ONE }]);
    const opts = { preconditioner: [[Rational.of(2)]] };
    const schedule = { N: 1, B: 1, epochs: 1, shuffle: false };
    // E t₁² = ½(1 − 4η)² + ½ = 1 − 4η + 8η²
    expect(bruteForceSeries(landscape, schedule, { formula: sq }, 2, opts).map(String)).toEqual(['1', '-4', '8']);
    // Var t₁ = Var(2η(1 ± 1)) = 4η²
    const t = polyFromTerms(1, [{ alpha: [1], coef: Rational.ONE }]);
    expect(bruteForceSeries(landscape, schedule, { variance: t }, 3, opts).map(String)).toEqual(['0', '0', '4', '0']);
  });
});
