// Hostile scenario files through the CLI entry point: every case either returns JSON with only
// finite numbers (no null) or throws an InputError with a message; an accepted case's cost was
// estimated and checked against the budget first (counted work, so the per-case time bound is
// the budget itself). Seeded and bounded: the same cases on every run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './main';
import { allFinite, hostileScenario } from '../landscape/testing/hostile';
import { parseScenario } from '../landscape/scenario';
import { predictionCost } from '../landscape/predict';
import { makeLandscape } from '../landscape/landscape';
import { tensorLawCost } from '../landscape/cost';
import { exprSize } from '../landscape/formula/ast';
import { budgetChecks, WORK_LIMIT, MEMORY_LIMIT } from '../theory/budget';
import { BudgetError, InputError } from '../theory/errors';
import { makePlan } from '../sim/plan';

const tmp = mkdtempSync(path.join(tmpdir(), 'sgd-fuzz-'));
let fileNo = 0;
function file(o: unknown): string {
  const f = path.join(tmp, `s${fileNo++}.json`);
  writeFileSync(f, JSON.stringify(o));
  return f;
}

/** Outcome of one CLI call: its JSON, or the input error it was refused with. */
async function attempt(args: string[]): Promise<{ out: unknown } | { error: InputError }> {
  try {
    return { out: await run(args) };
  } catch (e) {
    // anything but a named input error (a TypeError, a stack overflow, …) fails the property
    if (!(e instanceof InputError)) throw e;
    expect(e.message.length).toBeGreaterThan(10);
    return { error: e };
  }
}

const seen = { accepted: 0, refused: 0, budget: 0 };

describe('fuzz: hostile scenarios through the CLI', () => {
  it('predict answers with finite numbers or refuses with a named input error, within the budget', async () => {
    await fc.assert(
      fc.asyncProperty(hostileScenario, async (o) => {
        const before = budgetChecks.count;
        const r = await attempt(['predict', file(o)]);
        if ('out' in r) {
          seen.accepted++;
          expect(allFinite(r.out), JSON.stringify(r.out).slice(0, 200)).toBe(true);
          // the estimate was consulted, and what ran was within it
          expect(budgetChecks.count).toBeGreaterThan(before);
          const cost = predictionCost(parseScenario(o));
          expect(cost.work).toBeLessThanOrEqual(WORK_LIMIT);
          expect(cost.memory).toBeLessThanOrEqual(MEMORY_LIMIT);
        } else {
          seen.refused++;
          if (r.error instanceof BudgetError) {
            seen.budget++;
            expect(r.error.estimate).toBeGreaterThan(r.error.limit);
            expect(r.error.message).toMatch(/limit/);
          }
        }
      }),
      { seed: 20261202, numRuns: 250 },
    );
    // the generator reaches both sides
    expect(seen.accepted).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(50);
  }, 60_000);

  it('tensors answers with finite numbers or refuses, within the budget', async () => {
    await fc.assert(
      fc.asyncProperty(hostileScenario, fc.integer({ min: 0, max: 7 }), async (o, k) => {
        const before = budgetChecks.count;
        const r = await attempt(['tensors', file(o), '--order', String(k)]);
        if ('out' in r) {
          expect(allFinite(r.out)).toBe(true);
          expect(budgetChecks.count).toBeGreaterThan(before);
          const sc = parseScenario(o);
          const land = makeLandscape({ weights: sc.weights, loss: sc.loss, data: sc.data });
          expect(tensorLawCost(land.dim, k, land.points.length, exprSize(land.loss)).withinLimits).toBe(true);
        }
      }),
      { seed: 7, numRuns: 120 },
    );
  }, 60_000);

  it('simulate returns statistics (null only where trajectories left the range) or refuses', async () => {
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(hostileScenario, async (o) => {
        let T: number;
        try {
          T = makePlan({ scenario: parseScenario(o), trajectories: 4, record: 3 }).T;
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          return;
        }
        if (T > 2000) return; // long runs are the progress and Ctrl-C tests' business
        const r = await attempt(['simulate', file(o), '--trajectories', '4', '--engine', 'cpu', '--record', '3']);
        if (!('out' in r)) return;
        ran++;
        const out = r.out as { mean: (number | null)[]; stderr: (number | null)[]; finite: number[] };
        out.mean.forEach((m, i) => {
          expect(m === null).toBe(out.finite[i] < 4);
          if (m !== null) expect(Number.isFinite(m) && Number.isFinite(out.stderr[i])).toBe(true);
        });
      }),
      { seed: 13, numRuns: 60 },
    );
    expect(ran).toBeGreaterThan(5);
  }, 60_000);

  it('the simulation plan of any scenario is built or refused with a named input error', () => {
    fc.assert(
      fc.property(hostileScenario, (o) => {
        try {
          const sc = parseScenario(o);
          makePlan({ scenario: sc, trajectories: 8, record: 5 });
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
