// The optimizer table is the one place an optimizer is declared: the kernel branches on every
// code (the page's list is checked in src/app/scenario/params.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPT_CODES } from './kernel';
import { OPTIMIZER_TABLE, trainLossRefusal } from './optimizers';

const step = readFileSync(new URL('../../shaders/step.wgsl', import.meta.url), 'utf8');

describe('optimizer table', () => {
  it('gives each optimizer its own kernel code, and step.wgsl a branch for each', () => {
    const codes = OPTIMIZER_TABLE.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const o of OPTIMIZER_TABLE) {
      expect(OPT_CODES[o.id]).toBe(o.code);
      expect(step, `branch for ${o.id}`).toMatch(
        new RegExp(`if \\(OPT == OPT_${o.id.toUpperCase()}\\) \\{ return update_`),
      );
    }
  });
  it('says which optimizers cannot score the train loss', () => {
    expect(OPTIMIZER_TABLE.filter((o) => trainLossRefusal(o.id) !== null).map((o) => o.id)).toEqual(['sde', 'ode']);
  });
});
