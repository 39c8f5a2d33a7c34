// Anything the link writer writes, its reader reads back equal: a property over the permalink
// schema (every field, each within what the explorer's controls can hold and the link's limits).
// Beyond a limit (a custom loss longer than the link carries) the state is named as not carried.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObservableKind } from '../../theory/diagram';
import { enumerateDiagrams } from '../../theory/enumerate';
import { TIES_FILTERS } from '../derived/catalogue';
import { MAX_ORDER } from '../../theory/orders';
import { LANDSCAPE_CHOICES, fragmentFor, landscapeParams, type LandscapeChoice } from '../scenario/landscapes';
import { PLOT_TABS, type LinkState } from './linkFields';
import { ETA_RANGE, MAX_N, MAX_TRAJECTORIES, OPTIMIZERS } from '../scenario/params';
import { decodeLink, encodeLink, linkedPart, linkLosses } from './permalink';
import { PRESET_NAMES } from '../presets/presets';
import { FORMULA_LIMITS } from '../../landscape/formula/limits';

const OBSERVABLES: ObservableKind[] = ['test-loss', 'train-loss', 'weight', 'formula'];
const diagramsFor = (obs: ObservableKind): string[] =>
  [0, 1, 2, 3].flatMap((m) => enumerateDiagrams(m, obs).map((c) => c.notation));
const DIAGRAMS = Object.fromEntries(OBSERVABLES.map((o) => [o, diagramsFor(o)])) as Record<ObservableKind, string[]>;

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
/** Whole code points, at most `max` UTF-16 units (the link's limits count units). */
const clip = (s: string, max: number): string => {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
};
/** Any text one can type, with the characters a URL treats specially. */
const anyText = (maxLength: number) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('&', '=', '%', '#', '+', ' ', '|', ',', '.', ':', '?', '\n'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      maxLength,
    })
    .map((s) => clip(s, maxLength));

function landscapeState(land: LandscapeChoice) {
  const defs = landscapeParams(land);
  const params = fc.record(
    Object.fromEntries(
      defs.map((d) => [
        d.name,
        fc.double({ min: d.min ?? -1e6, max: d.max ?? 1e6, noNaN: true, noDefaultInfinity: true }),
      ]),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, number>>;
  const custom = fc.record({
    weights: fc.uniqueArray(identifier, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(',')),
    init: anyText(400),
    loss: anyText(2000),
  });
  return fc.record({ params, custom }).chain(({ params, custom }) => {
    let weights: string[] = [];
    try {
      weights = fragmentFor(land, params, custom).weights;
    } catch {
      weights = custom.weights.split(',');
    }
    return fc.record({ params: fc.constant(params), custom: fc.constant(custom), weight: fc.constantFrom(...weights) });
  });
}

const schedule = fc.integer({ min: 1, max: MAX_N }).chain((N) => {
  const divisors = [1, 2, 3, 4, 5, 8, 10, N].filter((b) => b <= N && N % b === 0);
  const batches = fc.option(
    fc.array(fc.uniqueArray(fc.integer({ min: 0, max: Math.min(N, 64) - 1 }), { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 40,
    }),
    { nil: null },
  );
  return fc.record({
    N: fc.constant(N),
    B: fc.constantFrom(...divisors),
    epochs: fc.integer({ min: 1, max: 1000 }),
    shuffle: fc.boolean(),
    batches,
  });
});

const linkState: fc.Arbitrary<LinkState> = fc.constantFrom(...LANDSCAPE_CHOICES).chain((landscape) =>
  fc
    .record({
      land: landscapeState(landscape),
      observable: fc.constantFrom(...OBSERVABLES),
      order: fc.integer({ min: 0, max: MAX_ORDER }),
      eta: fc.double({ min: ETA_RANGE.min, max: ETA_RANGE.max, noNaN: true }),
      schedule,
      optimizers: fc.uniqueArray(fc.constantFrom(...OPTIMIZERS.map((o) => o.id)), { maxLength: 5 }),
      trajectories: fc.integer({ min: 1, max: MAX_TRAJECTORIES }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      irreducibleOnly: fc.boolean(),
      ties: fc.constantFrom(...TIES_FILTERS.map((t) => t.value)),
      edgesPick: fc.option(fc.nat(), { nil: null }),
      diagramPick: fc.nat(),
      plot: fc.constantFrom(...PLOT_TABS),
      run: fc.boolean(),
      preset: fc.option(fc.constantFrom(...PRESET_NAMES), { nil: null }),
      quick: fc.boolean(),
      phi: fc.string({ maxLength: 60 }),
      variance: fc.boolean(),
      lr: fc.constantFrom('scalar', '0.5, 0.5, 2', '1, 0.5; 0.5, 1', '2'),
    })
    .map((r): LinkState => {
      const diagrams = DIAGRAMS[r.observable];
      return {
        landscape,
        params: r.land.params,
        custom: r.land.custom,
        weight: r.land.weight,
        observable: r.observable,
        order: r.order,
        eta: r.eta,
        ...r.schedule,
        optimizers: r.optimizers,
        trajectories: r.trajectories,
        seed: r.seed,
        irreducibleOnly: r.irreducibleOnly,
        ties: r.ties,
        edges: r.edgesPick === null ? 'all' : r.edgesPick % (r.order + 1),
        diagram: diagrams[r.diagramPick % diagrams.length],
        plot: r.plot,
        run: r.run,
        preset: r.preset,
        quick: r.quick,
        phi: r.phi,
        variance: r.variance,
        lr: r.lr,
      };
    }),
);

describe('permalink round trip (property)', () => {
  it('anything the writer writes, the reader reads back equal, with nothing dropped', () => {
    fc.assert(
      fc.property(linkState, (s) => {
        const back = decodeLink(encodeLink(s));
        expect(back.dropped).toEqual([]);
        expect(back.state).toEqual(linkedPart(s));
        expect(linkLosses(s)).toEqual([]);
      }),
      { seed: 20251202, numRuns: 300 },
    );
  });

  it('a custom loss longer than the link carries is named before the link is made', () => {
    fc.assert(
      fc.property(
        linkState,
        fc.integer({ min: FORMULA_LIMITS.length + 1, max: FORMULA_LIMITS.length * 2 }),
        (s, length) => {
          const long: LinkState = {
            ...s,
            landscape: 'custom',
            custom: { ...s.custom, loss: 'w'.repeat(length) },
            weight: s.custom.weights.split(',')[0],
            params: {},
          };
          const losses = linkLosses(long);
          expect(losses.some((l) => l.startsWith('loss:'))).toBe(true);
        },
      ),
      { seed: 7, numRuns: 30 },
    );
  });
});
