// Hostile links and formulas as the page reads them: decoding never throws and keeps a state it
// can write again; whatever the writer writes, its reader reads back unchanged (fields the
// reader would refuse, like a loss over the formula limit, are left out and named instead); the
// custom-formula field answers with a scenario or a message, never an exception.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LINK, decodeLink, encodeLink, encodeLinkReport } from './permalink';
import type { LinkState } from './linkFields';
import { buildScenario } from '../scenario/scenario';
import { DEFAULT_PARAMS } from '../scenario/params';
import { FORMULA_LIMITS } from '../../landscape/formula/limits';
import { formula } from '../../landscape/testing/hostile';

const KEYS = [
  'v',
  'land',
  'lp',
  'cw',
  'ci',
  'loss',
  'eta',
  'T',
  'N',
  'B',
  'E',
  'shuf',
  'order',
  'K',
  'seed',
  'd',
  'plot',
  'bat',
  'obs',
  'w',
  'run',
  'preset',
  'zz',
];
const hostileValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '1e308',
    '-1',
    'NaN',
    'Infinity',
    '%',
    '%E0%A4%A',
    '__proto__',
    'custom',
    '0.1',
    '1|2|',
    'c(0-1)(01)',
    '9'.repeat(400),
  ),
);
const hostileHash = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), hostileValue), { maxLength: 8 })
  .map((kv) => '#' + kv.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));

describe('fuzz: permalinks', () => {
  it('decoding any hash never throws, and its state is written and read back unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(hostileHash, fc.string({ maxLength: 60 })), (hash) => {
        const d = decodeLink(hash);
        const again = decodeLink(encodeLink(d.state));
        expect(again.dropped).toEqual([]);
        expect(again.state).toEqual(d.state);
      }),
      { seed: 17, numRuns: 400 },
    );
  });

  it('what the writer writes the reader reads: a custom landscape of any size', () => {
    const custom = fc.record({
      weights: fc.oneof(fc.constantFrom('w', 'w, v', 'a,b,c'), fc.string({ maxLength: 250 })),
      init: fc.oneof(fc.constantFrom('1', '0.5, -1', '1e308'), fc.string({ maxLength: 450 })),
      loss: fc.oneof(
        formula(['w', 'x']),
        fc.integer({ min: 1, max: 6000 }).map((n) => Array.from({ length: n }, () => 'w^2').join('+')),
      ),
    });
    fc.assert(
      fc.property(custom, (c) => {
        const s: LinkState = { ...DEFAULT_LINK, landscape: 'custom', custom: c };
        const { hash, omitted } = encodeLinkReport(s);
        const d = decodeLink(hash);
        // nothing written is refused by the reader
        const written = new Set(
          hash
            .slice(1)
            .split('&')
            .map((kv) => kv.split('=')[0]),
        );
        const refused = d.dropped.filter((msg) => written.has(msg.split(':')[0]));
        expect(refused.filter((m) => !m.startsWith('w:'))).toEqual([]);
        if (c.loss.length > FORMULA_LIMITS.length) {
          expect(omitted.some((m) => m.startsWith('loss:'))).toBe(true);
        } else {
          expect(d.state.custom.loss).toBe(c.loss);
        }
      }),
      { seed: 19, numRuns: 200 },
    );
  });
});

describe('the link writer and the formula limit', () => {
  it('leaves out a custom loss over the limit and says so', () => {
    const loss = 'w^2 + '.repeat(FORMULA_LIMITS.length / 4) + 'w';
    const { hash, omitted } = encodeLinkReport({
      ...DEFAULT_LINK,
      landscape: 'custom',
      weight: 'w',
      custom: { weights: 'w', init: '1', loss },
    });
    expect(hash).not.toMatch(/loss=/);
    expect(omitted).toEqual([`loss: longer than ${FORMULA_LIMITS.length} characters`]);
    expect(decodeLink(hash).dropped).toEqual([]);
  });
});

describe('fuzz: the custom-formula field', () => {
  it('answers with a scenario or a message naming the field, never an exception', () => {
    fc.assert(
      fc.property(formula(['w', 'x']), fc.constantFrom('w', 'w, v', 'x', '', 'w,w', 'sin'), (loss, weights) => {
        const b = buildScenario({
          ...DEFAULT_PARAMS,
          landscape: 'custom',
          custom: { weights, init: '1', loss },
        });
        if (!b.ok) {
          expect(b.message.length).toBeGreaterThan(5);
          if (b.pos !== undefined) expect(b.pos).toBeGreaterThanOrEqual(0);
        }
      }),
      { seed: 23, numRuns: 300 },
    );
  });
});
