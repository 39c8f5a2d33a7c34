// The CLI's order limits read theory/orders.ts: a scenario's `order` and `diagrams --edges` stop
// at MAX_SCENARIO_ORDER (one above the explorer's MAX_ORDER), `tensors --order` (a derivative
// order) at TENSORS_MAX_ORDER, and the class counts are tabulated that far.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, TENSORS_MAX_ORDER, UsageError } from './main';
import { MAX_ORDER, MAX_SCENARIO_ORDER } from '../theory/orders';
import { CLASS_COUNTS } from '../theory/enumerate';
import { parseScenario, ScenarioError } from '../landscape/scenario';

const scenario = {
  weights: ['w'],
  init: [0.5],
  loss: 'w^3 * x',
  data: { atoms: [{ p: 1, values: { x: 1 } }] },
  schedule: { N: 1, B: 1, epochs: 1 },
  observable: 'test-loss',
};

describe('the CLI orders: one limit per concept', () => {
  it('a scenario accepts order MAX_SCENARIO_ORDER = MAX_ORDER + 1 and refuses one more', () => {
    expect(MAX_SCENARIO_ORDER).toBe(MAX_ORDER + 1);
    expect(parseScenario({ ...scenario, order: MAX_SCENARIO_ORDER }).order).toBe(MAX_SCENARIO_ORDER);
    expect(() => parseScenario({ ...scenario, order: MAX_SCENARIO_ORDER + 1 })).toThrow(ScenarioError);
    expect(() => parseScenario({ ...scenario, order: MAX_SCENARIO_ORDER + 1 })).toThrow(
      `order: expected an integer from 0 to ${MAX_SCENARIO_ORDER}`,
    );
  });

  it('diagrams --edges refuses MAX_SCENARIO_ORDER + 1, and the class counts reach MAX_SCENARIO_ORDER', async () => {
    await expect(run(['diagrams', '--edges', String(MAX_SCENARIO_ORDER + 1)])).rejects.toThrow(
      new UsageError(`--edges: expected 0..${MAX_SCENARIO_ORDER}, got ${MAX_SCENARIO_ORDER + 1}`),
    );
    for (const counts of Object.values(CLASS_COUNTS)) expect(counts.length).toBe(MAX_SCENARIO_ORDER + 1);
  });

  it('tensors --order accepts TENSORS_MAX_ORDER and refuses one more', async () => {
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'sgd-orders-')), 's.json');
    writeFileSync(f, JSON.stringify(scenario));
    const t = (await run(['tensors', f, '--order', String(TENSORS_MAX_ORDER)])) as { mean: Record<string, unknown> };
    expect(Object.keys(t.mean).map(Number)).toEqual(Array.from({ length: TENSORS_MAX_ORDER + 1 }, (_, k) => k));
    await expect(run(['tensors', f, '--order', String(TENSORS_MAX_ORDER + 1)])).rejects.toThrow(
      `--order: expected 1..${TENSORS_MAX_ORDER}`,
    );
  });
});
