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

/** The table docs/scenario.md shows, as the descriptors say it. */
function markdownTable(): string {
  const yes = (b: boolean) => (b ? 'yes' : '—');
  const rows = OPTIMIZER_TABLE.map(
    (o) =>
      `| \`${o.id}\` | ${o.label} | ${o.title} | ${yes(o.trainingSet)} | ${yes(o.fullBatch)} | ${yes(o.hessian)} | ${o.defaultSubsteps} |`,
  );
  return [
    '| `--optimizer` | label | what it runs | training set | full batch | Hessian | default sub-steps |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

describe('the docs', () => {
  const doc = readFileSync(new URL('../../docs/scenario.md', import.meta.url), 'utf8');
  it('show the optimizer table as the descriptors say it', () => {
    expect(doc, `docs/scenario.md should contain:\n${markdownTable()}`).toContain(markdownTable());
  });
  it('name every optimizer in the simulate command', () => {
    expect(doc).toContain(`[--optimizer\n  ${OPTIMIZER_TABLE.map((o) => o.id).join('|')}]`);
  });
});
