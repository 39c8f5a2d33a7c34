import { describe, expect, it } from 'vitest';
import {
  agreementHeadline,
  allowanceAt,
  allowanceCurve,
  allowanceSource,
  classifyAgreement,
  computeAllowance,
  truncationAllowance,
  type AllowanceRequest,
} from './allowance';
import { DEFAULT_PARAMS, type ScenarioParams } from '../scenario/params';
import { etaGrid } from '../plots/plotData';
import { buildScenario } from '../scenario/scenario';
import { contextFor } from './predictions';

const scenario = (p: Partial<ScenarioParams>) => {
  const b = buildScenario({ ...DEFAULT_PARAMS, ...p });
  if (!b.ok) throw new Error(b.message);
  return b.scenario;
};

describe('truncation allowance', () => {
  it('is the first omitted order that is not zero', () => {
    const R = [1, 1.5, 1.5, 1.6, 1.62, 1.7];
    expect(truncationAllowance((k) => R[k], 1)).toEqual({
      value: expect.closeTo(0.1, 12),
      basis: { kind: 'next-order', order: 3 },
    });
    expect(truncationAllowance((k) => R[k], 3)).toEqual({
      value: expect.closeTo(0.02, 12),
      basis: { kind: 'next-order', order: 4 },
    });
  });

  it('at the highest order, the last included non-zero order stands in', () => {
    const R = [1, 1.5, 1.5, 1.6, 1.6, 1.6];
    expect(truncationAllowance((k) => R[k], 5)).toEqual({
      value: expect.closeTo(0.1, 12),
      basis: { kind: 'last-order', order: 2 },
    });
  });

  it('is zero when no computed order changes the prediction, and only evaluates what it needs', () => {
    const asked: number[] = [];
    const at = (k: number) => (asked.push(k), 2);
    expect(truncationAllowance(at, 2)).toEqual({ value: 0, basis: { kind: 'none-visible' } });
    expect(asked).toEqual([2, 3, 4, 5]);
    asked.length = 0;
    truncationAllowance((k) => (asked.push(k), k), 2);
    expect(asked).toEqual([2, 3]);
  });

  it('the default page (ARCHIMEDES, N = T = 1000, η = 0.1, order 3): order 4 adds nothing, order 5 sets it', () => {
    const sc = scenario({});
    const a = allowanceAt(sc, 0.1);
    expect(a.basis).toEqual({ kind: 'next-order', order: 5 });
    const r3 = contextFor(sc).resummed(0.1);
    const r5 = contextFor({ ...sc, order: 5 }).resummed(0.1);
    expect(a.value).toBeCloseTo(Math.abs(r5 - r3), 12);
    expect(a.value).toBeGreaterThan(0.02);
    expect(a.value).toBeLessThan(0.05);
    expect(allowanceSource(a.basis, 3)).toBe('|order 5 − order 3|; order 4 adds nothing');
    // along t the allowance grows from 0 at t = 0 to its value at T
    const curve = allowanceCurve(sc, 0.1, a.basis);
    expect(curve[0]).toEqual({ t: 0, value: 0 });
    expect(curve[curve.length - 1].value).toBeCloseTo(a.value, 12);
  });

  it('a quadratic loss: every order above 2 adds nothing', () => {
    const sc = scenario({
      landscape: 'mean-estimation-covector',
      observable: 'test-loss',
      N: 10,
      B: 10,
      epochs: 100,
      order: 3,
      eta: 0.01,
    });
    const a = allowanceAt(sc, 0.01);
    expect(a).toEqual({ value: 0, basis: { kind: 'none-visible' } });
    expect(allowanceSource(a.basis, 3)).toBe('orders 4–5 add nothing: no truncation visible');
  });
});

describe('agreement with a simulation', () => {
  it('within the 95% band: agrees within simulation error', () => {
    const a = classifyAgreement({ prediction: 1.0, allowance: 0.5, mean: 1.001, se: 0.001 });
    expect(a.kind).toBe('simulation');
    expect(a.sigmas).toBeCloseTo(1, 9);
    expect(agreementHeadline(a.kind, 3)).toBe('agrees within simulation error');
  });

  it("the issue's default-page run: outside the band, inside the truncation allowance", () => {
    // resummed order 3: 1.77934; simulated 1.77174 ± 0.00122 (95%), "12.2 s.e.", 2¹⁶ trajectories
    const sc = scenario({});
    const allowance = allowanceAt(sc, 0.1).value;
    const a = classifyAgreement({ prediction: 1.77934, allowance, mean: 1.77174, se: 0.00122 / 1.96 });
    expect(a.sigmas).toBeCloseTo(12.2, 1);
    expect(a.kind).toBe('truncation');
    expect(agreementHeadline(a.kind, 3)).toBe(
      "agrees within the theory's truncation (the simulation is more precise than order 3)",
    );
  });

  it('beyond both: disagrees', () => {
    const a = classifyAgreement({ prediction: 1.9, allowance: 0.03, mean: 1.77174, se: 0.00122 });
    expect(a.kind).toBe('disagrees');
    expect(agreementHeadline(a.kind, 5)).toBe(
      'disagrees beyond both the simulation error and the truncation allowance',
    );
  });

  it('the edges: exactly on the band is inside; no standard error means only equality agrees', () => {
    expect(classifyAgreement({ prediction: 1.5, allowance: 0, mean: 1, se: 0.5, z: 1 }).kind).toBe('simulation');
    expect(classifyAgreement({ prediction: 1.5, allowance: 0.5, mean: 1, se: 0 }).kind).toBe('truncation');
    const none = classifyAgreement({ prediction: 1.5, allowance: 0, mean: 1, se: 0 });
    expect(none.kind).toBe('disagrees');
    expect(none.sigmas).toBe(Infinity);
  });
});

describe('the allowance job (what the prediction worker runs)', () => {
  it('reports the allowance at η, along the curve and on the η grid; a refused scenario says why', () => {
    const run = { status: 'idle', jobs: [], results: [] } as unknown as Parameters<typeof etaGrid>[1];
    const req: AllowanceRequest = {
      kind: 'allowance',
      params: { ...DEFAULT_PARAMS, N: 200 },
      eta: 0.1,
      etas: etaGrid(0.1, run),
    };
    const report = computeAllowance(req);
    expect(report.allowance).toEqual(allowanceAt(scenario({ N: 200 }), 0.1));
    expect(report.etas).toEqual(req.etas);
    expect(report.atEtas).toHaveLength(req.etas.length);
    expect(report.atEtas[0]).toBe(allowanceAt(scenario({ N: 200 }), req.etas[0]).value);
    expect(report.curve.at(-1)!.value).toBeCloseTo(report.allowance.value, 12);
    const bad = { ...req, params: { ...req.params, N: 100_000, epochs: 1000 } };
    expect(() => computeAllowance(bad)).toThrow(/^schedule: /);
  });
});
